/**
 * Statistical disclosure control for the tables released from the same data (issue 16).
 *
 * A *family* is every table a user can request for one indicator and one period range: the one-way
 * tables and the two-way tables of the allowed dimension pairs, at every level of each hierarchy
 * (district within province, month within quarter within year), with their totals. Each cell of the
 * family is identified by its coordinate (the dimensions it fixes), so a cell that appears in several
 * tables (the district totals of "district × sex" and "district × age band") is one cell with one
 * fate: suppression is consistent across every table of the family by construction.
 *
 * The attacker knows every published cell of the family and every additive relation between cells
 * (a total is the sum of its parts; a province is the sum of its districts; a quarter the sum of its
 * months), and that counts are not negative. The rule:
 *
 * 1. **Primary**: a count between 1 and `threshold − 1` is suppressed (zero is published).
 * 2. **Secondary**: in every relation, a suppressed cell must not be the only one; the smallest
 *    positive published member is suppressed with it, until no relation has a lone suppressed cell.
 * 3. **Audit**: the relations restricted to the suppressed cells are row-reduced; a suppressed cell
 *    whose value the published cells determine (a "bridge" between two suppressed cycles, a chain of
 *    linked tables) gets one more positive partner, and the audit runs again.
 *
 * Every suppressed cell is then positive and linearly undetermined: there is a direction in which the
 * unknowns move together while every published cell stays what it is, and because every suppressed
 * value is at least 1, a step of ±1 along it keeps all of them non-negative. A linear-programming
 * attacker therefore finds an interval at least 1 wide around each suppressed value, never the value.
 */

/** A cell's coordinate: dimension → value. The empty coordinate is the grand total. */
export type Coordinate = Readonly<Record<string, string>>;

export const cellKey = (c: Coordinate): string =>
  Object.keys(c)
    .sort()
    .map((d) => `${d}=${c[d]}`)
    .join('|');

export function parseCellKey(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (key === '') return out;
  for (const part of key.split('|')) {
    const at = part.indexOf('=');
    out[part.slice(0, at)] = part.slice(at + 1);
  }
  return out;
}

/** An additive relation: `parent` = Σ `children`. */
export interface Relation {
  parent: string;
  children: readonly string[];
}

export interface SuppressionResult {
  suppressed: Set<string>;
  primary: Set<string>;
  /** Rounds of the determinacy audit that found something to protect (0 when the heuristic sufficed). */
  auditRounds: number;
}

/**
 * Suppresses the cells of one family. `values` holds every cell of the family (a missing cell is a
 * zero that no table shows); `relations` every additive relation between them.
 */
export function suppress(
  values: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  threshold: number,
): SuppressionResult {
  const value = (k: string) => values.get(k) ?? 0;
  const primary = new Set<string>();
  for (const [k, v] of values) if (v > 0 && v < threshold) primary.add(k);
  const suppressed = new Set(primary);
  if (primary.size === 0) return { suppressed, primary, auditRounds: 0 };

  // The relations each cell belongs to.
  const memberOf = new Map<string, number[]>();
  relations.forEach((r, i) => {
    for (const k of [r.parent, ...r.children]) {
      let list = memberOf.get(k);
      if (!list) memberOf.set(k, (list = []));
      list.push(i);
    }
  });
  const members = (i: number) => [relations[i]!.parent, ...relations[i]!.children];

  /** The smallest positive published member of relation i (ties: by key, so the result is stable). */
  const partnerIn = (i: number): string | null => {
    let best: string | null = null;
    for (const k of members(i)) {
      if (suppressed.has(k) || value(k) <= 0) continue;
      if (best === null || value(k) < value(best) || (value(k) === value(best) && k < best)) best = k;
    }
    return best;
  };

  const secondary = () => {
    const queue = [...new Set([...suppressed].flatMap((k) => memberOf.get(k) ?? []))];
    while (queue.length > 0) {
      const i = queue.pop()!;
      const lone = members(i).filter((k) => suppressed.has(k)).length === 1;
      if (!lone) continue;
      const partner = partnerIn(i);
      if (partner === null) continue; // cannot happen: the lone cell is positive, so is a partner
      suppressed.add(partner);
      queue.push(...(memberOf.get(partner) ?? []));
    }
  };

  /**
   * The smallest positive published cell nearest to a determined cell: first among the members of its
   * own relations, else among those of the suppressed cells it is linked with, and so on outwards (a
   * cell can be pinned by relations far from it, through a chain of suppressed cells).
   */
  const nearestPartner = (start: string): string | null => {
    const seen = new Set([start]);
    let frontier = [start];
    while (frontier.length > 0) {
      let best: string | null = null;
      const next: string[] = [];
      for (const k of frontier) {
        for (const i of memberOf.get(k) ?? []) {
          const p = partnerIn(i);
          if (p !== null && (best === null || value(p) < value(best) || (value(p) === value(best) && p < best)))
            best = p;
          for (const m of members(i)) {
            if (suppressed.has(m) && !seen.has(m)) {
              seen.add(m);
              next.push(m);
            }
          }
        }
      }
      if (best !== null) return best;
      frontier = next;
    }
    return null;
  };

  let auditRounds = 0;
  for (;;) {
    secondary();
    const determined = determinedCells(suppressed, relations, memberOf);
    if (determined.length === 0) break;
    auditRounds++;
    let added = false;
    for (const k of determined) {
      const partner = nearestPartner(k);
      if (partner !== null) {
        suppressed.add(partner);
        added = true;
        break; // one at a time: a single new partner often protects several determined cells
      }
    }
    if (!added) break; // nothing left to add: every relation's members are suppressed (cannot happen with positive cells)
  }
  return { suppressed, primary, auditRounds };
}

