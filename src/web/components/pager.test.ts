import { describe, expect, it } from 'vitest';
import { pagerView } from './pager.ts';

/** A list answer of `rows` rows (the pager reads only how many there are). */
const list = (page: number, total: number, rows: number, totalCapped?: boolean) => ({
  items: Array.from({ length: rows }, (_, i) => i),
  total,
  totalCapped,
  page,
  pageSize: 25,
});

describe('the pager under a list', () => {
  it('counts pages and rows of an exact total', () => {
    expect(pagerView(list(1, 0, 0))).toEqual({ from: 0, to: 0, pages: 1 });
    expect(pagerView(list(2, 30, 5))).toEqual({ from: 26, to: 30, pages: 2 });
  });

  it('keeps the pages past a capped total ("more than 1,000") reachable, one more while the page is full', () => {
    expect(pagerView(list(1, 1000, 25, true))).toEqual({ from: 1, to: 25, pages: 41 });
    expect(pagerView(list(41, 1000, 25, true))).toEqual({ from: 1001, to: 1025, pages: 42 });
    // The last matches: no page after this one.
    expect(pagerView(list(42, 1000, 10, true))).toEqual({ from: 1026, to: 1035, pages: 42 });
  });
});
