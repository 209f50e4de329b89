import i18next from 'i18next';
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../components/format.ts';
import type { CareStatus, CarePriority } from '../../../common/childcare.ts';
import type { CareEntry, Provider } from '../../../common/contracts/childcare.ts';

export const childcarePaths = {
  providers: '/childcare',
  newProvider: '/childcare/providers/new',
  provider: (id: string) => `/childcare/providers/${id}`,
  editProvider: (id: string) => `/childcare/providers/${id}/edit`,
  report: '/childcare/report',
};

const STATUS_COLOURS: Record<CareStatus, string> = {
  allocated: 'teal.9',
  waiting: 'blue.9',
  ended: 'gray.8',
  withdrawn: 'gray.8',
};

export function CareStatusBadge({ status }: { status: CareStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="outline" data-testid="care-status">
      {t(`childcare.statuses.${status}`)}
    </Badge>
  );
}

/** Why the entry stands where it does: the visible rule, one line per position. */
export function PriorityReason({ entry }: { entry: Pick<CareEntry, 'priority' | 'appliedAt' | 'ageFits' | 'status'> }) {
  const { t } = useTranslation();
  const reason = t(`childcare.priorities.${entry.priority satisfies CarePriority}`);
  return (
    <Text size="sm" data-testid="care-reason">
      {t('childcare.reasonLine', { reason, date: formatDate(entry.appliedAt) })}
      {entry.status === 'waiting' && !entry.ageFits ? (
        <Text span size="sm" c="red.9">
          {' · '}
          {t('childcare.ageNoLongerFits')}
        </Text>
      ) : null}
    </Text>
  );
}

/** "12–36 months" */
export function ageRangeLabel(p: Pick<Provider, 'minAgeMonths' | 'maxAgeMonths'>) {
  return i18next.t('childcare.ageRange', { min: formatNumber(p.minAgeMonths), max: formatNumber(p.maxAgeMonths) });
}

/** "07:30–18:30" kept left to right in Arabic too (bidi would swap the two times), then "open on Saturdays too". */
export function HoursLabel({ provider }: { provider: Pick<Provider, 'opensAt' | 'closesAt' | 'saturdays'> }) {
  return (
    <>
      <span dir="ltr">
        {provider.opensAt}–{provider.closesAt}
      </span>
      {provider.saturdays ? ` · ${i18next.t('childcare.saturdaysToo')}` : ''}
    </>
  );
}
