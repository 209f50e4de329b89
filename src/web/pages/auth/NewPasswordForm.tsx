import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../common/contact.ts';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { PasswordStrength } from '../../components/PasswordStrength.tsx';

/**
 * A new password twice, with a strength hint; `onSubmit` sends it (a mutation's `mutateAsync`) and may
 * reject with a problem, `busy` is that mutation's `isPending`.
 */
export function NewPasswordForm({
  submitLabel,
  onSubmit,
  busy,
}: {
  submitLabel: string;
  onSubmit: (password: string) => Promise<unknown>;
  busy: boolean;
}) {
  const { t } = useTranslation();
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
    clear();
    try {
      await onSubmit(values.password);
    } catch (err) {
      handle(err);
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
