import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.ts';

/** "1–25 of 120" and page buttons under a table. */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
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
