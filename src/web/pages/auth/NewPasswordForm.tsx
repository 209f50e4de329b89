import { useState } from 'react';
import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../common/contact.ts';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { PasswordStrength } from '../../components/PasswordStrength.tsx';

/** A new password twice, with a strength hint; `onSubmit` sends it and may throw a problem. */
export function NewPasswordForm({
  submitLabel,
  onSubmit,
}: {
  submitLabel: string;
  onSubmit: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (v) => (v.length >= PASSWORD_MIN_LENGTH ? null : t('password.tooShort', { min: PASSWORD_MIN_LENGTH })),
      repeat: (v, values) => (v === values.password ? null : t('password.mismatch')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['password']);

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    clear();
    try {
      await onSubmit(values.password);
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert problem={problem} />
        <PasswordInput
          label={t('password.new')}
          description={t('password.advice', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          aria-describedby="password-strength"
          {...form.getInputProps('password')}
        />
        <PasswordStrength password={form.values.password} id="password-strength" />
        <PasswordInput
          label={t('password.repeat')}
          autoComplete="new-password"
          required
          {...form.getInputProps('repeat')}
        />
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
