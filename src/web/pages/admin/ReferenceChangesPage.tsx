import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Badge, Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { listReferenceChanges } from '../../../common/contracts/reference.ts';
import { formatDate, formatDateTime, formatNumber, listSeparator } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';

const PAGE_SIZE = 25;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A logged value as the reader writes it: dates, numbers and yes/no in the active language. */
function valueText(value: unknown, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' && ISO_DATE.test(value)) return formatDate(value);
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return formatNumber(Number(value));
  if (Array.isArray(value)) return value.map((v) => valueText(v, yes, no)).join(listSeparator());
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Values({ values, label }: { values: Record<string, unknown> | null; label: string }) {
  const { t } = useTranslation();
  if (!values || Object.keys(values).length === 0) return null;
  return (
    <Text size="xs">
      <Text span fw={600} size="xs">
        {label}:{' '}
      </Text>
      <bdi>
        {Object.entries(values)
          .map(([k, v]) => `${k} = ${valueText(v, t('persons.yes'), t('persons.no'))}`)
          .join(' · ')}
      </bdi>
    </Text>
  );
}

/**
 * The change log of platform reference data (GET /reference/changes): every change the platform
 * administrator made to holidays, minimum wages and decent-work limits, readable by every
 * organisation's admins because the data applies to all of them.
 */
export function ReferenceChangesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const changes = useOp(
    listReferenceChanges,
    { query: { page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );

  let body;
  if (changes.isPending) body = <InlineLoader />;
  else if (changes.error)
    body = <LoadError problem={toProblem(changes.error)} onRetry={() => void changes.refetch()} />;
  else if (changes.data.items.length === 0) body = <Empty title={t('admin.changes.empty')} />;
  else
    body = (
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="reference-changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.changes.when')}</Table.Th>
                <Table.Th>{t('admin.changes.who')}</Table.Th>
                <Table.Th>{t('admin.changes.dataset')}</Table.Th>
                <Table.Th>{t('admin.changes.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDateTime(c.at)}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm">{c.actorName}</Text>
                      {c.actorOrganisation ? (
                        <Text size="xs" c="dimmed">
                          {c.actorOrganisation}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{t(`admin.changes.datasets.${c.dataset}`)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">
                        <Badge variant="outline" color="indigo.8" me={6}>
                          {t(`admin.changes.actions.${c.action}`)}
                        </Badge>
                        <bdi>{ISO_DATE.test(c.subject) ? formatDate(c.subject) : c.subject}</bdi>
                      </Text>
                      <Values values={c.before} label={t('admin.changes.before')} />
                      <Values values={c.after} label={t('admin.changes.after')} />
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={changes.data} onChange={setPage} />
      </Stack>
    );

  return (
    <Stack gap="md">
      <PageHeader title={t('admin.changes.title')} description={t('admin.changes.description')} />
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
