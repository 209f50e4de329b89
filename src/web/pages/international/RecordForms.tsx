import { MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import {
  DATE_PRECISIONS,
  EVENT_KINDS,
  MEMBERSHIP_ROLES,
  PUBLICATION_KINDS,
  THEMES,
  type DatePrecision,
  type EventKind,
  type MembershipRole,
  type PublicationKind,
  type Theme,
} from '../../../common/international.ts';
import {
  addAgreementFollowUp,
  addEventFollowUp,
  createEvent,
  createMembership,
  createPractice,
  createPublication,
  listPartnerOptions,
  listStaffOptions,
  updateEvent,
  updateMembership,
  updatePractice,
  updatePublication,
  type CoopEvent,
  type Membership,
  type Practice,
  type Publication,
} from '../../../common/contracts/international.ts';
import { partnerLabel } from './labels.ts';
import { DateField } from '../../components/DateFields.tsx';
import { FormActions } from '../../components/FormModal.tsx';
import { countryOptions } from '../../components/people/reference.ts';

const blank = (v: string) => v.trim() || null;

function usePartnerData() {
  const partners = useOp(listPartnerOptions, undefined);
  return (partners.data?.items ?? []).map((p) => ({ value: p.id, label: partnerLabel(p) }));
}

function useStaffData() {
  const staff = useOp(listStaffOptions, undefined);
  return (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
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

/** Records an organisation's membership of a network (a role over a period), or changes `membership`. */
export function MembershipForm({ membership, onClose }: { membership?: Membership; onClose: () => void }) {
  const { t } = useTranslation();
  const partnerData = usePartnerData();
  const form = useForm<MembershipValues>({
    initialValues: {
      memberId: membership?.member.id ?? null,
      networkId: membership?.network.id ?? null,
      role: membership?.role ?? 'member',
      precision: membership?.precision ?? 'day',
      startDate: membership?.startDate ?? '',
      endDate: membership?.endDate ?? '',
      note: membership?.note ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, MEMBERSHIP_FIELDS);
  const create = useOpMutation(createMembership, { invalidates: ['/international'] });
  const update = useOpMutation(updateMembership, { invalidates: ['/international'] });
  async function submit(v: MembershipValues) {
    clear();
    try {
      const body = {
        memberId: v.memberId ?? '',
        networkId: v.networkId ?? '',
        role: v.role,
        precision: v.precision,
        startDate: v.startDate,
        endDate: blank(v.endDate),
        note: blank(v.note),
      };
      if (membership) await update.mutateAsync({ params: { id: membership.id }, body });
      else await create.mutateAsync({ body });
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
            data-testid="membership-member"
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
          <DateField
            label={t('international.fields.endDate')}
            data-testid="membership-end"
            {...form.getInputProps('endDate')}
          />
        </SimpleGrid>
        <Textarea label={t('international.fields.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <FormActions
          onCancel={onClose}
          pending={create.isPending || update.isPending}
          label={t('international.save')}
          testId="membership-save"
        />
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

/**
 * Records a meeting, workshop or conference with its host, participants, topics and outcomes, or
 * changes `event` (its follow-up actions are kept and changed on their own).
 */
export function EventForm({ event, onClose }: { event?: CoopEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const partnerData = usePartnerData();
  const staffData = useStaffData();
  const form = useForm<EventValues>({
    initialValues: {
      kind: event?.kind ?? 'meeting',
      title: event?.title ?? '',
      precision: event?.precision ?? 'day',
      startDate: event?.startDate ?? '',
      endDate: event?.endDate ?? '',
      hostId: event?.host?.id ?? null,
      place: event?.place ?? '',
      partnerIds: event?.partners.map((p) => p.id) ?? [],
      staffIds: event?.staff.map((s) => s.id) ?? [],
      topics: event?.topics ?? '',
      outcomes: event?.outcomes ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, EVENT_FIELDS);
  const create = useOpMutation(createEvent, { invalidates: ['/international'] });
  const update = useOpMutation(updateEvent, { invalidates: ['/international'] });
  async function submit(v: EventValues) {
    clear();
    try {
      const body = {
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
      };
      if (event) await update.mutateAsync({ params: { id: event.id }, body });
      else await create.mutateAsync({ body });
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
        <Textarea
          label={t('international.outcomes')}
          autosize
          minRows={2}
          data-testid="event-outcomes"
          {...form.getInputProps('outcomes')}
        />
        <FormActions
          onCancel={onClose}
          pending={create.isPending || update.isPending}
          label={t('international.save')}
          testId="event-save"
        />
      </Stack>
    </form>
  );
}

/** The Turkish, English and Arabic versions of one text (the Turkish one required). */
function LocalisedInputs({
  form,
  name,
  label,
  multiline = false,
}: {
  form: { getInputProps: (path: string) => object };
  name: 'title' | 'summary';
  label: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: multiline ? 1 : 3 }}>
      {(['Tr', 'En', 'Ar'] as const).map((lang) => {
        const props = {
          label: `${label} (${t(`international.languages.${lang.toLowerCase() as 'tr' | 'en' | 'ar'}`)})`,
          required: lang === 'Tr',
          dir: lang === 'Ar' ? 'rtl' : lang === 'Tr' ? undefined : 'ltr',
          lang: lang.toLowerCase(),
          'data-testid': `${name}-${lang.toLowerCase()}`,
          ...form.getInputProps(`${name}${lang}`),
        };
        return multiline ? (
          <Textarea key={lang} autosize minRows={2} {...props} />
        ) : (
          <TextInput key={lang} {...props} />
        );
      })}
    </SimpleGrid>
  );
}

function ThemesInput({ form }: { form: { getInputProps: (path: string) => object } }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t('international.fields.themes')}
      data={THEMES.map((th) => ({ value: th, label: t(`international.themes.${th}`) }))}
      searchable
      data-testid="themes"
      {...form.getInputProps('themes')}
    />
  );
}

interface PublicationValues {
  kind: PublicationKind;
  series: string;
  year: number | string;
  issue: string;
  titleTr: string;
  titleEn: string;
  titleAr: string;
  publisherId: string | null;
  themes: Theme[];
  link: string;
}
const PUBLICATION_FIELDS = [
  'kind',
  'series',
  'year',
  'issue',
  'titleTr',
  'titleEn',
  'titleAr',
  'publisherId',
  'themes',
  'link',
];

/** Records a publication (a magazine issue, a report…) with its titles in tr/en/ar, or changes `publication`. */
export function PublicationForm({ publication, onClose }: { publication?: Publication; onClose: () => void }) {
  const { t } = useTranslation();
  const partnerData = usePartnerData();
  const form = useForm<PublicationValues>({
    initialValues: {
      kind: publication?.kind ?? 'magazine-issue',
      series: publication?.series ?? '',
      year: publication?.year ?? '',
      issue: publication?.issue ?? '',
      titleTr: publication?.title.tr ?? '',
      titleEn: publication?.title.en ?? '',
      titleAr: publication?.title.ar ?? '',
      publisherId: publication?.publisher?.id ?? null,
      themes: publication?.themes ?? [],
      link: publication?.link ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, PUBLICATION_FIELDS);
  const create = useOpMutation(createPublication, { invalidates: ['/international'] });
  const update = useOpMutation(updatePublication, { invalidates: ['/international'] });
  async function submit(v: PublicationValues) {
    clear();
    const body = {
      kind: v.kind,
      series: blank(v.series),
      year: typeof v.year === 'number' ? v.year : Number.parseInt(v.year, 10) || 0,
      issue: blank(v.issue),
      titleTr: v.titleTr.trim(),
      titleEn: blank(v.titleEn),
      titleAr: blank(v.titleAr),
      publisherId: v.publisherId,
      themes: v.themes,
      link: blank(v.link),
    };
    try {
      if (publication) await update.mutateAsync({ params: { id: publication.id }, body });
      else await create.mutateAsync({ body });
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
        <LocalisedInputs form={form} name="title" label={t('international.fields.title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('international.fields.kind')}
            required
            allowDeselect={false}
            data={PUBLICATION_KINDS.map((k) => ({ value: k, label: t(`international.publicationKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <NumberInput
            label={t('international.fields.year')}
            required
            min={1900}
            max={2100}
            allowDecimal={false}
            data-testid="publication-year"
            {...form.getInputProps('year')}
          />
          <TextInput label={t('international.fields.series')} {...form.getInputProps('series')} />
          <TextInput label={t('international.fields.issue')} {...form.getInputProps('issue')} />
          <Select
            label={t('international.fields.publisher')}
            searchable
            clearable
            data={partnerData}
            {...form.getInputProps('publisherId')}
          />
          <TextInput label={t('international.fields.link')} dir="ltr" type="url" {...form.getInputProps('link')} />
        </SimpleGrid>
        <ThemesInput form={form} />
        <FormActions
          onCancel={onClose}
          pending={create.isPending || update.isPending}
          label={t('international.save')}
          testId="publication-save"
        />
      </Stack>
    </form>
  );
}

interface PracticeValues {
  titleTr: string;
  titleEn: string;
  titleAr: string;
  summaryTr: string;
  summaryEn: string;
  summaryAr: string;
  country: string | null;
  partnerId: string | null;
  themes: Theme[];
}
const PRACTICE_FIELDS = [
  'titleTr',
  'titleEn',
  'titleAr',
  'summaryTr',
  'summaryEn',
  'summaryAr',
  'country',
  'partnerId',
  'themes',
];

/** Adds a good practice to the library with its title and summary in tr/en/ar, or changes `practice`. */
export function PracticeForm({ practice, onClose }: { practice?: Practice; onClose: () => void }) {
  const { t } = useTranslation();
  const partnerData = usePartnerData();
  const form = useForm<PracticeValues>({
    initialValues: {
      titleTr: practice?.title.tr ?? '',
      titleEn: practice?.title.en ?? '',
      titleAr: practice?.title.ar ?? '',
      summaryTr: practice?.summary.tr ?? '',
      summaryEn: practice?.summary.en ?? '',
      summaryAr: practice?.summary.ar ?? '',
      country: practice?.country ?? null,
      partnerId: practice?.partner?.id ?? null,
      themes: practice?.themes ?? [],
    },
  });
  const { problem, handle, clear } = useFormProblem(form, PRACTICE_FIELDS);
  const create = useOpMutation(createPractice, { invalidates: ['/international'] });
  const update = useOpMutation(updatePractice, { invalidates: ['/international'] });
  async function submit(v: PracticeValues) {
    clear();
    const body = {
      titleTr: v.titleTr.trim(),
      titleEn: blank(v.titleEn),
      titleAr: blank(v.titleAr),
      summaryTr: v.summaryTr.trim(),
      summaryEn: blank(v.summaryEn),
      summaryAr: blank(v.summaryAr),
      country: v.country,
      partnerId: v.partnerId,
      themes: v.themes,
    };
    try {
      if (practice) await update.mutateAsync({ params: { id: practice.id }, body });
      else await create.mutateAsync({ body });
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
        <LocalisedInputs form={form} name="title" label={t('international.fields.title')} />
        <LocalisedInputs form={form} name="summary" label={t('international.fields.summary')} multiline />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('international.fields.country')}
            searchable
            clearable
            data={countryOptions()}
            {...form.getInputProps('country')}
          />
          <Select
            label={t('international.fields.partner')}
            searchable
            clearable
            data={partnerData}
            {...form.getInputProps('partnerId')}
          />
        </SimpleGrid>
        <ThemesInput form={form} />
        <FormActions
          onCancel={onClose}
          pending={create.isPending || update.isPending}
          label={t('international.save')}
          testId="practice-save"
        />
      </Stack>
    </form>
  );
}

interface FollowUpValues {
  title: string;
  ownerId: string | null;
  deadline: string;
}
const FOLLOW_UP_FIELDS = ['title', 'ownerId', 'deadline'];

/** Adds a follow-up action (what, who, by when) to an agreement or an event. */
export function FollowUpForm({
  parent,
  onClose,
}: {
  parent: { agreementId: string } | { eventId: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const staffData = useStaffData();
  const form = useForm<FollowUpValues>({ initialValues: { title: '', ownerId: null, deadline: '' } });
  const { problem, handle, clear } = useFormProblem(form, FOLLOW_UP_FIELDS);
  const toAgreement = useOpMutation(addAgreementFollowUp, { invalidates: ['/international'] });
  const toEvent = useOpMutation(addEventFollowUp, { invalidates: ['/international'] });
  async function submit(v: FollowUpValues) {
    clear();
    const body = { title: v.title.trim(), ownerId: v.ownerId ?? '', deadline: v.deadline };
    try {
      if ('agreementId' in parent) await toAgreement.mutateAsync({ params: { id: parent.agreementId }, body });
      else await toEvent.mutateAsync({ params: { id: parent.eventId }, body });
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
        <TextInput
          label={t('international.fields.actionTitle')}
          required
          data-autofocus
          data-testid="follow-up-title"
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('international.fields.owner')}
            required
            searchable
            data={staffData}
            data-testid="follow-up-owner"
            {...form.getInputProps('ownerId')}
          />
          <DateField
            label={t('international.fields.deadline')}
            required
            data-testid="follow-up-deadline"
            {...form.getInputProps('deadline')}
          />
        </SimpleGrid>
        <FormActions
          onCancel={onClose}
          pending={toAgreement.isPending || toEvent.isPending}
          label={t('international.save')}
          testId="follow-up-save"
        />
      </Stack>
    </form>
  );
}
