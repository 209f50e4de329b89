import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconArrowsExchange,
  IconCalendarEvent,
  IconFolderOpen,
  IconFolderX,
  IconHome,
  IconMessage,
  IconNote,
  IconPhone,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../api/session.ts';
import { formatDate, formatDateTime, isoToTurkiyeLocal, turkiyeLocalToIso } from '../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { CaseStatusBadge } from '../../components/people/badges.tsx';
import { useCounsellors } from '../../components/people/counsellors.ts';
import { fullName } from '../../components/people/format.ts';
import {
  CLOSE_REASONS,
  NOTE_KINDS,
  type CaseDetail,
  type CaseStatus,
  type CloseReason,
  type NoteKind,
  type Person,
} from '../../components/people/types.ts';
import { useOffices } from '../admin/useReferenceLists.ts';
import { useCase, useEpisodes, useRefreshPerson } from '../persons/profile/queries.ts';
import { DateTimeField } from '../../components/DateFields.tsx';
import { useOpMutation } from '../../api/ops.ts';
import {
  addCaseNote,
  changeCaseStatus,
  openCase as openCaseOp,
  transferCase,
} from '../../../common/contracts/cases.ts';

const NOTE_ICON: Record<NoteKind, Icon> = {
  meeting: IconUsers,
  phone: IconPhone,
  'home-visit': IconHome,
  message: IconMessage,
  other: IconNote,
};

interface Entry {
  key: string;
  at: string;
  icon: Icon;
  title: string;
  body?: string;
  meta?: string;
}

function entries(c: CaseDetail, t: TFunction): Entry[] {
  const list: Entry[] = c.notes.map((n) => ({
    key: `n-${n.id}`,
    at: n.occurredAt,
    icon: NOTE_ICON[n.kind] ?? IconNote,
    title: t(`cases.noteKinds.${n.kind}`),
    body: n.body,
    meta: n.author ?? undefined,
  }));
  for (const tr of c.transfers) {
    list.push({
      key: `t-${tr.id}`,
      at: tr.transferredAt,
      icon: IconArrowsExchange,
      title: t('cases.transfer.entry', {
        from: [tr.fromOffice, tr.fromCounsellor].filter(Boolean).join(' · ') || t('common.none'),
        to: [tr.toOffice, tr.toCounsellor].filter(Boolean).join(' · '),
      }),
      body: tr.reason ?? undefined,
    });
  }
  list.push({ key: 'opened', at: c.openedAt, icon: IconFolderOpen, title: t('cases.openedEntry') });
  if (c.closedAt) {
    list.push({
      key: 'closed',
      at: c.closedAt,
      icon: IconFolderX,
      title: t('cases.closedEntry', { reason: c.closeReason ? t(`cases.closeReasons.${c.closeReason}`) : '' }),
      body: c.closeNote ?? undefined,
    });
  }
  return list.sort((a, b) => b.at.localeCompare(a.at));
}

