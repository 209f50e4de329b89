import { checkVacancy, type RuleContext, type Violation } from '../../../common/decent-work.ts';
import type { MatchVacancy } from '../../../common/matching.ts';
import type { MatchVacancyRow, VacancyIndexRow } from '../vacancies/index.ts';
import { SeekerNames, seekerFactsOf, type SeekerFacts } from './seeker-ranking.ts';

const NONE: readonly Violation[] = Object.freeze([]);

/** A vacancy without a deadline: open whatever the day. */
const NO_DEADLINE = 2147483647;

/** An ISO date as the number YYYYMMDD: ordered as the dates (and as their strings) are. */
const dayKey = (date: string) =>
  Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

/** A vacancy whose skill lists repeat a skill: its held skills are counted on its row (`forSeeker`). */
const IRREGULAR = 0xffff;

/** The names table is first looked at for unused names (`#compactNames`) at this size. */
const NAMES_CHECK_MIN = 4096;

/**
 * The organisation's published vacancies held in the process for the seeker's direction (docs/MATCHING.md, "The
 * vacancy index"): the rows `vacanciesForPerson` scores, and the ids under each ISCO unit group and each skill
 * asked for, so that a person's related vacancies are found without reading them from the database. A vacancy
 * that is no longer published leaves it; one whose deadline has passed stays, and the query leaves it out.
 */
export class VacancyIndex {
  readonly #rows = new Map<string, Entry>();
  /**
   * Each entry's slot (a small number, reused after a removal): the lists below hold slots, and what `#collect`
   * reads of a vacancy it reaches — its visit stamp and deadline — is in typed arrays by slot, so that walking a
   * person's 29,000 related vacancies touches no object until the open ones are taken.
   */
  #bySlot: (Entry | undefined)[] = [];
  #freeSlots: number[] = [];
  /** Stamps `#collect`'s visits: a vacancy under several of the person's groups and skills is taken once. */
  #visit = 0;
  #visits = new Uint32Array(0);
  /** The deadline as YYYYMMDD (none: the largest number), compared with the day's. */
  #deadlines = new Int32Array(0);
  /** Unit group ('' for an uncoded vacancy) → its vacancies' slots. */
  readonly #byCode = new Map<string, Set<number>>();
  /**
   * Skill required → the slots of the vacancies requiring it, and the same of preferred skills: the vacancies
   * asking for a skill (`#collect`), and a person's held skills counted per vacancy (`forSeeker`).
   */
  readonly #byRequired = new Map<string, Set<number>>();
  readonly #byPreferred = new Map<string, Set<number>>();
  /** How many skills each vacancy requires and prefers (`IRREGULAR`: its lists repeat a skill, counted by its row). */
  #nRequired = new Uint16Array(0);
  #nPreferred = new Uint16Array(0);
  /** A query's counts of held skills per slot, valid where `#heldStamps` holds the query's stamp. */
  #heldStamp = 0;
  #heldStamps = new Uint32Array(0);
  #requiredHeld = new Uint16Array(0);
  #preferredHeld = new Uint16Array(0);
  /**
   * The numbers of the strings the vacancies' facts compare (skills, unit groups, places, sets of terms): they grow
   * by what the organisation's vacancies and its persons' skills and districts name, until `#compactNames`.
   */
  #names = new SeekerNames();
  /** The table's size at which `#compactNames` looks again whether most of its names are still used. */
  #namesCheckAt = NAMES_CHECK_MIN;
  /** The rules (day, wages, limits) of the entries' kept `checks`, and their generation. */
  #checksOf = '';
  #checksGen = 0;

  get size(): number {
    return this.#rows.size;
  }

