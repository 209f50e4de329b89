import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  getRetention,
  listDestructionBatches,
  listDestructionRecords,
  listDueDestruction,
  proposeDestructionBatch,
  updateRetention,
  type RetentionRules,
} from '../../../common/contracts/dataprotection.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatDateTime, formatNumber } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { BatchStatus } from './destruction-parts.tsx';

const KEY = '/data-protection';
const RULE_FIELDS = [
  'followUpMonths',
  'returnToAidMonths',
  'statutoryYears',
  'noCaseMonths',
  'intervalMonths',
  'fairWalkInMonths',
] as const;
const LIMITS: Record<(typeof RULE_FIELDS)[number], [number, number]> = {
  followUpMonths: [0, 60],
  returnToAidMonths: [0, 60],
  statutoryYears: [0, 30],
  noCaseMonths: [1, 120],
  intervalMonths: [1, 6],
  fairWalkInMonths: [0, 60],
};
/** The record's id, shortened for reading: the desk shows no names. */
export const shortRef = (id: string) => id.slice(0, 8);

function RulesForm({ rules, onSaved }: { rules: RetentionRules; onSaved: () => void }) {
  const { t } = useTranslation();
  const save = useOpMutation(updateRetention, { invalidates: [KEY] });
  const form = useForm<RetentionRules>({ initialValues: rules });
  const { problem, handle, clear } = useFormProblem(form, RULE_FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        clear();
        save.mutateAsync({ body: v }).then(onSaved, handle);
      })}
      noValidate
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
          {RULE_FIELDS.map((f) => (
            <NumberInput
              key={f}
              label={t(`dataProtection.destruction.${f}`)}
              min={LIMITS[f][0]}
              max={LIMITS[f][1]}
              allowDecimal={false}
              {...form.getInputProps(f)}
            />
          ))}
        </SimpleGrid>
        <ProblemAlert problem={problem} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t('dataProtection.destruction.saveRules')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DueList() {
  const { t } = useTranslation();
  const [horizon, setHorizon] = useState('6');
  const [page, setPage] = useState(1);
  const due = useOp(
    listDueDestruction,
    { query: { horizonMonths: Number(horizon), page, pageSize: 25 } },
    { placeholderData: keepPreviousData },
  );
  let body;
  if (due.isPending) body = <InlineLoader />;
  else if (due.error) body = <LoadError problem={toProblem(due.error)} onRetry={() => void due.refetch()} />;
  else if (due.data.items.length === 0)
    body = (
      <Empty
        title={t('dataProtection.destruction.dueEmpty')}
        description={t('dataProtection.destruction.dueEmptyText')}
      />
    );
  else
    body = (
      <>
        <Text size="sm" data-testid="due-overdue">
          {t('dataProtection.destruction.overdue', { count: due.data.overdue })}
        </Text>
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="due-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dataProtection.destruction.record')}</Table.Th>
                <Table.Th>{t('dataProtection.destruction.office')}</Table.Th>
                <Table.Th>{t('dataProtection.destruction.basis')}</Table.Th>
                <Table.Th>{t('dataProtection.destruction.dueOn')}</Table.Th>
                <Table.Th>{t('dataProtection.destruction.held')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.data.items.map((d) => (
                <Table.Tr key={d.subjectRef}>
                  <Table.Td ff="monospace">{shortRef(d.subjectRef)}</Table.Td>
                  <Table.Td>{d.office ?? '—'}</Table.Td>
                  <Table.Td>
                    {t(`dataProtection.destruction.bases.${d.basis}`)} · {formatDate(d.basisDate)}
                  </Table.Td>
                  <Table.Td>{formatDate(d.dueOn)}</Table.Td>
                  <Table.Td>{d.heldReason ? t(`dataProtection.destruction.holdReasons.${d.heldReason}`) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={due.data} onChange={setPage} />
      </>
    );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4" id="dp-due">
          {t('dataProtection.destruction.due')}
        </Title>
        <Select
          label={t('dataProtection.destruction.horizon')}
          w={160}
          value={horizon}
          allowDeselect={false}
          onChange={(v) => {
            setHorizon(v ?? '6');
            setPage(1);
          }}
          data={['0', '3', '6', '12', '24'].map((m) => ({
            value: m,
            label: t('dataProtection.destruction.horizonMonths', { count: Number(m) }),
          }))}
        />
      </Group>
      {body}
    </Stack>
  );
}

function Batches() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const batches = useOp(
    listDestructionBatches,
    { query: { page, pageSize: 10 } },
    { placeholderData: keepPreviousData },
  );
  const propose = useOpMutation(proposeDestructionBatch, { invalidates: [KEY] });
  const [problem, setProblem] = useState<ReturnType<typeof toProblem> | null>(null);
  let body;
  if (batches.isPending) body = <InlineLoader />;
  else if (batches.error)
    body = <LoadError problem={toProblem(batches.error)} onRetry={() => void batches.refetch()} />;
  else if (batches.data.items.length === 0)
    body = (
      <Empty
        title={t('dataProtection.destruction.batchesEmpty')}
        description={t('dataProtection.destruction.batchesEmptyText')}
      />
    );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dataProtection.destruction.asOf')}</Table.Th>
                <Table.Th>{t('dataProtection.destruction.items')}</Table.Th>
                <Table.Th>{t('dataProtection.destruction.proposedBy')}</Table.Th>
                <Table.Th>{t('dataProtection.desk.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.items.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/data-protection/destruction/${b.id}`}>
                      {formatDate(b.asOf)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatNumber(b.itemCount)}</Table.Td>
                  <Table.Td>{b.proposedBy ?? t('dataProtection.destruction.scheduledJob')}</Table.Td>
                  <Table.Td>
                    <BatchStatus status={b.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={batches.data} onChange={setPage} />
      </>
    );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('dataProtection.destruction.batches')}
        </Title>
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          variant="light"
          loading={propose.isPending}
          onClick={() => {
            setProblem(null);
            propose.mutateAsync(undefined as never).then(
              (b) => void navigate(`/data-protection/destruction/${b.id}`),
              (err: unknown) => setProblem(toProblem(err)),
            );
          }}
        >
          {t('dataProtection.destruction.propose')}
        </Button>
      </Group>
      <ProblemAlert problem={problem} />
      {body}
    </Stack>
  );
}

function Records() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const records = useOp(
    listDestructionRecords,
    { query: { page, pageSize: 10 } },
    { placeholderData: keepPreviousData },
  );
  if (records.isPending) return <InlineLoader />;
  if (records.error) return <LoadError problem={toProblem(records.error)} onRetry={() => void records.refetch()} />;
  if (records.data.items.length === 0) return <Empty title={t('dataProtection.destruction.recordsEmpty')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="destruction-records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataProtection.destruction.performedAt')}</Table.Th>
              <Table.Th>{t('dataProtection.destruction.record')}</Table.Th>
              <Table.Th>{t('dataProtection.destruction.source')}</Table.Th>
              <Table.Th>{t('dataProtection.destruction.summary')}</Table.Th>
              <Table.Th>{t('dataProtection.destruction.performedBy')}</Table.Th>
              <Table.Th>{t('dataProtection.destruction.keepUntil')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.performedAt)}</Table.Td>
                <Table.Td ff="monospace">{shortRef(r.subjectRef)}</Table.Td>
                <Table.Td>
                  {r.requestId ? (
                    <Anchor component={Link} to={`/data-protection/requests/${r.requestId}`}>
                      {t('dataProtection.destruction.fromRequest')}
                    </Anchor>
                  ) : r.batchId ? (
                    <Anchor component={Link} to={`/data-protection/destruction/${r.batchId}`}>
                      {t('dataProtection.destruction.fromBatch')}
                    </Anchor>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {Object.entries(r.summary)
                      .filter(([, n]) => n > 0)
                      .map(
                        ([k, n]) =>
                          `${t(`dataProtection.destruction.counts.${k}`, { defaultValue: k })}: ${formatNumber(n)}`,
                      )
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>{r.performedBy ?? '—'}</Table.Td>
                <Table.Td>{formatDate(r.keepUntil)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager list={records.data} onChange={setPage} />
    </>
  );
}

/** Retention rules, what is due next, the destruction batches and the destruction records. */
export function DestructionPage() {
  const { t } = useTranslation();
  const retention = useOp(getRetention, undefined);
  const [saved, setSaved] = useState(false);
  return (
    <Stack>
      <PageHeader
        title={t('dataProtection.destruction.title')}
        description={t('dataProtection.destruction.description')}
      />
      <Card withBorder component="section" aria-labelledby="dp-rules">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="dp-rules">
              {t('dataProtection.destruction.rules')}
            </Title>
            {retention.data ? (
              <Group gap="xs">
                {retention.data.lastBatchOn ? (
                  <Badge variant="outline" color="gray.7">
                    {t('dataProtection.destruction.lastBatch', { date: formatDate(retention.data.lastBatchOn) })}
                  </Badge>
                ) : null}
                <Badge variant="outline" color="blue.8" data-testid="next-batch">
                  {t('dataProtection.destruction.nextBatch', { date: formatDate(retention.data.nextBatchOn) })}
                </Badge>
              </Group>
            ) : null}
          </Group>
          {retention.isPending ? (
            <InlineLoader />
          ) : retention.error ? (
            <LoadError problem={toProblem(retention.error)} onRetry={() => void retention.refetch()} />
          ) : (
            <RulesForm
              key={retention.data.updatedAt ?? 'defaults'}
              rules={retention.data.rules}
              onSaved={() => setSaved(true)}
            />
          )}
          {saved ? (
            <Text size="sm" c="teal.9" role="status">
              {t('dataProtection.destruction.rulesSaved')}
            </Text>
          ) : null}
        </Stack>
      </Card>
      <Card withBorder component="section">
        <Batches />
      </Card>
      <Card withBorder component="section" aria-labelledby="dp-due">
        <DueList />
      </Card>
      <Card withBorder component="section" aria-labelledby="dp-records">
        <Stack gap="sm">
          <Title order={2} size="h4" id="dp-records">
            {t('dataProtection.destruction.records')}
          </Title>
          <Records />
        </Stack>
      </Card>
    </Stack>
  );
}
