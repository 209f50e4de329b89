/**
 * The in-process matching index (docs/MATCHING.md, "The matching index"): per organisation, the non-special
 * matching facts of its persons in typed arrays, scanned per vacancy with lookup tables built for that vacancy.
 * The scan applies the hard constraints it can check without special-category data and computes a score that
 * equals `scoreMatch` (src/common/matching.ts) for every person without an accessibility need, and bounds it
 * from above for the others (the care factor is taken at its best); `matching-index.test.ts` proves it on
 * random persons and vacancies. The exact stage (matching.service.ts) then loads only the best of them.
 *
 * Nothing here reads the database: the rows come from people's `matchingIndexPage` / `matchingIndexCatchUp`.
 */
import {
  COMMUTE_FULL,
  COMMUTE_NONE,
  FACTOR_WEIGHTS,
  FULL_EXPERIENCE_MONTHS,
  fold,
  OCCUPATION_CLOSENESS,
  RELATED_THRESHOLD,
  rotationKey,
  START_GAP_DAYS,
  type CommuteMinutes,
  type ExclusionRule,
  type MatchVacancy,
} from '../../../common/matching.ts';
import { toDayNumber } from '../../../common/working-days.ts';
import type { MatchingIndexRow } from '../people/index.ts';

const CEFR_ORDER = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];
const SHIFT_BITS: Record<string, number> = { day: 1, evening: 2, night: 4, weekend: 8 };
/** A date that is absent (null) in the pool. */
const NONE = -2147483648;
/** A qualification that never expires. */
const FOREVER = 2147483647;

/** Compaction (`needsCompaction`): dead slots past this share of the slots, and at least this many. */
const COMPACT_DEAD_SHARE = 0.25;
const COMPACT_MIN_DEAD = 1000;

/** Scans' result buffers kept for reuse (`release`): queries of one organisation running side by side. */
const SPARE_BUFFERS = 4;

const F_ALIVE = 1;
const F_CONSENT = 2;
const F_CONSTRAINTS = 4;
const F_CHILDCARE = 8;
/** Work history listed: the experience factor needs the record (else it is 0 for a coded vacancy). */
const F_WORK = 16;
/** Accepted districts listed: the `district` rule needs the record. */
const F_DISTRICTS = 32;

const shiftMask = (shifts: readonly string[]) => shifts.reduce((m, s) => m | (SHIFT_BITS[s] ?? 16), 0);

/** An ISO date as a day number; a malformed one as NONE (the exact stage decides). */
function dayOf(date: string | null | undefined): number {
  if (!date) return NONE;
  try {
    return toDayNumber(date);
  } catch {
    return NONE;
  }
}
const monthOf = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return y * 12 + m;
};

/** Strings to small ints, growing. */
class Dictionary {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  get size() {
    return this.values.length;
  }
}

function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array | Int16Array | Int8Array>(
  a: T,
  size: number,
): T {
  if (a.length >= size) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 1024));
  next.set(a);
  return next;
}

/**
 * Slots per dictionary id (a unit group, a skill), in slot order: the scan of a coded vacancy visits only the
 * slots listed under a unit group related to it or a skill it asks for — every other person is `unrelated`.
 * Dead slots stay listed until a compaction.
 */
class Postings {
  private lists: Int32Array[] = [];
  private lengths: number[] = [];
  add(id: number, slot: number) {
    const n = this.lengths[id] ?? 0;
    let list = this.lists[id] ?? (this.lists[id] = new Int32Array(16));
    if (n === list.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(list);
      list = this.lists[id] = bigger;
    }
    list[n] = slot;
    this.lengths[id] = n + 1;
  }
  list(id: number): Int32Array {
    const list = this.lists[id];
    return list ? list.subarray(0, this.lengths[id]) : EMPTY;
  }
  get bytes() {
    return this.lists.reduce((n, a) => n + (a?.byteLength ?? 0), 0);
  }
}
const EMPTY = new Int32Array(0);
const NO_BUFFERS = { slots: EMPTY, scores: new Float64Array(0), settled: new Uint8Array(0) };

/** The education factor's value (scoreMatch's rule): the level asked or above 1, one below 0.5, unknown 0.5. */
function educationValue(isced: number, asked: number | null): number {
  return asked === null ? 1 : isced < 0 ? 0.5 : isced >= asked ? 1 : isced === asked - 1 ? 0.5 : 0;
}

/** The commute factor's value for a trip in minutes, or one of the marks REMOTE, UNKNOWN, OTHER_PROVINCE. */
function commuteValue(trip: number): number {
  return trip === REMOTE
    ? 1
    : trip === UNKNOWN
      ? 0.5
      : trip === OTHER_PROVINCE
        ? 0
        : 1 - (trip - COMMUTE_FULL) / (COMMUTE_NONE - COMMUTE_FULL);
}

/** The index's figure for one person and the scan's verdict. */
export interface IndexVerdict {
  /** The rules of exclusions() the index checks that exclude the pair (empty: a candidate). */
  rules: ExclusionRule[];
  /** scoreMatch's score (an upper bound of it when the person might have an accessibility need). */
  score: number;
}

export interface ScanOptions {
  officeId: string | null;
  today: string;
  commute?: CommuteMinutes | undefined;
  essentialSkills: ReadonlyMap<string, ReadonlySet<string>>;
  /** Candidates whose bound is below this are not kept (minScore minus the largest lift). */
  minBound?: number | undefined;
}

