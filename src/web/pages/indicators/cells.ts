import type { TableCell } from '../../../common/contracts/indicators.ts';
import { formatMoney, formatNumber, turkiyeToday } from '../../components/format.ts';

/** The current month in Türkiye (YYYY-MM). */
export const thisMonth = () => turkiyeToday().slice(0, 7);

/** The month `n` months before `month` (YYYY-MM). */
export function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** A released cell as text: "x" when suppressed, a dash when not applicable, else the figure in its unit. */
export function cellText(c: TableCell, unit: string, t: (k: string) => string): string {
  if (c.flag === 'suppressed') return 'x';
  if (c.value === null) return t('indicatorsUi.notApplicable');
  if (unit === 'try') return formatMoney(c.value);
  return unit === 'percent' ? `${formatNumber(c.value)} %` : formatNumber(c.value);
}
