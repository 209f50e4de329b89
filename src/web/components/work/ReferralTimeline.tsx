import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import type { ReferralEvent } from './types.ts';

/** What happened to a referral, when and by whom (staff, named for staff viewers; employer; the system), oldest first. */
export function ReferralTimeline({ events }: { events: ReferralEvent[] }) {
  const { t } = useTranslation();
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline active={sorted.length - 1} bulletSize={14} lineWidth={2} data-testid="referral-events">
      {sorted.map((e, i) => (
        <Timeline.Item
          key={`${e.at}-${e.to}-${i}`}
          title={
            <Text fw={600} size="sm" component="span">
              {t(`referrals.statuses.${e.to}`, { defaultValue: e.to })}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)} · {t(`referrals.actors.${e.actorKind}`, { defaultValue: e.actorKind })}
            {e.actorName ? (
              <>
                {' · '}
                <bdi data-testid="referral-event-actor">{e.actorName}</bdi>
              </>
            ) : null}
          </Text>
          {e.reason ? (
            <Text size="sm">
              {t('referrals.reasonLabel')}: {t(`referrals.reasons.${e.reason}`, { defaultValue: e.reason })}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
