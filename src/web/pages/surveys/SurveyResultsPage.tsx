import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Box, Breadcrumbs, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { API_BASE, queryString } from '../../api/client.ts';
import { useOp } from '../../api/ops.ts';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { RESULT_BREAKDOWNS, textIn, UNKNOWN_GROUP, type ResultBreakdown } from '../../../common/surveys.ts';
import { getSurvey, surveyResults, type QuestionResultView } from '../../../common/contracts/surveys.ts';
import { surveyPaths, useLocale } from './SurveyForm.tsx';

const SUPPRESSED = '–';

/** One question's counts: bars (drawn, hidden from screen readers) and the same figures as a table. */
function QuestionCard({ q, breakdown }: { q: QuestionResultView; breakdown: ResultBreakdown | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const title = textIn(q.text, locale);
  const groupLabel = (g: string) =>
    g === UNKNOWN_GROUP ? t('surveys.results.unknown') : breakdown === 'sex' ? t(`surveys.sexes.${g}`, g) : g;
  const total = (value: string) => q.cells.find((c) => c.value === value && c.group === null)?.count ?? null;
  const max = Math.max(1, ...q.categories.map((c) => total(c.value) ?? 0));
  const show = (n: number | null) => (n === null ? SUPPRESSED : formatNumber(n));
  let body;
  if (q.withheld) body = <Text size="sm">{t('surveys.results.withheldText')}</Text>;
  else if (!q.tabulated) body = <Text size="sm">{t('surveys.results.textOnly', { n: show(q.answered) })}</Text>;
  else
    body = (
      <Stack gap="sm">
        <Stack gap={4} aria-hidden>
          {q.categories.map((c) => {
            const n = total(c.value);
            return (
              <Group key={c.value} gap="xs" wrap="nowrap">
                <Text size="sm" w={160} truncate>
                  {textIn(c.label, locale)}
                </Text>
                <Box
                  h={14}
                  bg={n === null ? 'gray.3' : 'blue.7'}
                  w={`${n === null ? 4 : Math.max(1, (n / max) * 60)}%`}
                />
                <Text size="sm">{show(n)}</Text>
              </Group>
            );
          })}
        </Stack>
        <Table.ScrollContainer minWidth={400}>
          <Table verticalSpacing={4} data-testid={`result-${q.key}`}>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('surveys.results.column.answer')}</Table.Th>
                <Table.Th scope="col">{t('surveys.results.all')}</Table.Th>
                {q.groups.map((g) => (
                  <Table.Th scope="col" key={g}>
                    {groupLabel(g)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.categories.map((c) => (
                <Table.Tr key={c.value}>
                  <Table.Th scope="row" fw={400}>
                    {textIn(c.label, locale)}
                  </Table.Th>
                  <Table.Td>{show(total(c.value))}</Table.Td>
                  {q.groups.map((g) => (
                    <Table.Td key={g}>
                      {show(q.cells.find((x) => x.value === c.value && x.group === g)?.count ?? 0)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    );
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('surveys.results.answeredN', { n: show(q.answered) })}
      </Text>
      {body}
    </Card>
  );
}

/** A survey's results per question, by sex, age band or district of registered respondents; small cells suppressed. */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const [breakdown, setBreakdown] = useState<ResultBreakdown | null>(null);
  const survey = useOp(getSurvey, { params: { id } });
  const results = useOp(surveyResults, { params: { id }, query: { breakdown } });
  const title = survey.data ? textIn(survey.data.title, locale) : '';
  const exportHref = (format: 'csv' | 'xlsx') =>
    `${API_BASE}/surveys/${id}/results/export${queryString({ format, breakdown })}`;

  let body;
  if (results.isPending) body = <InlineLoader />;
  else if (results.error)
    body = <LoadError problem={toProblem(results.error)} onRetry={() => void results.refetch()} />;
  else if (results.data.version === null) body = <Empty title={t('surveys.results.none')} />;
  else
    body = (
      <Stack gap="md">
        <Text size="sm">
          {t('surveys.results.summary', {
            n: results.data.responses === null ? SUPPRESSED : formatNumber(results.data.responses),
            version: results.data.version,
          })}
        </Text>
        <Alert color="gray" variant="light">
          {results.data.threshold === null
            ? t('surveys.results.exact')
            : t('surveys.results.rule', { n: results.data.threshold })}
        </Alert>
        {results.data.questions.map((q) => (
          <QuestionCard key={q.key} q={q} breakdown={results.data.breakdown} />
        ))}
      </Stack>
    );
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={surveyPaths.list} size="sm">
          {t('surveys.title')}
        </Anchor>
        <Anchor component={Link} to={surveyPaths.survey(id)} size="sm">
          {title}
        </Anchor>
        <Text size="sm">{t('surveys.results.title')}</Text>
      </Breadcrumbs>
      <PageHeader
        title={t('surveys.results.title')}
        description={title}
        actions={
          <>
            <Button
              component="a"
              href={exportHref('csv')}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('surveys.results.exportCsv')}
            </Button>
            <Button
              component="a"
              href={exportHref('xlsx')}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('surveys.results.exportXlsx')}
            </Button>
          </>
        }
      />
      <Select
        label={t('surveys.results.breakdown')}
        placeholder={t('surveys.results.noBreakdown')}
        clearable
        data={RESULT_BREAKDOWNS.map((b) => ({ value: b, label: t(`surveys.breakdowns.${b}`) }))}
        value={breakdown}
        onChange={(v) => setBreakdown(v ?? null)}
        w={260}
        data-testid="breakdown"
      />
      {body}
    </Stack>
  );
}
