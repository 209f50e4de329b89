import { useState } from 'react';
import { Badge, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { projectDashboard, type ProjectDashboard } from '../../../common/contracts/indicators.ts';
import type { Locale } from '../../../common/locales.ts';
import { useOp } from '../../api/ops.ts';
import { formatDate, formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { cellText } from './cells.ts';
import { TableBehind } from './TableBehind.tsx';

type Project = ProjectDashboard['projects'][number];
type Status = 'planned' | 'active' | 'closed';

const localised = (texts: { tr: string; en: string | null; ar: string | null }, locale: Locale) =>
  texts[locale] ?? texts.tr;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        <bdi>{value}</bdi>
      </Text>
    </Stack>
  );
}

/** One project: reach and placements, then each indicator's progress as a bar with its periods' table behind. */
function ProjectCard({ project, locale }: { project: Project; locale: Locale }) {
  const { t } = useTranslation();
  const count = (c: Project['reach']) => cellText(c, 'persons', t);
  const percent = (n: number | null) => (n === null ? t('indicatorsUi.notApplicable') : `${formatNumber(n)} %`);
  return (
    <Card withBorder data-testid="project-card">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {project.code ? `${project.code} · ` : ''}
          {localised(project.name, locale)}
        </Title>
        <Badge variant="light">{t(`indicatorsUi.projects.statuses.${project.status}`)}</Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {formatDate(project.startDate)} – {formatDate(project.endDate)}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
        <Figure label={t('indicatorsUi.projects.reach')} value={count(project.reach)} testId="project-reach" />
        <Figure
          label={t('indicatorsUi.projects.completed')}
          value={count(project.completed)}
          testId="project-completed"
        />
        <Figure label={t('indicatorsUi.projects.placed')} value={count(project.placed)} testId="project-placed" />
        <Figure
          label={t('indicatorsUi.projects.placementRate')}
          value={percent(project.placementRate)}
          testId="project-rate"
        />
      </SimpleGrid>
      {project.indicators.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('indicatorsUi.projects.noIndicators')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('indicatorsUi.projects.targetsVsActuals')}
          </Title>
          {project.indicators.map((i) => (
            <Stack key={i.code} gap={2}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {i.code} {localised(i.title, locale)}
                </Text>
                <Text size="sm" ta="end">
                  <bdi>
                    {cellText(i.actual, 'number', t)} / {formatNumber(i.target)}
                  </bdi>
                </Text>
              </Group>
              {i.progress === null ? (
                <Text size="xs" c="dimmed">
                  {i.actual.flag === 'suppressed' ? t('indicatorsUi.suppressedCell') : t('indicatorsUi.notApplicable')}
                </Text>
              ) : (
                <Progress
                  value={Math.min(100, i.progress)}
                  aria-label={t('indicatorsUi.projects.progressLabel', {
                    name: localised(i.title, locale),
                    progress: formatNumber(i.progress),
                  })}
                />
              )}
            </Stack>
          ))}
          <TableBehind>
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder data-testid="project-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('indicatorsUi.projects.indicator')}</Table.Th>
                    <Table.Th scope="col">{t('indicatorsUi.projects.period')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('indicatorsUi.projects.target')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('indicatorsUi.projects.actual')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('indicatorsUi.projects.progress')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {project.indicators.flatMap((i) => [
                    ...i.periods.map((q) => (
                      <Table.Tr key={`${i.code}-${q.periodStart}`}>
                        <Table.Td>{i.code}</Table.Td>
                        <Table.Td>
                          {formatDate(q.periodStart)} – {formatDate(q.periodEnd)}
                        </Table.Td>
                        <Table.Td ta="end">{formatNumber(q.target)}</Table.Td>
                        <Table.Td ta="end">{cellText(q.actual, 'number', t)}</Table.Td>
                        <Table.Td ta="end">{percent(q.progress)}</Table.Td>
                      </Table.Tr>
                    )),
                    <Table.Tr key={`${i.code}-total`} fw={700}>
                      <Table.Td>{i.code}</Table.Td>
                      <Table.Td>{t('indicators.total')}</Table.Td>
                      <Table.Td ta="end">{formatNumber(i.target)}</Table.Td>
                      <Table.Td ta="end">{cellText(i.actual, 'number', t)}</Table.Td>
                      <Table.Td ta="end">{percent(i.progress)}</Table.Td>
                    </Table.Tr>,
                  ])}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </TableBehind>
        </Stack>
      )}
    </Card>
  );
}

/** The projects' dashboard: each project's targets against actuals, reach and placements. */
export function ProjectDashboardPage() {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language as Locale) ?? 'tr';
  const [status, setStatus] = useState<Status | null>(null);
  const q = useOp(projectDashboard, { query: status ? { status } : {} });
  let body;
  if (q.isPending) body = <InlineLoader />;
  else if (q.error) body = <LoadError problem={toProblem(q.error)} onRetry={() => void q.refetch()} />;
  else if (q.data.projects.length === 0) body = <Empty title={t('indicatorsUi.projects.empty')} />;
  else
    body = (
      <Stack>
        <Text size="xs" c="dimmed">
          {q.data.threshold === null
            ? t('indicatorsUi.exact')
            : t('indicatorsUi.suppressedLegend', { threshold: q.data.threshold })}{' '}
          {t('indicatorsUi.projects.hint')}
        </Text>
        {q.data.projects.map((p) => (
          <ProjectCard key={p.id} project={p} locale={locale} />
        ))}
      </Stack>
    );
  return (
    <Stack>
      <PageHeader title={t('indicatorsUi.projects.title')} description={t('indicatorsUi.projects.description')} />
      <Card withBorder>
        <Select
          label={t('indicatorsUi.projects.status')}
          data={(['active', 'planned', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`indicatorsUi.projects.statuses.${s}`),
          }))}
          value={status}
          onChange={(v) => setStatus(v)}
          placeholder={t('indicatorsUi.projects.allStatuses')}
          clearable
          maw={320}
        />
      </Card>
      {body}
    </Stack>
  );
}
