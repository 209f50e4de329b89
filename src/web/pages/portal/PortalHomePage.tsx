import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Card, Grid, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBriefcase,
  IconClockHour4,
  IconFilePencil,
  IconPlus,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { EmployerStatusBadge, HazardBadge, VacancyStatusBadge } from '../../components/work/Badges.tsx';
import { Details } from '../../components/work/Details.tsx';
import { employerName, statusReasonText } from '../../components/work/labels.ts';
import { paths } from '../../components/work/paths.ts';
import type { EmployerDetail } from '../../components/work/types.ts';
import { PortalChanges } from '../employers/ChangeRequests.tsx';
import { opKey, useOp } from '../../api/ops.ts';
import { getMyEmployer } from '../../../common/contracts/employers.ts';
import { listReferrals } from '../../../common/contracts/referrals.ts';
import { listVacancies } from '../../../common/contracts/vacancies.ts';
import { ContactsCard } from '../employers/ContactsCard.tsx';
import { ReferralTable } from '../referrals/ReferralsPage.tsx';
import { usePortalEmployer } from '../vacancies/VacancyEditPage.tsx';

function Stat({
  icon: I,
  label,
  value,
  to,
  color,
}: {
  icon: Icon;
  label: string;
  value: number;
  to: string;
  color: string;
}) {
  return (
    <Card withBorder padding="md" component={Link} to={to}>
      <Group wrap="nowrap" gap="sm">
        <ThemeIcon size="lg" variant="light" color={color} aria-hidden>
          <I size={20} />
        </ThemeIcon>
        <Stack gap={0}>
          <Text fz={26} fw={700} lh={1.1}>
            {formatNumber(value)}
          </Text>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

/** The employer portal's home: the employer, what needs doing (returned drafts, referrals to answer), numbers. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const employer = usePortalEmployer();
  const vacancies = useOp(listVacancies, { query: { pageSize: 100 } });
  const referrals = useOp(listReferrals, { query: { pageSize: 100 } });

  if (employer.isPending) return <PageLoader />;
  if (employer.error) return <LoadError problem={toProblem(employer.error)} onRetry={() => void employer.refetch()} />;
  const e = employer.data;
  const vs = vacancies.data?.items ?? [];
  const rs = referrals.data?.items ?? [];
  const drafts = vs.filter((v) => v.status === 'draft');
  const returned = drafts.filter((v) => v.reviewNote);
  const submitted = vs.filter((v) => v.status === 'submitted');
  const published = vs.filter((v) => v.status === 'published');
  const toAnswer = rs.filter((r) => r.status === 'sent' || r.status === 'seen');

  return (
    <Stack gap="md">
      <PageHeader
        title={employerName(e)}
        description={t('portal.homeDescription')}
        actions={
          <Button
            component={Link}
            to={paths.vacancyNew(true)}
            leftSection={<IconPlus size={16} aria-hidden />}
            data-testid="portal-new-vacancy"
          >
            {t('vacancies.create')}
          </Button>
        }
      />
      <Group gap="xs">
        <EmployerStatusBadge status={e.status} />
      </Group>
      {e.status === 'pending' ? (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('portal.pendingTitle')}>
          {t('portal.pendingText')}
        </Alert>
      ) : null}
      {e.status === 'suspended' ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('portal.suspendedTitle')}>
          {t('portal.suspendedText')} {statusReasonText(e.statusReason)}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
        <Stat
          icon={IconFilePencil}
          label={t('portal.stats.drafts')}
          value={drafts.length}
          to={paths.vacancies(true)}
          color="gray"
        />
        <Stat
          icon={IconClockHour4}
          label={t('portal.stats.inReview')}
          value={submitted.length}
          to={paths.vacancies(true)}
          color="yellow"
        />
        <Stat
          icon={IconBriefcase}
          label={t('portal.stats.published')}
          value={published.length}
          to={paths.vacancies(true)}
          color="teal"
        />
        <Stat
          icon={IconUsers}
          label={t('portal.stats.toAnswer')}
          value={toAnswer.length}
          to={paths.referrals(true)}
          color="indigo"
        />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {returned.length > 0 ? (
              <Card withBorder padding="md" component="section" aria-labelledby="returned-title">
                <Title order={2} size="h4" id="returned-title" mb="sm">
                  {t('portal.returnedTitle')}
                </Title>
                <Stack gap="sm">
                  {returned.map((v) => (
                    <Stack key={v.id} gap={2}>
                      <Anchor component={Link} to={paths.vacancyEdit(v.id, true)} fw={600} size="sm">
                        {v.title}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {v.reviewNote}
                      </Text>
                    </Stack>
                  ))}
                </Stack>
              </Card>
            ) : null}
            <Card withBorder padding="md" component="section" aria-labelledby="answer-title">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="answer-title">
                  {t('portal.toAnswerTitle')}
                </Title>
                <Anchor component={Link} to={paths.referrals(true)} size="sm">
                  {t('portal.allReferrals')}
                </Anchor>
              </Group>
              {referrals.error ? (
                <LoadError problem={toProblem(referrals.error)} onRetry={() => void referrals.refetch()} />
              ) : toAnswer.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('portal.nothingToAnswer')}
                </Text>
              ) : (
                <ReferralTable items={toAnswer} portal employerColumn={false} />
              )}
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="my-vacancies-title">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="my-vacancies-title">
                  {t('portal.vacanciesTitle')}
                </Title>
                <Anchor component={Link} to={paths.vacancies(true)} size="sm">
                  {t('portal.allVacancies')}
                </Anchor>
              </Group>
              {vacancies.error ? (
                <LoadError problem={toProblem(vacancies.error)} onRetry={() => void vacancies.refetch()} />
              ) : vs.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('portal.vacanciesEmptyText')}
                </Text>
              ) : (
                <Stack gap="xs" data-testid="portal-vacancies">
                  {vs.slice(0, 8).map((v) => (
                    <Group key={v.id} justify="space-between" wrap="nowrap" gap="sm">
                      <Anchor component={Link} to={paths.vacancy(v.id, true)} size="sm" fw={600} miw={0}>
                        {v.title}
                      </Anchor>
                      <VacancyStatusBadge status={v.status} />
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Card withBorder padding="md" component="section" aria-labelledby="employer-title">
              <Title order={2} size="h4" id="employer-title" mb="sm">
                {t('portal.employerRecord')}
              </Title>
              <Details
                cols={1}
                items={[
                  { label: t('employers.fields.legalName'), value: e.legalName },
                  {
                    label: t('employers.fields.taxNumber'),
                    value: <span className="ltr">{e.taxNumber}</span>,
                  },
                  {
                    label: t('employers.sector'),
                    value: (
                      <Group gap={6} component="span">
                        <span className="ltr">{e.naceCode}</span>
                        <HazardBadge value={e.hazardClass ?? e.hazardClassSuggested} />
                      </Group>
                    ),
                  },
                  { label: t('employers.fields.workerCount'), value: formatNumber(e.workerCount) },
                  { label: t('employers.place'), value: `${e.district}, ${e.province}` },
                ]}
              />
              <Text size="xs" c="dimmed" mt="sm" mb="sm">
                {t('portal.recordHint')}
              </Text>
              <PortalChanges
                employer={e}
                onChanged={(next: EmployerDetail) => client.setQueryData(opKey(getMyEmployer), next)}
              />
            </Card>
            <ContactsCard
              employer={e}
              canWrite
              onChanged={(next: EmployerDetail) => client.setQueryData(opKey(getMyEmployer), next)}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
