import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { employerOptions, useEmployerChoices } from '../../components/work/employerChoices.ts';
import * as op from '../../../common/contracts/placements.ts';
import { MANUAL_SOURCES, type FollowUp, type Placement } from '../../../common/contracts/placements.ts';
import { CONTRACT_TYPES, SHIFTS, WAGE_BASES } from '../../../common/enums.ts';
import {
  END_REASONS,
  FOLLOW_UP_OUTCOMES,
  MANUAL_EVIDENCE_KINDS,
  NOT_WORKING_REASONS,
} from '../../../common/placements.ts';
import { turkiyeToday } from '../../components/format.ts';
import { DateField } from '../../components/DateFields.tsx';

const invalidates = ['/placements', '/placement-follow-ups', '/persons', '/cases'];

const CREATE_FIELDS = [
  'employerId',
  'source',
  'jobTitle',
  'startDate',
  'contractType',
  'wageAmount',
  'wageBasis',
  'hoursPerWeek',
  'hoursPerDay',
  'shifts',
  'workplaceDistrict',
];

/** Record a job found without a referral (the person reported it, a job fair, …). */
export function RecordPlacementModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useOpMutation(op.createPlacement, { invalidates });
  const form = useForm({
    initialValues: {
      employerId: '',
      source: 'self-reported' as (typeof MANUAL_SOURCES)[number],
      jobTitle: '',
      startDate: turkiyeToday(),
      contractType: 'permanent' as (typeof CONTRACT_TYPES)[number],
      wageAmount: '' as number | '',
      wageBasis: 'net' as (typeof WAGE_BASES)[number],
      hoursPerWeek: 45 as number | '',
      hoursPerDay: 9 as number | '',
      shifts: ['day'] as string[],
      workplaceDistrict: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, CREATE_FIELDS);
  const employers = useEmployerChoices();
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      const created = await create.mutateAsync({
        body: {
          personId,
          employerId: v.employerId,
          source: v.source,
          jobTitle: v.jobTitle,
          startDate: v.startDate,
          contractType: v.contractType,
          wageAmount: Number(v.wageAmount),
          wageBasis: v.wageBasis,
          hoursPerWeek: Number(v.hoursPerWeek),
          hoursPerDay: Number(v.hoursPerDay),
          shifts: v.shifts as (typeof SHIFTS)[number][],
          workplaceDistrict: v.workplaceDistrict.trim() || null,
        },
      });
      notifySuccess(created.decent ? t('placementsUi.recorded') : t('placementsUi.recordedNotDecent'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('placementsUi.record')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('placementsUi.fields.employer')}
              data={employerOptions(employers.data?.items)}
              searchable
              required
              nothingFoundMessage={t('common.noOptions')}
              data-testid="placement-employer"
              error={form.errors.employerId}
              value={form.values.employerId || null}
              onChange={(v) => form.setFieldValue('employerId', v ?? '')}
            />
            <Select
              label={t('placementsUi.fields.source')}
              data={MANUAL_SOURCES.map((s) => ({ value: s, label: t(`placementsUi.sources.${s}`) }))}
              allowDeselect={false}
              required
              {...form.getInputProps('source')}
            />
            <TextInput
              label={t('placementsUi.fields.jobTitle')}
              required
              maxLength={200}
              data-testid="placement-title"
              {...form.getInputProps('jobTitle')}
            />
            <DateField label={t('placementsUi.fields.startDate')} required {...form.getInputProps('startDate')} />
            <Select
              label={t('placementsUi.fields.contractType')}
              data={CONTRACT_TYPES.map((c) => ({ value: c, label: t(`vacancies.contractTypes.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps('contractType')}
            />
            <MultiSelect
              label={t('placementsUi.fields.shifts')}
              data={SHIFTS.map((s) => ({ value: s, label: t(`vacancies.shifts.${s}`) }))}
              {...form.getInputProps('shifts')}
            />
            <NumberInput
              label={t('placementsUi.fields.wageAmount')}
              required
              min={0}
              decimalScale={2}
              data-testid="placement-wage"
              {...form.getInputProps('wageAmount')}
            />
            <Select
              label={t('placementsUi.fields.wageBasis')}
              data={WAGE_BASES.map((b) => ({ value: b, label: t(`vacancies.wageBases.${b}`) }))}
              allowDeselect={false}
              {...form.getInputProps('wageBasis')}
            />
            <NumberInput
              label={t('placementsUi.fields.hoursPerWeek')}
              min={1}
              max={168}
              {...form.getInputProps('hoursPerWeek')}
            />
            <NumberInput
              label={t('placementsUi.fields.hoursPerDay')}
              min={1}
              max={24}
              {...form.getInputProps('hoursPerDay')}
            />
            <TextInput
              label={t('placementsUi.fields.workplaceDistrict')}
              maxLength={60}
              {...form.getInputProps('workplaceDistrict')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="placement-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Verify as registered work with the evidence (service record barcode, or the hire notification). */
export function VerifyModal({ placement, onClose }: { placement: Placement; onClose: () => void }) {
  const { t } = useTranslation();
  const verify = useOpMutation(op.verifyPlacement, { invalidates });
  const form = useForm({
    initialValues: {
      evidenceKind: 'sgk-service-record' as (typeof MANUAL_EVIDENCE_KINDS)[number],
      evidenceReference: '',
      hireFiledOn: '',
      netWage: '' as number | '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, [
    'evidenceKind',
    'evidenceReference',
    'hireFiledOn',
    'netWage',
  ]);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      const res = await verify.mutateAsync({
        params: { id: placement.id },
        body: {
          evidenceKind: v.evidenceKind,
          evidenceReference: v.evidenceReference.trim(),
          hireFiledOn: v.hireFiledOn || null,
          netWage: v.netWage === '' ? null : Number(v.netWage),
        },
      });
      notifySuccess(res.lateFiling ? t('placementsUi.verifiedLate') : t('placementsUi.verified'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('placementsUi.verify')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <Select
            label={t('placementsUi.fields.evidenceKind')}
            data={MANUAL_EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`placementsUi.evidence.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('evidenceKind')}
          />
          <TextInput
            label={
              form.values.evidenceKind === 'sgk-service-record'
                ? t('placementsUi.fields.barcode')
                : t('placementsUi.fields.notificationReference')
            }
            required
            maxLength={60}
            data-testid="verify-reference"
            {...form.getInputProps('evidenceReference')}
          />
          <DateField
            label={t('placementsUi.fields.hireFiledOn')}
            description={t('placementsUi.fields.hireFiledOnHint')}
            required={form.values.evidenceKind === 'hire-notification'}
            data-testid="verify-filed"
            {...form.getInputProps('hireFiledOn')}
          />
          {placement.wageBasis === 'gross' ? (
            <NumberInput
              label={t('placementsUi.fields.netWage')}
              required
              min={0}
              decimalScale={2}
              {...form.getInputProps('netWage')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={verify.isPending} data-testid="verify-save">
              {t('placementsUi.verify')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Record a follow-up: still with the employer, another employer (registered or not), or not working. */
export function FollowUpModal({
  placement,
  followUp,
  onClose,
}: {
  placement: Placement;
  followUp: FollowUp;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useOpMutation(op.recordFollowUp, { invalidates });
  const form = useForm({
    initialValues: {
      outcome: (placement.status === 'ended' ? 'not-working' : 'same-employer') as (typeof FOLLOW_UP_OUTCOMES)[number],
      notWorkingReason: '',
      endDate: '',
      note: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['outcome', 'notWorkingReason', 'endDate', 'note']);
  const ends = placement.status === 'active' && form.values.outcome !== 'same-employer';
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await record.mutateAsync({
        params: { id: placement.id, followUpId: followUp.id },
        body: {
          outcome: v.outcome,
          notWorkingReason:
            v.outcome === 'not-working' && v.notWorkingReason
              ? (v.notWorkingReason as (typeof NOT_WORKING_REASONS)[number])
              : null,
          endDate: ends && v.endDate ? v.endDate : null,
          note: v.note.trim() || null,
        },
      });
      notifySuccess(t('placementsUi.followUpRecorded'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('placementsUi.followUpTitle', { milestone: t(`placementsUi.milestones.${followUp.milestone}`) })}
      size="md"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <Select
            label={t('placementsUi.fields.outcome')}
            data={FOLLOW_UP_OUTCOMES.filter((o) => placement.status !== 'ended' || o !== 'same-employer').map((o) => ({
              value: o,
              label: t(`placementsUi.outcomes.${o}`),
            }))}
            allowDeselect={false}
            data-testid="follow-up-outcome"
            {...form.getInputProps('outcome')}
          />
          {form.values.outcome === 'not-working' ? (
            <Select
              label={t('placementsUi.fields.notWorkingReason')}
              data={NOT_WORKING_REASONS.map((r) => ({ value: r, label: t(`placementsUi.notWorkingReasons.${r}`) }))}
              required
              data-testid="follow-up-reason"
              {...form.getInputProps('notWorkingReason')}
            />
          ) : null}
          {ends ? (
            <DateField
              label={t('placementsUi.fields.endDate')}
              description={t('placementsUi.fields.endDateHint')}
              {...form.getInputProps('endDate')}
            />
          ) : null}
          <Textarea
            label={t('placementsUi.fields.note')}
            maxLength={2000}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="follow-up-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The job ended (reported by the person or the employer). */
export function EndModal({ placement, onClose }: { placement: Placement; onClose: () => void }) {
  const { t } = useTranslation();
  const end = useOpMutation(op.endPlacement, { invalidates });
  const form = useForm({
    initialValues: { endDate: turkiyeToday(), reason: 'resigned' as (typeof END_REASONS)[number] },
  });
  const { problem, handle, clear } = useFormProblem(form, ['endDate', 'reason']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await end.mutateAsync({ params: { id: placement.id }, body: v });
      notifySuccess(t('placementsUi.ended'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('placementsUi.end')} size="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <DateField label={t('placementsUi.fields.endDate')} required {...form.getInputProps('endDate')} />
          <Select
            label={t('placementsUi.fields.endReason')}
            data={END_REASONS.filter((r) => r !== 'sgk-exit').map((r) => ({
              value: r,
              label: t(`placementsUi.endReasons.${r}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={end.isPending}>
              {t('placementsUi.end')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
