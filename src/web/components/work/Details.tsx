import type { ReactNode } from 'react';
import { SimpleGrid, Stack, Text } from '@mantine/core';

export interface DetailItem {
  label: string;
  value: ReactNode;
  /** Spans the whole width (long text). */
  wide?: boolean;
  testId?: string;
}

/** Label–value pairs in a responsive grid, as a description list for assistive technology. */
export function Details({ items, cols = 3 }: { items: DetailItem[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: cols }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <Stack
          key={item.label}
          gap={2}
          style={item.wide ? { gridColumn: '1 / -1' } : undefined}
          data-testid={item.testId}
        >
          <Text component="dt" size="sm" c="dimmed" fw={500}>
            {item.label}
          </Text>
          <Text
            component="dd"
            m={0}
            size="sm"
            dir={typeof item.value === 'string' && item.value ? 'auto' : undefined}
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {item.value === null || item.value === undefined || item.value === '' ? '—' : item.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
