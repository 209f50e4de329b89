import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatNumber, formatWeekday } from '../../components/format.ts';
import { notifyProblem, toProblem } from '../../components/problems.tsx';
import { Empty, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { getAttendance, recordAttendance } from '../../../common/contracts/courses.ts';
import { coursePaths, localTitle } from './labels.ts';

/**
 * A trainer's attendance sheet for one session, made for a tablet: one large button per participant,
 * one tap marks them present, another tap absent. Buttons are ordinary buttons: Tab moves between them
 * and Space or Enter toggles, so a keyboard works as well as a finger.
 */
export function AttendancePage() {
  const { t, i18n } = useTranslation();
  const { id = '', sessionId = '' } = useParams();
  const sheet = useOp(getAttendance, { params: { id, sessionId } });
  const record = useOpMutation(recordAttendance, { invalidates: [`/courses/${id}`] });
  useDocumentTitle(t('courses.attendance'));
  if (sheet.isPending) return <PageLoader />;
  if (sheet.error) return <LoadError problem={toProblem(sheet.error)} onRetry={() => void sheet.refetch()} />;
  const { course, session, items } = sheet.data;
  const present = items.filter((i) => i.present === true).length;
  const taken = items.filter((i) => i.present !== null).length;

  const tap = (applicationId: string, current: boolean | null) =>
    void record
      .mutateAsync({ params: { id, sessionId }, body: { entries: [{ applicationId, present: current !== true }] } })
      .catch(notifyProblem);

  return (
    <Stack gap="md" maw={900} mx="auto" w="100%">
      <Anchor component={Link} to={coursePaths.course(id)} size="sm">
        {localTitle(course.title, i18n.language)}
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('courses.attendance')}
          </Title>
          <Text c="dimmed">
            {formatWeekday(session.date)} {formatDate(session.date)} ·{' '}
            <span dir="ltr">
              {session.startTime}–{session.endTime}
            </span>{' '}
            · {session.place}
          </Text>
        </Stack>
        <Badge size="xl" variant="outline" color="teal.9" data-testid="attendance-count" aria-live="polite">
          {t('courses.presentCount', { present: formatNumber(present), total: formatNumber(items.length) })}
        </Badge>
      </Group>
      <Alert variant="light" color="blue">
        {t('courses.attendanceHelp')}
      </Alert>
      {items.length === 0 ? (
        <Empty title={t('courses.noParticipants')} />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="attendance-list">
          {items.map((p) => {
            const color =
              p.present === true
                ? 'var(--mantine-color-teal-1)'
                : p.present === false
                  ? 'var(--mantine-color-red-0)'
                  : 'var(--mantine-color-white)';
            const border =
              p.present === true
                ? 'var(--mantine-color-teal-8)'
                : p.present === false
                  ? 'var(--mantine-color-red-8)'
                  : 'var(--mantine-color-gray-4)';
            return (
              <li key={p.applicationId}>
                <UnstyledButton
                  onClick={() => tap(p.applicationId, p.present)}
                  aria-pressed={p.present === true}
                  disabled={record.isPending && record.variables?.body.entries[0]?.applicationId === p.applicationId}
                  data-testid="attendance-person"
                  data-state={p.present === null ? 'unset' : p.present ? 'present' : 'absent'}
                  w="100%"
                  mih={72}
                  px="lg"
                  py="md"
                  style={{
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'space-between',
                    gap: 16,
                    borderRadius: 12,
                    border: `2px solid ${border}`,
                    background: color,
                  }}
                >
                  <Text fz="xl" fw={600}>
                    {p.name}
                  </Text>
                  <Group gap={6} wrap="nowrap">
                    {p.present === true ? <IconCheck size={28} aria-hidden /> : null}
                    {p.present === false ? <IconX size={28} aria-hidden /> : null}
                    <Text fz="lg" fw={700}>
                      {p.present === null
                        ? t('courses.notTaken')
                        : p.present
                          ? t('courses.present')
                          : t('courses.absent')}
                    </Text>
                  </Group>
                </UnstyledButton>
              </li>
            );
          })}
        </Stack>
      )}
      <Text size="sm" c="dimmed">
        {t('courses.takenCount', { taken: formatNumber(taken), total: formatNumber(items.length) })}
      </Text>
    </Stack>
  );
}
