import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus, CaseStatus, TargetGroup } from './types.ts';

/** Colours dark enough for WCAG AA on white (small bold text needs 4.5:1); on hold is yellow with dark text. */
const CASE_COLOR: Record<CaseStatus, { color: string; variant: 'outline' | 'filled'; c?: string }> = {
  new: { color: 'blue.9', variant: 'outline' },
  active: { color: 'teal.9', variant: 'outline' },
  'on-hold': { color: 'yellow.3', variant: 'filled', c: 'dark.9' },
  placed: { color: 'teal.9', variant: 'filled' },
  closed: { color: 'gray.7', variant: 'outline' },
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  const look = CASE_COLOR[status];
  return (
    <Badge color={look.color} variant={look.variant} c={look.c} data-testid="case-status">
      {t(`cases.statuses.${status}`)}
    </Badge>
  );
}

const SPECIAL: readonly string[] = ['refugee', 'roma', 'disability'];

export function GroupBadges({ groups }: { groups: readonly TargetGroup[] }) {
  const { t } = useTranslation();
  if (groups.length === 0) return null;
  return (
    <Group gap={4}>
      {groups.map((g) => (
        <Badge key={g} size="sm" variant="outline" color={SPECIAL.includes(g) ? 'grape.9' : 'indigo.8'}>
          {t(`groups.names.${g}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function PendingBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="sm" color="orange.2" c="dark.9" variant="filled">
      {t('persons.pending')}
    </Badge>
  );
}

const APPOINTMENT_COLOR: Record<AppointmentStatus, string> = {
  scheduled: 'blue.9',
  attended: 'teal.9',
  'no-show': 'red.9',
  cancelled: 'gray.7',
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={APPOINTMENT_COLOR[status]} variant="outline">
      {t(`appointments.statuses.${status}`)}
    </Badge>
  );
}
