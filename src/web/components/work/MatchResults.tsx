import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, type QueryKey } from '@tanstack/react-query';
import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/matching.ts';
import type { Candidate, KeptMatch, MatchFactor } from '../../../common/contracts/matching.ts';
import { formatDate, formatNumber, listSeparator } from '../format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../problems.tsx';
import { Empty, InlineLoader, LoadError } from '../ui.tsx';
import { Pager } from '../Pager.tsx';

const PAGE_SIZE = 20;

/** Each factor's contribution: its points out of its weight, and why. */
function Factors({ factors }: { factors: MatchFactor[] }) {
  const { t } = useTranslation();
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm">
      <Table.Tbody>
        {factors.map((f) => (
          <Table.Tr key={f.factor}>
            <Table.Td w="30%">{t(`matching.factors.${f.factor}`)}</Table.Td>
            <Table.Td w="20%">
              <Text size="sm" ff="monospace">
                {formatNumber(f.points)} / {formatNumber(f.weight)}
              </Text>
            </Table.Td>
            <Table.Td>{f.message}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ScoreBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} w={120}>
      <Text size="sm" fw={600}>
        {t('matching.score', { score: formatNumber(Math.round(score)) })}
      </Text>
      <Progress value={score} size="sm" aria-hidden />
    </Stack>
  );
}

/** What was left out, per hard constraint (counts only: never who, never why of a single person). */
function ExcludedNote({ excluded }: { excluded: Record<string, number> }) {
  const { t } = useTranslation();
  const parts = Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${t(`matching.exclusion.${rule}`)}: ${formatNumber(n)}`);
  if (parts.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="match-excluded">
      {t('matching.excludedNote', { list: parts.join(' · ') })}
    </Text>
  );
}

function Advisory() {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} py="xs">
      {t('matching.advisory')}
    </Alert>
  );
}

/**
 * Proposes from a ranked list: the server scores the pair again and keeps the match with the referral. The
 * row being proposed is the mutation's own `variables` (its button spins, the others stay usable).
 */
function useProposal(invalidates: readonly QueryKey[]) {
  const proposing = useOpMutation(op.referFromMatch, { invalidates });
  return {
    propose: (vacancyId: string, personId: string) => proposing.mutateAsync({ body: { vacancyId, personId } }),
    busyWith: (vacancyId: string, personId: string) =>
      proposing.isPending &&
      proposing.variables.body.vacancyId === vacancyId &&
      proposing.variables.body.personId === personId,
  };
}

/** The priority policy's lift on a result (docs/MATCHING.md), said in full in the explanation. */
function PriorityBadge({ priority }: { priority: Candidate['priority'] }) {
  const { t } = useTranslation();
  if (!priority) return null;
  return (
    <Badge color="violet.9" variant="light" data-testid="priority-badge">
      {t('matching.priority.badge', { points: formatNumber(priority.points) })}
    </Badge>
  );
}

/**
 * On a referral made from a ranked list: the score, factors and explanation as they stood that day, in the
 * reader's language (GET /referrals/{id}/match). Nothing for other referrals.
 */
export function KeptMatchCard({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const kept = useOp(op.referralMatch, { params: { id: referralId } });
  if (kept.isPending || kept.error || !kept.data.match) return null;
  return <KeptMatchView match={kept.data.match} title={t('matching.keptTitle')} />;
}

/** A kept match as a card: its title, the day it was made (and what it was for), the score and why. */
export function KeptMatchView({ match: m, title, about }: { match: KeptMatch; title: string; about?: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="kept-match-title" data-testid="kept-match">
      <Stack gap="xs">
        <Title order={2} size="h4" id="kept-match-title">
          {title}
        </Title>
        {about ? (
          <Text size="sm" fw={600} data-testid="kept-match-about">
            {about}
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          {t('matching.keptText', { date: formatDate(m.day) })}
        </Text>
        <Group gap="sm" align="center">
          <ScoreBadge score={m.score} />
          <PriorityBadge priority={m.priority} />
        </Group>
        <Text size="sm" data-testid="kept-match-explanation">
          {m.explanation}
        </Text>
        <Factors factors={m.factors} />
      </Stack>
    </Card>
  );
}

/** The "Candidates" tab of a published vacancy: ranked persons with their explanation and a refer button. */
export function CandidatesPanel({ vacancyId, canRefer }: { vacancyId: string; canRefer: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { propose, busyWith } = useProposal([['vacancies', vacancyId], ['referrals']]);
  const list = useOp(
    op.vacancyCandidates,
    { params: { id: vacancyId }, query: { page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );
  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  const data = list.data;

  async function refer(personId: string, name: string) {
    try {
      await propose(vacancyId, personId);
      notifySuccess(t('matching.referred', { name }));
    } catch (err) {
      notifyProblem(err);
    }
  }

  return (
    <Stack gap="sm" data-testid="candidates">
      <Advisory />
      <ExcludedNote excluded={data.excluded} />
      {data.items.length === 0 ? (
        <Empty title={t('matching.noCandidates')} description={t('matching.noCandidatesText')} />
      ) : (
        data.items.map((c, i) => {
          const name = `${c.givenName} ${c.familyName}`;
          return (
            <Card key={c.personId} withBorder padding="sm" data-testid="candidate">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4} style={{ flex: 1 }}>
                  <Group gap="xs">
                    <Badge variant="outline" color="gray.8">
                      {formatNumber((page - 1) * PAGE_SIZE + i + 1)}
                    </Badge>
                    <Anchor component={Link} to={`/persons/${c.personId}`} fw={600}>
                      <bdi>{name}</bdi>
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {c.district}
                    </Text>
                    {c.permitToRequest ? (
                      <Badge color="#9c5700" variant="light">
                        {t('matching.permitBadge')}
                      </Badge>
                    ) : null}
                    <PriorityBadge priority={c.priority} />
                  </Group>
                  <Text size="sm" data-testid="candidate-explanation">
                    {c.explanation}
                  </Text>
                  <Factors factors={c.factors} />
                </Stack>
                <Stack gap="xs" align="flex-end">
                  <ScoreBadge score={c.score} />
                  {canRefer ? (
                    <Button
                      size="xs"
                      leftSection={<IconUserPlus size={14} aria-hidden />}
                      loading={busyWith(vacancyId, c.personId)}
                      onClick={() => void refer(c.personId, name)}
                      data-testid="candidate-refer"
                    >
                      {t('matching.refer')}
                    </Button>
                  ) : null}
                </Stack>
              </Group>
            </Card>
          );
        })
      )}
      <Pager list={data} onChange={setPage} />
    </Stack>
  );
}

/** The "Matching vacancies" tab of a person's profile. */
export function MatchingVacanciesPanel({ personId, canRefer }: { personId: string; canRefer: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { propose, busyWith } = useProposal([['persons', personId], ['referrals']]);
  const list = useOp(
    op.personVacancies,
    { params: { id: personId }, query: { page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );
  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  const data = list.data;

  async function refer(vacancyId: string, title: string) {
    try {
      await propose(vacancyId, personId);
      notifySuccess(t('matching.referredTo', { title }));
    } catch (err) {
      notifyProblem(err);
    }
  }

  if (data.blocked)
    return (
      <Stack gap="sm" data-testid="matching-vacancies">
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="matching-blocked">
          {t(`matching.blocked.${data.blocked}`)}
        </Alert>
      </Stack>
    );
  return (
    <Stack gap="sm" data-testid="matching-vacancies">
      <Advisory />
      <ExcludedNote excluded={data.excluded} />
      {data.items.length === 0 ? (
        <Empty title={t('matching.noVacancies')} description={t('matching.noVacanciesText')} />
      ) : (
        data.items.map((v) => (
          <Card key={v.vacancyId} withBorder padding="sm" data-testid="matching-vacancy">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4} style={{ flex: 1 }}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/vacancies/${v.vacancyId}`} fw={600}>
                    <bdi>{v.title}</bdi>
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {/* The names isolated from each other; formatDate isolates the date itself (format.ts). */}
                    <bdi>{v.employerName}</bdi> ·{' '}
                    <bdi>{[v.district, v.province].filter(Boolean).join(listSeparator())}</bdi> ·{' '}
                    {formatDate(v.startDate)}
                  </Text>
                  <PriorityBadge priority={v.priority} />
                </Group>
                <Text size="sm">{v.explanation}</Text>
                <Factors factors={v.factors} />
              </Stack>
              <Stack gap="xs" align="flex-end">
                <ScoreBadge score={v.score} />
                {canRefer ? (
                  <Button
                    size="xs"
                    leftSection={<IconUserPlus size={14} aria-hidden />}
                    loading={busyWith(v.vacancyId, personId)}
                    onClick={() => void refer(v.vacancyId, v.title)}
                    data-testid="vacancy-refer"
                  >
                    {t('matching.refer')}
                  </Button>
                ) : null}
              </Stack>
            </Group>
          </Card>
        ))
      )}
      <Pager list={data} onChange={setPage} />
    </Stack>
  );
}
