import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import {
  DATE_PRECISIONS,
  EVENT_KINDS,
  MEMBERSHIP_ROLES,
  type DatePrecision,
  type EventKind,
  type MembershipRole,
} from '../../../common/international.ts';
import {
  createEvent,
  createMembership,
  listPartnerOptions,
  listStaffOptions,
} from '../../../common/contracts/international.ts';
import { partnerLabel } from './labels.ts';
import { DateField } from '../../components/DateFields.tsx';

const blank = (v: string) => v.trim() || null;

function usePartnerData() {
  const partners = useOp(listPartnerOptions, undefined);
  return (partners.data?.items ?? []).map((p) => ({ value: p.id, label: partnerLabel(p) }));
}

interface MembershipValues {
  memberId: string | null;
  networkId: string | null;
  role: MembershipRole;
  precision: DatePrecision;
  startDate: string;
  endDate: string;
  note: string;
}
const MEMBERSHIP_FIELDS = ['memberId', 'networkId', 'role', 'precision', 'startDate', 'endDate', 'note'];

/** Records an organisation's membership of a network: a role over a period. */
export function MembershipForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const partnerData = usePartnerData();
  const form = useForm<MembershipValues>({
    initialValues: {
      memberId: null,
      networkId: null,
      role: 'member',
      precision: 'day',
      startDate: '',
      endDate: '',
      note: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, MEMBERSHIP_FIELDS);
  const create = useOpMutation(createMembership, { invalidates: ['/international'] });
  async function submit(v: MembershipValues) {
    clear();
    try {
      await create.mutateAsync({
        body: {
          memberId: v.memberId ?? '',
          networkId: v.networkId ?? '',
          role: v.role,
          precision: v.precision,
          startDate: v.startDate,
          endDate: blank(v.endDate),
          note: blank(v.note),
        },
      });
      notifySuccess(t('international.saved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('international.fields.member')}
            required
            searchable
            data={partnerData}
            data-autofocus
            {...form.getInputProps('memberId')}
          />
          <Select
            label={t('international.fields.network')}
            required
            searchable
            data={partnerData}
            {...form.getInputProps('networkId')}
          />
          <Select
            label={t('international.fields.role')}
            required
            allowDeselect={false}
            data={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`international.roles.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('international.fields.precision')}
            description={t('international.precisionHelp')}
            allowDeselect={false}
            data={DATE_PRECISIONS.map((p) => ({ value: p, label: t(`international.precisions.${p}`) }))}
            {...form.getInputProps('precision')}
          />
          <DateField label={t('international.fields.startDate')} required {...form.getInputProps('startDate')} />
          <DateField label={t('international.fields.endDate')} {...form.getInputProps('endDate')} />
        </SimpleGrid>
        <Textarea label={t('international.fields.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('international.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface EventValues {
  kind: EventKind;
  title: string;
  precision: DatePrecision;
  startDate: string;
  endDate: string;
  hostId: string | null;
  place: string;
  partnerIds: string[];
  staffIds: string[];
  topics: string;
  outcomes: string;
}
const EVENT_FIELDS = [
  'kind',
  'title',
  'precision',
  'startDate',
  'endDate',
  'hostId',
  'place',
  'partnerIds',
  'staffIds',
  'topics',
  'outcomes',
];

/** Records a meeting, workshop or conference with its host, participants, topics and outcomes. */
export function EventForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const partnerData = usePartnerData();
  const staff = useOp(listStaffOptions, undefined);
  const staffData = (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const form = useForm<EventValues>({
    initialValues: {
      kind: 'meeting',
      title: '',
      precision: 'day',
      startDate: '',
      endDate: '',
      hostId: null,
      place: '',
      partnerIds: [],
      staffIds: [],
      topics: '',
      outcomes: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, EVENT_FIELDS);
  const create = useOpMutation(createEvent, { invalidates: ['/international'] });
  async function submit(v: EventValues) {
    clear();
    try {
      await create.mutateAsync({
        body: {
          kind: v.kind,
          title: v.title.trim(),
          precision: v.precision,
          startDate: v.startDate,
          endDate: v.endDate || v.startDate,
          hostId: v.hostId,
          place: blank(v.place),
          partnerIds: v.partnerIds,
          staffIds: v.staffIds,
          topics: blank(v.topics),
          outcomes: blank(v.outcomes),
        },
      });
      notifySuccess(t('international.saved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('international.fields.title')} required data-autofocus {...form.getInputProps('title')} />
          <Select
            label={t('international.fields.kind')}
            required
            allowDeselect={false}
            data={EVENT_KINDS.map((k) => ({ value: k, label: t(`international.eventKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <DateField label={t('international.fields.startDate')} required {...form.getInputProps('startDate')} />
          <DateField label={t('international.fields.endDate')} {...form.getInputProps('endDate')} />
          <Select
            label={t('international.fields.precision')}
            description={t('international.precisionHelp')}
            allowDeselect={false}
            data={DATE_PRECISIONS.map((p) => ({ value: p, label: t(`international.precisions.${p}`) }))}
            {...form.getInputProps('precision')}
          />
          <TextInput label={t('international.fields.place')} {...form.getInputProps('place')} />
          <Select
            label={t('international.host')}
            searchable
            clearable
            data={partnerData}
            {...form.getInputProps('hostId')}
          />
          <MultiSelect
            label={t('international.participants')}
            searchable
            data={partnerData}
            {...form.getInputProps('partnerIds')}
          />
          <MultiSelect
            label={t('international.fields.staff')}
            searchable
            data={staffData}
            {...form.getInputProps('staffIds')}
          />
        </SimpleGrid>
        <Textarea label={t('international.topics')} autosize minRows={2} {...form.getInputProps('topics')} />
        <Textarea label={t('international.outcomes')} autosize minRows={2} {...form.getInputProps('outcomes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('international.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
