import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconInfoCircle, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDate, formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { providerPlaces, type CareEntry } from '../../../common/contracts/childcare.ts';
import { EndPlaceDialog } from './EndPlaceDialog.tsx';
import { ageRangeLabel, childcarePaths, HoursLabel, PriorityReason } from './labels.tsx';

function MotherCell({ entry }: { entry: CareEntry }) {
  const { t } = useTranslation();
  if (!entry.mother || !entry.child)
    return (
      <Text size="sm" c="dimmed">
        {t('childcare.otherOffice')}
      </Text>
    );
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/persons/${entry.mother.id}`} size="sm">
        {entry.mother.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {t('childcare.childLine', { initials: entry.child.initials, months: formatNumber(entry.child.ageMonths) })}
      </Text>
    </Stack>
  );
}

/** A provider: its details, the places given and the waiting list in its visible order. */
export function ProviderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const data = useOp(providerPlaces, { params: { id } });
  const [ending, setEnding] = useState<CareEntry | null>(null);
  useDocumentTitle(data.data?.provider.name ?? t('childcare.title'));
  if (data.isPending) return <PageLoader />;
  if (data.error) return <LoadError problem={toProblem(data.error)} onRetry={() => void data.refetch()} />;
  const { provider, allocated, waiting } = data.data;

  const endButton = (e: CareEntry) =>
    e.canManage ? (
      <Button size="xs" variant="default" onClick={() => setEnding(e)} data-testid="end-place">
        {e.status === 'waiting' ? t('childcare.withdraw') : t('childcare.end')}
      </Button>
    ) : null;

  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={childcarePaths.providers} size="sm">
          {t('childcare.title')}
        </Anchor>
        <Text size="sm">{provider.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2" data-testid="provider-name">
            {provider.name}
          </Title>
          <Group gap="xs">
            <Badge variant="outline" color="gray.8">
              {t(`childcare.kinds.${provider.kind}`)}
            </Badge>
            {!provider.active ? (
              <Badge variant="outline" color="red.9">
                {t('childcare.inactive')}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        {can('childcare:manage') ? (
          <Button
            variant="default"
            component={Link}
            to={childcarePaths.editProvider(provider.id)}
            leftSection={<IconPencil size={16} aria-hidden />}
          >
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Stat label={t('childcare.fields.district')} value={`${provider.district}, ${provider.province}`} />
          <Stat label={t('childcare.fields.ages')} value={ageRangeLabel(provider)} />
          <Stat label={t('childcare.fields.hours')} value={<HoursLabel provider={provider} />} />
          <Stat
            label={t('childcare.fields.places')}
            value={t('childcare.placesLine', {
              allocated: formatNumber(provider.allocated),
              capacity: formatNumber(provider.capacity),
              free: formatNumber(provider.free),
            })}
            testId="provider-places-line"
          />
          <Stat label={t('childcare.fields.address')} value={provider.address ?? '—'} isolate />
          <Stat label={t('childcare.fields.phone')} value={provider.phone ?? '—'} ltr />
        </SimpleGrid>
      </Card>

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('childcare.waitingList')} ({formatNumber(waiting.length)})
        </Title>
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} mb="sm">
          {t('childcare.rule')}
        </Alert>
        {waiting.length === 0 ? (
          <Empty title={t('childcare.noWaiting')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="waiting-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('childcare.fields.position')}</Table.Th>
                  <Table.Th>{t('childcare.fields.mother')}</Table.Th>
                  <Table.Th>{t('childcare.fields.reason')}</Table.Th>
                  <Table.Th>{t('childcare.fields.requestedStart')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {waiting.map((e) => (
                  <Table.Tr key={e.id} data-testid="waiting-row">
                    <Table.Td fw={700}>{formatNumber(e.position ?? 0)}</Table.Td>
                    <Table.Td>
                      <MotherCell entry={e} />
                    </Table.Td>
                    <Table.Td>
                      <PriorityReason entry={e} />
                    </Table.Td>
                    <Table.Td>{formatDate(e.requestedStart)}</Table.Td>
                    <Table.Td>{endButton(e)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('childcare.allocatedPlaces')} ({formatNumber(allocated.length)})
        </Title>
        {allocated.length === 0 ? (
          <Empty title={t('childcare.noAllocated')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="allocated-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('childcare.fields.mother')}</Table.Th>
                  <Table.Th>{t('childcare.fields.startDate')}</Table.Th>
                  <Table.Th>{t('childcare.fields.allocatedBy')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {allocated.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <MotherCell entry={e} />
                    </Table.Td>
                    <Table.Td>{formatDate(e.startDate)}</Table.Td>
                    <Table.Td>{t(`childcare.priorities.${e.priority}`)}</Table.Td>
                    <Table.Td>{endButton(e)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <EndPlaceDialog entry={ending} onClose={() => setEnding(null)} />
    </Stack>
  );
}

function Stat({
  label,
  value,
  ltr,
  isolate,
  testId,
}: {
  label: string;
  value: React.ReactNode;
  ltr?: boolean;
  /** Typed text (an address) that keeps its own direction in an Arabic page. */
  isolate?: boolean;
  testId?: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" dir={ltr ? 'ltr' : undefined} data-testid={testId}>
        {isolate ? <bdi>{value}</bdi> : value}
      </Text>
    </Stack>
  );
}
