import { textTone } from '../../components/colors.ts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../components/format.ts';

/** Badge colours of a request's status. */
export const STATUS_COLOR: Record<string, string> = {
  received: 'yellow.9',
  verified: 'blue.8',
  accepted: 'grape.8',
  'carried-out': 'cyan.9',
  answered: 'teal.8',
  refused: 'red.8',
};

/** "12 days left", "due today", "3 days overdue", or nothing once the request is closed. */
export function useDeadlineText() {
  const { t } = useTranslation();
  return (daysLeft: number | null): string => {
    if (daysLeft === null) return '';
    if (daysLeft === 0) return t('dataProtection.desk.dueToday');
    return daysLeft > 0
      ? t('dataProtection.desk.daysLeft', { days: formatNumber(daysLeft) })
      : t('dataProtection.desk.overdue', { days: formatNumber(-daysLeft) });
  };
}

export function deadlineColor(daysLeft: number | null): string {
  if (daysLeft === null) return 'gray.7';
  if (daysLeft < 0) return textTone('red');
  if (daysLeft <= 7) return textTone('orange');
  return 'gray.7';
}
