import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EMPLOYER_STATUS_COLOR, REFERRAL_STATUS_COLOR, VACANCY_STATUS_COLOR } from './labels.ts';
import type { EmployerStatus, HazardClass, ReferralStatus, VacancyStatus } from './types.ts';

export function EmployerStatusBadge({ status }: { status: EmployerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={EMPLOYER_STATUS_COLOR[status]} variant="outline" data-testid="employer-status">
      {t(`employers.statuses.${status}`)}
    </Badge>
  );
}

export function VacancyStatusBadge({ status }: { status: VacancyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={VACANCY_STATUS_COLOR[status]} variant="outline" data-testid="vacancy-status">
      {t(`vacancies.statuses.${status}`)}
    </Badge>
  );
}

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={REFERRAL_STATUS_COLOR[status]} variant="outline" data-testid="referral-status">
      {t(`referrals.statuses.${status}`)}
    </Badge>
  );
}

const HAZARD_COLOR: Record<HazardClass, string> = { low: 'teal.9', hazardous: '#b7410e', 'very-hazardous': 'red.9' };

export function HazardBadge({ value }: { value: HazardClass }) {
  const { t } = useTranslation();
  return (
    <Badge color={HAZARD_COLOR[value]} variant="dot">
      {t(`employers.hazard.${value}`)}
    </Badge>
  );
}
