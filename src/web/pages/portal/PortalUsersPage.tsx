import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/session.ts';
import { PageHeader } from '../../components/ui.tsx';
import { EmployerUsersCard } from '../employers/EmployerUsersCard.tsx';

/** The employer's own portal users; managers invite and remove colleagues (the server says who may). */
export function PortalUsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack gap="md">
      <PageHeader title={t('portal.users.pageTitle')} description={t('portal.users.description')} />
      <EmployerUsersCard canWrite selfId={me.id} />
    </Stack>
  );
}
