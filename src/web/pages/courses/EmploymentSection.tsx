import { Link } from 'react-router';
import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError } from '../../components/ui.tsx';
import { getCourseEmployment, type Course } from '../../../common/contracts/courses.ts';
import { getProject } from '../../../common/contracts/programmes.ts';
import { localTitle } from './labels.ts';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** Employment after the course (placements within 3 and 6 months of completing) and the project it belongs to. */
export function EmploymentSection({ course }: { course: Course }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const employment = useOp(getCourseEmployment, { params: { id: course.id } });
  const project = useOp(
    getProject,
    { params: { id: course.projectId ?? '' } },
    { enabled: course.projectId !== null && can('programmes:read') },
  );
  let body;
  if (employment.isPending) body = <InlineLoader />;
  else if (employment.error)
    body = <LoadError problem={toProblem(employment.error)} onRetry={() => void employment.refetch()} />;
  else {
    const e = employment.data;
    const share = (n: number) =>
      e.completers > 0
        ? t('courses.employment.share', {
            n: formatNumber(n),
            percent: formatNumber(Math.floor((n * 100) / e.completers)),
          })
        : formatNumber(n);
    body = (
      <>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Figure
            label={t('courses.employment.completers')}
            value={formatNumber(e.completers)}
            testId="employment-completers"
          />
          <Figure label={t('courses.employment.within3')} value={share(e.placedWithin3Months)} testId="employment-3m" />
          <Figure label={t('courses.employment.within6')} value={share(e.placedWithin6Months)} testId="employment-6m" />
          <Figure
            label={t('courses.employment.verified')}
            value={formatNumber(e.verifiedWithin6Months)}
            testId="employment-verified"
          />
        </SimpleGrid>
        {e.commitment ? (
          <Text size="sm" mt="sm" data-testid="employment-commitment">
            {t('courses.employment.commitment', {
              employer: course.employment?.employerName ?? '',
              percent: formatNumber(e.commitment.hireCommitmentPercent),
              committed: formatNumber(e.commitment.committedHires),
              hires: formatNumber(e.commitment.hires),
            })}
          </Text>
        ) : null}
        {e.completers === 0 ? (
          <Text size="sm" c="dimmed" mt="sm">
            {t('courses.employment.noneYet')}
          </Text>
        ) : null}
      </>
    );
  }
  return (
    <Card withBorder padding="md" component="section" aria-label={t('courses.employment.title')}>
      <Title order={2} size="h4" mb="sm">
        {t('courses.employment.title')}
      </Title>
      {project.data ? (
        <Text size="sm" mb="sm">
          {t('courses.employment.project')}{' '}
          <Anchor component={Link} to={`/projects/${project.data.id}`} data-testid="course-project-link">
            {localTitle(project.data.name, i18n.language)}
          </Anchor>
        </Text>
      ) : null}
      {body}
    </Card>
  );
}
