import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { looksLikeEmail } from '../../../common/contact.ts';
import { useOpMutation } from '../../api/ops.ts';
import { requestPasswordReset } from '../../../common/contracts/identity.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const requesting = useOpMutation(requestPasswordReset);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: (v) => (looksLikeEmail(v) ? null : t('errors.validation.format.email')) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['email']);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      await requesting.mutateAsync({ body: { email: values.email.trim() } });
      setSent(true);
    } catch (err) {
      handle(err);
    }
  });

  return (
    <AuthLayout title={t('auth.forgotTitle')} subtitle={t('auth.forgotText')}>
      {sent ? (
        <Stack>
          <Alert color="teal" variant="light" icon={<IconMailCheck aria-hidden />} role="status">
            {t('auth.forgotSent')}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <ProblemAlert problem={problem} />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Group justify="space-between">
              <Anchor component={Link} to="/sign-in" size="sm">
                {t('auth.backToSignIn')}
              </Anchor>
              <Button type="submit" loading={requesting.isPending}>
                {t('auth.sendLink')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
