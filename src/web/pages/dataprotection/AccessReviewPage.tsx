import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  accessReview,
  exportSensitiveReads,
  listSensitiveReads,
  SENSITIVE_READ_ACTIONS,
} from '../../../common/contracts/dataprotection.ts';
import { opHref, useOp } from '../../api/ops.ts';
import { formatDateTime, listSeparator } from '../../components/format.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { DateField } from '../../components/DateFields.tsx';

type ReadAction = (typeof SENSITIVE_READ_ACTIONS)[number];
const PAGE_SIZE = 50;

/** Who may read special categories or reveal ID numbers, when they last did, and the log of those reads. */
export function AccessReviewPage() {
  const { t } = useTranslation();
  const review = useOp(accessReview, undefined);
  const [action, setAction] = useState<ReadAction | null>(null);
  const [actorUserId, setActor] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const filter = { action, actorUserId, from: from || null, to: to || null };
  const reads = useOp(
    listSensitiveReads,
    { query: { ...filter, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );
  const exportQuery = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<string, string>;
  const never = <Text c="dimmed">{t('dataProtection.review.never')}</Text>;

  let holders;
  if (review.isPending) holders = <InlineLoader />;
  else if (review.error)
    holders = <LoadError problem={toProblem(review.error)} onRetry={() => void review.refetch()} />;
  else
    holders = (
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="access-holders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataProtection.review.user')}</Table.Th>
              <Table.Th>{t('dataProtection.review.rights')}</Table.Th>
              <Table.Th>{t('dataProtection.review.lastSpecial')}</Table.Th>
              <Table.Th>{t('dataProtection.review.lastReveal')}</Table.Th>
              <Table.Th>{t('dataProtection.review.lastSignIn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.data.holders.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>
                  {h.fullName}
                  {h.status !== 'active' ? (
                    <Badge ms="xs" size="sm" variant="outline" color="gray.7">
                      {t(`dataProtection.review.status.${h.status}`, { defaultValue: h.status })}
                    </Badge>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {h.roles.join(listSeparator())}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {h.permissions.map((p) => t(`permissions.${p}`, { defaultValue: p })).join(listSeparator())}
                </Table.Td>
                <Table.Td>{h.lastSpecialCategoryRead ? formatDateTime(h.lastSpecialCategoryRead) : never}</Table.Td>
                <Table.Td>{h.lastIdReveal ? formatDateTime(h.lastIdReveal) : never}</Table.Td>
                <Table.Td>{h.lastSignInAt ? formatDateTime(h.lastSignInAt) : never}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  let log;
  if (reads.isPending) log = <InlineLoader />;
  else if (reads.error) log = <LoadError problem={toProblem(reads.error)} onRetry={() => void reads.refetch()} />;
  else if (reads.data.items.length === 0) log = <Empty title={t('dataProtection.review.noReads')} />;
  else
    log = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {(['at', 'actor', 'action', 'purpose'] as const).map((c) => (
                  <Table.Th key={c}>{t(`dataProtection.reads.columns.${c}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reads.data.items.map((r, i) => (
                <Table.Tr key={`${r.at}-${i}`}>
                  <Table.Td>{formatDateTime(r.at)}</Table.Td>
                  <Table.Td>{r.actor?.name ?? '—'}</Table.Td>
                  <Table.Td>{t(`audit.actions.${r.action}`)}</Table.Td>
                  <Table.Td>{r.purpose ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={reads.data} onChange={setPage} />
      </>
    );

  return (
    <Stack>
      <PageHeader title={t('dataProtection.review.title')} description={t('dataProtection.review.description')} />
      <Card withBorder component="section" aria-labelledby="review-holders">
        <Stack gap="sm">
          <Title order={2} size="h4" id="review-holders">
            {t('dataProtection.review.holders')}
          </Title>
          {holders}
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="review-log">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="review-log">
              {t('dataProtection.review.log')}
            </Title>
            <Anchor href={opHref(exportSensitiveReads, { query: exportQuery })} download>
              <Group gap={4}>
                <IconDownload size={16} aria-hidden />
                {t('dataProtection.review.export')}
              </Group>
            </Anchor>
          </Group>
          <FilterPanel active={[action, actorUserId, from, to].filter(Boolean).length}>
            <Select
              label={t('dataProtection.reads.columns.action')}
              clearable
              value={action}
              onChange={(v) => {
                setAction(v);
                setPage(1);
              }}
              data={SENSITIVE_READ_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
            />
            <Select
              label={t('dataProtection.reads.columns.actor')}
              clearable
              searchable
              value={actorUserId}
              onChange={(v) => {
                setActor(v);
                setPage(1);
              }}
              data={(review.data?.holders ?? []).map((h) => ({ value: h.id, label: h.fullName }))}
            />
            <DateField
              filter
              label={t('dataProtection.review.from')}
              value={from}
              onChange={(v) => {
                setFrom(v);
                setPage(1);
              }}
            />
            <DateField
              filter
              label={t('dataProtection.review.to')}
              value={to}
              onChange={(v) => {
                setTo(v);
                setPage(1);
              }}
            />
          </FilterPanel>
          {log}
        </Stack>
      </Card>
    </Stack>
  );
}