const EPS = 1e-9;

/**
 * The suppressed cells whose values the published cells determine: row-reduce the relations restricted
 * to the suppressed cells (published members are constants); a pivot whose reduced row has no other
 * unknown is determined. Sparse Gauss–Jordan elimination, component by component.
 */
export function determinedCells(
  suppressed: ReadonlySet<string>,
  relations: readonly Relation[],
  memberOf?: ReadonlyMap<string, number[]>,
): string[] {
  const index = new Map<string, number>();
  const names: string[] = [];
  for (const k of [...suppressed].sort()) {
    index.set(k, names.length);
    names.push(k);
  }
  const relevant = memberOf
    ? [...new Set([...suppressed].flatMap((k) => memberOf.get(k) ?? []))].map((i) => relations[i]!)
    : relations;
  const rows: Map<number, number>[] = [];
  for (const r of relevant) {
    const row = new Map<number, number>();
    const add = (k: string, c: number) => {
      const i = index.get(k);
      if (i === undefined) return;
      const v = (row.get(i) ?? 0) + c;
      if (Math.abs(v) < EPS) row.delete(i);
      else row.set(i, v);
    };
    add(r.parent, 1);
    for (const c of r.children) add(c, -1);
    if (row.size > 0) rows.push(row);
  }

  // Gauss–Jordan: pivotRows[v] is the reduced row whose pivot is v; whereUsed[v] the pivots whose rows mention v.
  const pivotRows = new Map<number, Map<number, number>>();
  const whereUsed = new Map<number, Set<number>>();
  const use = (pivot: number, row: Map<number, number>) => {
    for (const v of row.keys()) {
      if (v === pivot) continue;
      let s = whereUsed.get(v);
      if (!s) whereUsed.set(v, (s = new Set()));
      s.add(pivot);
    }
  };
  const unuse = (pivot: number, row: Map<number, number>) => {
    for (const v of row.keys()) whereUsed.get(v)?.delete(pivot);
  };
  const axpy = (target: Map<number, number>, factor: number, source: Map<number, number>) => {
    for (const [v, c] of source) {
      const n = (target.get(v) ?? 0) - factor * c;
      if (Math.abs(n) < EPS) target.delete(v);
      else target.set(v, n);
    }
  };

  for (const row of rows) {
    // Reduce by the pivots it mentions.
    for (const v of [...row.keys()]) {
      const c = row.get(v);
      const p = pivotRows.get(v);
      if (c !== undefined && p) axpy(row, c, p);
    }
    if (row.size === 0) continue;
    let pivot = -1;
    for (const v of row.keys()) if (pivot === -1 || v < pivot) pivot = v;
    const scale = row.get(pivot)!;
    for (const [v, c] of row) row.set(v, c / scale);
    // Eliminate the new pivot from the rows that mention it.
    for (const other of [...(whereUsed.get(pivot) ?? [])]) {
      const orow = pivotRows.get(other)!;
      const c = orow.get(pivot);
      if (c === undefined) continue;
      unuse(other, orow);
      axpy(orow, c, row);
      use(other, orow);
    }
    whereUsed.delete(pivot);
    pivotRows.set(pivot, row);
    use(pivot, row);
  }
  const out: string[] = [];
  for (const [pivot, row] of pivotRows) if (row.size === 1) out.push(names[pivot]!);
  return out.sort();
}
