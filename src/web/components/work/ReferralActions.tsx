import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  EMPLOYER_REFUSAL_REASONS,
  PERSON_REFUSAL_REASONS,
  REFERRAL_TRANSITIONS,
  type ReferralStatus,
} from '../../../common/referral-workflow.ts';
import {
  REFERRAL_MOVES,
  transitionReferral,
  type ReferralMove,
  type ReferralTransition,
} from '../../../common/contracts/referrals.ts';
import { useOpMutation } from '../../api/ops.ts';
import { bidi } from './labels.ts';
import { RuleProblemAlert, useRuleProblem, READABLE_ERRORS } from './problems.tsx';
import type { ReferralDetail } from './types.ts';
import { turkiyeLocalToIso } from '../format.ts';
import { DateTimeField } from '../DateFields.tsx';

/** The moves a person of this kind may make from a status, in the order they are offered. */
export function allowedMoves(status: ReferralStatus, who: 'staff' | 'employer'): ReferralMove[] {
  const moves = REFERRAL_TRANSITIONS[status];
  return REFERRAL_MOVES.filter((to) => moves[to]?.includes(who));
}

const FIELDS = ['interviewAt', 'reason', 'reasonText'] as const;

/**
 * One step of a referral: interview (with its date and time), hired, refused with a reason from the
 * list that fits who refused (and a text for "other"), or withdrawn. POST /referrals/:id/transition.
 * Staff record what happened ("Görüşmeye çağrıldı"); an employer's dialog and its button say what the
 * employer does ("Görüşmeye çağır", the portal's words).
 */
export function ReferralMoveModal({
  referral,
  to,
  who = 'staff',
  onClose,
  onDone,
}: {
  referral: ReferralDetail;
  to: ReferralMove;
  who?: 'staff' | 'employer';
  onClose: () => void;
  onDone: (updated: ReferralDetail) => void;
}) {
  const { t } = useTranslation();
  const action =
    who === 'employer'
      ? t(`portal.moves.${to}`, { defaultValue: t(`referrals.moves.${to}`) })
      : t(`referrals.moves.${to}`);
  const moving = useOpMutation(transitionReferral);
  const reasons =
    to === 'refused-by-employer' ? EMPLOYER_REFUSAL_REASONS : to === 'refused-by-person' ? PERSON_REFUSAL_REASONS : [];
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      // No date is suggested (issue 14): the employer chooses one, so that one click never sends a made-up time.
      interviewAt: '',
      reason: null as string | null,
      reasonText: '',
    },
    validate: {
      interviewAt: (v) => (to === 'interview' && !v ? t('errors.validation.required') : null),
      reason: (v) => (reasons.length > 0 && !v ? t('errors.validation.required') : null),
      reasonText: (v, values) => (values.reason === 'other' && !v.trim() ? t('errors.validation.required') : null),
    },
  });
  const { problem, handle, clear } = useRuleProblem(form, FIELDS);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const body: ReferralTransition = { status: to };
      if (to === 'interview') body.interviewAt = turkiyeLocalToIso(values.interviewAt);
      if (reasons.length > 0) {
        body.reason = values.reason as ReferralTransition['reason'];
        body.reasonText = values.reasonText.trim() || null;
      }
      onDone(await moving.mutateAsync({ params: { id: referral.id }, body }));
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Modal opened onClose={onClose} title={action} centered>
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <Text size="sm">
            {t(`referrals.moveText.${to}`, {
              person: bidi(referral.person.name),
              vacancy: bidi(referral.vacancy.title),
            })}
          </Text>
          <RuleProblemAlert problem={problem} />
          {to === 'interview' ? (
            <DateTimeField
              label={t('referrals.interviewAt')}
              required
              data-testid="interview-at"
              {...form.getInputProps('interviewAt')}
            />
          ) : null}
          {reasons.length > 0 ? (
            <>
              <Select
                label={t('referrals.reasonLabel')}
                required
                data={reasons.map((r) => ({ value: r, label: t(`referrals.reasons.${r}`) }))}
                data-testid="refusal-reason"
                {...form.getInputProps('reason')}
              />
              <Textarea
                label={t('referrals.reasonText')}
                required={form.values.reason === 'other'}
                autosize
                minRows={2}
                maxLength={1000}
                dir="auto"
                {...form.getInputProps('reasonText')}
              />
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={moving.isPending}
              color={to.startsWith('refused') || to === 'withdrawn' ? 'red.9' : undefined}
              data-testid="move-confirm"
            >
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
