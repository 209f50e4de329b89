import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { formatDate, formatMoney, turkiyeToday } from '../../components/format.ts';
import * as op from '../../../common/contracts/graduation.ts';
import type { Graduation } from '../../../common/contracts/graduation.ts';
import { AID_PAYERS } from '../../../common/graduation.ts';
import { DateField } from '../../components/DateFields.tsx';

/** Every read that shows a graduation, a household's aid or a person. */
export const graduationInvalidates = ['/graduations', '/graduation', '/persons'];

function Buttons({
  onClose,
  busy,
  label,
  testId,
}: {
  onClose: () => void;
  busy: boolean;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}

/** The manager approves: the recommendation goes to the unit that pays the aid. */
export function ApproveModal({ graduation, onClose }: { graduation: Graduation; onClose: () => void }) {
  const { t } = useTranslation();
  const approve = useOpMutation(op.approveGraduation, { invalidates: graduationInvalidates });
  const form = useForm({ initialValues: { payer: graduation.likelyPayer } });
  const { problem, handle, clear } = useFormProblem(form, ['payer']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await approve.mutateAsync({ params: { id: graduation.id }, body: { payer: v.payer } });
      notifySuccess(t('graduation.approved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('graduation.approve')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <Text size="sm">{t('graduation.approveText', { name: graduation.person.name })}</Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="payer-label">
              {t('graduation.fields.payer')}
            </Text>
            <SegmentedControl
              aria-labelledby="payer-label"
              data={AID_PAYERS.map((p) => ({ value: p, label: t(`graduation.payers.${p}`) }))}
              {...form.getInputProps('payer')}
            />
            {form.errors.payer ? (
              <Text size="xs" c="red.8" role="alert">
                {form.errors.payer}
              </Text>
            ) : null}
          </Stack>
          <Buttons
            onClose={onClose}
            busy={approve.isPending}
            label={t('graduation.approveSend')}
            testId="approve-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}

export function DeclineModal({ graduation, onClose }: { graduation: Graduation; onClose: () => void }) {
  const { t } = useTranslation();
  const decline = useOpMutation(op.declineGraduation, { invalidates: graduationInvalidates });
  const form = useForm({ initialValues: { reason: '' } });
  const { problem, handle, clear } = useFormProblem(form, ['reason']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await decline.mutateAsync({ params: { id: graduation.id }, body: { reason: v.reason } });
      notifySuccess(t('graduation.declined'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('graduation.decline')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <Textarea
            label={t('graduation.fields.declineReason')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            data-testid="decline-reason"
            {...form.getInputProps('reason')}
          />
          <Buttons onClose={onClose} busy={decline.isPending} label={t('graduation.decline')} testId="decline-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Staff record the paying unit's answer: when the aid ends and how much a month it saves. */
export function ConfirmModal({ graduation, onClose }: { graduation: Graduation; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useOpMutation(op.confirmGraduation, { invalidates: graduationInvalidates });
  const form = useForm({
    initialValues: {
      confirmedOn: turkiyeToday(),
      aidEndDate: '',
      monthlyAidSaved: graduation.facts.monthlyAid || '',
      reference: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, [
    'confirmedOn',
    'aidEndDate',
    'monthlyAidSaved',
    'reference',
  ]);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await confirm.mutateAsync({
        params: { id: graduation.id },
        body: {
          confirmedOn: v.confirmedOn,
          aidEndDate: v.aidEndDate,
          monthlyAidSaved: v.monthlyAidSaved === '' ? 0 : Number(v.monthlyAidSaved),
          reference: v.reference.trim() || null,
        },
      });
      notifySuccess(t('graduation.confirmed'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('graduation.confirm')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <Text size="sm">{t('graduation.confirmText')}</Text>
          <DateField
            label={t('graduation.fields.confirmedOn')}
            required
            data-testid="confirm-on"
            {...form.getInputProps('confirmedOn')}
          />
          <DateField
            label={t('graduation.fields.aidEndDate')}
            required
            data-testid="confirm-end"
            {...form.getInputProps('aidEndDate')}
          />
          <NumberInput
            label={t('graduation.fields.monthlyAidSaved')}
            description={t('graduation.fields.monthlyAidSavedHint', {
              amount: formatMoney(graduation.facts.monthlyAid),
            })}
            required
            min={0}
            decimalScale={2}
            data-testid="confirm-saved"
            {...form.getInputProps('monthlyAidSaved')}
          />
          <TextInput label={t('graduation.fields.reference')} maxLength={100} {...form.getInputProps('reference')} />
          <Buttons onClose={onClose} busy={confirm.isPending} label={t('graduation.confirm')} testId="confirm-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** The household went back on aid within 12 months of its end. */
export function ReturnModal({ graduation, onClose }: { graduation: Graduation; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useOpMutation(op.recordReturnToAid, { invalidates: graduationInvalidates });
  const form = useForm({
    initialValues: {
      returnedOn: turkiyeToday(),
      programme: graduation.facts.aid[0]?.programme ?? '',
      monthlyAmount: '' as number | '',
      note: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['returnedOn', 'programme', 'monthlyAmount', 'note']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await record.mutateAsync({
        params: { id: graduation.id },
        body: {
          returnedOn: v.returnedOn,
          programme: v.programme.trim(),
          monthlyAmount: v.monthlyAmount === '' ? 0 : Number(v.monthlyAmount),
          note: v.note.trim() || null,
        },
      });
      notifySuccess(t('graduation.returnRecorded'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('graduation.recordReturn')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={problem} />
          <Text size="sm">
            {t('graduation.returnText', {
              from: formatDate(graduation.aidEndDate),
              to: formatDate(graduation.returnWindowEnds),
            })}
          </Text>
          <DateField label={t('graduation.fields.returnedOn')} required {...form.getInputProps('returnedOn')} />
          <TextInput
            label={t('graduation.fields.programme')}
            required
            maxLength={120}
            {...form.getInputProps('programme')}
          />
          <NumberInput
            label={t('graduation.fields.monthlyAmount')}
            required
            min={0}
            decimalScale={2}
            {...form.getInputProps('monthlyAmount')}
          />
          <Textarea
            label={t('graduation.fields.note')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
          <Buttons
            onClose={onClose}
            busy={record.isPending}
            label={t('graduation.recordReturn')}
            testId="return-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
