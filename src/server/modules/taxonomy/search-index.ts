import crypto from 'node:crypto';
import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { iscoGroups, occupationLabels, skillLabels, skills, taxonomyLoads } from '../../db/schema/index.ts';
import { queryKeys } from '../../../common/taxonomy-text.ts';

/**
 * The in-process search index of the taxonomy (docs/TAXONOMY.md, "Search"). The dictionary is small and
 * read-mostly (thousands of labels; tens of thousands with ESCO), so each process keeps its labels with
 * their trigrams in memory and scores a query in a millisecond or two, instead of asking the database
 * to compute trigram similarities (tens of milliseconds on PGlite). The similarity is pg_trgm's: words
 * padded with two spaces before and one after, the share of common trigrams.
 *
 * Coherence: every change of the labels (loading the shipped files, the ESCO import, an alias added or
 * removed) writes a new `labels-version` in `taxonomy_loads` in its transaction; each search reads that
 * one row (a primary-key look-up) and rebuilds the index when it changed, so every instance sees a
 * change at its next search.
 */

export const LABELS_VERSION = 'labels-version';

/** Records that the labels changed (call inside the changing transaction). */
export async function bumpLabelsVersion(db: Db): Promise<void> {
  const version = crypto.randomUUID();
  await db
    .insert(taxonomyLoads)
    .values({ dataset: LABELS_VERSION, contentHash: version })
    .onConflictDoUpdate({ target: taxonomyLoads.dataset, set: { contentHash: version, loadedAt: sql`now()` } });
}

interface Entry {
  /** ISCO code or skill id. */
  target: string;
  label: string;
  lang: string;
  /** Added to the score: a title or an admin's alias +0.02, a variant 0, an ESCO label −0.02. */
  boost: number;
  key: Int32Array;
  stem: Int32Array;
  /** The trigrams of each word of the key and of the stem, in order: the query inside a longer label is looked for in its words. */
  keyWords: Int32Array[];
  stemWords: Int32Array[];
}

export interface Target {
  titleTr: string | null;
  titleEn: string;
  titleAr: string | null;
  escoUri: string | null;
  project: boolean;
}

export interface Hit {
  target: string;
  label: string;
  score: number;
}

/** pg_trgm's trigrams of a key: each word padded "  w ", every three consecutive characters. */
export function trigrams(key: string): string[] {
  const out = new Set<string>();
  for (const word of key.split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  }
  return [...out];
}

/**
 * The trigrams two sorted keys have in common. With `marks` (one per trigram of `a`), only those not marked yet
 * are counted, and they are marked: the trigrams of `a` found in several keys, each counted once.
 */
