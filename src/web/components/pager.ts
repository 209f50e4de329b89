/**
 * What the pager under a table shows: the rows on this page, the total, and how many page buttons. A
 * capped total (`totalCapped` of a list answer: a name search counts at most 1,000 matches) is a lower
 * bound: it is shown as "more than 1,000", and there is one page button past the current one while the page
 * is full, so the pages after the cap stay reachable one by one. `rows`: how many rows this page holds.
 */
export function pagerView(p: {
  page: number;
  pageSize: number;
  total: number;
  capped?: boolean | undefined;
  rows?: number | undefined;
}): { from: number; to: number; pages: number } {
  const counted = Math.max(1, Math.ceil(p.total / p.pageSize));
  const from = p.total === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  if (!p.capped) return { from, to: Math.min(p.total, p.page * p.pageSize), pages: counted };
  const rows = p.rows ?? p.pageSize;
  const last = rows < p.pageSize;
  return {
    from: rows === 0 ? 0 : from,
    to: (p.page - 1) * p.pageSize + rows,
    pages: Math.max(counted, p.page) + (last ? 0 : 1),
  };
}
