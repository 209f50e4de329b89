import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconFolders, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { formatDate, formatNumber, formatTime } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError } from '../../components/ui.tsx';
import { AppointmentStatusBadge } from '../../components/people/badges.tsx';
import { personListPath } from '../persons/PersonsPage.tsx';
import { counsellorHomeQuery, todayAppointmentsQuery } from './queries.ts';
import { FollowUpsDue } from '../placements/FollowUpsDue.tsx';

/** The counsellor's desk on the home page: today's appointments, steps due, open cases, registrations waiting. */
export function CounsellorDesk({ meId }: { meId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const home = useQuery(counsellorHomeQuery);
  const today = useQuery(todayAppointmentsQuery);
  const pendingPath = personListPath({ registration: 'pending' });
  const minePath = personListPath({ counsellorId: meId });

  if (home.isPending) return <InlineLoader />;
  if (home.error) return <LoadError problem={toProblem(home.error)} onRetry={() => void home.refetch()} />;
  const h = home.data;

  return (
    <Stack gap="md" component="section" aria-labelledby="desk-title" data-testid="counsellor-desk">
      <Title order={2} size="h3" id="desk-title">
        {t('cases.desk.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder padding="md">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm" c="dimmed">
                {t('cases.desk.openCases')}
              </Text>
              <Text fz={28} fw={700}>
                {formatNumber(h.openCases)}
              </Text>
            </Stack>
            <IconFolders size={28} aria-hidden color="var(--mantine-color-indigo-7)" />
          </Group>
          <Text size="sm" c="dimmed" data-testid="office-open-cases">
            {t('cases.desk.officeOpenCases', { n: formatNumber(h.officeOpenCases) })}
          </Text>
          <Anchor component={Link} to={minePath} size="sm">
            {t('cases.desk.myPersons')}
          </Anchor>
        </Card>
        <Card withBorder padding="md" bg={h.pendingSelfRegistrations > 0 ? 'orange.0' : undefined}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm" c="dimmed">
                {t('cases.desk.pending')}
              </Text>
              <Text fz={28} fw={700} data-testid="pending-count">
                {formatNumber(h.pendingSelfRegistrations)}
              </Text>
            </Stack>
            <IconUserPlus size={28} aria-hidden color="var(--mantine-color-orange-8)" />
          </Group>
          <Anchor component={Link} to={pendingPath} size="sm" data-testid="pending-link">
            {t('cases.desk.pendingLink')}
          </Anchor>
        </Card>
        <Card withBorder padding="md" bg={h.overdueSteps > 0 ? 'red.0' : undefined}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm" c="dimmed">
                {t('cases.desk.overdueSteps')}
              </Text>
              <Text fz={28} fw={700} c={h.overdueSteps > 0 ? 'red.8' : undefined} data-testid="overdue-count">
                {formatNumber(h.overdueSteps)}
              </Text>
            </Stack>
            <IconAlertTriangle size={28} aria-hidden color="var(--mantine-color-red-7)" />
          </Group>
          <Text size="sm" c="dimmed">
            {t('cases.desk.dueThisWeek', { n: formatNumber(h.dueSoonSteps) })}
          </Text>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="md" component="section" aria-labelledby="today-title">
          <Stack gap="sm">
            <Group gap="xs">
              <IconCalendarEvent size={20} aria-hidden />
              <Title order={3} size="h5" id="today-title">
                {t('cases.desk.today', { date: formatDate(h.today, { dateStyle: 'full' }) })}
              </Title>
            </Group>
            {today.isPending ? (
              <InlineLoader />
            ) : today.error ? (
              <LoadError problem={toProblem(today.error)} onRetry={() => void today.refetch()} />
            ) : today.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('cases.desk.noAppointments')}
              </Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {today.data.items.map((a) => (
                  <Group component="li" key={a.id} gap="sm" wrap="nowrap">
                    <Text fw={700} size="sm" w={56} className="ltr">
                      {formatTime(a.startsAt)}
                    </Text>
                    <Stack gap={0} style={{ flex: 1 }}>
                      <Anchor component={Link} to={`/persons/${a.person.id}`} size="sm" fw={600}>
                        <bdi>{a.person.name}</bdi>
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t(`appointments.modes.${a.mode}`)}
                      </Text>
                    </Stack>
                    <AppointmentStatusBadge status={a.status} />
                  </Group>
                ))}
              </Stack>
            )}
            <Anchor component={Link} to="/agenda" size="sm" data-testid="desk-agenda-link">
              {t('agenda.open')}
            </Anchor>
          </Stack>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="steps-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="steps-title">
              {t('cases.desk.steps')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('cases.desk.stepsScope')}
            </Text>
            {h.steps.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('cases.desk.noSteps')}
              </Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {h.steps.map((s) => (
                  <Stack component="li" key={s.id} gap={0}>
                    <Group gap="xs" wrap="nowrap" justify="space-between">
                      <Anchor component={Link} to={`/persons/${s.person.id}`} size="sm" fw={600}>
                        {s.person.name}
                      </Anchor>
                      {s.overdue ? (
                        <Badge color="red.8" variant="filled" size="sm">
                          {t('cases.plan.overdue')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="sm">{s.title}</Text>
                    <Text size="xs" c={s.overdue ? 'red.8' : 'dimmed'}>
                      {s.dueDate ? t('cases.desk.due', { date: formatDate(s.dueDate) }) : t('cases.plan.noDue')}
                    </Text>
                  </Stack>
                ))}
              </Stack>
            )}
          </Stack>
        </Card>
      </SimpleGrid>
      {can('placements:read') ? <FollowUpsDue /> : null}
      {can('persons:write') ? (
        <Group>
          <Button component={Link} to="/persons/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
            {t('persons.new')}
          </Button>
          <Button component={Link} to="/caseload" variant="default">
            {t('cases.caseload.title')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
