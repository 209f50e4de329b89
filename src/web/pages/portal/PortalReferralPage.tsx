import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate, listSeparator } from '../../components/format.ts';
import { notifySuccess, toProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { ReferralStatusBadge } from '../../components/work/Badges.tsx';
import { Details } from '../../components/work/Details.tsx';
import { bidi, languageName } from '../../components/work/labels.ts';
import { BackLink } from '../../components/work/BackLink.tsx';
import { paths } from '../../components/work/paths.ts';
import { PermitDutyAlert } from '../../components/work/PermitDutyAlert.tsx';
import { allowedMoves, ReferralMoveModal } from '../../components/work/ReferralActions.tsx';
import { ReferralTimeline } from '../../components/work/ReferralTimeline.tsx';
import type { ReferralDetail, ReferralMove, SharedProfile } from '../../../common/contracts/referrals.ts';
import { ReferralOutcome, useReferral, useReferralChanged } from '../referrals/ReferralPage.tsx';

/**
 * How the employer reaches a candidate whose contact details they do not have (not shared, or the consent
 * withdrawn): through the office that referred them, whose counsellor passes the message on.
 */
function HowToReach({ office }: { office: ReferralDetail['contactOffice'] }) {
  const { t } = useTranslation();
  if (!office) return null;
  return (
    <Text size="sm" mt="sm" data-testid="how-to-reach">
      {office.phone
        ? t('portal.howToReach', { office: office.name, phone: office.phone })
        : t('portal.howToReachNoPhone', { office: office.name })}
    </Text>
  );
}

/** What the person agreed to share with employers, and nothing else. */
function SharedProfileCard({ profile, office }: { profile: SharedProfile; office: ReferralDetail['contactOffice'] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="profile-title" data-testid="shared-profile">
      <Title order={2} size="h4" id="profile-title" mb={4}>
        <bdi>
          {profile.givenName} {profile.familyName}
        </bdi>
      </Title>
      <Group gap={6} mb="sm" wrap="nowrap" align="flex-start">
        <IconLock size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="xs" c="dimmed">
          {t('portal.sharedProfileHint')}
        </Text>
      </Group>
      <Details
        cols={2}
        items={[
          {
            label: t('portal.profile.phone'),
            value: profile.phone ? <span className="ltr">{profile.phone}</span> : '',
          },
          {
            label: t('portal.profile.email'),
            value: profile.email ? <span className="ltr">{profile.email}</span> : '',
          },
          { label: t('portal.profile.place'), value: `${profile.district}, ${profile.province}` },
          {
            label: t('portal.profile.education'),
            value:
              profile.iscedLevel === null
                ? ''
                : t(`vacancies.isced.${profile.iscedLevel}`) +
                  (profile.graduationYear ? ` (${profile.graduationYear})` : ''),
          },
          {
            label: t('portal.profile.languages'),
            value: profile.languages
              .map((l) => `${languageName(l.code)} (${t(`vacancies.levels.${l.level}`, { defaultValue: l.level })})`)
              .join(listSeparator()),
          },
          { label: t('portal.profile.desiredOccupations'), value: profile.desiredOccupations.join(listSeparator()) },
          { label: t('portal.profile.skills'), value: profile.skills ?? '', wide: true },
        ]}
      />
      {!profile.phone && !profile.email ? (
        <div data-testid="no-contact">
          <Text size="sm" mt="sm">
            {t('portal.profile.noContact')}
          </Text>
          <HowToReach office={office} />
        </div>
      ) : null}
      <Title order={3} size="h5" mt="md" mb="xs">
        {t('portal.profile.workHistory')}
      </Title>
      {profile.workHistory.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.profile.noWorkHistory')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portal.profile.occupation')}</Table.Th>
                <Table.Th>{t('portal.profile.employer')}</Table.Th>
                <Table.Th>{t('portal.profile.period')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profile.workHistory.map((w, i) => (
                <Table.Tr key={`${w.occupation}-${i}`}>
                  <Table.Td>{w.occupation}</Table.Td>
                  <Table.Td>{w.employer ?? '—'}</Table.Td>
                  <Table.Td>
                    {w.startDate
                      ? formatDate(w.startDate, { year: 'numeric', month: 'short', dateStyle: undefined })
                      : '…'}
                    {' – '}
                    {w.endDate
                      ? formatDate(w.endDate, { year: 'numeric', month: 'short', dateStyle: undefined })
                      : t('portal.profile.ongoing')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** A referral received by the employer: the candidate's shared profile, the answer, the history. */
export function PortalReferralPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const updated = useReferralChanged();
  const referral = useReferral(id);
  const [move, setMove] = useState<ReferralMove | null>(null);

  if (referral.isPending) return <PageLoader />;
  if (referral.error) return <LoadError problem={toProblem(referral.error)} onRetry={() => void referral.refetch()} />;
  const r = referral.data;
  const moves = allowedMoves(r.status, 'employer');

  return (
    <Stack gap="md">
      <BackLink to={paths.referrals(true)} label={t('portal.backToReferrals')} />
      <PageHeader
        title={t('portal.referralTitle', { person: bidi(r.person.name) })}
        description={t('portal.referralText', { vacancy: bidi(r.vacancy.title) })}
      />
      <Group gap="sm">
        <ReferralStatusBadge status={r.status} />
        {r.overdue ? (
          <Badge color="red.9" variant="filled">
            {t('referrals.overdue')}
          </Badge>
        ) : null}
        <Anchor component={Link} to={paths.vacancy(r.vacancy.id, true)} size="sm">
          {t('referrals.openVacancy')}
        </Anchor>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <PermitDutyAlert duty={r.permitDuty} />
            {r.sharedProfile ? (
              <SharedProfileCard profile={r.sharedProfile} office={r.contactOffice} />
            ) : (
              <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="no-shared-profile">
                {t('portal.noSharedProfile')}
                <HowToReach office={r.contactOffice} />
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Card withBorder padding="md" component="section" aria-labelledby="answer-title">
              <Title order={2} size="h4" id="answer-title" mb="sm">
                {t('portal.yourAnswer')}
              </Title>
              <ReferralOutcome referral={r} />
              {moves.length > 0 ? (
                <Stack gap="xs" mt="md">
                  <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
                    {t('portal.answerHint')}
                  </Alert>
                  <Group gap="xs">
                    {moves.map((m) => (
                      <Button
                        key={m}
                        variant={m.startsWith('refused') ? 'default' : 'filled'}
                        onClick={() => setMove(m)}
                        data-testid={`move-${m}`}
                      >
                        {t(`portal.moves.${m}`, { defaultValue: t(`referrals.moves.${m}`) })}
                      </Button>
                    ))}
                  </Group>
                </Stack>
              ) : null}
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="history-title">
              <Title order={2} size="h4" id="history-title" mb="sm">
                {t('referrals.history')}
              </Title>
              <ReferralTimeline events={r.events} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {move ? (
        <ReferralMoveModal
          referral={r}
          to={move}
          who="employer"
          onClose={() => setMove(null)}
          onDone={(next) => {
            setMove(null);
            updated(next);
            notifySuccess(t('portal.answerSaved'));
          }}
        />
      ) : null}
    </Stack>
  );
}
