import type { ReactNode } from 'react';
import { Box, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

export interface InfoItem {
  label: string;
  value: ReactNode;
  /** Left-to-right content (numbers, phone numbers, e-mail addresses) inside an Arabic page. */
  ltr?: boolean;
  /**
   * Text typed in another language (a Turkish address, a company name) inside an Arabic page: isolated
   * (`<bdi>`), so that it keeps its own direction and punctuation ("Ltd. Şti." ends with its full stop).
   */
  isolate?: boolean;
  testId?: string;
}

/** Label–value pairs as a description list (label beside the value, or above it on a phone); empty values show a dash. */
export function InfoList({ items, labelWidth = 200 }: { items: InfoItem[]; labelWidth?: number }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Box component="dl" m={0}>
      {items.map((item, i) => (
        <Box
          key={item.label}
          py={6}
          style={{
            display: narrow ? 'block' : 'grid',
            gridTemplateColumns: `${labelWidth}px 1fr`,
            gap: 'var(--mantine-spacing-sm)',
            borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-3)',
          }}
        >
          <Text component="dt" size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" size="sm" m={0} data-testid={item.testId}>
            {item.value === null || item.value === undefined || item.value === '' ? (
              <Text component="span" size="sm" c="dimmed">
                {t('common.none')}
              </Text>
            ) : item.ltr ? (
              <span className="ltr">{item.value}</span>
            ) : item.isolate ? (
              <bdi>{item.value}</bdi>
            ) : (
              item.value
            )}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
