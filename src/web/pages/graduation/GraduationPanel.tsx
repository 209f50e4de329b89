import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatMoney, listSeparator } from '../../components/format.ts';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/graduation.ts';
import type { Graduation, GraduationEvaluation } from '../../../common/contracts/graduation.ts';
import type { GraduationStatus } from '../../../common/graduation.ts';
import { ApproveModal, ConfirmModal, DeclineModal, graduationInvalidates, ReturnModal } from './GraduationForms.tsx';

/** Outline badges dark enough for 4.5:1 on white and on a striped row's grey (#f1f3f5). */
const STATUS_COLOR: Record<GraduationStatus, string> = {
  recommended: 'indigo.9',
  approved: '#0b5e4a',
  declined: 'gray.7',
  confirmed: '#1e6b30',
  returned: '#9a3412',
  lapsed: 'gray.7',
};

export function GraduationStatusBadge({ status }: { status: GraduationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={STATUS_COLOR[status]} data-testid="graduation-status">
      {t(`graduation.statuses.${status}`)}
    </Badge>
  );
}

/** The facts behind a recommendation (or what is missing): who works where since when, income per member against the threshold. */
export function GraduationFacts({ facts }: { facts: GraduationEvaluation }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [
      t('graduation.facts.work'),
      facts.work
        ? t('graduation.facts.workValue', {
            name: facts.work.memberName,
            job: facts.work.jobTitle,
            employer: facts.work.employerName,
            since: formatDate(facts.work.startDate),
            months: facts.work.months,
          })
        : t('graduation.facts.noWork'),
    ],
    [t('graduation.facts.minMonths'), t('graduation.facts.monthsValue', { n: facts.minMonths })],
    [
      t('graduation.facts.income'),
      t('graduation.facts.incomeValue', {
        income: formatMoney(facts.monthlyIncome),
        members: facts.members,
        perMember: formatMoney(facts.incomePerMember),
      }),
    ],
    [t('graduation.facts.threshold'), facts.threshold === null ? '—' : formatMoney(facts.threshold)],
    [
      t('graduation.facts.aid'),
      facts.aid.length
        ? facts.aid.map((a) => `${a.programme} (${formatMoney(a.monthlyAmount)})`).join(listSeparator())
        : t('graduation.facts.noAid'),
    ],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder data-testid="graduation-facts">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="38%">{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type Dialog = 'approve' | 'decline' | 'confirm' | 'return' | null;

/** What can be done next with a graduation, by whom. */
export function GraduationActions({ graduation }: { graduation: Graduation }) {
  const { t } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('graduation:manage');
  const write = can('placements:write');
  const buttons = [];
  if (graduation.status === 'recommended' && manage) {
    buttons.push(
      <Button key="approve" size="xs" onClick={() => setDialog('approve')} data-testid="graduation-approve">
        {t('graduation.approve')}
      </Button>,
      <Button
        key="decline"
        size="xs"
        variant="default"
        onClick={() => setDialog('decline')}
        data-testid="graduation-decline"
      >
        {t('graduation.decline')}
      </Button>,
    );
  }
  if (graduation.status === 'approved' && write)
    buttons.push(
      <Button key="confirm" size="xs" onClick={() => setDialog('confirm')} data-testid="graduation-confirm">
        {t('graduation.confirm')}
      </Button>,
    );
  if (graduation.status === 'confirmed' && write)
    buttons.push(
      <Button
        key="return"
        size="xs"
        variant="default"
        onClick={() => setDialog('return')}
        data-testid="graduation-return"
      >
        {t('graduation.recordReturn')}
      </Button>,
    );
  if (graduation.payer && graduation.status !== 'declined' && manage)
    buttons.push(
      <Anchor key="letter" size="sm" href={opHref(op.graduationLetter, { params: { id: graduation.id } })} download>
        <Group gap={4}>
          <IconFileTypePdf size={16} aria-hidden />
          {t('graduation.letterDownload')}
        </Group>
      </Anchor>,
    );
  if (buttons.length === 0) return null;
  return (
    <>
      <Group gap="xs">{buttons}</Group>
      {dialog === 'approve' ? <ApproveModal graduation={graduation} onClose={() => setDialog(null)} /> : null}
      {dialog === 'decline' ? <DeclineModal graduation={graduation} onClose={() => setDialog(null)} /> : null}
      {dialog === 'confirm' ? <ConfirmModal graduation={graduation} onClose={() => setDialog(null)} /> : null}
      {dialog === 'return' ? <ReturnModal graduation={graduation} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

/** One line on what happened to a graduation so far. */
export function GraduationSteps({ g }: { g: Graduation }) {
  const { t } = useTranslation();
  const items = [t('graduation.steps.recommended', { date: formatDate(g.recommendedOn) })];
  if (g.status === 'declined')
    items.push(t('graduation.steps.declined', { date: formatDate(g.decidedOn), reason: g.declineReason ?? '' }));
  if (g.payer)
    items.push(
      t('graduation.steps.approved', { date: formatDate(g.decidedOn), payer: t(`graduation.payers.${g.payer}`) }),
    );
  if (g.confirmedOn)
    items.push(
      t('graduation.steps.confirmed', {
        date: formatDate(g.confirmedOn),
        end: formatDate(g.aidEndDate),
        saved: formatMoney(g.monthlyAidSaved ?? 0),
      }),
    );
  if (g.returnedOn)
    items.push(
      t('graduation.steps.returned', {
        date: formatDate(g.returnedOn),
        programme: g.returnProgramme ?? '',
        amount: formatMoney(g.returnMonthlyAmount ?? 0),
      }),
    );
  if (g.status === 'lapsed') items.push(t('graduation.steps.lapsed'));
  return (
    <List size="sm" spacing={2}>
      {items.map((i) => (
        <List.Item key={i}>{i}</List.Item>
      ))}
    </List>
  );
}

/** The household's graduation from social aid on the person's profile (issue 11). */
export function GraduationPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const panel = useOp(op.personGraduation, { params: { id: personId } });
  const evaluate = useOpMutation(op.evaluatePersonGraduation, { invalidates: graduationInvalidates });
  let body;
  if (panel.isPending) body = <InlineLoader />;
  else if (panel.error) body = <LoadError problem={toProblem(panel.error)} onRetry={() => void panel.refetch()} />;
  else if (!panel.data.householdId || !panel.data.evaluation)
    body = <Text c="dimmed">{t('graduation.panel.noHousehold')}</Text>;
  else {
    const { evaluation, current, history } = panel.data;
    const open =
      current &&
      (current.status === 'recommended' ||
        current.status === 'approved' ||
        current.status === 'confirmed' ||
        current.status === 'returned')
        ? current
        : null;
    body = (
      <Stack gap="sm">
        {open ? (
          <Alert
            variant="light"
            color={open.status === 'returned' ? 'orange' : 'indigo'}
            title={
              <Group gap="xs">
                <span>{t(`graduation.panel.title.${open.status}`)}</span>
                <GraduationStatusBadge status={open.status} />
              </Group>
            }
            data-testid="graduation-current"
          >
            <Stack gap="xs">
              <GraduationSteps g={open} />
              <GraduationFacts facts={open.facts} />
              <GraduationActions graduation={open} />
            </Stack>
          </Alert>
        ) : (
          <>
            <Text size="sm" data-testid="graduation-evaluation">
              {evaluation.holds
                ? t('graduation.panel.holds')
                : t('graduation.panel.notYet', {
                    reasons: evaluation.unmet.map((u) => t(`graduation.unmet.${u}`)).join(' · '),
                  })}
            </Text>
            <GraduationFacts facts={evaluation} />
          </>
        )}
        {history.filter((g) => g.id !== open?.id).length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('graduation.panel.history')}
            </Text>
            {history
              .filter((g) => g.id !== open?.id)
              .map((g) => (
                <Group key={g.id} gap="xs" align="flex-start" wrap="nowrap">
                  <GraduationStatusBadge status={g.status} />
                  <GraduationSteps g={g} />
                </Group>
              ))}
          </Stack>
        ) : null}
      </Stack>
    );
  }
  return (
    <Card withBorder component="section" aria-labelledby="graduation-title" data-testid="graduation-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="graduation-title">
            {t('graduation.panel.heading')}
          </Title>
          {can('placements:write') && panel.data?.householdId ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              loading={evaluate.isPending}
              data-testid="graduation-evaluate"
              onClick={() =>
                evaluate
                  .mutateAsync({ params: { id: personId } })
                  .then(() => notifySuccess(t('graduation.panel.evaluated')), notifyProblem)
              }
            >
              {t('graduation.panel.evaluate')}
            </Button>
          ) : null}
        </Group>
        {body}
      </Stack>
    </Card>
  );
}
