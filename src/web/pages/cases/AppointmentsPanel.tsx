import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import {
  formatDateTime,
  formatNumber,
  formatTime,
  isoToTurkiyeLocal,
  turkiyeLocalToIso,
} from '../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { AppointmentStatusBadge } from '../../components/people/badges.tsx';
import { useCounsellors } from '../../components/people/counsellors.ts';
import {
  APPOINTMENT_MODES,
  CANCEL_REASONS,
  type Appointment,
  type AppointmentMode,
  type AppointmentResult,
  type CancelReason,
  type Person,
} from '../../components/people/types.ts';
import { personKey } from '../persons/profile/queries.ts';
import { DateTimeField } from '../../components/DateFields.tsx';
import { callOp, useOpMutation } from '../../api/ops.ts';
import {
  cancelAppointment,
  listAppointmentsOfPerson,
  recordAttendance,
  rescheduleAppointment,
  scheduleAppointment,
} from '../../../common/contracts/cases.ts';

const DURATIONS = [15, 30, 45, 60, 90, 120];
const appointmentsKey = (id: string) => [...personKey(id), 'appointments'] as const;

/** "SMS to the person" / "no phone or e-mail: tell them yourself". */
function notificationText(t: TFunction, result: AppointmentResult): string {
  const channel = result.notification?.channel;
  return channel ? t(`appointments.notified.${channel}`) : t('appointments.notified.none');
}

