import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { useOpMutation } from '../../api/ops.ts';
import { formatDate, formatMoney } from '../../components/format.ts';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import * as op from '../../../common/contracts/placements.ts';
import type { FollowUp, Placement } from '../../../common/contracts/placements.ts';
import { EndModal, FollowUpModal, VerifyModal } from './PlacementForms.tsx';

const STATUS_COLOR = { 'awaiting-permit': '#b7410e', active: 'teal.9', ended: 'gray.7' } as const;

export function PlacementStatusBadge({ p }: { p: Placement }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge variant="outline" color={STATUS_COLOR[p.status]} data-testid="placement-status">
        {t(`placementsUi.statuses.${p.status}`)}
      </Badge>
      <Badge
        variant={p.verification === 'verified' ? 'filled' : 'outline'}
        color={p.verification === 'verified' ? 'teal.9' : 'gray.7'}
        data-testid="placement-verification"
      >
        {t(`placementsUi.verification.${p.verification}`)}
      </Badge>
      {!p.decent ? (
        <Badge variant="filled" color="red.8">
          {t('placementsUi.notDecent')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** One placement with its decent-work flags, its evidence and its follow-ups; the actions staff may take. */
export function PlacementCard({ p, showPerson = false }: { p: Placement; showPerson?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const write = can('placements:write');
  const [verifying, setVerifying] = useState(false);
  const [ending, setEnding] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUp | null>(null);
  const start = useOpMutation(op.startPlacement, { invalidates: ['/placements', '/persons'] });

  async function startNow() {
    try {
      await start.mutateAsync({ params: { id: p.id }, body: {} });
      notifySuccess(t('placementsUi.started'));
    } catch (err) {
      notifyProblem(err);
    }
  }

  return (
    <Card withBorder padding="md" data-testid="placement">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={0}>
            <Text fw={700}>
              <bdi>{p.jobTitle}</bdi> · <bdi>{p.employer.name}</bdi>
            </Text>
            {showPerson ? (
              <Anchor component={Link} to={`/persons/${p.person.id}`} size="sm">
                {p.person.name}
              </Anchor>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('placementsUi.summary', {
                source: t(`placementsUi.sources.${p.source}`),
                start: formatDate(p.startDate),
                wage: formatMoney(p.wageAmount),
                basis: t(`vacancies.wageBases.${p.wageBasis}`),
                hours: p.hoursPerWeek,
              })}
            </Text>
            {p.endDate ? (
              <Text size="sm" c="dimmed">
                {t('placementsUi.endedOn', {
                  date: formatDate(p.endDate),
                  reason: p.endReason ? t(`placementsUi.endReasons.${p.endReason}`) : '',
                })}
              </Text>
            ) : null}
          </Stack>
          <PlacementStatusBadge p={p} />
        </Group>
        {!p.decent ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('placementsUi.violations')}
          >
            <List size="sm">
              {p.violations.map((v) => (
                <List.Item key={`${v.rule}${v.pointer}`}>{v.message ?? v.code}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {p.verification === 'verified' ? (
          <Group gap="xs">
            <IconCircleCheck size={16} aria-hidden color="var(--mantine-color-teal-8)" />
            <Text size="sm">
              {t('placementsUi.verifiedWith', {
                evidence: p.evidenceKind ? t(`placementsUi.evidence.${p.evidenceKind}`) : '',
                date: p.verifiedAt ? formatDate(p.verifiedAt) : '',
              })}
              {p.evidenceReference ? (
                <>
                  {' · '}
                  <bdi className="ltr">{p.evidenceReference}</bdi>
                </>
              ) : null}
            </Text>
            {p.lateFiling ? (
              <Badge color="orange.8" variant="light" data-testid="late-filing">
                {t('placementsUi.lateFiling')}
              </Badge>
            ) : null}
          </Group>
        ) : null}
        {p.followUps.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing={4} data-testid="follow-ups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('placementsUi.fields.milestone')}</Table.Th>
                  <Table.Th>{t('placementsUi.fields.dueDate')}</Table.Th>
                  <Table.Th>{t('placementsUi.fields.outcome')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.followUps.map((f) => (
                  <Table.Tr key={f.id} data-testid={`follow-up-${f.milestone}`}>
                    <Table.Td>{t(`placementsUi.milestones.${f.milestone}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={f.overdue ? 'red.8' : undefined}>
                        {formatDate(f.dueDate)}
                        {f.overdue ? ` · ${t('placementsUi.overdue')}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {f.status === 'recorded' && f.outcome
                        ? t(`placementsUi.outcomes.${f.outcome}`)
                        : t(`placementsUi.followUpStatuses.${f.status}`)}
                    </Table.Td>
                    <Table.Td>
                      {write && f.status === 'pending' ? (
                        <Button size="xs" variant="light" onClick={() => setFollowUp(f)} data-testid="record-follow-up">
                          {t('placementsUi.recordFollowUp')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {write ? (
          <Group gap="xs">
            {p.status === 'awaiting-permit' ? (
              <Button size="xs" onClick={() => void startNow()} loading={start.isPending}>
                {t('placementsUi.start')}
              </Button>
            ) : null}
            {p.verification === 'unverified' && p.status !== 'awaiting-permit' ? (
              <Button size="xs" onClick={() => setVerifying(true)} data-testid="verify-placement">
                {t('placementsUi.verify')}
              </Button>
            ) : null}
            {p.status !== 'ended' ? (
              <Button size="xs" variant="default" onClick={() => setEnding(true)}>
                {t('placementsUi.end')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      {verifying ? <VerifyModal placement={p} onClose={() => setVerifying(false)} /> : null}
      {ending ? <EndModal placement={p} onClose={() => setEnding(false)} /> : null}
      {followUp ? <FollowUpModal placement={p} followUp={followUp} onClose={() => setFollowUp(null)} /> : null}
    </Card>
  );
}
