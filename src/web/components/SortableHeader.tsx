import { useState } from 'react';
import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';

export type SortOrder = 'asc' | 'desc';

/**
 * A list's sort column and order, and its sortable column headers. Clicking the sorted column turns the
 * order round; another column sorts by it in the order `firstOrder` gives it (names A→Z, counts and dates
 * largest or latest first). Either change calls `onChange` (going back to the first page).
 */
export function useListSort<S extends string>(
  initial: S,
  initialOrder: SortOrder,
  firstOrder: (key: S) => SortOrder,
  onChange: () => void,
) {
  const [sort, setSort] = useState<S>(initial);
  const [order, setOrder] = useState<SortOrder>(initialOrder);
  const sortBy = (key: S) => {
    if (key === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(firstOrder(key));
    }
    onChange();
  };
  const header = (key: S, label: string) => {
    const Icon = order === 'asc' ? IconArrowUp : IconArrowDown;
    return (
      <Table.Th aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton onClick={() => sortBy(key)} fw={700} fz="sm" data-testid={`sort-${key}`}>
          {label} {sort === key ? <Icon size={14} aria-hidden /> : null}
        </UnstyledButton>
      </Table.Th>
    );
  };
  return { sort, order, header };
}
