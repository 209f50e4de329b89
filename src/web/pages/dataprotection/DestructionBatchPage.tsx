import { useState } from 'react';
import { useParams } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  decideDestructionBatch,
  getDestructionBatch,
  runDestructionBatch,
  type DestructionBatch,
} from '../../../common/contracts/dataprotection.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatDateTime, formatNumber, listSeparator, turkiyeToday } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { BackLink } from '../../components/work/BackLink.tsx';
import { BatchStatus } from './destruction-parts.tsx';
import { shortRef } from './DestructionPage.tsx';
import { DateField } from '../../components/DateFields.tsx';

const KEY = '/data-protection';
const PAGE_SIZE = 50;

interface DecisionValues {
  decision: 'approve' | 'reject';
  decidedOn: string;
  decisionRef: string;
  members: string;
  note: string;
}

function DecisionForm({ batch }: { batch: DestructionBatch }) {
  const { t } = useTranslation();
  const decide = useOpMutation(decideDestructionBatch, { invalidates: [KEY] });
  const form = useForm<DecisionValues>({
    initialValues: {
      decision: 'approve',
      decidedOn: turkiyeToday(),
      decisionRef: '',
      members: '',
      note: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['decidedOn', 'decisionRef', 'members', 'note']);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        clear();
        decide
          .mutateAsync({
            params: { id: batch.id },
            query: { page: 1, pageSize: PAGE_SIZE },
            body: {
              decision: v.decision,
              decidedOn: v.decidedOn,
              decisionRef: v.decisionRef.trim(),
              members: v.members
                .split('\n')
                .map((m) => m.trim())
                .filter(Boolean),
              note: v.note.trim() || null,
            },
          })
          .catch(handle);
      })}
    >
      <Stack gap="sm">
        <Text size="sm">{t('dataProtection.destruction.committeeHelp')}</Text>
        <SegmentedControl
          aria-label={t('dataProtection.destruction.decision')}
          data={[
            { value: 'approve', label: t('dataProtection.destruction.approve') },
            { value: 'reject', label: t('dataProtection.destruction.reject') },
          ]}
          {...form.getInputProps('decision')}
        />
        <Group grow align="flex-start">
          <DateField required label={t('dataProtection.destruction.decidedOn')} {...form.getInputProps('decidedOn')} />
          <TextInput
            required
            label={t('dataProtection.destruction.decisionRef')}
            {...form.getInputProps('decisionRef')}
          />
        </Group>
        <Textarea
          required={form.values.decision === 'approve'}
          autosize
          minRows={3}
          label={t('dataProtection.destruction.members')}
          description={t('dataProtection.destruction.membersHint')}
          {...form.getInputProps('members')}
        />
        <Textarea
          required={form.values.decision === 'reject'}
          autosize
          minRows={2}
          label={t('dataProtection.destruction.note')}
          {...form.getInputProps('note')}
        />
        <ProblemAlert problem={problem} />
        <Group>
          <Button type="submit" loading={decide.isPending} data-testid="record-decision">
            {t('dataProtection.destruction.recordDecision')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A destruction batch: the dry run, the committee's decision, the run and its outcome per record. */
export function DestructionBatchPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const batch = useOp(
    getDestructionBatch,
    { params: { id }, query: { page, pageSize: PAGE_SIZE } },
    {
      placeholderData: keepPreviousData,
      refetchInterval: (q) => (q.state.data?.status === 'running' ? 3000 : false),
    },
  );
  const run = useOpMutation(runDestructionBatch, { invalidates: [KEY] });
  const [problem, setProblem] = useState<ReturnType<typeof toProblem> | null>(null);
  if (batch.isPending) return <InlineLoader />;
  if (batch.error) return <LoadError problem={toProblem(batch.error)} onRetry={() => void batch.refetch()} />;
  const b = batch.data;
  const toRun = b.itemCount - b.heldCount;
  return (
    <Stack>
      <BackLink to="/data-protection/destruction" label={t('dataProtection.destruction.back')} />
      <PageHeader
        title={t('dataProtection.destruction.batchTitle', { date: formatDate(b.asOf) })}
        description={t('dataProtection.destruction.dryRunHint')}
      />
      <Group gap="xs">
        <BatchStatus status={b.status} />
        <Text size="sm">
          {t('dataProtection.destruction.rulesApplied', {
            followUp: b.rules.followUpMonths,
            returnToAid: b.rules.returnToAidMonths,
            years: b.rules.statutoryYears,
          })}
        </Text>
        {b.walkInsDue || b.walkInsCleared ? (
          <Text size="sm" data-testid="batch-walk-ins">
            {t('dataProtection.destruction.walkIns', { due: b.walkInsDue, cleared: b.walkInsCleared })}
          </Text>
        ) : null}
        {b.heldCount ? (
          <Text size="sm" c="dimmed">
            {t('dataProtection.destruction.heldCount', { count: b.heldCount })}
          </Text>
        ) : null}
      </Group>

      <Card withBorder component="section" aria-labelledby="batch-decision">
        <Stack gap="sm">
          <Title order={2} size="h4" id="batch-decision">
            {t('dataProtection.destruction.decision')}
          </Title>
          {b.status === 'proposed' ? (
            <DecisionForm batch={b} />
          ) : b.decidedOn ? (
            <Stack gap={4}>
              <Text size="sm" data-testid="decision-summary">
                {t('dataProtection.destruction.decidedBy', {
                  date: formatDate(b.decidedOn),
                  ref: b.decisionRef ?? '',
                  by: b.decidedBy ?? '—',
                })}
              </Text>
              <Text size="sm">
                {t('dataProtection.destruction.members')}: {b.committeeMembers.join(listSeparator())}
              </Text>
              {b.decisionNote ? <Text size="sm">{b.decisionNote}</Text> : null}
            </Stack>
          ) : null}
          {b.status === 'approved' ? (
            <Group>
              <Button color="red.8" onClick={() => setConfirming(true)} data-testid="run-batch">
                {t('dataProtection.destruction.run')}
              </Button>
            </Group>
          ) : null}
          {b.status === 'running' ? (
            <Alert color="violet" role="status">
              {t('dataProtection.destruction.running')}
            </Alert>
          ) : null}
          {b.status === 'carried-out' && b.runCompletedAt ? (
            <Alert color="teal" role="status" data-testid="run-done">
              {formatDateTime(b.runCompletedAt)} —{' '}
              {t('dataProtection.destruction.done', {
                destroyed: formatNumber(b.destroyedCount),
                skipped: formatNumber(b.skippedCount),
              })}
            </Alert>
          ) : null}
          <ProblemAlert problem={problem} />
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="batch-items">
        <Stack gap="sm">
          <Title order={2} size="h4" id="batch-items">
            {t('dataProtection.destruction.dryRun')}
          </Title>
          {b.items.length === 0 ? (
            <Empty title={t('dataProtection.destruction.noItems')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped data-testid="batch-items">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('dataProtection.destruction.record')}</Table.Th>
                      <Table.Th>{t('dataProtection.destruction.office')}</Table.Th>
                      <Table.Th>{t('dataProtection.destruction.basis')}</Table.Th>
                      <Table.Th>{t('dataProtection.destruction.dueOn')}</Table.Th>
                      <Table.Th>{t('dataProtection.destruction.held')}</Table.Th>
                      <Table.Th>{t('dataProtection.destruction.outcome')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.items.map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Td ff="monospace">{shortRef(i.subjectRef)}</Table.Td>
                        <Table.Td>{i.office ?? '—'}</Table.Td>
                        <Table.Td>
                          {t(`dataProtection.destruction.bases.${i.basis}`)} · {formatDate(i.basisDate)}
                        </Table.Td>
                        <Table.Td>{formatDate(i.dueOn)}</Table.Td>
                        <Table.Td>
                          {i.heldReason ? t(`dataProtection.destruction.holdReasons.${i.heldReason}`) : ''}
                        </Table.Td>
                        <Table.Td>
                          {t(`dataProtection.destruction.outcomes.${i.outcome}`)}
                          {i.outcomeReason
                            ? ` — ${t(`dataProtection.destruction.holdReasons.${i.outcomeReason}`)}`
                            : ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager list={{ ...b, total: b.itemsTotal }} onChange={setPage} />
            </>
          )}
        </Stack>
      </Card>
      <ConfirmDialog
        opened={confirming}
        title={t('dataProtection.destruction.confirmRunTitle')}
        message={t('dataProtection.destruction.runConfirm', { count: toRun })}
        confirmLabel={t('dataProtection.destruction.run')}
        danger
        loading={run.isPending}
        onConfirm={() => {
          setProblem(null);
          run
            .mutateAsync({ params: { id: b.id }, query: { page, pageSize: PAGE_SIZE }, body: { confirm: true } })
            .catch((err: unknown) => setProblem(toProblem(err)))
            .finally(() => setConfirming(false));
        }}
        onCancel={() => setConfirming(false)}
      />
    </Stack>
  );
}
