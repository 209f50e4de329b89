/**
 * The linear-programming attacker of the disclosure tests (issue 16): given every published cell of a
 * family and every additive relation between its cells, it computes, for each suppressed cell, the
 * smallest and largest value consistent with what was published and with counts being non-negative.
 * A suppressed cell is recovered when that interval is narrower than 1 (the count is then known).
 * Used by the tests only (it lives in src/common beside the rule it attacks; yalps is a dev dependency).
 */
import { solve, type Coefficients, type Constraint } from 'yalps';
import type { Relation } from './disclosure.ts';

export interface Interval {
  cell: string;
  min: number;
  max: number;
}

export function attack(
  published: ReadonlyMap<string, number>,
  suppressed: ReadonlySet<string>,
  relations: readonly Relation[],
  cells: readonly string[] = [...suppressed],
): Interval[] {
  const constraints = new Map<string, Constraint>();
  const variables = new Map<string, Map<string, number>>();
  for (const k of suppressed) variables.set(k, new Map());
  relations.forEach((r, i) => {
    let constant = 0;
    let unknowns = 0;
    const name = `r${i}`;
    const term = (k: string, c: number) => {
      if (suppressed.has(k)) {
        const v = variables.get(k)!;
        v.set(name, (v.get(name) ?? 0) + c);
        unknowns++;
      } else constant -= c * (published.get(k) ?? 0);
    };
    term(r.parent, 1);
    for (const c of r.children) term(c, -1);
    if (unknowns > 0) constraints.set(name, { equal: constant });
  });
  const out: Interval[] = [];
  for (const cell of cells) {
    const vars = new Map<string, Coefficients>();
    for (const [k, coefs] of variables) {
      const c = new Map(coefs);
      if (k === cell) c.set('__objective', 1);
      vars.set(k, c);
    }
    const bound = (direction: 'minimize' | 'maximize') => {
      const s = solve({ direction, objective: '__objective', constraints, variables: vars });
      if (s.status === 'unbounded') return direction === 'maximize' ? Infinity : 0;
      if (s.status !== 'optimal') throw new Error(`LP ${direction} of ${cell}: ${s.status}`);
      return s.result;
    };
    out.push({ cell, min: bound('minimize'), max: bound('maximize') });
  }
  return out;
}