function defaultStart(): string {
  // Tomorrow at 10:00 Türkiye time; the server moves nothing, it refuses weekends and holidays.
  const tomorrow = new Date(Date.now() + 27 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return `${tomorrow}T10:00`;
}

function ScheduleForm({
  person,
  appointment,
  onDone,
  onClose,
}: {
  person: Person;
  appointment: Appointment | null;
  onDone: (result: AppointmentResult) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const scheduling = useOpMutation(scheduleAppointment);
  const rescheduling = useOpMutation(rescheduleAppointment);
  const counsellors = useCounsellors(appointment?.office.id ?? person.office.id);
  const form = useForm<{
    startsAt: string;
    durationMinutes: string;
    mode: AppointmentMode;
    counsellorId: string | null;
    note: string;
  }>({
    mode: 'controlled',
    initialValues: {
      startsAt: appointment ? isoToTurkiyeLocal(appointment.startsAt) : defaultStart(),
      durationMinutes: String(appointment?.durationMinutes ?? 30),
      mode: appointment?.mode ?? 'in-person',
      counsellorId: appointment?.counsellor.id ?? person.case?.counsellor?.id ?? null,
      note: appointment?.note ?? '',
    },
    validate: { startsAt: (v) => (v ? null : t('errors.validation.required')) },
  });
  const { problem, handle, clear } = useFormProblem(form, [
    'startsAt',
    'durationMinutes',
    'mode',
    'counsellorId',
    'note',
  ]);
  const options = (counsellors.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (form.values.counsellorId && !options.some((o) => o.value === form.values.counsellorId)) {
    const name = appointment?.counsellor.name ?? person.case?.counsellor?.name;
    if (name) options.push({ value: form.values.counsellorId, label: name });
  }
  const submit = form.onSubmit(async (v) => {
    clear();
    const body = {
      startsAt: turkiyeLocalToIso(v.startsAt),
      durationMinutes: Number(v.durationMinutes),
      mode: v.mode,
      note: v.note.trim() || null,
      ...(v.counsellorId ? { counsellorId: v.counsellorId } : {}),
    };
    try {
      onDone(
        appointment
          ? await rescheduling.mutateAsync({ params: { id: appointment.id }, body })
          : await scheduling.mutateAsync({ params: { id: person.id }, body }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={appointment ? t('appointments.reschedule') : t('appointments.schedule')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('appointments.rules')}</Text>
          <ProblemAlert problem={problem} />
          <DateTimeField
            label={t('appointments.startsAt')}
            description={t('cases.turkiyeTime')}
            required
            data-testid="appointment-start"
            {...form.getInputProps('startsAt')}
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('appointments.duration')}
              data={DURATIONS.map((d) => ({ value: String(d), label: t('persons.minutes', { n: formatNumber(d) }) }))}
              allowDeselect={false}
              {...form.getInputProps('durationMinutes')}
            />
            <Select
              label={t('appointments.mode')}
              data={APPOINTMENT_MODES.map((m) => ({ value: m, label: t(`appointments.modes.${m}`) }))}
              allowDeselect={false}
              {...form.getInputProps('mode')}
            />
          </SimpleGrid>
          {options.length > 0 ? (
            <Select
              label={t('appointments.counsellor')}
              data={options}
              searchable
              {...form.getInputProps('counsellorId')}
            />
          ) : null}
          <Textarea
            label={t('appointments.note')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={scheduling.isPending || rescheduling.isPending}
              data-testid="appointment-save"
            >
              {appointment ? t('appointments.saveChange') : t('appointments.schedule')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelForm({
  appointment,
  onDone,
  onClose,
}: {
  appointment: Appointment;
  onDone: (result: AppointmentResult) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<CancelReason>('person-request');
  const cancelling = useOpMutation(cancelAppointment, { onSuccess: onDone, onError: notifyProblem });
  function cancel() {
    cancelling.mutate({ params: { id: appointment.id }, body: { reason } });
  }
  return (
    <Modal opened onClose={onClose} title={t('appointments.cancel')}>
      <Stack>
        <Text size="sm">{t('appointments.cancelConfirm', { when: formatDateTime(appointment.startsAt) })}</Text>
        <Select
          label={t('appointments.cancelReason')}
          data={CANCEL_REASONS.map((r) => ({ value: r, label: t(`appointments.cancelReasons.${r}`) }))}
          value={reason}
          onChange={(v) => v && setReason(v)}
          allowDeselect={false}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button color="red.8" loading={cancelling.isPending} onClick={cancel}>
            {t('appointments.cancelButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function AppointmentsPanel({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const canWrite = can('cases:write');
  const list = useQuery({
    queryKey: appointmentsKey(person.id),
    queryFn: () => callOp(listAppointmentsOfPerson, { params: { id: person.id } }),
  });
  const [editing, setEditing] = useState<Appointment | 'new' | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);

  async function done(result: AppointmentResult, message: string) {
    setEditing(null);
    setCancelling(null);
    notifySuccess(`${message} ${notificationText(t, result)}`);
    await client.invalidateQueries({ queryKey: appointmentsKey(person.id) });
    await client.invalidateQueries({ queryKey: ['appointments'] });
  }

  const recording = useOpMutation(recordAttendance, {
    onSuccess: (_, { body }) => notifySuccess(t(`appointments.recorded.${body.status}`)),
    onError: notifyProblem,
    invalidates: [appointmentsKey(person.id)],
  });
  function attendance(a: Appointment, status: 'attended' | 'no-show') {
    recording.mutate({ params: { id: a.id }, body: { status } });
  }
  /** The attendance being recorded (its appointment and status), for that button's own busy state. */
  const recordingNow = recording.isPending ? recording.variables : null;
  const recordingOf = (a: Appointment, status: 'attended' | 'no-show') =>
    recordingNow?.params.id === a.id && recordingNow.body.status === status;

  const openCase = person.case && person.case.status !== 'closed';
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <Empty
        title={t('appointments.none')}
        description={openCase ? t('appointments.noneText') : t('errors.appointments.noOpenCase')}
      />
    );
  else {
    const now = new Date().toISOString();
    const upcoming = list.data.items.filter((a) => a.status === 'scheduled' && a.endsAt >= now).reverse();
    const past = list.data.items.filter((a) => !upcoming.includes(a));
    const groups = [
      { key: 'upcoming', items: upcoming },
      { key: 'past', items: past },
    ].filter((g) => g.items.length > 0);
    body = (
      <Stack gap="md">
        {groups.map((g) => (
          <Stack key={g.key} gap="xs">
            <Title order={3} size="h5">
              {t(`appointments.${g.key}`)}
            </Title>
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {g.items.map((a) => {
                const started = a.startsAt <= now;
                return (
                  <Card key={a.id} withBorder padding="sm" component="li" data-testid="appointment">
                    <Group justify="space-between" wrap="wrap" gap="sm">
                      <Stack gap={2}>
                        <Group gap="xs">
                          <Text fw={600} size="sm">
                            {formatDateTime(a.startsAt)}–{formatTime(a.endsAt)}
                          </Text>
                          <AppointmentStatusBadge status={a.status} />
                        </Group>
                        <Text size="sm" c="dimmed">
                          {t('appointments.line', {
                            mode: t(`appointments.modes.${a.mode}`),
                            counsellor: a.counsellor.name,
                          })}
                        </Text>
                        {a.note ? (
                          <Text size="sm" dir="auto">
                            {a.note}
                          </Text>
                        ) : null}
                      </Stack>
                      {canWrite ? (
                        <Group gap="xs">
                          {a.status === 'scheduled' && !started ? (
                            <>
                              <Button size="compact-sm" variant="default" onClick={() => setEditing(a)}>
                                {t('appointments.reschedule')}
                              </Button>
                              <Button
                                size="compact-sm"
                                variant="default"
                                color="red.8"
                                onClick={() => setCancelling(a)}
                              >
                                {t('appointments.cancel')}
                              </Button>
                            </>
                          ) : null}
                          {started && a.status !== 'cancelled' ? (
                            <>
                              <Button
                                size="compact-sm"
                                variant={a.status === 'attended' ? 'filled' : 'default'}
                                loading={recordingOf(a, 'attended')}
                                onClick={() => attendance(a, 'attended')}
                              >
                                {t('appointments.statuses.attended')}
                              </Button>
                              <Button
                                size="compact-sm"
                                variant={a.status === 'no-show' ? 'filled' : 'default'}
                                color="red.8"
                                loading={recordingOf(a, 'no-show')}
                                onClick={() => attendance(a, 'no-show')}
                              >
                                {t('appointments.statuses.no-show')}
                              </Button>
                            </>
                          ) : null}
                        </Group>
                      ) : null}
                    </Group>
                  </Card>
                );
              })}
            </Stack>
          </Stack>
        ))}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('appointments.intro')}
        </Text>
        {canWrite && openCase ? (
          <Button
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
            data-testid="appointment-new"
          >
            {t('appointments.schedule')}
          </Button>
        ) : null}
      </Group>
      <Card withBorder padding="md">
        {body}
      </Card>
      {editing ? (
        <ScheduleForm
          person={person}
          appointment={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(r) => void done(r, editing === 'new' ? t('appointments.scheduled') : t('appointments.moved'))}
        />
      ) : null}
      {cancelling ? (
        <CancelForm
          appointment={cancelling}
          onClose={() => setCancelling(null)}
          onDone={(r) => void done(r, t('appointments.cancelled'))}
        />
      ) : null}
    </Stack>
  );
}
