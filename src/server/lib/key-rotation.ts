import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { keyRotations } from '../db/schema/index.ts';
import { audit } from './audit.ts';
import type { Ctx } from './context.ts';
import { blindIndex, decrypt, encrypt, keyId, sealedKeyId } from './crypto.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumnSet } from './encrypted-columns.ts';

/**
 * Key rotation (`kopru keys rotate`, docs/SECURITY.md "Key rotation"): re-seals every column of
 * `ENCRYPTED_COLUMNS` under the current KOPRU_DATA_KEY and recomputes every blind index under the current
 * KOPRU_INDEX_KEY, reading with the previous keys (KOPRU_DATA_KEY_PREVIOUS, KOPRU_INDEX_KEY_PREVIOUS).
 * Each set of columns is walked in primary-key order, a batch of rows per transaction, and the cursor is
 * saved in `key_rotations` in the same transaction: a run that stops (a crash, Ctrl-C) resumes where it
 * was. The rotation completes only when no ciphertext under another key is left; from then on the old
 * keys are retired: a process configured with one of them as its current key is refused, and one still
 * listing them as previous keys drops them.
 */

export type SetProgress = { after: string[] | null; seen: number; changed: number; done: boolean };

export interface RotationOutcome {
  id: string;
  status: 'completed' | 'interrupted';
  progress: Record<string, SetProgress>;
}

export interface RotateOptions {
  batchSize?: number;
  /** A line of progress, after each batch. */
  say?: (line: string) => void;
  /** Tests: stop (as if interrupted) after this many batches. */
  stopAfterBatches?: number;
  sets?: readonly EncryptedColumnSet[];
}

export class KeyRotationError extends Error {
  override name = 'KeyRotationError';
}

interface RotationKeys {
  oldData: Buffer;
  newData: Buffer;
  oldIndex: Buffer;
  newIndex: Buffer;
}

function rotationKeys(config: Config): RotationKeys {
  const keys = {
    oldData: config.previousDataKey ?? config.dataKey,
    newData: config.dataKey,
    oldIndex: config.previousIndexKey ?? config.indexKey,
    newIndex: config.indexKey,
  };
  if (keys.oldData.equals(keys.newData) && keys.oldIndex.equals(keys.newIndex)) {
    throw new KeyRotationError(
      'Nothing to rotate: set KOPRU_DATA_KEY / KOPRU_INDEX_KEY to the new keys and KOPRU_DATA_KEY_PREVIOUS / ' +
        'KOPRU_INDEX_KEY_PREVIOUS to the keys they replace (docs/SECURITY.md, "Key rotation")',
    );
  }
  return keys;
}

/** The key ids retired by completed rotations. */
export async function retiredKeyIds(db: Db): Promise<{ data: Set<string>; index: Set<string> }> {
  const done = await db
    .select({ data: keyRotations.oldDataKeyId, index: keyRotations.oldIndexKeyId })
    .from(keyRotations)
    .where(eq(keyRotations.status, 'completed'));
  const current = await db
    .select({ data: keyRotations.newDataKeyId, index: keyRotations.newIndexKeyId })
    .from(keyRotations)
    .where(eq(keyRotations.status, 'completed'))
    .orderBy(desc(keyRotations.completedAt))
    .limit(1);
  // A key rotated away and later rotated back to (an unusual, but legal, sequence) is current again.
  const data = new Set(done.map((r) => r.data).filter((k) => k !== current[0]?.data));
  const index = new Set(done.map((r) => r.index).filter((k) => k !== current[0]?.index));
  return { data, index };
}

/**
 * At start-up: refuses a current key that a completed rotation retired, and drops retired previous keys
 * from the configuration (they are no longer accepted for reading). Changes `config` in place.
 */
export async function enforceRetiredKeys(db: Db, config: Config, say: (msg: string) => void = () => {}) {
  const retired = await retiredKeyIds(db);
  if (retired.data.has(keyId(config.dataKey)))
    throw new KeyRotationError('KOPRU_DATA_KEY was retired by a completed key rotation: configure the new key');
  if (retired.index.has(keyId(config.indexKey)))
    throw new KeyRotationError('KOPRU_INDEX_KEY was retired by a completed key rotation: configure the new key');
  if (config.previousDataKey && retired.data.has(keyId(config.previousDataKey))) {
    config.previousDataKey = undefined;
    say('KOPRU_DATA_KEY_PREVIOUS was retired by a completed key rotation: ignored (remove it)');
  }
  if (config.previousIndexKey && retired.index.has(keyId(config.previousIndexKey))) {
    config.previousIndexKey = undefined;
    say('KOPRU_INDEX_KEY_PREVIOUS was retired by a completed key rotation: ignored (remove it)');
  }
}

export async function rotationStatus(db: Db) {
  return db.select().from(keyRotations).orderBy(desc(keyRotations.startedAt)).limit(5);
}

