import { checkVacancy, type RuleContext, type Violation } from '../../../common/decent-work.ts';
import type { MatchVacancy } from '../../../common/matching.ts';
import type { MatchVacancyRow, VacancyIndexRow } from '../vacancies/index.ts';
import { SeekerNames, seekerFactsOf, type SeekerFacts } from './seeker-ranking.ts';

const NONE: readonly Violation[] = Object.freeze([]);

/**
 * The organisation's published vacancies held in the process for the seeker's direction (docs/MATCHING.md, "The
 * vacancy index"): the rows `vacanciesForPerson` scores, and the ids under each ISCO unit group and each skill
 * asked for, so that a person's related vacancies are found without reading them from the database. A vacancy
 * that is no longer published leaves it; one whose deadline has passed stays, and the query leaves it out.
 */
export class VacancyIndex {
  readonly #rows = new Map<string, Entry>();
  /** Stamps `#collect`'s visits: a vacancy under several of the person's groups and skills is taken once. */
  #visit = 0;
  /** Unit group ('' for an uncoded vacancy) → its vacancies. */
  readonly #byCode = new Map<string, Set<Entry>>();
  /** Skill asked for (required or preferred) → the vacancies asking for it. */
  readonly #bySkill = new Map<string, Set<Entry>>();
  /**
   * The numbers of the strings the vacancies' facts compare (skills, unit groups, places, sets of terms): they only
   * grow, by what the organisation's vacancies and its persons' skills and districts ever named.
   */
  readonly #names = new SeekerNames();
  /** The rules (day, wages, limits) of the entries' kept `checks`, and their generation. */
  #checksOf = '';
  #checksGen = 0;

  get size(): number {
    return this.#rows.size;
  }

  upsert(r: VacancyIndexRow): void {
    this.remove(r.row.id);
    if (!r.published) return;
    const e: Entry = { row: r.row, deadline: r.deadline, facts: null, visit: 0, checks: NONE, checksGen: 0 };
    this.#rows.set(r.row.id, e);
    add(this.#byCode, r.row.iscoCode ?? '', e);
    for (const s of new Set([...r.row.requiredSkillIds, ...r.row.preferredSkillIds])) add(this.#bySkill, s, e);
  }

  remove(id: string): void {
    const old = this.#rows.get(id);
    if (!old) return;
    this.#rows.delete(id);
    drop(this.#byCode, old.row.iscoCode ?? '', old);
    for (const s of new Set([...old.row.requiredSkillIds, ...old.row.preferredSkillIds])) drop(this.#bySkill, s, old);
  }

  /**
   * The vacancy's own decent-work violations (`checkVacancy(v.terms, rules)`: they do not depend on the person), kept
   * per vacancy until it changes or the rules do (a new day, minimum wage or limits), so that a person's tens of
   * thousands of related vacancies are not checked again at every query.
   */
  #checked(rules: RuleContext): (e: Entry) => readonly Violation[] {
    const stamp = JSON.stringify([rules.today, rules.minimumWages, rules.limits]);
    if (stamp !== this.#checksOf) {
      this.#checksOf = stamp;
      this.#checksGen++;
    }
    const gen = this.#checksGen;
    return (e) => {
      if (gen !== this.#checksGen) return ownChecks(e.row, rules);
      if (e.checksGen !== gen) {
        e.checks = ownChecks(e.row, rules);
        e.checksGen = gen;
      }
      return e.checks;
    };
  }

  /**
   * The open vacancies related to a person (see `#collect`) for the seeker's ranking, with each vacancy's compact facts (`seekerFactsOf`, computed on its first
   * query and kept until it changes) and its own decent-work violations under `rules` beside it, in the same order:
   * read from the index's entries, not looked up by id per vacancy.
   */
  forSeeker(
    groups: readonly string[],
    skills: readonly string[],
    rules: RuleContext,
  ): { rows: MatchVacancyRow[]; names: SeekerNames; facts: SeekerFacts[]; checks: (readonly Violation[])[] } {
    const entries = this.#collect(groups, skills, rules.today);
    const checked = this.#checked(rules);
    const rows: MatchVacancyRow[] = new Array<MatchVacancyRow>(entries.length);
    const facts: SeekerFacts[] = new Array<SeekerFacts>(entries.length);
    const checks: (readonly Violation[])[] = new Array<readonly Violation[]>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      rows[i] = e.row;
      facts[i] = e.facts ??= seekerFactsOf(e.row, this.#names);
      checks[i] = checked(e);
    }
    return { rows, names: this.#names, facts, checks };
  }

  /**
   * The open vacancies (deadline not before `today`) under any of `groups` (ISCO groups of any level, matched as a
   * prefix of the unit group), asking for any of `skills`, or uncoded (an uncoded vacancy relates to everyone);
   * every open vacancy when neither groups nor skills are given. Each once.
   */
  #collect(groups: readonly string[], skills: readonly string[], today: string): Entry[] {
    const out: Entry[] = [];
    const open = (e: Entry) => e.deadline === null || e.deadline >= today;
    if (groups.length === 0 && skills.length === 0) {
      for (const e of this.#rows.values()) if (open(e)) out.push(e);
      return out;
    }
    const visit = ++this.#visit;
    const take = (entries: Set<Entry> | undefined) => {
      if (!entries) return;
      for (const e of entries) {
        if (e.visit === visit) continue;
        e.visit = visit;
        if (open(e)) out.push(e);
      }
    };
    for (const [code, entries] of this.#byCode)
      if (code === '' || groups.some((g) => code.startsWith(g))) take(entries);
    for (const s of skills) take(this.#bySkill.get(s));
    return out;
  }
}

function ownChecks(v: MatchVacancy, rules: RuleContext): readonly Violation[] {
  const found = checkVacancy(v.terms, rules);
  return found.length ? found : NONE;
}

interface Entry {
  readonly row: MatchVacancyRow;
  readonly deadline: string | null;
  /** `seekerFactsOf(row)`, once asked. */
  facts: SeekerFacts | null;
  /** The last `#collect` call that took it. */
  visit: number;
  /** Its own decent-work violations under the rules of generation `checksGen` (0: not checked yet). */
  checks: readonly Violation[];
  checksGen: number;
}

function add(map: Map<string, Set<Entry>>, key: string, e: Entry) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(e);
}

function drop(map: Map<string, Set<Entry>>, key: string, e: Entry) {
  const set = map.get(key);
  if (!set) return;
  set.delete(e);
  if (set.size === 0) map.delete(key);
}