function AddNote({ caseId, onAdded }: { caseId: string; onAdded: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const adding = useOpMutation(addCaseNote);
  const now = () => isoToTurkiyeLocal(new Date().toISOString());
  const form = useForm<{ kind: NoteKind; body: string; occurredAt: string }>({
    mode: 'controlled',
    initialValues: { kind: 'meeting', body: '', occurredAt: now() },
    validate: {
      body: (v) => (v.trim() ? null : t('errors.validation.required')),
      occurredAt: (v) => (v && turkiyeLocalToIso(v) > new Date().toISOString() ? t('errors.persons.dateFuture') : null),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['kind', 'body', 'occurredAt']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      const updated = await adding.mutateAsync({
        params: { id: caseId },
        body: {
          kind: v.kind,
          body: v.body.trim(),
          occurredAt: v.occurredAt ? turkiyeLocalToIso(v.occurredAt) : undefined,
        },
      });
      form.setValues({ body: '', occurredAt: now() });
      form.resetDirty();
      notifySuccess(t('cases.noteAdded'));
      onAdded(updated);
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-note-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5" id="add-note-title">
            {t('cases.addNote')}
          </Title>
          <ProblemAlert problem={problem} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('cases.noteKind')}
              data={NOTE_KINDS.map((k) => ({ value: k, label: t(`cases.noteKinds.${k}`) }))}
              allowDeselect={false}
              data-testid="note-kind"
              {...form.getInputProps('kind')}
            />
            <DateTimeField
              label={t('cases.noteDate')}
              description={t('cases.turkiyeTime')}
              {...form.getInputProps('occurredAt')}
            />
          </SimpleGrid>
          <Textarea
            label={t('cases.noteBody')}
            required
            autosize
            minRows={3}
            maxLength={10000}
            data-testid="note-body"
            {...form.getInputProps('body')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={adding.isPending} data-testid="note-save">
              {t('cases.saveNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CloseCase({ c, onDone, onClose }: { c: CaseDetail; onDone: (c: CaseDetail) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const closing = useOpMutation(changeCaseStatus);
  const form = useForm<{ closeReason: CloseReason | null; closeNote: string }>({
    mode: 'controlled',
    initialValues: { closeReason: null, closeNote: '' },
    validate: { closeReason: (v) => (v ? null : t('errors.validation.required')) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['closeReason', 'closeNote']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      onDone(
        await closing.mutateAsync({
          params: { id: c.id },
          body: { status: 'closed', closeReason: v.closeReason, closeNote: v.closeNote.trim() || null },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('cases.close.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('cases.close.text')}</Text>
          <ProblemAlert problem={problem} />
          <Select
            label={t('cases.close.reason')}
            data={CLOSE_REASONS.map((r) => ({ value: r, label: t(`cases.closeReasons.${r}`) }))}
            required
            {...form.getInputProps('closeReason')}
          />
          <Textarea
            label={t('cases.close.note')}
            autosize
            minRows={2}
            maxLength={1000}
            {...form.getInputProps('closeNote')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={closing.isPending}>
              {t('cases.close.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TransferCase({
  c,
  onDone,
  onClose,
}: {
  c: CaseDetail;
  onDone: (toOfficeId: string, toOffice: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transferring = useOpMutation(transferCase);
  const offices = useOffices();
  const form = useForm<{ toOfficeId: string | null; toCounsellorId: string | null; reason: string }>({
    mode: 'controlled',
    initialValues: { toOfficeId: null, toCounsellorId: null, reason: '' },
    validate: { toOfficeId: (v) => (v ? null : t('errors.validation.required')) },
  });
  const counsellors = useCounsellors(form.values.toOfficeId);
  const { problem, handle, clear } = useFormProblem(form, ['toOfficeId', 'toCounsellorId', 'reason']);
  const officeOptions = (offices.data?.items ?? [])
    .filter((o) => o.active)
    .map((o) => ({
      value: o.id,
      label: o.id === c.office.id ? t('cases.transfer.sameOffice', { name: o.name }) : o.name,
    }));
  const counsellorOptions = (counsellors.data ?? [])
    .filter((u) => u.id !== c.counsellor?.id || form.values.toOfficeId !== c.office.id)
    .map((u) => ({ value: u.id, label: u.name }));
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await transferring.mutateAsync({
        params: { id: c.id },
        body: { toOfficeId: v.toOfficeId!, toCounsellorId: v.toCounsellorId, reason: v.reason.trim() || null },
      });
      onDone(v.toOfficeId!, offices.data?.items.find((o) => o.id === v.toOfficeId)?.name ?? '');
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('cases.transfer.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('cases.transfer.text', { office: c.office.name })}</Text>
          <ProblemAlert problem={problem} />
          <Select
            label={t('cases.transfer.office')}
            data={officeOptions}
            required
            searchable
            data-testid="transfer-office"
            {...form.getInputProps('toOfficeId')}
            onChange={(v: string | null) => {
              form.setFieldValue('toOfficeId', v);
              form.setFieldValue('toCounsellorId', null);
            }}
          />
          <Select
            label={t('cases.transfer.counsellor')}
            description={
              counsellorOptions.length === 0 && form.values.toOfficeId ? t('cases.transfer.counsellorLater') : undefined
            }
            data={counsellorOptions}
            clearable
            searchable
            disabled={!form.values.toOfficeId || counsellorOptions.length === 0}
            placeholder={t('cases.transfer.noCounsellor')}
            {...form.getInputProps('toCounsellorId')}
          />
          <Textarea
            label={t('cases.transfer.reason')}
            autosize
            minRows={2}
            maxLength={1000}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transferring.isPending} data-testid="transfer-confirm">
              {t('cases.transfer.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ChangeStatus({ c, onDone }: { c: CaseDetail; onDone: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const changing = useOpMutation(changeCaseStatus, {
    onSuccess: (changed, { body }) => {
      onDone(changed);
      notifySuccess(t('cases.statusChanged', { status: t(`cases.statuses.${body.status}`) }));
    },
    onError: notifyProblem,
  });
  const options = c.allowedStatuses.filter((s) => s !== 'closed');
  if (options.length === 0) return null;
  function change(status: CaseStatus) {
    changing.mutate({ params: { id: c.id }, body: { status } });
  }
  return (
    <Select
      label={t('cases.changeStatus')}
      data={options.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
      value={null}
      placeholder={t('cases.chooseStatus')}
      onChange={(v) => v && change(v)}
      disabled={changing.isPending}
      w={{ base: '100%', sm: 220 }}
      data-testid="case-status-change"
    />
  );
}

export function CaseTimeline({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const refresh = useRefreshPerson(person.id);
  const canWrite = can('cases:write');
  const episodes = useEpisodes(person.id);
  const current = person.case?.id ?? episodes.data?.items[0]?.id ?? null;
  const detail = useCase(current);
  const [dialog, setDialog] = useState<'close' | 'transfer' | null>(null);
  const opening = useOpMutation(openCaseOp, {
    onSuccess: async () => {
      notifySuccess(t('cases.opened'));
      await refresh();
    },
    onError: notifyProblem,
  });

  async function updated() {
    await refresh();
  }

  function openCase() {
    opening.mutate({ params: { id: person.id } });
  }

  async function transferred(toOfficeId: string, toOffice: string) {
    setDialog(null);
    notifySuccess(t('cases.transfer.done', { name: fullName(person), office: toOffice }));
    const stillVisible = can('offices:all') || !me.office || me.office.id === toOfficeId;
    if (!stillVisible) void navigate('/persons', { replace: true });
    await refresh();
  }

  if (episodes.isPending || (current && detail.isPending)) return <InlineLoader />;
  if (episodes.error) return <LoadError problem={toProblem(episodes.error)} onRetry={() => void episodes.refetch()} />;
  if (detail.error) return <LoadError problem={toProblem(detail.error)} onRetry={() => void detail.refetch()} />;

  const c = detail.data;
  const open = c && c.status !== 'closed';
  const earlier = (episodes.data.items ?? []).filter((e) => e.id !== c?.id);

  if (!c) {
    return (
      <Empty
        title={t('cases.none')}
        description={t('cases.noneText')}
        action={
          canWrite ? (
            <Button onClick={openCase} loading={opening.isPending}>
              {t('cases.open')}
            </Button>
          ) : undefined
        }
      />
    );
  }

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="xs">
              <CaseStatusBadge status={c.status} />
              <Text size="sm" c="dimmed">
                {t('cases.summary', {
                  office: c.office.name,
                  counsellor: c.counsellor?.name ?? t('cases.unassigned'),
                  date: formatDate(c.openedAt),
                })}
              </Text>
            </Group>
            {c.closedAt ? (
              <Text size="sm">
                {t('cases.closedOn', {
                  date: formatDate(c.closedAt),
                  reason: c.closeReason ? t(`cases.closeReasons.${c.closeReason}`) : '',
                })}
              </Text>
            ) : null}
          </Stack>
          {canWrite ? (
            <Group gap="sm" align="flex-end" wrap="wrap">
              {open ? (
                <>
                  <ChangeStatus c={c} onDone={() => void updated()} />
                  <Button
                    variant="default"
                    leftSection={<IconArrowsExchange size={16} aria-hidden />}
                    onClick={() => setDialog('transfer')}
                    data-testid="case-transfer"
                  >
                    {t('cases.transfer.button')}
                  </Button>
                  {c.allowedStatuses.includes('closed') ? (
                    <Button
                      variant="default"
                      color="red.8"
                      leftSection={<IconFolderX size={16} aria-hidden />}
                      onClick={() => setDialog('close')}
                    >
                      {t('cases.close.button')}
                    </Button>
                  ) : null}
                </>
              ) : (
                <Button
                  onClick={openCase}
                  loading={opening.isPending}
                  leftSection={<IconFolderOpen size={16} aria-hidden />}
                >
                  {t('cases.openNew')}
                </Button>
              )}
            </Group>
          ) : null}
        </Group>
      </Card>
      {canWrite && open ? <AddNote caseId={c.id} onAdded={() => void updated()} /> : null}
      <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
        <Stack gap="md">
          <Title order={3} size="h5" id="timeline-title">
            {t('cases.timeline')}
          </Title>
          <Timeline bulletSize={28} lineWidth={2} data-testid="case-timeline">
            {entries(c, t).map((e) => (
              <Timeline.Item key={e.key} bullet={<e.icon size={14} aria-hidden />} title={e.title}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at)}
                  {e.meta ? ` · ${e.meta}` : ''}
                </Text>
                {e.body ? (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                    {e.body}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      </Card>
      {c.transfers.length > 0 ? (
        <Card withBorder padding="md" component="section" aria-labelledby="transfers-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="transfers-title">
              {t('cases.transfer.history')}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cases.transfer.date')}</Table.Th>
                    <Table.Th>{t('cases.transfer.from')}</Table.Th>
                    <Table.Th>{t('cases.transfer.to')}</Table.Th>
                    <Table.Th>{t('cases.transfer.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.transfers.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>{formatDateTime(x.transferredAt)}</Table.Td>
                      <Table.Td>{[x.fromOffice, x.fromCounsellor].filter(Boolean).join(' · ')}</Table.Td>
                      <Table.Td>{[x.toOffice, x.toCounsellor].filter(Boolean).join(' · ')}</Table.Td>
                      <Table.Td>{x.reason ?? t('common.none')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Card>
      ) : null}
      {earlier.length > 0 ? (
        <Card withBorder padding="md" component="section" aria-labelledby="episodes-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="episodes-title">
              {t('cases.earlier')}
            </Title>
            {earlier.map((e) => (
              <Group key={e.id} gap="xs">
                <IconCalendarEvent size={16} aria-hidden />
                <CaseStatusBadge status={e.status} />
                <Text size="sm">
                  {t('cases.episode', {
                    from: formatDate(e.openedAt),
                    to: e.closedAt ? formatDate(e.closedAt) : t('households.ongoing'),
                    office: e.office,
                  })}
                </Text>
                {e.closeReason ? (
                  <Badge variant="outline" color="gray.8">
                    {t(`cases.closeReasons.${e.closeReason}`)}
                  </Badge>
                ) : null}
              </Group>
            ))}
          </Stack>
        </Card>
      ) : null}
      {dialog === 'close' ? (
        <CloseCase
          c={c}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            notifySuccess(t('cases.close.done'));
            void updated();
          }}
        />
      ) : null}
      {dialog === 'transfer' ? (
        <TransferCase c={c} onClose={() => setDialog(null)} onDone={(id, name) => void transferred(id, name)} />
      ) : null}
    </Stack>
  );
}