const id = (name: string) => sql.identifier(name);
const list = (parts: (SQL | ReturnType<typeof sql.identifier>)[]) => sql.join(parts, sql`, `);

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}

/** One batch of a set: re-seals and re-indexes up to `size` rows after the cursor; returns the new progress. */
async function rotateBatch(
  tx: Db,
  set: EncryptedColumnSet,
  keys: RotationKeys,
  before: SetProgress,
  size: number,
): Promise<SetProgress> {
  const newKid = keyId(keys.newData);
  const ring = { dataKey: keys.newData, previousDataKey: keys.oldData };
  const open = (sealed: string) => decrypt(sealed, ring);
  const reseal = (sealed: string) => (sealedKeyId(sealed) === newKid ? sealed : encrypt(open(sealed), keys.newData));

  const columns = [
    ...new Set([
      ...set.key.map((k) => k.column),
      ...set.sealed,
      ...(set.sealedInJson ? [set.sealedInJson.column] : []),
      ...(set.index ? [set.index.column, ...set.index.reads] : []),
    ]),
  ];
  const keyCols = set.key.map((k) => id(k.column));
  const after = before.after
    ? sql`(${list(keyCols)}) > (${list(set.key.map((k, i) => sql`${before.after![i]}::${sql.raw(k.type)}`))})`
    : sql`true`;
  const rows = rowsOf(
    await tx.execute(sql`
      SELECT ${list(columns.map((c) => sql`${id(c)}::text AS ${id(c)}`))} FROM ${id(set.table)}
      WHERE ${after} ORDER BY ${list(keyCols)} LIMIT ${size} FOR UPDATE`),
  );
  let changed = 0;
  for (const row of rows) {
    const updates: SQL[] = [];
    for (const column of set.sealed) {
      const value = row[column];
      if (typeof value !== 'string') continue;
      const next = reseal(value);
      if (next !== value) updates.push(sql`${id(column)} = ${next}`);
    }
    if (set.sealedInJson) {
      const { column, field } = set.sealedInJson;
      const raw = row[column];
      const items = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : null;
      if (Array.isArray(items)) {
        let touched = false;
        const next = items.map((item: unknown) => {
          if (!item || typeof item !== 'object') return item;
          const value = (item as Record<string, unknown>)[field];
          if (typeof value !== 'string') return item;
          const sealed = reseal(value);
          if (sealed === value) return item;
          touched = true;
          return { ...(item as Record<string, unknown>), [field]: sealed };
        });
        if (touched) updates.push(sql`${id(column)} = ${JSON.stringify(next)}::jsonb`);
      }
    }
    if (set.index) {
      const input = set.index.input(row, open);
      const next = input === null ? null : blindIndex(input, keys.newIndex);
      if (next !== null && next !== row[set.index.column]) updates.push(sql`${id(set.index.column)} = ${next}`);
    }
    if (updates.length === 0) continue;
    changed++;
    const where = set.key.map((k) => sql`${id(k.column)} = ${row[k.column] as string}::${sql.raw(k.type)}`);
    await tx.execute(sql`UPDATE ${id(set.table)} SET ${list(updates)} WHERE ${sql.join(where, sql` AND `)}`);
  }
  const last = rows.at(-1);
  return {
    after: last ? set.key.map((k) => last[k.column] as string) : before.after,
    seen: before.seen + rows.length,
    changed: before.changed + changed,
    done: rows.length < size,
  };
}