function common(a: Int32Array, b: Int32Array, marks?: Uint8Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      if (!marks) n++;
      else if (!marks[i]) {
        marks[i] = 1;
        n++;
      }
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

/** pg_trgm similarity: common trigrams over all trigrams of both. */
function similarity(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const c = common(a, b);
  return c / (a.length + b.length - c);
}

/** How much of `part` is found in `whole` (like pg_trgm's word_similarity of part in whole). */
function containment(part: Int32Array, whole: Int32Array): number {
  if (part.length === 0) return 0;
  return common(part, whole) / part.length;
}

/**
 * How much of `part` (a query of `words` words) is found in `whole`'s words, `words` consecutive ones at a time: the
 * query's trigrams must come from as many neighbouring words of the label as the query has, not from anywhere in it
 * ("nurce" shares five of its six trigrams with "natural resource consultant", spread over three words).
 */
function containmentInWords(part: Int32Array, words: number, whole: Int32Array[]): number {
  if (part.length === 0 || whole.length === 0) return 0;
  const span = Math.min(Math.max(1, words), whole.length);
  if (span === 1) {
    let best = 0;
    for (const word of whole) best = Math.max(best, common(part, word));
    return best / part.length;
  }
  // Each of the query's trigrams counted once in a window (two words of it may share one).
  if (found.length < part.length) found = new Uint8Array(part.length * 2);
  let best = 0;
  for (let start = 0; start + span <= whole.length; start++) {
    found.fill(0, 0, part.length);
    let n = 0;
    for (let w = start; w < start + span; w++) n += common(part, whole[w]!, found);
    if (n > best) best = n;
  }
  return best / part.length;
}

/** Scratch of `containmentInWords`: which of the query's trigrams a window holds (a search never yields). */
let found = new Uint8Array(64);

/** The largest `similarity` of two keys of these sizes with at most `shared` trigrams in common. */
function similarityAtMost(a: number, b: number, shared: number): number {
  if (a === 0 || b === 0) return 0;
  const c = Math.min(shared, a, b);
  return c / (a + b - c);
}

/** 0.5 to 1: how much of the query a label of this size could cover. */
function coverage(part: Int32Array, whole: Int32Array): number {
  return whole.length === 0 ? 0 : 0.5 + 0.5 * Math.min(1, part.length / whole.length);
}

/** Below this a label does not match (pg_trgm's default similarity threshold). */
const THRESHOLD = 0.3;

export class SearchIndex {
  private readonly ids = new Map<string, number>();
  private readonly postings: number[][] = [];
  private readonly entries: Entry[] = [];
  private counts = new Int32Array(0);
  readonly targets = new Map<string, Target>();

  /**
   * The sorted trigram ids of a key. A query's trigram that no label has gets a negative id of its own:
   * it matches nothing but still counts in the query's size.
   */
  private gramIds(key: string, add: boolean): Int32Array {
    const ids: number[] = [];
    let unknown = 0;
    for (const g of trigrams(key)) {
      let id = this.ids.get(g);
      if (id === undefined) {
        if (!add) {
          ids.push(--unknown);
          continue;
        }
        id = this.ids.size;
        this.ids.set(g, id);
        this.postings.push([]);
      }
      ids.push(id);
    }
    return Int32Array.from(new Set(ids)).sort();
  }

  private wordGrams(key: string): Int32Array[] {
    return key
      .split(' ')
      .filter((w) => w)
      .map((w) => this.gramIds(w, true));
  }

  add(target: string, label: string, lang: string, boost: number, searchKey: string, stemKey: string): void {
    const entry: Entry = {
      target,
      label,
      lang,
      boost,
      key: this.gramIds(searchKey, true),
      stem: this.gramIds(stemKey, true),
      keyWords: this.wordGrams(searchKey),
      stemWords: this.wordGrams(stemKey),
    };
    const index = this.entries.length;
    this.entries.push(entry);
    for (const id of new Set([...entry.key, ...entry.stem])) this.postings[id]!.push(index);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The best label of each target, best first. Score: the best of key similarity, stem similarity ×0.95,
   * the query inside a longer label ×0.8, the label inside a longer query ×0.85; the label's boost
   * (+0.02 title or admin alias, −0.02 ESCO), +0.01 for a label in the asked language; at most 1. The label-inside-query part is scaled by how much of
   * the query the label covers (×0.5 to ×1).
   */
  search(query: string, lang: string, limit: number, exhaustive = false): Hit[] {
    const k = queryKeys(query);
    if (!k.key) return [];
    const qKey = this.gramIds(k.key, false);
    const qWords = k.key.split(' ').filter((w) => w).length;
    const qStemTr = this.gramIds(k.stemTr, false);
    const qStemEn = this.gramIds(k.stemEn, false);
    const all = new Set([...qKey, ...qStemTr, ...qStemEn].filter((id) => id >= 0));
    if (all.size === 0) return [];
    // Candidates: labels sharing enough trigrams with the query (counted through the postings, in a
    // buffer reused across searches: a search runs to its end without yielding). Fewer than about a
    // quarter of the query's trigrams in common cannot reach the threshold.
    if (this.counts.length !== this.entries.length) this.counts = new Int32Array(this.entries.length);
    const counts = this.counts;
    const touched: number[] = [];
    for (const id of all) {
      for (const e of this.postings[id]!) {
        if (counts[e] === 0) touched.push(e);
        counts[e] = counts[e]! + 1;
      }
    }
    const smallest = Math.min(...[qKey.length, qStemTr.length, qStemEn.length].filter((n) => n > 0));
    const needed = Math.max(2, Math.floor(smallest * 0.25));
    // Each candidate's score is at most what its count of shared trigrams allows (each part below counts only
    // trigrams of the query that the label has): scored best bound first, the search stops once no candidate
    // left can reach the `limit`-th group's score — the answer of scoring them all (search-index.test.ts).
    const candidates: number[] = [];
    const bounds: number[] = [];
    for (const index of touched) {
      const n = counts[index]!;
      counts[index] = 0;
      if (n < needed) continue;
      const e = this.entries[index]!;
      const key = e.key.length;
      const stem = e.stem.length;
      const bound = Math.max(
        similarityAtMost(key, qKey.length, n),
        0.95 * Math.max(similarityAtMost(stem, qStemTr.length, n), similarityAtMost(stem, qStemEn.length, n)),
        0.8 *
          Math.max(
            qKey.length ? Math.min(n, qKey.length) / qKey.length : 0,
            qStemTr.length ? Math.min(n, qStemTr.length) / qStemTr.length : 0,
          ),
        0.85 *
          Math.max(
            key ? (Math.min(n, key) / key) * coverage(e.key, qKey) : 0,
            stem ? (Math.min(n, stem) / stem) * Math.max(coverage(e.stem, qStemTr), coverage(e.stem, qStemEn)) : 0,
          ),
      );
      if (bound < THRESHOLD) continue;
      candidates.push(index);
      bounds.push(Math.min(1, bound + e.boost + (e.lang === lang ? 0.01 : 0)));
    }
    const order = candidates.map((_, i) => i);
    if (!exhaustive) order.sort((a, b) => bounds[b]! - bounds[a]!);
    const best = new Map<string, Hit>();
    let kth = -Infinity;
    for (let o = 0; o < order.length; o++) {
      const at = order[o]!;
      if (!exhaustive && bounds[at]! < kth) break;
      const e = this.entries[candidates[at]!]!;
      const score = Math.max(
        similarity(e.key, qKey),
        0.95 * Math.max(similarity(e.stem, qStemTr), similarity(e.stem, qStemEn)),
        0.8 * Math.max(containmentInWords(qKey, qWords, e.keyWords), containmentInWords(qStemTr, qWords, e.stemWords)),
        // A label inside a longer query counts for less the less of the query it covers ("car" in "car mecanic").
        0.85 *
          Math.max(
            containment(e.key, qKey) * coverage(e.key, qKey),
            containment(e.stem, qStemTr) * coverage(e.stem, qStemTr),
            containment(e.stem, qStemEn) * coverage(e.stem, qStemEn),
          ),
      );
      if (score < THRESHOLD) continue;
      const ranked = Math.max(0, Math.min(1, score + e.boost + (e.lang === lang ? 0.01 : 0)));
      const had = best.get(e.target);
      if (!had || ranked > had.score || (ranked === had.score && e.label < had.label))
        best.set(e.target, { target: e.target, label: e.label, score: ranked });
      // The `limit`-th group's score so far (it only rises), looked at every 32 candidates.
      if (!exhaustive && best.size >= limit && (o & 31) === 31)
        kth = [...best.values()].map((h) => h.score).sort((x, y) => y - x)[limit - 1]!;
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.target.localeCompare(b.target))
      .slice(0, limit)
      .map((h) => ({ ...h, score: Math.round(h.score * 1000) / 1000 }));
  }
}

interface Cached {
  version: string;
  occupations: Promise<SearchIndex>;
  skills: Promise<SearchIndex>;
}

/**
 * Indexes by labels version: a version is a random UUID written with the labels, so two handles with the
 * same version see the same labels — a transaction, a savepoint or the import's read-only proxy (new
 * handles for every row) reuse the index instead of rebuilding it each time. Without a version row the
 * handle itself is the key. A few versions are kept (databases cloned from one template share one).
 */
const caches = new Map<string, Cached>();
const unversioned = new WeakMap<Db, Cached>();
const MAX_VERSIONS = 8;

async function buildOccupations(db: Db): Promise<SearchIndex> {
  const index = new SearchIndex();
  for (const g of await db.select().from(iscoGroups).where(eq(iscoGroups.level, 4))) {
    index.targets.set(g.code, {
      titleTr: g.titleTr,
      titleEn: g.titleEn,
      titleAr: g.titleAr,
      escoUri: null,
      project: true,
    });
  }
  const rows = await db
    .select({
      target: occupationLabels.iscoCode,
      label: occupationLabels.label,
      lang: occupationLabels.lang,
      kind: occupationLabels.kind,
      searchKey: occupationLabels.searchKey,
      stemKey: occupationLabels.stemKey,
    })
    .from(occupationLabels)
    .where(isNull(occupationLabels.removedAt));
  // The project's curated titles and the admins' aliases win near-ties against ESCO's long tail of labels.
  const boost = { title: 0.02, admin: 0.02, variant: 0, esco: -0.02 } as const;
  for (const r of rows) index.add(r.target, r.label, r.lang, boost[r.kind], r.searchKey, r.stemKey);
  return index;
}

async function buildSkills(db: Db): Promise<SearchIndex> {
  const index = new SearchIndex();
  for (const s of await db.select().from(skills)) {
    index.targets.set(s.id, {
      titleTr: s.titleTr,
      titleEn: s.titleEn,
      titleAr: s.titleAr,
      escoUri: s.escoUri,
      project: s.source === 'project',
    });
  }
  for (const r of await db.select().from(skillLabels)) {
    index.add(r.skillId, r.label, r.lang, 0, r.searchKey, r.stemKey);
  }
  return index;
}

/** The current index of occupations or skills for this database, rebuilt when the labels changed. */
export async function searchIndex(db: Db, which: 'occupations' | 'skills'): Promise<SearchIndex> {
  const [row] = await db
    .select({ version: taxonomyLoads.contentHash })
    .from(taxonomyLoads)
    .where(eq(taxonomyLoads.dataset, LABELS_VERSION));
  const version = row?.version ?? '';
  let cached = version ? caches.get(version) : unversioned.get(db);
  if (!cached || cached.version !== version) {
    const occupations = buildOccupations(db);
    // Built one after the other: PGlite has one connection.
    const skillIndex = occupations.then(() => buildSkills(db));
    const entry: Cached = { version, occupations, skills: skillIndex };
    cached = entry;
    if (version) {
      caches.set(version, entry);
      if (caches.size > MAX_VERSIONS) caches.delete(caches.keys().next().value!);
    } else unversioned.set(db, entry);
    // A failed build is not kept.
    const forget = () => (version ? caches.get(version) === entry && caches.delete(version) : unversioned.delete(db));
    occupations.catch(forget);
    skillIndex.catch(forget);
  }
  return cached[which];
}
