import { Link, useParams } from 'react-router';
import { Anchor, Badge, Breadcrumbs, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDate } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { getAgreement } from '../../../common/contracts/international.ts';
import { partnerLabel } from './labels.ts';
import { FollowUpsCard } from './FollowUps.tsx';
import { AgreementDocuments } from './AgreementDocuments.tsx';

/** One agreement: its parties (each linked to its timeline), documents and follow-up actions. */
export function AgreementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const agreement = useOp(getAgreement, { params: { id } });
  useDocumentTitle(agreement.data?.title ?? t('international.title'));
  if (agreement.isPending) return <PageLoader />;
  if (agreement.error)
    return <LoadError problem={toProblem(agreement.error)} onRetry={() => void agreement.refetch()} />;
  const a = agreement.data;
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/international" size="sm">
          {t('international.title')}
        </Anchor>
        <Text size="sm">{a.title}</Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid="agreement-heading">
          {a.title}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{t(`international.agreementKinds.${a.kind}`)}</Badge>
          <Badge variant="outline">{t(`international.agreementStatuses.${a.status}`)}</Badge>
          {a.signedOn ? (
            <Text size="sm" c="dimmed">
              {t('international.fields.signedOn')}: {formatDate(a.signedOn)}
            </Text>
          ) : null}
        </Group>
      </Stack>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('international.fields.parties')}
        </Title>
        <Stack gap={4}>
          {a.parties.map((p) => (
            <Anchor
              key={p.partner.id}
              component={Link}
              to={`/international/partners/${p.partner.id}`}
              size="sm"
              data-testid="agreement-party"
            >
              {partnerLabel(p.partner)}
              {p.nameAtSigning ? ` (${t('international.nameAtSigning')}: ${p.nameAtSigning})` : ''}
            </Anchor>
          ))}
        </Stack>
        {a.scope ? (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.scope}
          </Text>
        ) : null}
      </Card>
      <AgreementDocuments agreement={a} />
      <FollowUpsCard items={a.followUps} parent={{ agreementId: a.id }} />
    </Stack>
  );
}
