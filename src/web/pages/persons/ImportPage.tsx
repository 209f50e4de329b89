import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  Radio,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { useCurrentUser } from '../../api/session.ts';
import { LOCALES } from '../../../common/locales.ts';
import { FINISHED_IMPORT_STATUSES } from '../../../common/people.ts';
import * as op from '../../../common/contracts/person-import.ts';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n/index.ts';
import { formatDateTime, formatNumber, listSeparator } from '../../components/format.ts';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { PageHeader } from '../../components/ui.tsx';
import type { ImportChecked, ImportJob } from '../../components/people/types.ts';
import { useOffices } from '../admin/useReferenceLists.ts';

/** A job as the page shows it: the upload's answer names the file's ignored columns, later answers do not. */
type ShownJob = ImportJob & Partial<Pick<ImportChecked, 'ignoredColumns'>>;
const FINISHED: readonly ImportJob['status'][] = FINISHED_IMPORT_STATUSES;
const MAX_MB = Math.round(op.IMPORT_MAX_FILE_BYTES / 1024 / 1024);

function Report({ job }: { job: ShownJob }) {
  const { t } = useTranslation();
  const problems = job.problems ?? [];
  const [page, setPage] = useState(1);
  const PER = 50;
  const shown = problems.slice((page - 1) * PER, page * PER);
  return (
    <Stack gap="sm">
      <Group gap="lg" wrap="wrap">
        <Text>{t('import.wizard.rows', { n: formatNumber(job.totalRows) })}</Text>
        <Text c={job.rowsWithProblems > 0 ? 'red.8' : 'teal.9'} fw={600} data-testid="import-problem-rows">
          {t('import.wizard.rowsWithProblems', { n: formatNumber(job.rowsWithProblems) })}
        </Text>
        <Text c="teal.9" fw={600}>
          {t('import.wizard.validRows', { n: formatNumber(job.totalRows - job.rowsWithProblems) })}
        </Text>
      </Group>
      {job.ignoredColumns && job.ignoredColumns.length > 0 ? (
        <Alert color="yellow" variant="light">
          {t('import.wizard.ignoredColumns', { columns: job.ignoredColumns.join(listSeparator()) })}
        </Alert>
      ) : null}
      {problems.length > 0 ? (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" striped data-testid="import-report">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.wizard.row')}</Table.Th>
                  <Table.Th>{t('import.wizard.column')}</Table.Th>
                  <Table.Th>{t('import.wizard.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((p, i) => (
                  <Table.Tr key={`${p.row}-${p.pointer}-${i}`}>
                    <Table.Td>{formatNumber(p.row)}</Table.Td>
                    <Table.Td>{p.columnName}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {problems.length > PER ? (
            <Group gap="xs">
              <Button size="compact-sm" variant="default" disabled={page === 1} onClick={() => setPage(page - 1)}>
                {t('common.previousPage')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                disabled={page * PER >= problems.length}
                onClick={() => setPage(page + 1)}
              >
                {t('common.nextPage')}
              </Button>
            </Group>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const client = useQueryClient();
  const narrow = useMediaQuery('(max-width: 48em)');
  const chooseOffice = !me.office;
  const offices = useOffices(chooseOffice);
  const [locale, setLocale] = useState(currentLocale());
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [saved, setJob] = useState<ShownJob | null>(null);
  const [validOnly, setValidOnly] = useState<'valid' | 'none'>('valid');
  const uploading = useOpMutation(op.uploadImport);
  const starting = useOpMutation(op.runImport);
  const stopping = useOpMutation(op.cancelImport);
  const upload = useFormProblem();
  const run = useFormProblem();

  // While an import runs, the job is polled (GET /persons/import/:jobId) until it is done.
  const running = saved?.status === 'running';
  const poll = useOp(
    op.getImport,
    { params: { jobId: saved?.id ?? '' } },
    {
      enabled: running,
      refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 1000),
    },
  );
  // Once it has ended, the person lists are read again (not the job itself, which is final).
  const ended = Boolean(poll.data && FINISHED.includes(poll.data.status));
  useEffect(() => {
    if (ended) void client.invalidateQueries({ queryKey: ['persons'], predicate: (q) => q.queryKey[1] !== 'import' });
  }, [ended, client]);
  const job =
    saved && running && poll.data?.id === saved.id
      ? { ...poll.data, problems: poll.data.problems ?? saved.problems, ignoredColumns: saved.ignoredColumns }
      : saved;

  const step = !job ? 1 : job.status === 'validated' ? 2 : job.status === 'running' ? 3 : 5;

  async function check() {
    upload.clear();
    if (!file) {
      setFileError(t('import.wizard.chooseFile'));
      return;
    }
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setFileError(t('errors.import.fileType'));
      return;
    }
    if (file.size > op.IMPORT_MAX_FILE_BYTES) {
      setFileError(t('errors.import.fileTooLarge', { mb: MAX_MB }));
      return;
    }
    try {
      // Streamed as the server reads it: the office first, then the file (the contract's order).
      setJob(await uploading.mutateAsync({ body: { officeId: officeId ?? undefined, file } }));
    } catch (err) {
      upload.handle(err);
    }
  }

  async function start() {
    if (!job) return;
    run.clear();
    try {
      setJob(
        await starting.mutateAsync({
          params: { jobId: job.id },
          body: { validRowsOnly: job.rowsWithProblems > 0 },
        }),
      );
    } catch (err) {
      run.handle(err);
    }
  }

  async function cancel() {
    if (!job) return;
    try {
      setJob(await stopping.mutateAsync({ params: { jobId: job.id } }));
    } catch (err) {
      run.handle(err);
    }
  }

  function restart() {
    setJob(null);
    setFile(null);
    upload.clear();
    run.clear();
  }

  const valid = job ? job.totalRows - job.rowsWithProblems : 0;
  const progress = job && job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : 0;

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('import.wizard.title')} description={t('import.wizard.description')} />
      <Stepper active={step - 1} size="sm" allowNextStepsSelect={false} aria-label={t('import.wizard.stepsLabel')}>
        {(['template', 'check', 'import', 'result'] as const).map((s) => (
          <Stepper.Step key={s} label={narrow ? undefined : t(`import.wizard.steps.${s}`)} />
        ))}
      </Stepper>
      <Card withBorder padding="lg" component="section" aria-labelledby="template-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="template-title">
            {t('import.wizard.templateTitle')}
          </Title>
          <Text size="sm">{t('import.wizard.templateText')}</Text>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('import.wizard.templateLanguage')}
              data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              value={locale}
              onChange={(v) => v && setLocale(v)}
              allowDeselect={false}
              w={180}
            />
            {(['xlsx', 'csv'] as const).map((format) => (
              <Button
                key={format}
                component="a"
                variant="default"
                href={opHref(op.importTemplate, { query: { format, locale } })}
                download
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t(`import.wizard.download.${format}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      </Card>
      {!job ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="upload-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="upload-title">
              {t('import.wizard.uploadTitle')}
            </Title>
            <Text size="sm">{t('import.wizard.uploadText')}</Text>
            <ProblemAlert problem={upload.problem} />
            <Group align="flex-end" wrap="wrap">
              <FileInput
                label={t('import.wizard.file')}
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setFileError(null);
                }}
                error={fileError}
                clearable
                leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
                w={{ base: '100%', sm: 320 }}
                data-testid="import-file"
              />
              {chooseOffice ? (
                <Select
                  label={t('persons.fields.office')}
                  data={(offices.data?.items ?? [])
                    .filter((o) => o.active)
                    .map((o) => ({ value: o.id, label: o.name }))}
                  value={officeId}
                  onChange={setOfficeId}
                  required
                  w={{ base: '100%', sm: 240 }}
                />
              ) : null}
              <Button
                leftSection={<IconUpload size={16} aria-hidden />}
                onClick={() => void check()}
                loading={uploading.isPending}
                data-testid="import-check"
              >
                {t('import.wizard.check')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
      {job ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="report-title">
          <Stack gap="md">
            <Title order={2} size="h4" id="report-title">
              {t('import.wizard.reportTitle', { file: job.fileName })}
            </Title>
            <Report job={job} />
            <ProblemAlert problem={run.problem} />
            {job.status === 'validated' ? (
              valid === 0 ? (
                <Alert color="red" variant="light">
                  {t('import.wizard.nothingValid')}
                </Alert>
              ) : (
                <Stack gap="sm">
                  {job.rowsWithProblems > 0 ? (
                    <Radio.Group label={t('import.wizard.choice')} value={validOnly} onChange={(v) => setValidOnly(v)}>
                      <Stack gap="xs" mt="xs">
                        <Radio value="valid" label={t('import.wizard.importValid', { n: formatNumber(valid) })} />
                        <Radio value="none" label={t('import.wizard.fixFirst')} />
                      </Stack>
                    </Radio.Group>
                  ) : null}
                  <Group>
                    {job.rowsWithProblems === 0 || validOnly === 'valid' ? (
                      <Button onClick={() => void start()} loading={starting.isPending} data-testid="import-run">
                        {t('import.wizard.run', { n: formatNumber(valid) })}
                      </Button>
                    ) : null}
                    <Button variant="default" onClick={restart}>
                      {t('import.wizard.another')}
                    </Button>
                  </Group>
                </Stack>
              )
            ) : null}
            {job.status === 'running' ? (
              <Stack gap="xs">
                <Text size="sm" id="import-progress-label">
                  {t('import.wizard.progress', {
                    done: formatNumber(job.processedRows),
                    total: formatNumber(job.totalRows),
                  })}
                </Text>
                <Progress value={progress} size="lg" animated aria-labelledby="import-progress-label" />
                <Group>
                  <Button variant="default" color="red.8" onClick={() => void cancel()}>
                    {t('import.wizard.stop')}
                  </Button>
                </Group>
              </Stack>
            ) : null}
            {FINISHED.includes(job.status) ? (
              <Stack gap="sm" data-testid="import-result">
                <Alert
                  color={job.status === 'done' ? 'teal' : 'red'}
                  variant="light"
                  icon={<IconCircleCheck aria-hidden />}
                  title={t(`import.wizard.result.${job.status}`)}
                >
                  {t('import.wizard.imported', {
                    n: formatNumber(job.importedRows),
                    date: formatDateTime(job.updatedAt),
                  })}
                </Alert>
                <Group>
                  <Button component={Link} to="/persons">
                    {t('import.wizard.toList')}
                  </Button>
                  <Button variant="default" onClick={restart}>
                    {t('import.wizard.another')}
                  </Button>
                </Group>
              </Stack>
            ) : null}
          </Stack>
        </Card>
      ) : null}
      <Anchor component={Link} to="/persons" size="sm">
        {t('persons.backToList')}
      </Anchor>
    </Stack>
  );
}
