import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.ts';
import { pagerView } from './pager.ts';

/**
 * "1–25 of 120" and page buttons under a table. Nothing on the first page of an empty list: the table's
 * empty state already says so ("0–0 of 0" under it said nothing more). A page past the end still shows
 * the pager, so the way back stays.
 */
export function Pager({
  page,
  pageSize,
  total,
  capped,
  rows,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The total is a lower bound (`totalCapped`): "1,000+". */
  capped?: boolean | undefined;
  /** How many rows this page holds (needed with `capped`: the total does not say where the list ends). */
  rows?: number | undefined;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const { pages, from, to } = pagerView({ page, pageSize, total, capped, rows });
  if (total === 0 && page === 1 && !capped) return null;
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t(capped ? 'common.rangeCapped' : 'common.range', {
          from: formatNumber(from),
          to: formatNumber(to),
          total: formatNumber(total),
        })}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={page}
          onChange={onChange}
          size="sm"
          getControlProps={(control) => ({
            'aria-label':
              control === 'previous' ? t('common.previousPage') : control === 'next' ? t('common.nextPage') : undefined,
          })}
          getItemProps={(p) => ({ 'aria-label': t('common.pageN', { page: p }) })}
        />
      ) : null}
    </Group>
  );
}
