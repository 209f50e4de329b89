import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  EMPLOYER_BOUND_PERMITS,
  PERSONAL_PERMITS,
  WORK_PERMIT_KINDS,
  WORK_PERMIT_STATUSES,
  type WorkPermitKind,
  type WorkPermitStatus,
} from '../../../../common/decent-work.ts';
import { useCan } from '../../../api/session.ts';
import { formatDate } from '../../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../../components/people/notify.ts';
import type { Person } from '../../../components/people/types.ts';
import { ConfirmDialog, Empty, InlineLoader, LoadError } from '../../../components/ui.tsx';
import { employerName } from '../../../components/work/labels.ts';
import { useEmployerChoices } from '../../../components/work/employerChoices.ts';
import { SectionCard } from './OverviewTab.tsx';
import { personKey } from './queries.ts';
import { DateField } from '../../../components/DateFields.tsx';
import { callOp, useOpMutation } from '../../../api/ops.ts';
import {
  listWorkPermits,
  recordWorkPermit,
  removeWorkPermit,
  updateWorkPermit,
  type WorkPermit,
} from '../../../../common/contracts/person-records.ts';

export type { WorkPermit };

const permitsKey = (id: string) => [...personKey(id), 'work-permits'] as const;
const FIELDS = [
  'kind',
  'status',
  'employerId',
  'employerName',
  'requestedOn',
  'decidedOn',
  'validFrom',
  'validUntil',
  'reference',
  'note',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const STATUS_COLOR: Record<WorkPermitStatus, string> = {
  requested: '#9c5700',
  granted: 'teal.9',
  refused: 'red.9',
  withdrawn: 'gray.7',
};

function PermitModal({ person, permit, onClose }: { person: Person; permit: WorkPermit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const updating = useOpMutation(updateWorkPermit, { invalidates: [permitsKey(person.id)] });
  const recording = useOpMutation(recordWorkPermit, { invalidates: [permitsKey(person.id)] });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      kind: permit?.kind ?? 'work-permit',
      status: permit?.status ?? 'requested',
      employerId: permit?.employerId ?? '',
      employerName: permit?.employerId ? '' : (permit?.employerName ?? ''),
      requestedOn: permit?.requestedOn ?? '',
      decidedOn: permit?.decidedOn ?? '',
      validFrom: permit?.validFrom ?? '',
      validUntil: permit?.validUntil ?? '',
      reference: permit?.reference ?? '',
      note: permit?.note ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const employers = useEmployerChoices();
  const kind = form.values.kind as WorkPermitKind;
  const bound = !PERSONAL_PERMITS.includes(kind);
  const granted = form.values.status === 'granted';
  const decided = granted || form.values.status === 'refused';

  const submit = form.onSubmit(async (v) => {
    clear();
    const orNull = (s: string) => s.trim() || null;
    const body = {
      kind: v.kind as WorkPermitKind,
      status: v.status as WorkPermitStatus,
      employerId: bound ? orNull(v.employerId) : null,
      employerName: bound && !v.employerId ? orNull(v.employerName) : null,
      requestedOn: orNull(v.requestedOn),
      decidedOn: decided ? orNull(v.decidedOn) : null,
      validFrom: granted ? orNull(v.validFrom) : null,
      validUntil: granted ? orNull(v.validUntil) : null,
      reference: orNull(v.reference),
      note: orNull(v.note),
    };
    try {
      if (permit) await updating.mutateAsync({ params: { id: person.id, permitId: permit.id }, body });
      else await recording.mutateAsync({ params: { id: person.id }, body });
      notifySuccess(t('workPermits.saved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Modal opened onClose={onClose} title={permit ? t('workPermits.edit') : t('workPermits.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('workPermits.fields.kind')}
              data={WORK_PERMIT_KINDS.map((k) => ({ value: k, label: t(`workPermits.kinds.${k}`) }))}
              allowDeselect={false}
              required
              data-testid="permit-kind"
              {...form.getInputProps('kind')}
            />
            <Select
              label={t('workPermits.fields.status')}
              data={WORK_PERMIT_STATUSES.map((s) => ({ value: s, label: t(`workPermits.statuses.${s}`) }))}
              allowDeselect={false}
              required
              data-testid="permit-status"
              {...form.getInputProps('status')}
            />
          </SimpleGrid>
          {bound ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('workPermits.fields.employer')}
                description={t('workPermits.fields.employerHint')}
                data={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: employerName(e) }))}
                searchable
                clearable
                required={EMPLOYER_BOUND_PERMITS.includes(kind) && !form.values.employerName.trim()}
                nothingFoundMessage={t('common.noOptions')}
                data-testid="permit-employer"
                error={form.errors.employerId}
                value={form.values.employerId || null}
                onChange={(v) => form.setFieldValue('employerId', v ?? '')}
              />
              <TextInput
                label={t('workPermits.fields.employerName')}
                disabled={Boolean(form.values.employerId)}
                {...form.getInputProps('employerName')}
              />
            </SimpleGrid>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateField label={t('workPermits.fields.requestedOn')} {...form.getInputProps('requestedOn')} />
            {decided ? (
              <DateField
                required
                label={t('workPermits.fields.decidedOn')}
                data-testid="permit-decided"
                {...form.getInputProps('decidedOn')}
              />
            ) : null}
            {granted ? (
              <>
                <DateField
                  required
                  label={t('workPermits.fields.validFrom')}
                  data-testid="permit-from"
                  {...form.getInputProps('validFrom')}
                />
                <DateField
                  required={kind !== 'indefinite-work-permit'}
                  label={t('workPermits.fields.validUntil')}
                  data-testid="permit-until"
                  {...form.getInputProps('validUntil')}
                />
              </>
            ) : null}
          </SimpleGrid>
          <TextInput label={t('workPermits.fields.reference')} maxLength={100} {...form.getInputProps('reference')} />
          <Textarea
            label={t('workPermits.fields.note')}
            maxLength={1000}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={updating.isPending || recording.isPending} data-testid="permit-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The person's work permits and exemptions (GET /persons/:id/work-permits), per employer, with their
 * dates: recorded by staff as the employer's application goes through. Restricted like the protection
 * status for people under protection (the server hides them from readers without special-category:read).
 */
export function WorkPermitsTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('persons:write');
  const [editing, setEditing] = useState<WorkPermit | 'new' | null>(null);
  const [removing, setRemoving] = useState<WorkPermit | null>(null);
  const permits = useQuery({
    queryKey: permitsKey(person.id),
    queryFn: () => callOp(listWorkPermits, { params: { id: person.id } }),
  });

  const removal = useOpMutation(removeWorkPermit, {
    invalidates: [permitsKey(person.id)],
    onSuccess: () => {
      notifySuccess(t('workPermits.removed'));
      setRemoving(null);
    },
    onError: notifyProblem,
  });
  function remove() {
    if (!removing) return;
    removal.mutate({ params: { id: person.id, permitId: removing.id } });
  }

  const period = (p: WorkPermit) =>
    p.validFrom
      ? p.validUntil
        ? t('workPermits.period', { from: formatDate(p.validFrom), until: formatDate(p.validUntil) })
        : t('workPermits.openEnded', { from: formatDate(p.validFrom) })
      : '—';

  let body;
  if (permits.isPending) body = <InlineLoader />;
  else if (permits.error)
    body = <LoadError problem={toProblem(permits.error)} onRetry={() => void permits.refetch()} />;
  else if (permits.data.items.length === 0)
    body = (
      <Empty
        title={t('workPermits.empty')}
        description={t('workPermits.emptyText')}
        action={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('workPermits.add')}
            </Button>
          ) : undefined
        }
      />
    );
  else
    body = (
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" data-testid="work-permits">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('workPermits.fields.kind')}</Table.Th>
              <Table.Th>{t('workPermits.fields.employer')}</Table.Th>
              <Table.Th>{t('workPermits.fields.status')}</Table.Th>
              <Table.Th>{t('workPermits.fields.validFrom')}</Table.Th>
              {canWrite ? (
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {permits.data.items.map((p) => (
              <Table.Tr key={p.id} data-testid="work-permit">
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" fw={600}>
                      {t(`workPermits.kinds.${p.kind}`)}
                    </Text>
                    {p.reference ? (
                      <Text size="xs" c="dimmed">
                        <bdi>{p.reference}</bdi>
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{p.employerName ? <bdi>{p.employerName}</bdi> : '—'}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge variant="outline" color={STATUS_COLOR[p.status]}>
                      {t(`workPermits.statuses.${p.status}`)}
                    </Badge>
                    {p.decidedOn ? (
                      <Text size="xs" c="dimmed">
                        {formatDate(p.decidedOn)}
                      </Text>
                    ) : p.requestedOn ? (
                      <Text size="xs" c="dimmed">
                        {formatDate(p.requestedOn)}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{period(p)}</Text>
                    {p.status === 'granted' ? (
                      <Badge variant="light" color={p.validToday ? 'teal.9' : '#9c5700'} data-testid="permit-valid">
                        {p.validToday ? t('workPermits.validToday') : t('workPermits.notValidToday')}
                      </Badge>
                    ) : null}
                  </Stack>
                </Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                        {t('common.edit')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red.9" c="red.9" onClick={() => setRemoving(p)}>
                        {t('workPermits.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <SectionCard title={t('workPermits.title')} testId="work-permits-card">
      <Stack gap="sm">
        <Text size="sm">{t('workPermits.description')}</Text>
        {person.targetGroups.some((g) => g.group === 'refugee') ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('workPermits.restrictedNote')}
          </Alert>
        ) : null}
        {canWrite && permits.data && permits.data.items.length > 0 ? (
          <Group justify="flex-end">
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing('new')}
              data-testid="permit-add"
            >
              {t('workPermits.add')}
            </Button>
          </Group>
        ) : null}
        {body}
      </Stack>
      {editing ? (
        <PermitModal person={person} permit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmDialog
        opened={removing !== null}
        title={t('workPermits.removeTitle')}
        message={t('workPermits.removeText')}
        confirmLabel={t('workPermits.remove')}
        danger
        loading={removal.isPending}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
      />
    </SectionCard>
  );
}
