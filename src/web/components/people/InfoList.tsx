import type { ReactNode } from 'react';
import { DataList, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

export interface InfoItem {
  label: string;
  value: ReactNode;
  /** Left-to-right content (numbers, phone numbers, e-mail addresses) inside an Arabic page. */
  ltr?: boolean;
  testId?: string;
}

/** Label–value pairs as a description list; empty values show a dash. */
export function InfoList({ items, labelWidth = 200 }: { items: InfoItem[]; labelWidth?: number }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <DataList orientation={narrow ? 'vertical' : 'horizontal'} labelWidth={labelWidth} gap="xs" withDivider>
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel>
            <Text size="sm" c="dimmed" component="span">
              {item.label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue data-testid={item.testId}>
            {item.value === null || item.value === undefined || item.value === '' ? (
              <Text size="sm" c="dimmed" component="span">
                {t('common.none')}
              </Text>
            ) : item.ltr ? (
              <span className="ltr">{item.value}</span>
            ) : (
              item.value
            )}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