  upsert(r: VacancyIndexRow): void {
    this.remove(r.row.id);
    if (!r.published) return;
    const slot = this.#freeSlots.pop() ?? this.#bySlot.length;
    const e: Entry = { row: r.row, slot, facts: null, checks: NONE, checksGen: 0 };
    this.#rows.set(r.row.id, e);
    this.#bySlot[slot] = e;
    if (slot >= this.#visits.length) {
      const n = Math.max(1024, slot * 2);
      this.#visits = grown(this.#visits, n);
      this.#deadlines = grown(this.#deadlines, n);
      this.#nRequired = grown(this.#nRequired, n);
      this.#nPreferred = grown(this.#nPreferred, n);
    }
    this.#visits[slot] = 0;
    this.#deadlines[slot] = r.deadline === null ? NO_DEADLINE : dayKey(r.deadline);
    add(this.#byCode, r.row.iscoCode ?? '', slot);
    const required = new Set(r.row.requiredSkillIds);
    const preferred = new Set(r.row.preferredSkillIds);
    for (const s of required) add(this.#byRequired, s, slot);
    for (const s of preferred) add(this.#byPreferred, s, slot);
    this.#nRequired[slot] = required.size === r.row.requiredSkillIds.length ? required.size : IRREGULAR;
    this.#nPreferred[slot] = preferred.size === r.row.preferredSkillIds.length ? preferred.size : IRREGULAR;
  }

  remove(id: string): void {
    const old = this.#rows.get(id);
    if (!old) return;
    this.#rows.delete(id);
    drop(this.#byCode, old.row.iscoCode ?? '', old.slot);
    for (const s of new Set(old.row.requiredSkillIds)) drop(this.#byRequired, s, old.slot);
    for (const s of new Set(old.row.preferredSkillIds)) drop(this.#byPreferred, s, old.slot);
    this.#bySlot[old.slot] = undefined;
    this.#freeSlots.push(old.slot);
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
   * read from the index's entries, not looked up by id per vacancy. `skillCounts` holds, 4 per vacancy, how many of
   * its required skills are among `held` (the person's), how many it requires, and the same of its preferred ones
   * (`seekerExclusions`' layout): counted by walking the lists of the held skills, so that the ranking does not read
   * each vacancy's skills — one cache miss per vacancy on objects spread over the heap, a third of the time of a
   * cleaner's 29,000 vacancies (bench/README.md, "Matching").
   */
  forSeeker(
    groups: readonly string[],
    skills: readonly string[],
    rules: RuleContext,
    held: readonly string[],
  ): {
    rows: MatchVacancyRow[];
    names: SeekerNames;
    facts: SeekerFacts[];
    checks: (readonly Violation[])[];
    skillCounts: Int32Array;
  } {
    if (this.#names.total >= this.#namesCheckAt) this.#compactNames();
    const entries = this.#collect(groups, skills, rules.today);
    const checked = this.#checked(rules);
    const rows: MatchVacancyRow[] = new Array<MatchVacancyRow>(entries.length);
    const facts: SeekerFacts[] = new Array<SeekerFacts>(entries.length);
    const checks: (readonly Violation[])[] = new Array<readonly Violation[]>(entries.length);
    const count = this.#heldCounts(held);
    const skillCounts = new Int32Array(4 * entries.length);
    const heldSet = new Set(held);
    const heldIn = (wanted: readonly string[]) => wanted.filter((s) => heldSet.has(s)).length;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      rows[i] = e.row;
      facts[i] = e.facts ??= seekerFactsOf(e.row, this.#names);
      checks[i] = checked(e);
      const slot = e.slot;
      const at = 4 * i;
      const counted = this.#heldStamps[slot] === count;
      const nRequired = this.#nRequired[slot]!;
      const nPreferred = this.#nPreferred[slot]!;
      if (nRequired !== IRREGULAR) {
        skillCounts[at] = counted ? this.#requiredHeld[slot]! : 0;
        skillCounts[at + 1] = nRequired;
      } else {
        skillCounts[at] = heldIn(e.row.requiredSkillIds);
        skillCounts[at + 1] = e.row.requiredSkillIds.length;
      }
      if (nPreferred !== IRREGULAR) {
        skillCounts[at + 2] = counted ? this.#preferredHeld[slot]! : 0;
        skillCounts[at + 3] = nPreferred;
      } else {
        skillCounts[at + 2] = heldIn(e.row.preferredSkillIds);
        skillCounts[at + 3] = e.row.preferredSkillIds.length;
      }
    }
    return { rows, names: this.#names, facts, checks, skillCounts };
  }

  /** Counts, per slot, the required and the preferred skills among `held`; answers the stamp of the slots counted. */
  #heldCounts(held: readonly string[]): number {
    const size = this.#visits.length;
    if (this.#heldStamps.length < size) {
      this.#heldStamps = new Uint32Array(size);
      this.#requiredHeld = new Uint16Array(size);
      this.#preferredHeld = new Uint16Array(size);
      this.#heldStamp = 0;
    }
    if (this.#heldStamp === 0xffffffff) {
      this.#heldStamps.fill(0);
      this.#heldStamp = 0;
    }
    const stamp = ++this.#heldStamp;
    const stamps = this.#heldStamps;
    const requiredHeld = this.#requiredHeld;
    const preferredHeld = this.#preferredHeld;
    const reach = (slot: number) => {
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        requiredHeld[slot] = 0;
        preferredHeld[slot] = 0;
      }
    };
    for (const s of new Set(held)) {
      for (const slot of this.#byRequired.get(s) ?? []) {
        reach(slot);
        requiredHeld[slot]!++;
      }
      for (const slot of this.#byPreferred.get(s) ?? []) {
        reach(slot);
        preferredHeld[slot]!++;
      }
    }
    return stamp;
  }

  /**
   * The names table without the names no kept facts use, when those are most of it: it grows by every vacancy's
   * facts and every person's skills and districts a query names, and a vacancy that changes or leaves, or a person's
   * skill no vacancy asks, leaves its names behind. The kept facts are renumbered; a query that holds the old table
   * keeps it with the facts it was given. Looked at only when the table has doubled since it was last looked at.
   */
  #compactNames(): void {
    const sizes = this.#names.sizes;
    const used = {
      rules: new Uint8Array(sizes.rules),
      place: new Uint8Array(sizes.place),
      district: new Uint8Array(sizes.district),
      code: new Uint8Array(sizes.code),
      skill: new Uint8Array(sizes.skill),
    };
    let inUse = 0;
    const mark = (kind: keyof typeof used, id: number) => {
      if (id >= 0 && !used[kind][id]) {
        used[kind][id] = 1;
        inUse++;
      }
    };
    for (const e of this.#rows.values()) {
      const f = e.facts;
      if (!f) continue;
      mark('rules', f.personRules);
      mark('place', f.place);
      mark('district', f.district);
      mark('code', f.code);
      for (const x of f.requiredSkills) mark('skill', x);
      for (const x of f.preferredSkills) mark('skill', x);
    }
    const total = this.#names.total;
    if (inUse * 2 < total) {
      const { names, renumber } = this.#names.compacted(used);
      const to = (kind: keyof typeof used, id: number) => (id < 0 ? id : renumber[kind][id]!);
      for (const e of this.#rows.values()) {
        const f = e.facts;
        if (!f) continue;
        e.facts = {
          ...f,
          personRules: to('rules', f.personRules),
          place: to('place', f.place),
          district: to('district', f.district),
          code: to('code', f.code),
          requiredSkills: f.requiredSkills.map((x) => to('skill', x)),
          preferredSkills: f.preferredSkills.map((x) => to('skill', x)),
        };
      }
      this.#names = names;
    }
    this.#namesCheckAt = Math.max(NAMES_CHECK_MIN, 2 * this.#names.total);
  }

  /**
   * The open vacancies (deadline not before `today`) under any of `groups` (ISCO groups of any level, matched as a
   * prefix of the unit group), asking for any of `skills`, or uncoded (an uncoded vacancy relates to everyone);
   * every open vacancy when neither groups nor skills are given. Each once.
   */
  #collect(groups: readonly string[], skills: readonly string[], today: string): Entry[] {
    const out: Entry[] = [];
    const day = dayKey(today);
    if (groups.length === 0 && skills.length === 0) {
      for (const e of this.#rows.values()) if (this.#deadlines[e.slot]! >= day) out.push(e);
      return out;
    }
    const visit = ++this.#visit;
    const visits = this.#visits;
    const deadlines = this.#deadlines;
    const take = (slots: Set<number> | undefined) => {
      if (!slots) return;
      for (const slot of slots) {
        if (visits[slot] === visit) continue;
        visits[slot] = visit;
        if (deadlines[slot]! >= day) out.push(this.#bySlot[slot]!);
      }
    };
    for (const [code, slots] of this.#byCode) if (code === '' || groups.some((g) => code.startsWith(g))) take(slots);
    for (const s of skills) {
      take(this.#byRequired.get(s));
      take(this.#byPreferred.get(s));
    }
    return out;
  }
}

function ownChecks(v: MatchVacancy, rules: RuleContext): readonly Violation[] {
  const found = checkVacancy(v.terms, rules);
  return found.length ? found : NONE;
}

interface Entry {
  readonly row: MatchVacancyRow;
  readonly slot: number;
  /** `seekerFactsOf(row)`, once asked. */
  facts: SeekerFacts | null;
  /** Its own decent-work violations under the rules of generation `checksGen` (0: not checked yet). */
  checks: readonly Violation[];
  checksGen: number;
}

/** A copy of a by-slot array with room for `n` slots (the new ones 0). */
function grown<A extends Uint32Array | Int32Array | Uint16Array>(a: A, n: number): A {
  const b = new (a.constructor as new (length: number) => A)(n);
  b.set(a);
  return b;
}

function add(map: Map<string, Set<number>>, key: string, e: number) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(e);
}

function drop(map: Map<string, Set<number>>, key: string, e: number) {
  const set = map.get(key);
  if (!set) return;
  set.delete(e);
  if (set.size === 0) map.delete(key);
}
