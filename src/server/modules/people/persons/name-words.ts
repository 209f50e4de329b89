/**
 * The vocabulary of name words (issue 15, `person_name_words`): the distinct words of the listed persons'
 * folded names per organisation, with how many persons use each. Kept here in the transaction of every
 * write that changes a name or whether a person is listed (registration, import, self-registration,
 * rename, merge, erasure); a word that no one uses any more is deleted (an erased person's unusual name
 * must not stay behind). The name search corrects typed words against it (`wordAlternatives`).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { personNameWords } from '../../../db/schema/index.ts';

/** The distinct words of a folded name (`searchKey`: words joined by one space). */
export function wordsOfName(nameKey: string): string[] {
  return [...new Set(nameKey.split(' ').filter(Boolean))];
}

/**
 * How the persons' count of each word changes when the listed names `before` become `after` (each a
 * `name_key`; a person who leaves the list is in `before` only, a new one in `after` only). Words whose
 * count does not change are left out; the result is sorted by word (the order rows are locked in).
 */
export function nameWordChanges(before: readonly string[], after: readonly string[]): [string, number][] {
  const delta = new Map<string, number>();
  for (const [names, sign] of [
    [before, -1],
    [after, 1],
  ] as const)
    for (const name of names) for (const w of wordsOfName(name)) delta.set(w, (delta.get(w) ?? 0) + sign);
  return [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Applies a change of listed names to the organisation's vocabulary, in the caller's transaction: counts
 * up (inserting new words), counts down, and deletes the words that no one uses any more.
 */
export async function recordNameWords(
  tx: Db,
  organisationId: string,
  change: { before?: readonly string[]; after?: readonly string[] },
): Promise<void> {
  const changes = nameWordChanges(change.before ?? [], change.after ?? []);
  if (changes.length === 0) return;
  // One statement for every word, in word order, so that two writers lock the rows they share in the same
  // order (no deadlock); a word counted down to nothing is deleted after.
  const rows = JSON.stringify(changes.map(([word, n]) => ({ word, n })));
  await tx.execute(sql`
    INSERT INTO ${personNameWords} (organisation_id, word, persons)
    SELECT ${organisationId}::uuid, d.word, d.n
    FROM jsonb_to_recordset(${rows}::jsonb) AS d(word text, n int)
    ORDER BY d.word COLLATE "C"
    ON CONFLICT (organisation_id, word) DO UPDATE SET persons = ${personNameWords.persons} + excluded.persons`);
  const down = changes.filter(([, n]) => n < 0).map(([word]) => word);
  if (down.length > 0)
    await tx
      .delete(personNameWords)
      .where(
        and(
          eq(personNameWords.organisationId, organisationId),
          inArray(personNameWords.word, down),
          sql`${personNameWords.persons} <= 0`,
        ),
      );
}

/**
 * Builds the vocabulary again from the persons (as migration 0040 filled it): for data loaded around the
 * writers above (the bench's bulk load, fixtures).
 */
export async function rebuildNameWords(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM ${personNameWords}`);
  await db.execute(sql`
    INSERT INTO person_name_words (organisation_id, word, persons)
    SELECT p.organisation_id, w.word, count(DISTINCT p.id)
    FROM persons p CROSS JOIN LATERAL unnest(string_to_array(p.name_key, ' ')) AS w(word)
    WHERE p.merged_into_id IS NULL AND w.word <> ''
    GROUP BY p.organisation_id, w.word`);
}

/** A vocabulary word offered for a typed one, with pg_trgm's similarity to it (1 for the typed word itself). */
export interface WordAlternative {
  word: string;
  similarity: number;
}

/**
 * For each typed word, what the search may look for instead: the word itself when a name contains it, and
 * — when fewer than `rareBelow` persons' names contain it (a typo, or a rare spelling) — the vocabulary words
 * most similar to it (pg_trgm's `%`, similarity ≥ 0.3), best first, at most `perWord`. A word that names do
 * contain, rarely, takes only close ones (≥ `rareSimilarity`): "muhamed" written so in a few names still
 * brings the "muhammed"s, but a rare surname ("aramaozturk") does not bring every "ozturk". The last word may
 * be unfinished (the search starts at three letters): words it begins like count too (`<%`,
 * word_similarity ≥ 0.6). A correction clearly worse than the word's best one (its score below `relative` × the
 * best's) is left out: `abdurahman` → `abdulrahman` (0.64) is searched, `abdul` (0.36) is not; `muhamed` →
 * `muhammed` (0.7), not `muhannad` (0.5) — each would add a walk of the index for the persons of another name.
 * One statement, through the vocabulary's trigram index.
 */
export async function wordAlternatives(
  db: Db,
  organisationId: string,
  words: readonly string[],
  options: { rareBelow: number; perWord: number; rareSimilarity: number; relative: number },
): Promise<WordAlternative[][]> {
  if (words.length === 0) return [];
  // Typed words come from searchKey (letters, digits and hyphens): nothing in them is special to LIKE.
  const typed = JSON.stringify(words.map((w, i) => ({ i, w, last: i === words.length - 1 })));
  const rows = await db
    .select({
      i: sql<number>`t.i`.mapWith(Number),
      uses: sql<number>`u.n`.mapWith(Number),
      word: sql<string | null>`c.word`,
      persons: sql<number | null>`c.persons`,
      similarity: sql<number | null>`c.s`,
    })
    .from(
      sql`jsonb_to_recordset(${typed}::jsonb) AS t(i int, w text, last boolean)
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(v.persons), 0)::int AS n FROM ${personNameWords} v
        WHERE v.organisation_id = ${organisationId} AND v.word LIKE '%' || t.w || '%'
      ) u
      LEFT JOIN LATERAL (
        SELECT v.word, v.persons, greatest(similarity(v.word, t.w), CASE WHEN t.last THEN word_similarity(t.w, v.word) ELSE 0 END)::float8 AS s
        FROM ${personNameWords} v
        WHERE v.organisation_id = ${organisationId} AND u.n < ${options.rareBelow} AND v.word <> t.w
          AND (v.word % t.w OR (t.last AND t.w <% v.word))
        ORDER BY s DESC, v.persons DESC, v.word
        LIMIT ${options.perWord}
      ) c ON true`,
    )
    .orderBy(sql`t.i`, sql`c.s DESC NULLS LAST`, sql`c.persons DESC NULLS LAST`, sql`c.word`);
  const out: WordAlternative[][] = words.map(() => []);
  const uses = words.map(() => 0);
  for (const r of rows) {
    uses[r.i] = r.uses;
    const similarity = Number(r.similarity);
    // Rows come best first: the word's first correction is its best.
    const best = out[r.i]![0]?.similarity ?? similarity;
    if (
      r.word !== null &&
      (r.uses === 0 || similarity >= options.rareSimilarity) &&
      similarity >= options.relative * best
    )
      out[r.i]!.push({ word: r.word, similarity });
  }
  return words.map((w, i) => (uses[i]! > 0 ? [{ word: w, similarity: 1 }, ...out[i]!] : out[i]!));
}

/**
 * The word lists to search for, best first (the product of the words' similarities; ties keep the
 * alternatives' order), at most `max`; none when a word has no alternative at all.
 */
export function correctedQueries(alternatives: readonly WordAlternative[][], max: number): string[][] {
  if (alternatives.length === 0 || alternatives.some((a) => a.length === 0)) return [];
  let combos: { words: string[]; score: number; order: number[] }[] = [{ words: [], score: 1, order: [] }];
  for (const list of alternatives)
    combos = combos.flatMap((c) =>
      list.map((a, k) => ({ words: [...c.words, a.word], score: c.score * a.similarity, order: [...c.order, k] })),
    );
  const earlier = (a: number[], b: number[]) => a.findIndex((k, i) => k !== b[i]);
  return combos
    .sort((a, b) => {
      const i = earlier(a.order, b.order);
      return b.score - a.score || (i < 0 ? 0 : a.order[i]! - b.order[i]!);
    })
    .slice(0, max)
    .map((c) => c.words);
}
