import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRefreshMe } from '../../api/session.ts';
import { useSignOut } from '../../app/signOut.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { RecoveryCodes, TotpEnrolment } from '../../components/Totp.tsx';

/** The organisation requires two-step verification: set it up before going on. */
export function EnrolPage() {
  const { t } = useTranslation();
  const refreshMe = useRefreshMe();
  const signOut = useSignOut();
  const [codes, setCodes] = useState<string[] | null>(null);

  // The reloaded session is active: StageOnly (app/routes.tsx) takes the person on from there.
  async function done() {
    await refreshMe();
  }

  return (
    <AuthLayout title={t('mfa.enrolTitle')} subtitle={t('mfa.enrolText')}>
      <Stack>
        {codes ? <RecoveryCodes codes={codes} onDone={() => void done()} /> : <TotpEnrolment onEnrolled={setCodes} />}
        {codes ? null : (
          <Group justify="flex-start">
            <Button variant="subtle" onClick={() => void signOut()}>
              {t('auth.cancelSignIn')}
            </Button>
          </Group>
        )}
      </Stack>
    </AuthLayout>
  );
}
