import { useState } from 'react';
import { keepPreviousData, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import * as op from '../../../common/contracts/jobs.ts';
import type { FailureKind, JobFailure, QueueName } from '../../../common/contracts/jobs.ts';
import { callOp, useOp } from '../../api/ops.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { Pager } from '../../components/Pager.tsx';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';

const PAGE_SIZE = 25;
const COUNTS = ['queued', 'deferred', 'active', 'retrying', 'deadLettered', 'completed'] as const;

function queueName(t: TFunction, name: string): string {
  return t(`admin.jobs.queueNames.${name}`, { defaultValue: name });
}

function QueuesCard() {
  const { t } = useTranslation();
  const queues = useOp(op.listQueues, undefined, { refetchInterval: 15_000 });
  let body;
  if (queues.isPending) body = <InlineLoader />;
  else if (queues.error) body = <LoadError problem={toProblem(queues.error)} onRetry={() => void queues.refetch()} />;
  else
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" data-testid="job-queues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.jobs.queue')}</Table.Th>
              {COUNTS.map((c) => (
                <Table.Th key={c} style={{ textAlign: 'end' }}>
                  {t(`admin.jobs.counts.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queues.data.items.map((q) => (
              <Table.Tr key={q.name} data-queue={q.name}>
                <Table.Td>
                  <Text fw={600}>{queueName(t, q.name)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`admin.jobs.queuePurposes.${q.name}`, { defaultValue: q.purpose })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {q.schedule
                      ? t(`admin.jobs.schedules.${q.name}`, { defaultValue: q.schedule })
                      : t('admin.jobs.onDemand')}
                    {' · '}
                    {t('admin.jobs.retryLimit', { limit: formatNumber(q.retryLimit) })}
                  </Text>
                </Table.Td>
                {COUNTS.map((c) => (
                  <Table.Td key={c} style={{ textAlign: 'end' }} data-count={c}>
                    {c === 'deadLettered' && q[c] > 0 ? (
                      <Badge color="red.8" variant="filled">
                        {formatNumber(q[c])}
                      </Badge>
                    ) : c === 'retrying' && q[c] > 0 ? (
                      <Badge color="yellow.9" variant="outline">
                        {formatNumber(q[c])}
                      </Badge>
                    ) : (
                      formatNumber(q[c])
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('admin.jobs.queuesTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('admin.jobs.queuesText')}
        </Text>
        {body}
      </Stack>
    </Card>
  );
}

type PendingAction = { kind: 'retry' | 'delete'; failure: JobFailure };

function FailuresCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<FailureKind>('dead-lettered');
  const [queue, setQueue] = useState<QueueName | null>(null);
  const [page, setPage] = useState(1);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const query = { kind, queue, page, pageSize: PAGE_SIZE };
  const queues = useOp(op.listQueues, undefined);
  const failures = useOp(op.listJobFailures, { query }, { placeholderData: keepPreviousData, refetchInterval: 15_000 });
  const act = useMutation({
    mutationFn: ({ kind: action, failure }: PendingAction) =>
      action === 'retry'
        ? callOp(op.retryJobFailure, { params: { id: failure.id } })
        : callOp(op.deleteJobFailure, { params: { id: failure.id } }),
    onSuccess: async (_result, { kind: action }) => {
      setPending(null);
      notifySuccess(t(action === 'retry' ? 'admin.jobs.retried' : 'admin.jobs.deleted'));
      await client.invalidateQueries({ queryKey: ['background-jobs'] });
    },
    onError: (err) => notifyProblem(err),
  });

  let body;
  if (failures.isPending) body = <InlineLoader />;
  else if (failures.error)
    body = <LoadError problem={toProblem(failures.error)} onRetry={() => void failures.refetch()} />;
  else if (failures.data.items.length === 0)
    body = (
      <Empty
        title={t(kind === 'dead-lettered' ? 'admin.jobs.noDeadLetters' : 'admin.jobs.noRetrying')}
        description={t('admin.jobs.noFailuresText')}
      />
    );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" data-testid="job-failures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(kind === 'dead-lettered' ? 'admin.jobs.failedAt' : 'admin.jobs.nextAttempt')}</Table.Th>
                <Table.Th>{t('admin.jobs.queue')}</Table.Th>
                <Table.Th>{t('admin.jobs.error')}</Table.Th>
                <Table.Th>{t('admin.jobs.attempts')}</Table.Th>
                <Table.Th>{t('admin.jobs.payload')}</Table.Th>
                {kind === 'dead-lettered' ? <Table.Th>{t('admin.jobs.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failures.data.items.map((f) => (
                <Table.Tr key={f.id} data-failure={f.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={t('admin.jobs.queuedAt', { at: formatDateTime(f.queuedAt) })}>
                      <span>{formatDateTime(f.at)}</span>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>{queueName(t, f.queue)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" className="ltr" style={{ wordBreak: 'break-word' }}>
                      {f.error ?? t('admin.jobs.noError')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(f.attempts)}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {Object.entries(f.payload).map(([key, id]) => (
                        <Text key={key} size="xs" c="dimmed" className="ltr">
                          {key}: {id}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  {kind === 'dead-lettered' ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setPending({ kind: 'retry', failure: f })}
                          aria-label={t('admin.jobs.retryFor', { queue: queueName(t, f.queue) })}
                        >
                          {t('admin.jobs.retry')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red.8"
                          onClick={() => setPending({ kind: 'delete', failure: f })}
                          aria-label={t('admin.jobs.deleteFor', { queue: queueName(t, f.queue) })}
                        >
                          {t('admin.jobs.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={failures.data} onChange={setPage} />
      </>
    );

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('admin.jobs.failuresTitle')}
        </Title>
        <FilterPanel active={queue ? 1 : 0}>
          <SegmentedControl
            aria-label={t('admin.jobs.kind')}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            data={[
              { value: 'dead-lettered', label: t('admin.jobs.kinds.dead-lettered') },
              { value: 'retrying', label: t('admin.jobs.kinds.retrying') },
            ]}
          />
          <Select
            label={t('admin.jobs.queue')}
            data={(queues.data?.items ?? []).map((q) => ({ value: q.name, label: queueName(t, q.name) }))}
            value={queue}
            onChange={(v) => {
              setQueue(v);
              setPage(1);
            }}
            clearable
            placeholder={t('common.all')}
            w={{ base: '100%', sm: 260 }}
          />
        </FilterPanel>
        {body}
      </Stack>
      <ConfirmDialog
        opened={pending !== null}
        title={t(pending?.kind === 'delete' ? 'admin.jobs.deleteTitle' : 'admin.jobs.retryTitle')}
        message={t(pending?.kind === 'delete' ? 'admin.jobs.deleteConfirm' : 'admin.jobs.retryConfirm', {
          queue: pending ? queueName(t, pending.failure.queue) : '',
        })}
        confirmLabel={t(pending?.kind === 'delete' ? 'admin.jobs.delete' : 'admin.jobs.retry')}
        danger={pending?.kind === 'delete'}
        loading={act.isPending}
        onConfirm={() => pending && act.mutate(pending)}
        onCancel={() => setPending(null)}
      />
    </Card>
  );
}

/** Admin → Background jobs: the queues with their counts, and the jobs that failed. */
export function BackgroundJobsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader title={t('admin.jobs.title')} description={t('admin.jobs.description')} />
      <QueuesCard />
      <FailuresCard />
    </Stack>
  );
}
