import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/session.ts';
import { formatDate, formatTime, formatWeekday, listSeparator, turkiyeToday } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { AppointmentStatusBadge } from '../../components/people/badges.tsx';
import { useCounsellors } from '../../components/people/counsellors.ts';
import { callOp } from '../../api/ops.ts';
import { getCalendar } from '../../../common/contracts/cases.ts';

/** The whole office instead of one counsellor (one read of GET /appointments per counsellor). */
const OFFICE = 'office';

/** Adds days to a calendar date (YYYY-MM-DD), without time zones. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a calendar date falls in (weeks start on Monday in Türkiye). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The Türkiye calendar date of an instant (YYYY-MM-DD). */
function turkiyeDateOf(iso: string): string {
  return new Date(new Date(iso).getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A counsellor's week of appointments (issue 14): Monday to Sunday in Türkiye time, one section per day;
 * the previous/next week buttons and every appointment are ordinary buttons and links, so the screen is
 * used with the keyboard alone (Tab, Enter; Alt+← / Alt+→ also move a week). A manager, or anyone who
 * holds cases, can open another counsellor's week or the whole office's.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const today = turkiyeToday();
  const [monday, setMonday] = useState(() => mondayOf(today));
  const [who, setWho] = useState<string>(me.id);
  const counsellors = useCounsellors(me.office?.id ?? null);
  const others = (counsellors.data ?? []).filter((c) => c.id !== me.id);
  const ids = who === OFFICE ? [me.id, ...others.map((c) => c.id)] : [who];
  const sunday = addDays(monday, 6);

  const reads = useQueries({
    queries: ids.map((counsellorId) => ({
      queryKey: ['appointments', 'week', counsellorId, monday],
      queryFn: () => callOp(getCalendar, { query: { counsellorId, from: monday, to: sunday } }),
      placeholderData: keepPreviousData,
    })),
  });
  const failed = reads.find((r) => r.error);
  const pending = reads.some((r) => r.isPending);
  const items = reads
    .flatMap((r) => r.data?.items ?? [])
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.counsellor.name.localeCompare(b.counsellor.name, 'tr'));
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const move = (weeks: number) => setMonday((m) => addDays(m, 7 * weeks));

  const choices = [
    { value: me.id, label: t('agenda.mine') },
    ...others.map((c) => ({ value: c.id, label: c.name })),
    ...(others.length > 0 ? [{ value: OFFICE, label: t('agenda.office') }] : []),
  ];

  let body;
  if (failed?.error) body = <LoadError problem={toProblem(failed.error)} onRetry={() => void failed.refetch()} />;
  else if (pending) body = <InlineLoader />;
  else
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="agenda-week">
        {days.map((day) => {
          const ofDay = items.filter((a) => turkiyeDateOf(a.startsAt) === day);
          const isToday = day === today;
          return (
            <Card
              key={day}
              withBorder
              padding="sm"
              component="section"
              aria-labelledby={`day-${day}`}
              data-testid={`agenda-day-${day}`}
              bg={isToday ? 'indigo.0' : undefined}
            >
              <Title order={2} size="h5" id={`day-${day}`} mb="xs">
                {formatWeekday(day)}
                {listSeparator()}
                {formatDate(day, { dateStyle: undefined, day: 'numeric', month: 'long' })}
                {isToday ? ` · ${t('agenda.today')}` : ''}
              </Title>
              {ofDay.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('agenda.free')}
                </Text>
              ) : (
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                  {ofDay.map((a) => (
                    <li key={a.id} data-testid="agenda-item">
                      <Group gap={6} wrap="nowrap" align="baseline">
                        <Text size="sm" fw={700} className="ltr">
                          <bdi>
                            {formatTime(a.startsAt)}–{formatTime(a.endsAt)}
                          </bdi>
                        </Text>
                        <Anchor component={Link} to={`/persons/${a.person.id}`} size="sm" fw={600}>
                          <bdi>{a.person.name}</bdi>
                        </Anchor>
                      </Group>
                      <Group gap={6}>
                        <Text size="xs" c="dimmed">
                          {t(`appointments.modes.${a.mode}`)}
                          {who === OFFICE ? (
                            <>
                              {' · '}
                              <bdi>{a.counsellor.name}</bdi>
                            </>
                          ) : null}
                        </Text>
                        <AppointmentStatusBadge status={a.status} />
                      </Group>
                    </li>
                  ))}
                </Stack>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    );

  return (
    <Stack
      gap="md"
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
        e.preventDefault();
        // Alt+← goes back in time in a left-to-right page; in Arabic the arrows follow the mirrored layout.
        const rtl = document.documentElement.dir === 'rtl';
        move((e.key === 'ArrowLeft') !== rtl ? -1 : 1);
      }}
    >
      <PageHeader title={t('agenda.title')} description={t('agenda.intro')} />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={16} className="flip-rtl" aria-hidden />}
            onClick={() => move(-1)}
            data-testid="agenda-previous"
          >
            {t('agenda.previous')}
          </Button>
          <Button
            variant="default"
            onClick={() => setMonday(mondayOf(today))}
            disabled={monday === mondayOf(today)}
            data-testid="agenda-this-week"
          >
            {t('agenda.thisWeek')}
          </Button>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={16} className="flip-rtl" aria-hidden />}
            onClick={() => move(1)}
            data-testid="agenda-next"
          >
            {t('agenda.next')}
          </Button>
        </Group>
        {choices.length > 1 ? (
          <Select
            label={t('agenda.whose')}
            data={choices}
            value={who}
            onChange={(v) => setWho(v ?? me.id)}
            allowDeselect={false}
            w={260}
            data-testid="agenda-whose"
          />
        ) : null}
      </Group>
      <Text fw={600} aria-live="polite" data-testid="agenda-range">
        {t('agenda.range', {
          from: formatDate(monday, { dateStyle: 'long' }),
          to: formatDate(sunday, { dateStyle: 'long' }),
          n: items.length,
        })}
      </Text>
      {body}
    </Stack>
  );
}
