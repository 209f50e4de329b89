import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { resetPassword } from '../../../common/contracts/identity.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { NewPasswordForm } from './NewPasswordForm.tsx';
import { useFragmentToken } from './token.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [done, setDone] = useState(false);
  const reset = useOpMutation(resetPassword, { onSuccess: () => setDone(true) });

  return (
    <AuthLayout title={t('auth.resetTitle')} subtitle={done || !token ? undefined : t('auth.resetText')}>
      {!token ? (
        <Stack>
          <Alert color="red" variant="light" role="alert">
            {t('errors.auth.linkExpired')}
          </Alert>
          <Anchor component={Link} to="/forgot-password">
            {t('auth.requestNewLink')}
          </Anchor>
        </Stack>
      ) : done ? (
        <Stack>
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
            {t('auth.resetDone')}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      ) : (
        <NewPasswordForm
          submitLabel={t('auth.resetSubmit')}
          onSubmit={(password) => reset.mutateAsync({ body: { token, password } })}
          busy={reset.isPending}
        />
      )}
    </AuthLayout>
  );
}
