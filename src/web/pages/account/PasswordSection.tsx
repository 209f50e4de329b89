import { Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../common/contact.ts';
import { useOpMutation } from '../../api/ops.ts';
import { changePassword } from '../../../common/contracts/identity.ts';
import { PasswordStrength } from '../../components/PasswordStrength.tsx';
import { notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';

export function PasswordSection() {
  const { t } = useTranslation();
  const changing = useOpMutation(changePassword);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('errors.validation.required')),
      newPassword: (v) =>
        v.length >= PASSWORD_MIN_LENGTH ? null : t('password.tooShort', { min: PASSWORD_MIN_LENGTH }),
      repeat: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['currentPassword', 'newPassword']);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      await changing.mutateAsync({
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      form.reset();
      notifySuccess(t('account.passwordChanged'));
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="password-title">
      <Title order={2} size="h4" id="password-title" mb="xs">
        {t('account.changePassword')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('account.changePasswordText')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <ProblemAlert problem={problem} />
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.advice', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordStrength password={form.values.newPassword} />
          <PasswordInput
            label={t('password.repeat')}
            autoComplete="new-password"
            required
            {...form.getInputProps('repeat')}
          />
          <div>
            <Button type="submit" loading={changing.isPending}>
              {t('account.changePassword')}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
