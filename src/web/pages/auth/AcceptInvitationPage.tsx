import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { acceptInvitation, inspectInvitation } from '../../../common/contracts/identity.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ProblemAlert, toProblem } from '../../components/problems.tsx';
import { InlineLoader } from '../../components/ui.tsx';
import { NewPasswordForm } from './NewPasswordForm.tsx';
import { useFragmentToken } from './token.ts';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [done, setDone] = useState(false);
  const invitation = useOp(
    inspectInvitation,
    { body: { token: token ?? '' } },
    { enabled: Boolean(token), retry: false, staleTime: Infinity },
  );
  const accept = useOpMutation(acceptInvitation, { onSuccess: () => setDone(true) });

  let content;
  if (!token) {
    content = (
      <Alert color="red" variant="light" role="alert">
        {t('errors.auth.linkExpired')}
      </Alert>
    );
  } else if (invitation.isPending) {
    content = <InlineLoader />;
  } else if (invitation.error) {
    content = <ProblemAlert problem={toProblem(invitation.error)} />;
  } else if (done) {
    content = (
      <Stack>
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {t('invitation.done')}
        </Alert>
        <Anchor component={Link} to="/sign-in">
          {t('auth.goToSignIn')}
        </Anchor>
      </Stack>
    );
  } else {
    const { fullName, organisation, email } = invitation.data;
    content = (
      <Stack>
        <Text>{t('invitation.welcome', { name: fullName, organisation })}</Text>
        <Text size="sm" c="dimmed">
          {t('invitation.account')} <span className="ltr">{email}</span>
        </Text>
        <NewPasswordForm
          submitLabel={t('invitation.submit')}
          onSubmit={(password) => accept.mutateAsync({ body: { token, password } })}
          busy={accept.isPending}
        />
      </Stack>
    );
  }

  return (
    <AuthLayout title={t('invitation.title')}>
      <Stack>{content}</Stack>
    </AuthLayout>
  );
}
