import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.ts';
import { pagerView, type ListAnswer } from './pager.ts';

/**
 * "1–25 of 120" and page buttons under a table, from the list answer itself (`Page` of the contracts):
 * `<Pager list={data} onChange={setPage} />`. A capped total (`totalCapped`) reads "more than 1,000" and
 * the pages after it stay reachable by this page's row count. Nothing on the first page of an empty list:
 * the table's empty state already says so ("0–0 of 0" under it said nothing more). A page past the end
 * still shows the pager, so the way back stays.
 */
export function Pager({ list, onChange }: { list: ListAnswer; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  const { page, total, totalCapped: capped } = list;
  const { pages, from, to } = pagerView(list);
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