export interface ScanResult {
  /** Slots of the candidates (every hard constraint the index checks passed), and their scores. */
  slots: Int32Array;
  /** The index score; where `settled` is 0, an upper bound of it (experience taken at its best, not read yet). */
  scores: Float64Array;
  /** 1 where `scores` holds the index score itself; `settle` (and `best`, which settles what it needs) reads the rest. */
  settled: Uint8Array;
  settle: (k: number) => void;
  count: number;
  /** Persons of the scope with consent and some relation to the vacancy that a checked rule excluded, per rule. */
  excluded: Record<string, number>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const points = (weight: number, value: number) => round1(weight * Math.max(0, Math.min(1, value)));

export class MatchingIndex {
  /** Slots in use (dead ones included); a changed person gets a new slot and the old one dies. */
  size = 0;
  dead = 0;
  private idWords = new Uint32Array(0);
  private office = new Uint16Array(0);
  private flags = new Uint8Array(0);
  private isced = new Int8Array(0);
  private place = new Int32Array(0);
  private hours = new Float64Array(0);
  private shifts = new Uint8Array(0);
  private maxCommute = new Int16Array(0);
  private earliest = new Int32Array(0);
  /** Each slot's record in `pool`: codes, skills, work, languages, licences, certificates, districts. */
  private offset = new Int32Array(0);
  private pool = new Int32Array(0);
  private poolSize = 0;
  /** id → slot: open addressing over the id's first word. */
  private table = new Int32Array(0);
  private rotationDay = '';
  private rotation = new Uint32Array(0);

  readonly offices: Dictionary;
  readonly codes: Dictionary;
  readonly skills: Dictionary;
  readonly langs: Dictionary;
  readonly quals: Dictionary;
  readonly districts: Dictionary;
  /** Home places: `fold(province)|fold(district)`; `placeOf` keeps the first spelling for the matrix. */
  readonly places: Dictionary;
  private readonly placeOf: { province: string; district: string }[];
  /** Slots by unit group (desired or worked) and by skill held. */
  private readonly byCode = new Postings();
  private readonly bySkill = new Postings();
  /** The scan's visit marks (a slot listed under several of the vacancy's groups or skills is judged once). */
  private marks = new Uint32Array(0);
  private mark = 0;
  /** The scan's per-slot scratch (valid where the slot bears the scan's mark): occupation value, skills asked held. */
  private occAt = new Float64Array(0);
  private reqAt = new Uint16Array(0);
  private prefAt = new Uint16Array(0);
  /** The slots the scan reached, in the order of their first visit. */
  private seen = new Int32Array(0);

  /** A new index, or (compaction) one that shares `dictionaries` of another so that the flat records copy as they are. */
  constructor(dictionaries?: MatchingIndex) {
    const d = dictionaries;
    this.offices = d?.offices ?? new Dictionary();
    this.codes = d?.codes ?? new Dictionary();
    this.skills = d?.skills ?? new Dictionary();
    this.langs = d?.langs ?? new Dictionary();
    this.quals = d?.quals ?? new Dictionary();
    this.districts = d?.districts ?? new Dictionary();
    this.places = d?.places ?? new Dictionary();
    this.placeOf = d?.placeOf ?? [];
  }

  /** Persons alive in the index. */
  get persons() {
    return this.size - this.dead;
  }

  /** Bytes held by the typed arrays (the dictionaries are small). */
  get bytes() {
    return [
      this.idWords,
      this.office,
      this.flags,
      this.isced,
      this.place,
      this.hours,
      this.shifts,
      this.maxCommute,
      this.earliest,
      this.offset,
      this.pool,
      this.table,
      this.rotation,
      this.marks,
      this.occAt,
      this.reqAt,
      this.prefAt,
      this.seen,
    ].reduce((n, a) => n + a.byteLength, this.byCode.bytes + this.bySkill.bytes);
  }

