import { checkVacancy, type RuleContext, type Violation } from '../../../common/decent-work.ts';
import type { MatchVacancy } from '../../../common/matching.ts';
import type { MatchVacancyRow, VacancyIndexRow } from '../vacancies/index.ts';

const NONE: readonly Violation[] = Object.freeze([]);

/**
 * The organisation's published vacancies held in the process for the seeker's direction (docs/MATCHING.md, "The
 * vacancy index"): the rows `vacanciesForPerson` scores, and the ids under each ISCO unit group and each skill
 * asked for, so that a person's related vacancies are found without reading them from the database. A vacancy
 * that is no longer published leaves it; one whose deadline has passed stays, and the query leaves it out.
 */
export class VacancyIndex {
  readonly #rows = new Map<string, { row: MatchVacancyRow; deadline: string | null }>();
  /** Unit group ('' for an uncoded vacancy) → ids. */
  readonly #byCode = new Map<string, Set<string>>();
  /** Skill asked for (required or preferred) → ids. */
  readonly #bySkill = new Map<string, Set<string>>();
  /** Each vacancy's own decent-work violations under the rules of `#checksOf` (the day, wages and limits). */
  readonly #checks = new Map<string, readonly Violation[]>();
  #checksOf = '';

  get size(): number {
    return this.#rows.size;
  }

  upsert(r: VacancyIndexRow): void {
    this.remove(r.row.id);
    if (!r.published) return;
    this.#rows.set(r.row.id, { row: r.row, deadline: r.deadline });
    add(this.#byCode, r.row.iscoCode ?? '', r.row.id);
    for (const s of new Set([...r.row.requiredSkillIds, ...r.row.preferredSkillIds])) add(this.#bySkill, s, r.row.id);
  }

  remove(id: string): void {
    const old = this.#rows.get(id);
    if (!old) return;
    this.#rows.delete(id);
    this.#checks.delete(id);
    drop(this.#byCode, old.row.iscoCode ?? '', id);
    for (const s of new Set([...old.row.requiredSkillIds, ...old.row.preferredSkillIds])) drop(this.#bySkill, s, id);
  }

  /**
   * The vacancy's own decent-work violations (`checkVacancy(v.terms, rules)`: they do not depend on the person), kept
   * per vacancy until it changes or the rules do (a new day, minimum wage or limits), so that a person's tens of
   * thousands of related vacancies are not checked again at every query.
   */
  vacancyChecks(rules: RuleContext): (v: MatchVacancy) => readonly Violation[] {
    const stamp = JSON.stringify([rules.today, rules.minimumWages, rules.limits]);
    if (stamp !== this.#checksOf) {
      this.#checks.clear();
      this.#checksOf = stamp;
    }
    return (v) => {
      const kept = this.#checksOf === stamp && this.#rows.get(v.id)?.row === v;
      let out = kept ? this.#checks.get(v.id) : undefined;
      if (out === undefined) {
        const found = checkVacancy(v.terms, rules);
        out = found.length ? found : NONE;
        if (kept) this.#checks.set(v.id, out);
      }
      return out;
    };
  }

  /**
   * The open vacancies (deadline not before `today`) under any of `groups` (ISCO groups of any level, matched as a
   * prefix of the unit group), asking for any of `skills`, or uncoded (an uncoded vacancy relates to everyone);
   * every open vacancy when neither groups nor skills are given. Each once.
   */
  related(groups: readonly string[], skills: readonly string[], today: string): MatchVacancyRow[] {
    const out: MatchVacancyRow[] = [];
    const open = (id: string) => {
      const e = this.#rows.get(id)!;
      return e.deadline === null || e.deadline >= today ? e.row : null;
    };
    if (groups.length === 0 && skills.length === 0) {
      for (const id of this.#rows.keys()) {
        const row = open(id);
        if (row) out.push(row);
      }
      return out;
    }
    const seen = new Set<string>();
    const visit = (ids: Set<string> | undefined) => {
      for (const id of ids ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const row = open(id);
        if (row) out.push(row);
      }
    };
    for (const [code, ids] of this.#byCode) if (code === '' || groups.some((g) => code.startsWith(g))) visit(ids);
    for (const s of skills) visit(this.#bySkill.get(s));
    return out;
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function drop(map: Map<string, Set<string>>, key: string, id: string) {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
