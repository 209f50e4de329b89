import { describe, expect, it } from 'vitest';
import { pagerView } from './pager.ts';

describe('the pager under a list', () => {
  it('counts pages and rows of an exact total', () => {
    expect(pagerView({ page: 1, pageSize: 25, total: 0 })).toEqual({ from: 0, to: 0, pages: 1 });
    expect(pagerView({ page: 2, pageSize: 25, total: 30 })).toEqual({ from: 26, to: 30, pages: 2 });
  });

  it('keeps the pages past a capped total ("more than 1,000") reachable, one more while the page is full', () => {
    expect(pagerView({ page: 1, pageSize: 25, total: 1000, capped: true, rows: 25 })).toEqual({
      from: 1,
      to: 25,
      pages: 41,
    });
    expect(pagerView({ page: 41, pageSize: 25, total: 1000, capped: true, rows: 25 })).toEqual({
      from: 1001,
      to: 1025,
      pages: 42,
    });
    // The last matches: no page after this one.
    expect(pagerView({ page: 42, pageSize: 25, total: 1000, capped: true, rows: 10 })).toEqual({
      from: 1026,
      to: 1035,
      pages: 42,
    });
  });
});
