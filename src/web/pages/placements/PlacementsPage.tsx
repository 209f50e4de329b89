import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatNumber } from '../../components/format.ts';
import { fileToBase64 } from '../../components/people/files.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { Pager } from '../../components/Pager.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/placements.ts';
import type { SgkReport } from '../../../common/contracts/placements.ts';
import { PLACEMENT_STATUSES, VERIFICATION_STATUSES } from '../../../common/placements.ts';
import { PlacementCard } from './PlacementCards.tsx';

const OUTCOME_COLOR = {
  match: 'teal.8',
  unchanged: 'gray.7',
  mismatch: 'orange.8',
  unknown: 'yellow.9',
  invalid: 'red.8',
} as const;

/**
 * The SGK hire and exit notifications file: a dry run shows what each row matched; apply changes
 * everything at once (refused while a row is invalid). The file stays in memory only.
 */
function SgkImport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SgkReport | null>(null);
  const run = useOpMutation(op.importSgkFile, { invalidates: ['/placements', '/placement-follow-ups'] });
  const { problem, handle, clear } = useFormProblem();

  async function send(apply: boolean) {
    if (!file) return;
    clear();
    try {
      const res = await run.mutateAsync({
        body: { fileName: file.name, contentBase64: await fileToBase64(file), apply },
      });
      setReport(res);
      if (apply) notifySuccess(t('placementsUi.sgk.appliedText', { n: formatNumber(res.counts.match) }));
    } catch (err) {
      handle(err);
    }
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sgk-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sgk-title">
          {t('placementsUi.sgk.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('placementsUi.sgk.text')}
        </Text>
        <Group align="flex-end">
          <FileInput
            label={t('placementsUi.sgk.file')}
            accept=".csv,.txt,.xlsx"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
              clear();
            }}
            leftSection={<IconFileImport size={16} aria-hidden />}
            w={320}
            data-testid="sgk-file"
          />
          <Button onClick={() => void send(false)} disabled={!file} loading={run.isPending} data-testid="sgk-check">
            {t('placementsUi.sgk.check')}
          </Button>
          {report && !report.applied && report.counts.match > 0 ? (
            <Button
              color="teal.9"
              onClick={() => void send(true)}
              disabled={report.counts.invalid > 0}
              loading={run.isPending}
              data-testid="sgk-apply"
            >
              {t('placementsUi.sgk.apply', { n: formatNumber(report.counts.match) })}
            </Button>
          ) : null}
        </Group>
        <ProblemAlert problem={problem} />
        {report ? (
          <Stack gap="xs" data-testid="sgk-report">
            {report.counts.invalid > 0 ? (
              <Alert color="red" variant="light">
                {t('placementsUi.sgk.fixInvalid', { n: formatNumber(report.counts.invalid) })}
              </Alert>
            ) : null}
            {report.applied ? (
              <Alert color="teal" variant="light">
                {t('placementsUi.sgk.appliedText', { n: formatNumber(report.counts.match) })}
              </Alert>
            ) : null}
            <Group gap="xs">
              {(['match', 'unchanged', 'mismatch', 'unknown', 'invalid'] as const).map((o) => (
                <Badge key={o} color={OUTCOME_COLOR[o]} variant="light" data-testid={`sgk-count-${o}`}>
                  {t(`placementsUi.sgk.outcomes.${o}`)}: {formatNumber(report.counts[o])}
                </Badge>
              ))}
              <Badge color="orange.8" variant="outline">
                {t('placementsUi.lateFiling')}: {formatNumber(report.counts.lateFiling)}
              </Badge>
            </Group>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('placementsUi.sgk.row')}</Table.Th>
                    <Table.Th>{t('placementsUi.sgk.outcome')}</Table.Th>
                    <Table.Th>{t('placements.sgk.columns.idNumber')}</Table.Th>
                    <Table.Th>{t('placements.sgk.columns.type')}</Table.Th>
                    <Table.Th>{t('placements.sgk.columns.date')}</Table.Th>
                    <Table.Th>{t('placementsUi.sgk.person')}</Table.Th>
                    <Table.Th>{t('placementsUi.sgk.notes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rows.map((r) => (
                    <Table.Tr key={r.row} data-testid="sgk-row">
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>
                        <Badge color={OUTCOME_COLOR[r.outcome]} variant="light">
                          {t(`placementsUi.sgk.outcomes.${r.outcome}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <bdi className="ltr">{r.idNumberMasked ?? '—'}</bdi>
                      </Table.Td>
                      <Table.Td>{r.type ? t(`placements.sgk.types.${r.type}`) : '—'}</Table.Td>
                      <Table.Td>{r.date ? formatDate(r.date) : '—'}</Table.Td>
                      <Table.Td>{r.person?.name ?? '—'}</Table.Td>
                      <Table.Td>
                        <Stack gap={0}>
                          {r.problems.map((p, i) => (
                            <Text key={i} size="xs" c={r.outcome === 'invalid' ? 'red.8' : undefined}>
                              {p.column ? `${p.column}: ` : ''}
                              {p.message}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Placements of the office (or every office), with the SGK file import. */
export function PlacementsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<(typeof PLACEMENT_STATUSES)[number] | null>(null);
  const [verification, setVerification] = useState<(typeof VERIFICATION_STATUSES)[number] | null>(null);
  const [page, setPage] = useState(1);
  const list = useOp(op.listPlacements, { query: { status, verification, page, pageSize: 20 } });

  return (
    <Stack gap="lg">
      <PageHeader title={t('placementsUi.title')} description={t('placementsUi.description')} />
      {can('placements:write') ? <SgkImport /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
        <Select
          label={t('placementsUi.fields.status')}
          data={PLACEMENT_STATUSES.map((s) => ({ value: s, label: t(`placementsUi.statuses.${s}`) }))}
          clearable
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
        <Select
          label={t('placementsUi.fields.verification')}
          data={VERIFICATION_STATUSES.map((s) => ({ value: s, label: t(`placementsUi.verification.${s}`) }))}
          clearable
          value={verification}
          onChange={(v) => {
            setVerification(v);
            setPage(1);
          }}
        />
      </SimpleGrid>
      {list.isPending ? (
        <InlineLoader />
      ) : list.error ? (
        <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty title={t('placementsUi.empty')} description={t('placementsUi.emptyListText')} />
      ) : (
        <Stack gap="sm">
          {list.data.items.map((p) => (
            <PlacementCard key={p.id} p={p} showPerson />
          ))}
          <Pager list={list.data} onChange={setPage} />
        </Stack>
      )}
    </Stack>
  );
}
