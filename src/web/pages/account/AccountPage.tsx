import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { roleName } from '../admin/labels.ts';
import { MfaSection } from './MfaSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';

function Field({ label, value, ltr }: { label: string; value: string | null; ltr?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text className={ltr && value ? 'ltr' : undefined}>{value ?? t('common.none')}</Text>
    </Stack>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <Card withBorder padding="lg" component="section" aria-labelledby="profile-title">
        <Title order={2} size="h4" id="profile-title" mb="md">
          {t('account.profile')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Field label={t('account.name')} value={me.fullName} />
          <Field label={t('account.kind')} value={t(`admin.users.kinds.${me.kind}`)} />
          <Field label={t('auth.email')} value={me.email} ltr />
          <Field label={t('account.phone')} value={me.phone} ltr />
          <Field label={t('account.organisation')} value={me.organisation.name} />
          <Field label={t('account.office')} value={me.office?.name ?? null} />
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('account.roles')}
            </Text>
            <Group gap="xs">
              {me.roles.map((r) => (
                <Badge key={r.id} variant="outline" color="indigo.8">
                  {roleName(r)}
                </Badge>
              ))}
            </Group>
          </Stack>
        </SimpleGrid>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="language-title">
        <Title order={2} size="h4" id="language-title" mb="xs">
          {t('common.language')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('account.languageText')}
        </Text>
        <Group>
          <LanguageSwitch />
        </Group>
      </Card>
      {me.kind !== 'seeker' ? <PasswordSection /> : null}
      {me.kind === 'staff' ? <MfaSection /> : null}
      <SessionsSection />
    </Stack>
  );
}
