import { useState } from 'react';
import { Select, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog } from '../../components/ui.tsx';
import { CARE_END_REASONS, type CareEndReason } from '../../../common/childcare.ts';
import { endPlace, type CareEntry } from '../../../common/contracts/childcare.ts';
import { DateField } from '../../components/DateFields.tsx';

/**
 * Ends a place (it goes to the next in line at once) or withdraws a position in line, with a reason:
 * asked for in a dialog, since the freed place is given away immediately.
 */
export function EndPlaceDialog({ entry, onClose }: { entry: CareEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<CareEndReason | null>(null);
  const [endDate, setEndDate] = useState('');
  const [note, setNote] = useState('');
  const end = useOpMutation(endPlace, { invalidates: ['/childcare', '/persons'] });
  const { problem, handle, clear } = useFormProblem();
  const waiting = entry?.status === 'waiting';
  const close = () => {
    setReason(null);
    setEndDate('');
    setNote('');
    clear();
    onClose();
  };
  async function confirm() {
    if (!entry || !reason) return;
    clear();
    try {
      await end.mutateAsync({
        params: { id: entry.id },
        body: { reason, endDate: waiting || !endDate ? null : endDate, note: note.trim() || null },
      });
      notifySuccess(waiting ? t('childcare.withdrawn') : t('childcare.ended'));
      close();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <ConfirmDialog
      opened={entry !== null}
      title={waiting ? t('childcare.withdraw') : t('childcare.end')}
      message={waiting ? t('childcare.withdrawText') : t('childcare.endText')}
      confirmLabel={waiting ? t('childcare.withdraw') : t('childcare.end')}
      danger
      loading={end.isPending}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      <Stack gap="sm">
        <ProblemAlert problem={problem} onClose={clear} />
        <Select
          label={t('childcare.fields.endReason')}
          required
          data={CARE_END_REASONS.map((r) => ({ value: r, label: t(`childcare.endReasons.${r}`) }))}
          value={reason}
          onChange={(v) => setReason(v)}
          data-testid="end-reason"
          comboboxProps={{ withinPortal: false }}
        />
        {!waiting ? (
          <DateField
            label={t('childcare.fields.endDate')}
            description={t('childcare.endDateHint')}
            value={endDate}
            onChange={(v) => setEndDate(v)}
          />
        ) : null}
        <Textarea
          label={t('childcare.fields.note')}
          autosize
          minRows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </Stack>
    </ConfirmDialog>
  );
}
