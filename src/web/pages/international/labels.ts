import type { DatePrecision } from '../../../common/international.ts';
import { formatDate } from '../../components/format.ts';

/** A date shown only as precisely as it is known: 6 Ara 2016, Nisan 2014, 2003. */
export function formatPrecise(value: string | null | undefined, precision: DatePrecision): string {
  if (!value) return '';
  if (precision === 'year') return value.slice(0, 4);
  if (precision === 'month') return formatDate(value, { dateStyle: undefined, year: 'numeric', month: 'long' });
  return formatDate(value);
}

/** A period: "6–7 Ara 2016" style through the start and end, or "2003 –" for an open end. */
export function formatPeriod(start: string, end: string | null, precision: DatePrecision): string {
  const from = formatPrecise(start, precision);
  if (end === null) return `${from} –`;
  const to = formatPrecise(end, precision);
  return from === to ? from : `${from} – ${to}`;
}

export function partnerLabel(p: { name: string; acronym: string | null }): string {
  return p.acronym ? `${p.name} (${p.acronym})` : p.name;
}
