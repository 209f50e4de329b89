/**
 * A list answer as the API sends it (`Page` of src/common/contracts/schema.ts): this page's rows, the total
 * (a lower bound when `totalCapped`), the page and its size. The pager takes the answer itself, so the
 * capped total and the row count travel with it and no page can leave them out.
 */
export interface ListAnswer {
  items: readonly unknown[];
  total: number;
  totalCapped?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * What the pager under a table shows: the rows on this page, the total, and how many page buttons. A
 * capped total (`totalCapped` of a list answer: a name search counts at most 1,000 matches) is a lower
 * bound: it is shown as "more than 1,000", and there is one page button past the current one while the page
 * is full, so the pages after the cap stay reachable one by one.
 */
export function pagerView(list: ListAnswer): { from: number; to: number; pages: number } {
  const { page, pageSize, total } = list;
  const counted = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  if (!list.totalCapped) return { from, to: Math.min(total, page * pageSize), pages: counted };
  const rows = list.items.length;
  const last = rows < pageSize;
  return {
    from: rows === 0 ? 0 : from,
    to: (page - 1) * pageSize + rows,
    pages: Math.max(counted, page) + (last ? 0 : 1),
  };
}