/** Rows of a set still sealed under another key than the new one (written by a process with the old key). */
async function leftUnderOtherKeys(db: Db, set: EncryptedColumnSet, newKid: string): Promise<number> {
  const prefix = `v2.${newKid}.%`;
  const conditions = set.sealed.map((c) => sql`(${id(c)} IS NOT NULL AND ${id(c)} NOT LIKE ${prefix})`);
  if (set.sealedInJson) {
    const { column, field } = set.sealedInJson;
    conditions.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${id(column)}) = 'array'
      THEN ${id(column)} ELSE '[]'::jsonb END) AS item
      WHERE jsonb_typeof(item) = 'object' AND item->>${field} IS NOT NULL AND item->>${field} NOT LIKE ${prefix})`);
  }
  if (conditions.length === 0) return 0;
  const [row] = rowsOf(
    await db.execute(sql`SELECT count(*)::int AS n FROM ${id(set.table)} WHERE ${sql.join(conditions, sql` OR `)}`),
  );
  return Number(row?.n ?? 0);
}

/**
 * Runs (or resumes) the rotation to the configured keys. Returns `interrupted` only when asked to stop
 * early (tests); any failure throws, leaving the progress of the batches committed so far.
 */
export async function rotateKeys(ctx: Ctx, options: RotateOptions = {}): Promise<RotationOutcome> {
  const sets = options.sets ?? ENCRYPTED_COLUMNS;
  const size = options.batchSize ?? 500;
  const say = options.say ?? (() => {});
  const keys = rotationKeys(ctx.config);
  const kids = {
    oldDataKeyId: keyId(keys.oldData),
    newDataKeyId: keyId(keys.newData),
    oldIndexKeyId: keyId(keys.oldIndex),
    newIndexKeyId: keyId(keys.newIndex),
  };
  const retired = await retiredKeyIds(ctx.db);
  if (retired.data.has(kids.newDataKeyId) || retired.index.has(kids.newIndexKeyId))
    throw new KeyRotationError('The new key was retired by an earlier rotation: generate a fresh one');

  const fresh = (): Record<string, SetProgress> =>
    Object.fromEntries(sets.map((s) => [s.name, { after: null, seen: 0, changed: 0, done: false }]));
  const systemEvent = { subjectType: 'key-rotation' as const, organisationId: null, actorKind: 'system' as const };
  const purpose = `data:${kids.oldDataKeyId}>${kids.newDataKeyId};index:${kids.oldIndexKeyId}>${kids.newIndexKeyId}`;

  const rotation = await ctx.db.transaction(async (tx) => {
    const [running] = await tx.select().from(keyRotations).where(eq(keyRotations.status, 'running')).for('update');
    if (running) {
      const same =
        running.oldDataKeyId === kids.oldDataKeyId &&
        running.newDataKeyId === kids.newDataKeyId &&
        running.oldIndexKeyId === kids.oldIndexKeyId &&
        running.newIndexKeyId === kids.newIndexKeyId;
      if (!same)
        throw new KeyRotationError(
          `Another rotation is under way (data key ${running.oldDataKeyId} → ${running.newDataKeyId}, index key ` +
            `${running.oldIndexKeyId} → ${running.newIndexKeyId}): finish it with those keys first`,
        );
      const progress = { ...fresh(), ...running.progress };
      const [row] = await tx
        .update(keyRotations)
        .set({ runs: running.runs + 1, progress })
        .where(eq(keyRotations.id, running.id))
        .returning();
      await audit(tx, ctx, { ...systemEvent, action: 'key-rotation.resumed', subjectId: running.id, purpose });
      return row!;
    }
    const [row] = await tx
      .insert(keyRotations)
      .values({ ...kids, status: 'running', progress: fresh(), startedAt: ctx.clock.now() })
      .returning();
    await audit(tx, ctx, {
      ...systemEvent,
      action: 'key-rotation.started',
      subjectId: row!.id,
      fields: sets.map((s) => s.name),
      purpose,
    });
    return row!;
  });
  say(
    `${rotation.runs > 1 ? 'Resuming' : 'Starting'} key rotation ${rotation.id}: data key ${kids.oldDataKeyId} → ` +
      `${kids.newDataKeyId}, index key ${kids.oldIndexKeyId} → ${kids.newIndexKeyId}, ${size} rows per batch`,
  );

  const progress = rotation.progress;
  let batches = 0;
  for (let pass = 1; ; pass++) {
    for (const set of sets) {
      while (!progress[set.name]!.done) {
        if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches)
          return { id: rotation.id, status: 'interrupted', progress };
        const next = await ctx.db.transaction(async (tx) => {
          const p = await rotateBatch(tx, set, keys, progress[set.name]!, size);
          await tx
            .update(keyRotations)
            .set({ progress: sql`${keyRotations.progress} || ${JSON.stringify({ [set.name]: p })}::jsonb` })
            .where(eq(keyRotations.id, rotation.id));
          return p;
        });
        progress[set.name] = next;
        batches++;
        say(`${set.name}: ${next.seen} rows${next.done ? ', done' : ''} (${next.changed} re-sealed)`);
      }
    }
    // A process still running with the old current key may have written after the walk passed: walk again.
    const stale: string[] = [];
    for (const set of sets) if ((await leftUnderOtherKeys(ctx.db, set, kids.newDataKeyId)) > 0) stale.push(set.name);
    if (stale.length === 0) break;
    if (pass >= 3)
      throw new KeyRotationError(
        `Rows are still being written under the old key (${stale.join(', ')}): restart every Köprü process ` +
          'with the new keys, then run the rotation again',
      );
    say(`Written under the old key meanwhile: ${stale.join(', ')}; walking them again`);
    for (const name of stale) progress[name] = { ...progress[name]!, after: null, done: false };
  }

  await ctx.db.transaction(async (tx) => {
    await tx
      .update(keyRotations)
      .set({ status: 'completed', completedAt: ctx.clock.now(), progress })
      .where(eq(keyRotations.id, rotation.id));
    const changed = Object.values(progress).reduce((n, p) => n + p.changed, 0);
    await audit(tx, ctx, {
      ...systemEvent,
      action: 'key-rotation.completed',
      subjectId: rotation.id,
      fields: sets.map((s) => s.name),
      purpose: `${purpose};rows:${changed}`,
    });
  });
  say('Key rotation completed: the old keys are retired; remove KOPRU_DATA_KEY_PREVIOUS and KOPRU_INDEX_KEY_PREVIOUS');
  return { id: rotation.id, status: 'completed', progress };
}
