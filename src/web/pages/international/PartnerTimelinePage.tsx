import { Link, useParams } from 'react-router';
import { Anchor, Badge, Breadcrumbs, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconFileCertificate, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import type { TimelineKind } from '../../../common/international.ts';
import { partnerTimeline, type TimelineEntry } from '../../../common/contracts/international.ts';
import { formatPeriod, formatPrecise, partnerLabel } from './labels.ts';

const ICONS: Record<TimelineKind, typeof IconCalendarEvent> = {
  membership: IconUsersGroup,
  agreement: IconFileCertificate,
  event: IconCalendarEvent,
  'follow-up': IconChecklist,
};

function detailLabel(t: (key: string) => string, e: TimelineEntry): string {
  if (!e.detail) return '';
  switch (e.kind) {
    case 'membership':
      return t(`international.roles.${e.detail}`);
    case 'agreement':
      return t(`international.agreementStatuses.${e.detail}`);
    case 'event':
      return t(`international.eventKinds.${e.detail}`);
    case 'follow-up':
      return t(`international.actionStatuses.${e.detail}`);
  }
}

/** Where an entry opens: an agreement or an event its own page, a follow-up action the page of what it follows. */
function entryLink(entry: TimelineEntry): string | null {
  if (entry.kind === 'membership') return null;
  if (entry.agreementId) return `/international/agreements/${entry.agreementId}`;
  if (entry.eventId) return `/international/events/${entry.eventId}`;
  return null;
}

function EntryTitle({ entry }: { entry: TimelineEntry }) {
  const to = entryLink(entry);
  if (to)
    return (
      <Anchor component={Link} to={to} fw={600} size="sm">
        {entry.title}
      </Anchor>
    );
  return (
    <Text fw={600} size="sm">
      {entry.title}
    </Text>
  );
}

/** A partner's international relations in date order: memberships, agreements, events and follow-up actions. */
export function PartnerTimelinePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const timeline = useOp(partnerTimeline, { params: { id } });
  useDocumentTitle(timeline.data ? partnerLabel(timeline.data.partner) : t('international.timeline'));
  if (timeline.isPending) return <PageLoader />;
  if (timeline.error) return <LoadError problem={toProblem(timeline.error)} onRetry={() => void timeline.refetch()} />;
  const { partner, entries } = timeline.data;
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/international" size="sm">
          {t('international.title')}
        </Anchor>
        <Text size="sm">{partner.acronym ?? partner.name}</Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid="partner-heading">
          {partnerLabel(partner)}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{t(`programmes.partnerTypes.${partner.type}`)}</Badge>
          {partner.country ? (
            <Text size="sm" c="dimmed" dir="ltr">
              {partner.country}
            </Text>
          ) : null}
        </Group>
      </Stack>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="md">
          {t('international.timeline')}
        </Title>
        {entries.length === 0 ? (
          <Empty title={t('international.noTimeline')} />
        ) : (
          <Timeline bulletSize={24} lineWidth={2} data-testid="partner-timeline">
            {entries.map((e) => {
              const Icon = ICONS[e.kind];
              return (
                <Timeline.Item
                  key={`${e.kind}-${e.id}`}
                  bullet={<Icon size={14} aria-hidden />}
                  data-testid={`timeline-${e.kind}`}
                >
                  <Text size="xs" c="dimmed">
                    {e.kind === 'follow-up'
                      ? `${t('international.fields.deadline')}: ${formatPrecise(e.date, e.precision)}`
                      : e.endDate !== null || e.kind === 'membership'
                        ? formatPeriod(e.date, e.endDate, e.precision)
                        : formatPrecise(e.date, e.precision)}
                    {' · '}
                    {t(`international.timelineKinds.${e.kind}`)}
                  </Text>
                  <EntryTitle entry={e} />
                  <Text size="sm">
                    {detailLabel(t, e)}
                    {e.owner ? ` · ${t('international.fields.owner')}: ${e.owner}` : ''}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Card>
    </Stack>
  );
}