  idOf(slot: number): string {
    const w = this.idWords;
    const h = (n: number) => (w[slot * 4 + n] as number).toString(16).padStart(8, '0');
    const s = h(0) + h(1) + h(2) + h(3);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  private words(id: string): [number, number, number, number] {
    const hex = id.replaceAll('-', '');
    return [0, 1, 2, 3].map((i) => parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0) as [number, number, number, number];
  }

  private find(w: readonly number[]): number {
    const t = this.table;
    if (t.length === 0) return -1;
    const mask = t.length - 1;
    for (let i = (w[0]! ^ Math.imul(w[3]!, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const slot = t[i]! - 1;
      if (slot < 0) return -1;
      const o = slot * 4;
      if (
        this.idWords[o] === w[0] &&
        this.idWords[o + 1] === w[1] &&
        this.idWords[o + 2] === w[2] &&
        this.idWords[o + 3] === w[3]
      )
        return slot;
    }
  }

  private place_(slot: number, w: readonly number[]) {
    const t = this.table;
    const mask = t.length - 1;
    let i = (w[0]! ^ Math.imul(w[3]!, 0x9e3779b1)) & mask;
    while (t[i] !== 0) {
      const other = t[i]! - 1;
      const o = other * 4;
      if (
        this.idWords[o] === w[0] &&
        this.idWords[o + 1] === w[1] &&
        this.idWords[o + 2] === w[2] &&
        this.idWords[o + 3] === w[3]
      )
        break;
      i = (i + 1) & mask;
    }
    t[i] = slot + 1;
  }

  private rehash(capacity: number) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    if (this.table.length >= n) return;
    this.table = new Int32Array(n);
    for (let s = 0; s < this.size; s++) if (this.flags[s]! & F_ALIVE) this.place_(s, this.wordsAt(s));
  }

  private wordsAt(slot: number) {
    const o = slot * 4;
    return [this.idWords[o]!, this.idWords[o + 1]!, this.idWords[o + 2]!, this.idWords[o + 3]!];
  }

  private push(values: number[]) {
    this.pool = grow(this.pool, this.poolSize + values.length);
    this.pool.set(values, this.poolSize);
    this.poolSize += values.length;
  }

  /** Adds or replaces a person; a person no longer a candidate at all (merged, pending) is removed. */
  upsert(row: MatchingIndexRow): void {
    const w = this.words(row.id);
    const old = this.find(w);
    if (old >= 0 && this.flags[old]! & F_ALIVE) {
      this.flags[old] = this.flags[old]! & ~F_ALIVE;
      this.dead++;
    }
    if (!row.live) return;
    const s = this.size++;
    const n = this.size;
    this.ensure(n);
    this.idWords.set(w, s * 4);
    const c = row.constraints;
    this.office[s] = this.offices.id(row.officeId);
    this.flags[s] =
      F_ALIVE |
      (row.consent ? F_CONSENT : 0) |
      (c ? F_CONSTRAINTS : 0) |
      (c?.childcareNeed ? F_CHILDCARE : 0) |
      (row.work.length ? F_WORK : 0) |
      ((c?.districts ?? []).length ? F_DISTRICTS : 0);
    this.isced[s] = row.iscedLevel ?? -1;
    const placeKey = `${fold(row.province)}|${fold(row.district)}`;
    const placeId = this.places.id(placeKey);
    if (placeId === this.placeOf.length) this.placeOf.push({ province: row.province, district: row.district });
    this.place[s] = placeId;
    this.hours[s] = c?.hoursPerWeek ?? NaN;
    this.shifts[s] = c ? shiftMask(c.shifts) : 0;
    this.maxCommute[s] = c?.maxCommuteMinutes ?? -1;
    this.earliest[s] = dayOf(c?.earliestStart);
    this.offset[s] = this.poolSize;
    const codes = [
      ...new Set([...row.desiredCodes, ...row.work.map((x) => x.iscoCode)].filter((x): x is string => !!x)),
    ];
    const skills = [...new Set(row.skillIds)];
    const rec: number[] = [codes.length, ...codes.map((x) => this.codes.id(x)), skills.length];
    for (const x of skills) rec.push(this.skills.id(x));
    for (let k = 1; k <= codes.length; k++) this.byCode.add(rec[k]!, s);
    for (let k = codes.length + 2; k < rec.length; k++) this.bySkill.add(rec[k]!, s);
    rec.push(row.work.length);
    for (const x of row.work) {
      const start = dayOf(x.startDate);
      const end = dayOf(x.endDate);
      rec.push(
        x.iscoCode ? this.codes.id(x.iscoCode) : -1,
        start,
        start === NONE ? 0 : monthOf(x.startDate!),
        end,
        end === NONE ? 0 : monthOf(x.endDate!),
        x.registered ? 1 : 0,
      );
    }
    rec.push(row.languages.length);
    for (const l of row.languages) rec.push(this.langs.id(l.code), CEFR_ORDER.indexOf(l.level));
    for (const list of [row.licences, row.certificates]) {
      rec.push(list.length);
      for (const q of list) rec.push(this.quals.id(q.code), q.expiresOn === null ? FOREVER : dayOf(q.expiresOn));
    }
    const districts = c?.districts ?? [];
    rec.push(districts.length);
    for (const d of districts) rec.push(this.districts.id(fold(d)));
    this.push(rec);
    if (this.rotationDay) {
      this.rotation = grow(this.rotation, n);
      this.rotation[s] = rotationKey(this.idOf(s), this.rotationDay);
    }
    if (this.table.length < n * 2) this.rehash(n);
    else this.place_(s, w);
  }

  /** Room for `n` slots in the per-slot arrays. */
  private ensure(n: number) {
    this.idWords = grow(this.idWords, n * 4);
    this.office = grow(this.office, n);
    this.flags = grow(this.flags, n);
    this.isced = grow(this.isced, n);
    this.place = grow(this.place, n);
    this.hours = grow(this.hours, n);
    this.shifts = grow(this.shifts, n);
    this.maxCommute = grow(this.maxCommute, n);
    this.earliest = grow(this.earliest, n);
    this.offset = grow(this.offset, n);
  }

  /**
   * Whether the dead slots are worth reclaiming: more than a quarter of the slots and at least 1,000 (each
   * change of a person leaves one; the scan skips them, but they hold memory and are walked).
   */
  get needsCompaction(): boolean {
    return this.dead >= COMPACT_MIN_DEAD && this.dead > this.size * COMPACT_DEAD_SHARE;
  }

  /**
   * Compaction: a copy of the index without its dead slots (sharing the dictionaries, so records copy as they
   * are), `chunk` slots per step. A generator: the caller yields to the event loop between steps, and queries and
   * catch-ups go on against this index meanwhile. The last step carries what changed during the copy — slots that
   * died after they were copied, slots added since — and returns the copy, which then replaces this index; this
   * one is left as it is, so that a query still holding it stays consistent.
   */
  *compaction(chunk = 50_000): Generator<void, MatchingIndex, void> {
    const next = new MatchingIndex(this);
    const end = this.size;
    next.ensure(Math.max(this.persons, 1));
    next.pool = new Int32Array(Math.max(1024, Math.ceil((this.poolSize * this.persons) / Math.max(1, end))));
    next.rehash(Math.max(this.persons, 1));
    next.rotationDay = this.rotationDay;
    if (next.rotationDay) next.rotation = new Uint32Array(Math.max(this.persons, 1024));
    const moved = new Int32Array(end).fill(-1);
    for (let s = 0; s < end;) {
      for (const stop = Math.min(end, s + chunk); s < stop; s++)
        if (this.flags[s]! & F_ALIVE) moved[s] = next.copy(this, s);
      yield;
    }
    for (let s = 0; s < end; s++) {
      const t = moved[s]!;
      if (t >= 0 && !(this.flags[s]! & F_ALIVE)) {
        next.flags[t] = next.flags[t]! & ~F_ALIVE;
        next.dead++;
      }
    }
    for (let s = end; s < this.size; s++) if (this.flags[s]! & F_ALIVE) next.copy(this, s);
    // A new day's rotation keys were computed meanwhile: the copy computes its own at the next query.
    if (next.rotationDay !== this.rotationDay) {
      next.rotationDay = '';
      next.rotation = new Uint32Array(0);
    }
    return next;
  }

  /** Appends `from`'s slot `s` (same dictionaries) as a new slot; its index. */
  private copy(from: MatchingIndex, s: number): number {
    const t = this.size++;
    const n = this.size;
    this.ensure(n);
    this.idWords.set(from.idWords.subarray(s * 4, s * 4 + 4), t * 4);
    this.office[t] = from.office[s]!;
    this.flags[t] = from.flags[s]!;
    this.isced[t] = from.isced[s]!;
    this.place[t] = from.place[s]!;
    this.hours[t] = from.hours[s]!;
    this.shifts[t] = from.shifts[s]!;
    this.maxCommute[t] = from.maxCommute[s]!;
    this.earliest[t] = from.earliest[s]!;
    // Records are laid out in slot order: one ends where the next begins.
    const start = from.offset[s]!;
    const stop = s + 1 < from.size ? from.offset[s + 1]! : from.poolSize;
    this.offset[t] = this.poolSize;
    this.pool = grow(this.pool, this.poolSize + stop - start);
    this.pool.set(from.pool.subarray(start, stop), this.poolSize);
    this.poolSize += stop - start;
    const P = from.pool;
    const nCodes = P[start]!;
    for (let k = 1; k <= nCodes; k++) this.byCode.add(P[start + k]!, t);
    const nSkills = P[start + nCodes + 1]!;
    for (let k = 0; k < nSkills; k++) this.bySkill.add(P[start + nCodes + 2 + k]!, t);
    if (this.rotationDay) {
      this.rotation = grow(this.rotation, n);
      this.rotation[t] = from.rotation[s]!;
    }
    if (this.table.length < n * 2) this.rehash(n);
    else this.place_(t, this.wordsAt(t));
    return t;
  }

  /**
   * Result buffers of at least `n` entries for a scan: a finished query's (`release`) if one is big enough, else
   * new ones. At 1,000,000 persons a common vacancy's scan keeps 208,000 candidates (2.7 MB of buffers); new ones
   * at every query would be collected only by a major garbage collection, which they would bring on every few
   * dozen queries (external memory counts towards V8's limits) and which then lands in one query.
   */
  private buffers(n: number): { slots: Int32Array; scores: Float64Array; settled: Uint8Array } {
    // The smallest that fits: a rare vacancy's query does not take the buffers a common one needs.
    let k = -1;
    for (let i = 0; i < this.spare.length; i++) {
      const length = this.spare[i]!.slots.length;
      if (length >= n && (k < 0 || length < this.spare[k]!.slots.length)) k = i;
    }
    if (k >= 0) return this.spare.splice(k, 1)[0]!;
    const size = Math.max(n, 1024);
    return { slots: new Int32Array(size), scores: new Float64Array(size), settled: new Uint8Array(size) };
  }

  /** Buffers of finished scans, for the next ones (as many as queries ran side by side, at most SPARE_BUFFERS). */
  private spare: { slots: Int32Array; scores: Float64Array; settled: Uint8Array }[] = [];

  /**
   * The caller is done with the scan (its slots, scores, `settle` and every order `best` gave): its buffers serve
   * the next scan. A scan never released is simply collected.
   */
  release(scan: ScanResult): void {
    if (this.spare.length >= SPARE_BUFFERS || scan.slots.length === 0) return;
    this.spare.push({ slots: scan.slots, scores: scan.scores, settled: scan.settled });
  }

  /** Per-day rotation keys of every slot (rotationKey of the id and day), computed once a day. */
  rotationKeys(day: string): Uint32Array {
    if (this.rotationDay !== day) {
      this.rotation = new Uint32Array(Math.max(this.size, 1024));
      for (let s = 0; s < this.size; s++)
        if (this.flags[s]! & F_ALIVE) this.rotation[s] = rotationKey(this.idOf(s), day);
      this.rotationDay = day;
    }
    return this.rotation;
  }

  /**
   * Scans the persons of the scope for a vacancy: the index's hard constraints and score. A coded vacancy visits
   * only the slots listed under a unit group related to it or a skill it asks for (everyone else is `unrelated`:
   * neither a candidate nor counted), each once; an uncoded one relates to everyone and walks every slot.
   */
  scan(v: MatchVacancy, o: ScanOptions): ScanResult {
    const q = this.query(v, o);
    // A coded vacancy's buffers are taken once its first pass has counted the persons it reaches.
    let { slots, scores, settled } = q.coded ? NO_BUFFERS : this.buffers(0);
    let count = 0;
    const excluded: Record<string, number> = {};
    const rules: ExclusionRule[] = [];
    const settle = (k: number) => {
      if (settled[k]) return;
      if (rules.length !== 0) rules.length = 0;
      scores[k] = this.judge(slots[k]!, q, rules, true);
      settled[k] = 1;
    };
    const result = () => ({ slots, scores, settled, settle, count, excluded });
    const officeId = o.officeId === null ? -1 : (this.offices.ids.get(o.officeId) ?? -2);
    if (officeId === -2) return result();
    const minBound = o.minBound ?? -Infinity;
    const flags = this.flags;
    const office = this.office;
    const keep = (s: number, score: number, exact: boolean) => {
      if (count === slots.length) {
        // Only an uncoded vacancy's scan grows (a coded one's buffers hold every person it reaches).
        const biggerSlots = new Int32Array(count * 2);
        biggerSlots.set(slots);
        slots = biggerSlots;
        const biggerScores = new Float64Array(count * 2);
        biggerScores.set(scores);
        scores = biggerScores;
        const biggerSettled = new Uint8Array(count * 2);
        biggerSettled.set(settled);
        settled = biggerSettled;
      }
      slots[count] = s;
      scores[count] = score;
      settled[count] = exact ? 1 : 0;
      count++;
      // A bound that reaches minBound is settled now: whether the person is kept depends on the score itself.
      if (!exact && score >= minBound && minBound > -Infinity) {
        settle(count - 1);
        if (scores[count - 1]! < minBound) count--;
      }
    };
    const visit = (s: number) => {
      if ((flags[s]! & (F_ALIVE | F_CONSENT)) !== (F_ALIVE | F_CONSENT)) return;
      if (officeId >= 0 && office[s] !== officeId) return;
      if (rules.length !== 0) rules.length = 0;
      const score = this.judge(s, q, rules, false);
      if (this.unrelated) return; // not a candidate at all (nor counted: the SQL pool never held them)
      if (rules.length) {
        for (const r of rules) excluded[r] = (excluded[r] ?? 0) + 1;
        return;
      }
      if (score < minBound) return;
      keep(s, score, true);
    };
    if (!q.coded) {
      for (let s = 0; s < this.size; s++) visit(s);
      return result();
    }
    if (this.marks.length < this.size) {
      const n = Math.max(this.size, this.marks.length * 2, 1024);
      this.marks = new Uint32Array(n);
      this.occAt = new Float64Array(n);
      this.reqAt = new Uint16Array(n);
      this.prefAt = new Uint16Array(n);
      this.seen = new Int32Array(n);
      this.mark = 0;
    }
    if (this.mark === 0xffffffff) {
      this.marks.fill(0);
      this.mark = 0;
    }
    const mark = ++this.mark;
    const { marks, occAt, reqAt, prefAt, seen } = this;
    // First the slot lists: who is reached (each once, in the order of the first visit), the best occupation value
    // of their unit groups, and how many of the skills asked they hold — what judge() reads from the record first.
    let n = 0;
    for (let c = 0; c < q.occupation.length; c++) {
      const value = q.occupation[c]!;
      if (value <= 0) continue;
      const list = this.byCode.list(c);
      for (let k = 0; k < list.length; k++) {
        const s = list[k]!;
        if (marks[s] !== mark) {
          marks[s] = mark;
          occAt[s] = value;
          reqAt[s] = 0;
          prefAt[s] = 0;
          seen[n++] = s;
        } else if (value > occAt[s]!) occAt[s] = value;
      }
    }
    for (let x = 0; x < q.required.length; x++) {
      const r = q.required[x]!;
      const p = q.preferred[x]!;
      if (!r && !p) continue;
      const list = this.bySkill.list(x);
      for (let k = 0; k < list.length; k++) {
        const s = list[k]!;
        if (marks[s] !== mark) {
          // Not under a related unit group (those lists came first): occupation value 0.
          marks[s] = mark;
          occAt[s] = 0;
          reqAt[s] = r;
          prefAt[s] = p;
          seen[n++] = s;
        } else {
          reqAt[s] = reqAt[s]! + r;
          prefAt[s] = prefAt[s]! + p;
        }
      }
    }
    ({ slots, scores, settled } = this.buffers(n));
    // Then each person reached once. The record is read whole only when a rule needs more than the columns:
    // accepted districts at a vacancy with a district (all of judge() then). A language, licence or certificate
    // asked is checked in the record's own entries (`qualificationRules`), without the rest of judge(); work
    // history for the experience factor is not read here — the score is then an upper bound (experience at its
    // best) that `best` settles only for those who could make the page.
    const recordRules = q.languages.length > 0 || q.licences.length > 0 || q.certificates.length > 0;
    const W = FACTOR_WEIGHTS;
    // Each factor's points by what it depends on, computed once per scan (the same points(), added in the same order).
    const skillPoints = (weight: number, asked: number) =>
      Float64Array.from({ length: 65 }, (_, c) => points(weight, asked === 0 ? 1 : c / asked));
    const requiredPoints = skillPoints(W.requiredSkills, q.nRequired);
    const preferredPoints = skillPoints(W.preferredSkills, q.nPreferred);
    const educationPoints = Float64Array.from({ length: 130 }, (_, i) => {
      const isced = i - 1;
      return points(W.education, educationValue(isced, q.isced));
    });
    const commutePoints = q.trip.map((trip) => points(W.commute, commuteValue(trip)));
    const experienceBest = points(W.experience, 1);
    const experienceNone = points(W.experience, 0);
    const languagesFull = points(W.languages, 1);
    const careChildcare = points(W.care, q.careChildcare);
    const careNone = points(W.care, q.careNone);
    const startFull = points(W.start, 1);
    let lastOcc = -1;
    let lastOccPoints = 0;
    const hoursCol = this.hours;
    const shiftsCol = this.shifts;
    const maxCommute = this.maxCommute;
    const place = this.place;
    const iscedCol = this.isced;
    const earliestCol = this.earliest;
    for (let k = 0; k < n; k++) {
      const s = seen[k]!;
      const f = flags[s]!;
      if ((f & (F_ALIVE | F_CONSENT)) !== (F_ALIVE | F_CONSENT)) continue;
      if (officeId >= 0 && office[s] !== officeId) continue;
      if (f & F_DISTRICTS && f & F_CONSTRAINTS && q.district !== NONE) {
        visit(s);
        continue;
      }
      // The rules, in judge()'s order (districts do not apply here).
      const trip = q.trip[place[s]!]!;
      // Emptied only when something was pushed: a store to an array's length is not compiled inline, and once per
      // person it was a third of the scan of a common vacancy (about 10 ms over 208,000 persons; bench/README.md).
      if (rules.length !== 0) rules.length = 0;
      const languageBelow = recordRules && this.qualificationRules(s, q, rules);
      if (f & F_CONSTRAINTS) {
        const hours = hoursCol[s]!;
        if (!Number.isNaN(hours) && q.hours > hours) rules.push('hours');
        const mask = shiftsCol[s]!;
        if (mask !== 0 && (q.shifts & ~mask) !== 0) rules.push('shifts');
        const max = maxCommute[s]!;
        if (max >= 0 && (trip === OTHER_PROVINCE || (trip >= 0 && trip > max))) rules.push('commute');
      }
      if (languageBelow) rules.push('language');
      if (rules.length) {
        for (const r of rules) excluded[r] = (excluded[r] ?? 0) + 1;
        continue;
      }
      // The score as judge() sums it (every language asked is held at its level, or none is asked: that factor is
      // full); experience 0 without work history.
      const exact = !(f & F_WORK);
      const occ = occAt[s]!;
      if (occ !== lastOcc) {
        lastOcc = occ;
        lastOccPoints = points(W.occupation, occ);
      }
      const req = reqAt[s]!;
      const pref = prefAt[s]!;
      const earliest = earliestCol[s]!;
      let sum = 0;
      sum += lastOccPoints;
      sum += req < 65 ? requiredPoints[req]! : points(W.requiredSkills, q.nRequired === 0 ? 1 : req / q.nRequired);
      sum +=
        pref < 65 ? preferredPoints[pref]! : points(W.preferredSkills, q.nPreferred === 0 ? 1 : pref / q.nPreferred);
      const isced = iscedCol[s]!;
      sum += educationPoints[isced < 0 ? 0 : isced + 1]!;
      sum += exact ? experienceNone : experienceBest;
      sum += languagesFull;
      sum += f & F_CHILDCARE ? careChildcare : careNone;
      sum += commutePoints[place[s]!]!;
      sum +=
        earliest === NONE || earliest <= q.startDay
          ? startFull
          : points(W.start, 1 - (earliest - q.startDay) / START_GAP_DAYS);
      const score = round1(sum);
      if (score < minBound) continue;
      keep(s, score, exact);
    }
    return result();
  }

  /** One person against the vacancy (the unit test's entry): the rules the index checks and the score. */
  verdict(id: string, v: MatchVacancy, o: ScanOptions): IndexVerdict | null {
    const s = this.find(this.words(id));
    if (s < 0 || !(this.flags[s]! & F_ALIVE)) return null;
    const rules: ExclusionRule[] = [];
    if (!(this.flags[s]! & F_CONSENT)) rules.push('no-consent');
    if (this.lastQuery?.v !== v || this.lastQuery.o !== o) this.lastQuery = { v, o, q: this.query(v, o) };
    const score = this.judge(s, this.lastQuery.q, rules, true);
    if (this.unrelated) rules.push('unrelated');
    return { rules, score };
  }

  private query(v: MatchVacancy, o: ScanOptions): Query {
    const isco = v.iscoCode;
    const nCodes = this.codes.size;
    const occupation = new Float64Array(nCodes);
    const experience = new Float64Array(nCodes);
    if (isco) {
      const minor = isco.slice(0, 3);
      const target = o.essentialSkills.get(isco);
      for (let i = 0; i < nCodes; i++) {
        const code = this.codes.values[i]!;
        if (code === isco) occupation[i] = OCCUPATION_CLOSENESS.same;
        else if (code.startsWith(minor)) occupation[i] = OCCUPATION_CLOSENESS.minor;
        else if (jaccard(o.essentialSkills.get(code), target) >= RELATED_THRESHOLD)
          occupation[i] = OCCUPATION_CLOSENESS.related;
        experience[i] = code === isco ? 1 : code.slice(0, 3) === minor ? 0.5 : 0;
      }
    }
    const required = new Uint16Array(this.skills.size);
    const preferred = new Uint16Array(this.skills.size);
    for (const x of v.requiredSkillIds) {
      const id = this.skills.ids.get(x);
      if (id !== undefined) required[id]!++;
    }
    for (const x of v.preferredSkillIds) {
      const id = this.skills.ids.get(x);
      if (id !== undefined) preferred[id]!++;
    }
    const start = v.startDate > o.today ? v.startDate : o.today;
    // Commute by home place: minutes, or UNKNOWN / OTHER_PROVINCE / REMOTE.
    const trip = new Float64Array(this.places.size);
    const vProvince = v.province ? fold(v.province) : null;
    for (let i = 0; i < trip.length; i++) {
      const p = this.placeOf[i]!;
      if (v.remote) trip[i] = REMOTE;
      else if (!v.province || !v.district) trip[i] = UNKNOWN;
      else if (fold(p.province) !== vProvince) trip[i] = OTHER_PROVINCE;
      else {
        const m = o.commute?.(p, { province: v.province, district: v.district }) ?? null;
        trip[i] = m === null ? UNKNOWN : m;
      }
    }
    const careWithout = v.childcareSupport ? 1 : 0.4;
    const access = v.accessibleWorkplace ? 1 : 0.4;
    return {
      coded: !!isco,
      occupation,
      experience,
      required,
      preferred,
      nRequired: v.requiredSkillIds.length,
      nPreferred: v.preferredSkillIds.length,
      isced: v.iscedLevel,
      languages: v.languages.map((l) => ({
        lang: this.langs.ids.get(l.code) ?? -1,
        level: CEFR_ORDER.indexOf(l.level),
      })),
      licences: v.requiredLicences.map((c) => this.quals.ids.get(c) ?? -1),
      certificates: v.requiredCertificates.map((c) => this.quals.ids.get(c) ?? -1),
      qualDay: toDayNumber(start),
      hours: v.hoursPerWeek,
      shifts: shiftMask(v.shifts),
      district: !v.remote && v.district ? (this.districts.ids.get(fold(v.district)) ?? -1) : NONE,
      trip,
      startDay: toDayNumber(start),
      today: toDayNumber(o.today),
      todayMonth: monthOf(o.today),
      // Childcare need: the factor without and (at best) with an accessibility need the index cannot know.
      careChildcare: Math.max(careWithout, (careWithout + access) / 2),
      careNone: Math.max(1, access),
    };
  }

  private lastQuery: { v: MatchVacancy; o: ScanOptions; q: Query } | null = null;

  /** Set by judge(): the person has no relation to the vacancy (`unrelated`). */
  private unrelated = false;

  /**
   * judge()'s rules on the record's languages, licences and certificates alone, reached past its unit groups,
   * skills and work history by their counts: pushes `licence` and `certificate` as judge() does, and answers
   * whether a language asked is missing or below its level (judge() pushes `language` after the column rules).
   */
  private qualificationRules(s: number, q: Query, rules: ExclusionRule[]): boolean {
    const P = this.pool;
    let i = this.offset[s]!;
    i += 1 + P[i]!; // unit groups
    i += 1 + P[i]!; // skills
    i += 1 + P[i]! * 6; // work history
    const nLangs = P[i++]!;
    const below = q.languages.length > 0 && languageSum(P, i, nLangs, q) < q.languages.length;
    qualificationsFrom(P, i + nLangs * 2, q, rules);
    return below;
  }

  /**
   * The checked rules into `rules` (`unrelated` aside, in this.unrelated), and the score. The scan (`full` false)
   * stops early for a person unrelated to the vacancy or excluded by a rule (the score is not needed then);
   * no allocation per person.
   */
  private judge(s: number, q: Query, rules: ExclusionRule[], full: boolean): number {
    const P = this.pool;
    let i = this.offset[s]!;
    // Occupation: the best of the person's unit groups.
    const nCodes = P[i++]!;
    let occ = 0;
    for (let k = 0; k < nCodes; k++) {
      const x = q.occupation[P[i++]!]!;
      if (x > occ) occ = x;
    }
    const nSkills = P[i++]!;
    let req = 0;
    let pref = 0;
    for (let k = 0; k < nSkills; k++) {
      const x = P[i++]!;
      req += q.required[x] ?? 0;
      pref += q.preferred[x] ?? 0;
    }
    this.unrelated = q.coded && occ === 0 && req === 0 && pref === 0;
    if (this.unrelated && !full) return 0;
    // Work history: read for the experience factor once the person is known to be a candidate.
    const nWork = P[i++]!;
    const workAt = i;
    i += nWork * 6;
    // Languages: hard constraint and factor.
    const nLangs = P[i++]!;
    const langSum = languageSum(P, i, nLangs, q);
    const langBelow = langSum < q.languages.length;
    i = qualificationsFrom(P, i + nLangs * 2, q, rules);
    const nDistricts = P[i++]!;
    const f = this.flags[s]!;
    const trip = q.trip[this.place[s]!]!;
    if (f & F_CONSTRAINTS) {
      const hours = this.hours[s]!;
      if (!Number.isNaN(hours) && q.hours > hours) rules.push('hours');
      const mask = this.shifts[s]!;
      if (mask !== 0 && (q.shifts & ~mask) !== 0) rules.push('shifts');
      if (nDistricts > 0 && q.district !== NONE) {
        let ok = false;
        for (let k = 0; k < nDistricts; k++) if (P[i + k] === q.district) ok = true;
        if (!ok) rules.push('district');
      }
      const max = this.maxCommute[s]!;
      if (max >= 0 && (trip === OTHER_PROVINCE || (trip >= 0 && trip > max))) rules.push('commute');
    }
    if (langBelow) rules.push('language');
    if (rules.length && !full) return 0;
    // Experience: the same arithmetic, in the same order, as experienceFactor.
    let months = 0;
    for (let k = 0, w = workAt; k < nWork; k++, w += 6) {
      const code = P[w]!;
      if (code < 0 || !q.coded) continue;
      const weightByLevel = q.experience[code]!;
      if (weightByLevel === 0) continue;
      const startDay = P[w + 1]!;
      let endDay = P[w + 3]!;
      let endMonth = P[w + 4]!;
      if (endDay === NONE) {
        endDay = q.today;
        endMonth = q.todayMonth;
      }
      const m = startDay === NONE || endDay < startDay ? 0 : Math.max(0, endMonth - P[w + 2]!);
      months += m * weightByLevel * (P[w + 5]! ? 1 : 0.5);
    }
    // The factors, summed in scoreMatch's order (left to right from 0, as its reduce does).
    const isced = this.isced[s]!;
    const education = educationValue(isced, q.isced);
    const care = f & F_CHILDCARE ? q.careChildcare : q.careNone;
    const commute = commuteValue(trip);
    const earliest = this.earliest[s]!;
    const start = earliest === NONE || earliest <= q.startDay ? 1 : 1 - (earliest - q.startDay) / START_GAP_DAYS;
    const W = FACTOR_WEIGHTS;
    let sum = 0;
    sum += points(W.occupation, q.coded ? occ : 0.5);
    sum += points(W.requiredSkills, q.nRequired === 0 ? 1 : req / q.nRequired);
    sum += points(W.preferredSkills, q.nPreferred === 0 ? 1 : pref / q.nPreferred);
    sum += points(W.education, education);
    sum += points(W.experience, !q.coded || months === 0 ? 0 : months / FULL_EXPERIENCE_MONTHS);
    sum += points(W.languages, q.languages.length === 0 ? 1 : langSum / q.languages.length);
    sum += points(W.care, care);
    sum += points(W.commute, commute);
    sum += points(W.start, start);
    return round1(sum);
  }
}

/**
 * Positions in `scan` of its `m` best candidates, best first: score, then the day's rotation key (`rotation`, by
 * slot), then slot — the order of the exact stage. Scores are multiples of 0.1, so a histogram finds the score the
 * m-th best has; only the candidates at or above it are ordered. A bound not settled yet (`ScanResult.settled`) that
 * reaches that score is settled first (the score then falls, and the m-th best with it: again until none is left);
 * a bound below it cannot rank among the m, whatever its score.
 */
export function best(scan: ScanResult, rotation: Uint32Array, m: number): Int32Array {
  const { slots, scores, settled, count } = scan;
  m = Math.min(m, count);
  if (m <= 0) return new Int32Array(0);
  const bucket = (score: number) => Math.max(0, Math.min(BUCKETS - 1, Math.round(score * 10)));
  // Scratch shared by every call (best is synchronous): nothing of the candidates' size allocated per query.
  if (scratch.tenths.length < count) scratch.tenths = new Int16Array(Math.max(count, scratch.tenths.length * 2));
  const { tenths, histogram, byKey } = scratch;
  histogram.fill(0);
  let unsettled = 0;
  for (let k = 0; k < count; k++) {
    histogram[(tenths[k] = bucket(scores[k]!))]!++;
    if (!settled[k]) unsettled++;
  }
  let at: number;
  for (;;) {
    // The bucket of the m-th best score.
    let seen = 0;
    at = BUCKETS - 1;
    for (; at > 0; at--) if ((seen += histogram[at]!) >= m) break;
    let changed = false;
    for (let k = 0; unsettled > 0 && k < count; k++) {
      if (settled[k] || tenths[k]! < at) continue;
      unsettled--;
      histogram[tenths[k]!]!--;
      scan.settle(k);
      histogram[(tenths[k] = bucket(scores[k]!))]!++;
      changed = true;
    }
    if (!changed) break;
  }
  // Those above the m-th best's score all rank among the m; of those on it (often thousands of equal scores), the
  // ones first by rotation key: a histogram of the keys' top 16 bits finds the cut, and only those up to it are
  // ordered.
  let above = 0;
  for (let b = at + 1; b < BUCKETS; b++) above += histogram[b]!;
  const need = m - above;
  byKey.fill(0);
  for (let k = 0; k < count; k++) if (tenths[k] === at) byKey[rotation[slots[k]!]! >>> 16]!++;
  let cut = 0;
  for (let seen = 0; cut < 65535; cut++) if ((seen += byKey[cut]!) >= need) break;
  const kept: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = tenths[k]!;
    if (t > at || (t === at && rotation[slots[k]!]! >>> 16 <= cut)) kept.push(k);
  }
  // worse(a, b): a ranks below b.
  const worse = (a: number, b: number) => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    if (sa !== sb) return sa < sb;
    const ra = rotation[slots[a]!]!;
    const rb = rotation[slots[b]!]!;
    return ra !== rb ? ra > rb : slots[a]! > slots[b]!;
  };
  kept.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return Int32Array.from(kept.slice(0, m));
}

/** Histogram buckets of index scores (tenths from 0 to 100, and room above). */
const BUCKETS = 1201;
const scratch = { tenths: new Int16Array(0), histogram: new Int32Array(BUCKETS), byKey: new Int32Array(65536) };

/**
 * The languages factor's sum over the languages asked, from a record's `n` (language, level) entries at `at`: 1 for
 * one held at its level, 0.5 below it, 0 missing — so a language is missing or below its level exactly when the
 * sum is less than the number asked.
 */
function languageSum(P: Int32Array, at: number, n: number, q: Query): number {
  let sum = 0;
  for (const need of q.languages) {
    let level = NONE;
    for (let k = 0; k < n; k++)
      if (P[at + k * 2] === need.lang) {
        level = P[at + k * 2 + 1]!;
        break;
      }
    if (level !== NONE) sum += level >= need.level ? 1 : 0.5;
  }
  return sum;
}

/**
 * The licence and certificate rules on a record's entries from `at` (its licences' count, then their pairs, then
 * its certificates'): pushes `licence` and `certificate` into `rules`, and answers the position after them.
 */
function qualificationsFrom(P: Int32Array, at: number, q: Query, rules: ExclusionRule[]): number {
  let i = at;
  const nLicences = P[i++]!;
  if (q.licences.length && !holdsAll(P, i, nLicences, q.licences, q.qualDay)) rules.push('licence');
  i += nLicences * 2;
  const nCertificates = P[i++]!;
  if (q.certificates.length && !holdsAll(P, i, nCertificates, q.certificates, q.qualDay)) rules.push('certificate');
  return i + nCertificates * 2;
}

/** Every wanted qualification held (a record of `n` code–expiry pairs at `at`) and valid on `day`. */
function holdsAll(P: Int32Array, at: number, n: number, wanted: readonly number[], day: number): boolean {
  for (const code of wanted) {
    let held = false;
    for (let k = 0; k < n; k++)
      if (P[at + k * 2] === code && P[at + k * 2 + 1]! >= day) {
        held = true;
        break;
      }
    if (!held) return false;
  }
  return true;
}

const REMOTE = -1;
const UNKNOWN = -2;
const OTHER_PROVINCE = -3;

interface Query {
  coded: boolean;
  occupation: Float64Array;
  experience: Float64Array;
  required: Uint16Array;
  preferred: Uint16Array;
  nRequired: number;
  nPreferred: number;
  isced: number | null;
  languages: { lang: number; level: number }[];
  licences: number[];
  certificates: number[];
  qualDay: number;
  hours: number;
  shifts: number;
  district: number;
  trip: Float64Array;
  startDay: number;
  today: number;
  todayMonth: number;
  careChildcare: number;
  careNone: number;
}

function jaccard(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): number {
  if (!a || !b || a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}
