import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { personMatchingFeatures, persons, personTargetGroups, workPermits } from '../../../db/schema/index.ts';
import type { Config } from '../../../config/config.ts';
import type { Ctx } from '../../../lib/context.ts';
import { auditMany } from '../../../lib/audit.ts';
import { inOrder } from '../../../lib/in-order.ts';
import { blindIndex, decrypt, encrypt, keyId, type DataKeys, type IndexKeys } from '../../../lib/crypto.ts';
import { findProvince, provinces } from '../../../lib/geography.ts';
import {
  addMonths,
  EMPLOYER_BOUND_PERMITS,
  LIMIT_RANGES,
  PERSONAL_PERMITS,
  type PermitFacts,
  type RightToWork,
} from '../../../../common/decent-work.ts';
import {
  legalTagInput,
  registeredTagInput,
  type FeaturePermit,
  type LegalClass,
  type MatchingFeatures,
} from '../../../lib/matching-tags.ts';

/**
 * The restricted matching features (docs/MATCHING.md, "The restricted features table"): what matching
 * needs of a person's restricted facts — the right to work (citizen, foreigner, temporary or international
 * protection), the province of a temporary-protection registration, the registration date of people
 * under protection, the accessibility need and the granted work permits — derived when the person is
 * saved and kept in `person_matching_features` so that the matcher never opens the encrypted details of
 * a pool.
 *
 * At rest nothing of it is readable without the keys:
 * - `legal_tag` = blindIndex("legal|class|province code|accessibility"), `registered_tag` =
 *   blindIndex("registered|date") under KOPRU_INDEX_KEY;
 * - `features_enc`, the same facts sealed under KOPRU_DATA_KEY: the key rotation recomputes the tags from
 *   it (lib/encrypted-columns.ts), and a row whose tag is not in the code book is read from it;
 * - `permits`: granted permits as scope (any employer, one employer, seasonal exemption), employer and
 *   validity — not their kind, which would name the protection status.
 * The matcher decodes the tags with a code book of every value they can take (4 classes × 82 province
 * codes × 2; the registration days within the waiting window), built once per key and day: a pool of any
 * size costs no decryption. Rows with the same facts share a tag (the table shows how many people share
 * them, never which facts they are).
 */

const LEGAL_CLASSES: readonly LegalClass[] = [
  'citizen',
  'foreigner',
  'temporary-protection',
  'international-protection',
];

const permitScope = (kind: PermitFacts['kind']): FeaturePermit['scope'] =>
  PERSONAL_PERMITS.includes(kind) ? 'any' : EMPLOYER_BOUND_PERMITS.includes(kind) ? 'employer' : 'seasonal';

/** Back to the facts the decent-work rules take: only granted permits are kept, which is all the duty needs. */
export function permitFactsOf(permits: readonly FeaturePermit[]): PermitFacts[] {
  return permits.map((p) => ({
    kind:
      p.scope === 'any'
        ? 'indefinite-work-permit'
        : p.scope === 'employer'
          ? 'work-permit'
          : 'seasonal-agriculture-exemption',
    status: 'granted',
    employerId: p.employerId,
    validFrom: p.from,
    validUntil: p.until,
  }));
}

export function rightToWorkOf(f: Pick<MatchingFeatures, 'legal' | 'provinceCode' | 'registrationDate'>): RightToWork {
  switch (f.legal) {
    case 'temporary-protection':
      return {
        status: 'temporary-protection',
        registrationProvince: f.provinceCode ? (provinceName(f.provinceCode) ?? null) : null,
        registrationDate: f.registrationDate,
      };
    case 'international-protection':
      return { status: 'international-protection', registrationDate: f.registrationDate };
    case 'citizen':
    case 'foreigner':
      return { status: f.legal };
  }
}

let provinceNames: Map<string, string> | undefined;
function provinceName(code: string): string | undefined {
  provinceNames ??= new Map(provinces().map((p) => [p.code, p.name]));
  return provinceNames.get(code);
}

// ---- deriving (on every save) ------------------------------------------------------------------------

/** Derives the features of these persons from their rows (one decryption per protection record). */
export async function deriveMatchingFeatures(
  db: Db,
  keys: DataKeys,
  personIds: readonly string[],
): Promise<Map<string, MatchingFeatures & { organisationId: string }>> {
  const out = new Map<string, MatchingFeatures & { organisationId: string }>();
  if (personIds.length === 0) return out;
  const ids = [...new Set(personIds)];
  // One after the other: a person's save calls this inside its transaction, whose one connection must not be
  // sent a query while it runs another (pg deprecates it).
  const [people, groups, permits] = await inOrder(
    () =>
      db
        .select({ id: persons.id, organisationId: persons.organisationId, nationality: persons.nationality })
        .from(persons)
        .where(inArray(persons.id, ids)),
    () =>
      db
        .select({
          personId: personTargetGroups.personId,
          group: personTargetGroups.group,
          detailsEnc: personTargetGroups.detailsEnc,
        })
        .from(personTargetGroups)
        .where(
          and(inArray(personTargetGroups.personId, ids), inArray(personTargetGroups.group, ['refugee', 'disability'])),
        ),
    () =>
      db
        .select()
        .from(workPermits)
        .where(and(inArray(workPermits.personId, ids), eq(workPermits.status, 'granted'))),
  );
  for (const p of people) {
    const refugee = groups.find((g) => g.personId === p.id && g.group === 'refugee');
    let legal: LegalClass = p.nationality === 'TR' ? 'citizen' : 'foreigner';
    let provinceCode: string | null = null;
    let registrationDate: string | null = null;
    if (refugee) {
      const d = refugee.detailsEnc
        ? (JSON.parse(decrypt(refugee.detailsEnc, keys)) as {
            status?: string;
            registrationProvince?: string | null;
            registrationDate?: string | null;
          })
        : {};
      if (d.status === 'temporary-protection') {
        legal = 'temporary-protection';
        provinceCode = d.registrationProvince ? (findProvince(d.registrationProvince)?.code ?? null) : null;
        registrationDate = d.registrationDate ?? null;
      } else if (d.status === 'international-protection') {
        legal = 'international-protection';
        registrationDate = d.registrationDate ?? null;
      } else legal = 'foreigner';
    }
    out.set(p.id, {
      organisationId: p.organisationId,
      legal,
      provinceCode,
      registrationDate,
      accessibilityNeed: groups.some((g) => g.personId === p.id && g.group === 'disability'),
      permits: permits
        .filter((w) => w.personId === p.id)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((w) => ({ scope: permitScope(w.kind), employerId: w.employerId, from: w.validFrom, until: w.validUntil })),
    });
  }
  return out;
}

/**
 * Brings the features of these persons up to date with their rows: called by every change to a person,
 * their target groups or work permits, in its transaction (a person that no longer exists loses the row
 * by the foreign key).
 */
export async function refreshMatchingFeatures(
  db: Db,
  config: DataKeys & IndexKeys,
  personIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(personIds)];
  // 1,000 persons a statement (a batch import writes hundreds at once): one multi-row upsert each.
  for (let i = 0; i < ids.length; i += 1000) {
    const derived = await deriveMatchingFeatures(db, config, ids.slice(i, i + 1000));
    if (derived.size === 0) continue;
    const now = new Date();
    await db
      .insert(personMatchingFeatures)
      .values(
        [...derived].map(([personId, { organisationId, ...facts }]) => ({
          personId,
          organisationId,
          featuresEnc: encrypt(JSON.stringify(facts), config.dataKey),
          legalTag: blindIndex(legalTagInput(facts), config.indexKey),
          registeredTag: blindIndex(registeredTagInput(facts), config.indexKey),
          permits: facts.permits,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: personMatchingFeatures.personId,
        set: {
          organisationId: sql`excluded.organisation_id`,
          featuresEnc: sql`excluded.features_enc`,
          legalTag: sql`excluded.legal_tag`,
          registeredTag: sql`excluded.registered_tag`,
          permits: sql`excluded.permits`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}

/**
 * Fills the features of persons who have none (the rows stored before the table, and any written by a
 * path that bypassed the people module), in short transactions; one audit event per organisation and
 * batch (the derivation reads the protection details). Runs at every start after the migrations and the
 * demo data; with nothing to do it costs one query.
 */
export async function backfillMatchingFeatures(db: Db, config: Config, batchSize = 500): Promise<number> {
  let done = 0;
  // In id order from where the last batch stopped: without it every batch scanned again the persons done
  // before it and hashed every feature row written so far (quadratic; 887 s for 1,000,000 persons,
  // bench/registry.ts).
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; organisationId: string }[] = await db
      .select({ id: persons.id, organisationId: persons.organisationId })
      .from(persons)
      .where(
        and(
          after === null ? undefined : sql`${persons.id} > ${after}`,
          // The bound again on the features, so that the anti-join starts there too (PostgreSQL does not carry
          // an inequality across the join).
          sql`NOT EXISTS (SELECT 1 FROM ${personMatchingFeatures} WHERE ${personMatchingFeatures.personId} = ${persons.id}
            ${after === null ? sql`` : sql`AND ${personMatchingFeatures.personId} > ${after}`})`,
        ),
      )
      .orderBy(persons.id)
      .limit(batchSize);
    if (rows.length === 0) return done;
    after = rows[rows.length - 1]!.id;
    await deriveMissingFeatures(db, config, rows);
    done += rows.length;
  }
}

/**
 * Derives the features of persons who have none, in one transaction with one audit event per organisation
 * (the backfill's batch; bench/registry.ts derives one person of each kind this way before copying).
 */
export async function deriveMissingFeatures(
  db: Db,
  config: Config,
  rows: readonly { id: string; organisationId: string }[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await refreshMatchingFeatures(
      tx,
      config,
      rows.map((r) => r.id),
    );
    const ctx = {
      actor: null,
      requestId: crypto.randomUUID(),
      clock: { now: () => new Date() },
    } as unknown as Ctx;
    await auditMany(
      tx,
      ctx,
      [...new Set(rows.map((r) => r.organisationId))].map((organisationId) => ({
        action: 'person.matching-features-derived' as const,
        subjectType: 'person' as const,
        subjectId: null,
        organisationId,
        actorKind: 'system' as const,
        fields: ['targetGroups', 'workPermits'],
        purpose: 'matching-features-backfill',
      })),
    );
  });
}

// ---- reading (the matcher) ---------------------------------------------------------------------------

type LegalFacts = Pick<MatchingFeatures, 'legal' | 'provinceCode' | 'accessibilityNeed'>;

const legalBooks = new Map<string, Map<string, LegalFacts>>();

/** Every value a legal tag can take under this key: 4 classes, 81 provinces and "unknown", with or without a need. */
function legalBook(key: Buffer): Map<string, LegalFacts> {
  const id = keyId(key);
  let book = legalBooks.get(id);
  if (book) return book;
  book = new Map();
  const codes = [null, ...provinces().map((p) => p.code)];
  for (const legal of LEGAL_CLASSES)
    for (const provinceCode of legal === 'temporary-protection' ? codes : [null])
      for (const accessibilityNeed of [false, true]) {
        const facts = { legal, provinceCode, accessibilityNeed };
        book.set(blindIndex(legalTagInput(facts), key), facts);
      }
  legalBooks.set(id, book);
  return book;
}

const dateBooks = new Map<string, { day: string; book: Map<string, string | null> }>();
const WINDOW_MONTHS = LIMIT_RANGES.protectionWaitingMonths.max;

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The registration days that can still matter today: from the longest waiting period the limits allow
 * (12 months) back to a year ahead (a date in the future, which the forms refuse, stays exact), and
 * "none". A tag outside it is a registration longer ago than any waiting period.
 */
function dateBook(key: Buffer, today: string): Map<string, string | null> {
  const id = keyId(key);
  const cached = dateBooks.get(id);
  if (cached?.day === today) return cached.book;
  const book = new Map<string, string | null>();
  book.set(blindIndex(registeredTagInput({ legal: 'temporary-protection', registrationDate: null }), key), null);
  const last = shiftDays(today, 366);
  for (let day = shiftDays(addMonths(today, -WINDOW_MONTHS), -1); day <= last; day = shiftDays(day, 1))
    book.set(blindIndex(registeredTagInput({ legal: 'temporary-protection', registrationDate: day }), key), day);
  dateBooks.set(id, { day: today, book });
  return book;
}

export interface PoolFeatures {
  rightToWork: RightToWork;
  accessibilityNeed: boolean;
  permits: PermitFacts[];
}

/**
 * The features of a pool, decoded through the code books (no decryption), for the rules as of `today`.
 * A person without a row, or with a tag no book knows (written under a key not configured any more), is
 * derived from their records instead; `derived` counts those (a healthy database has none).
 */
export async function poolFeatures(
  db: Db,
  config: DataKeys & IndexKeys,
  organisationId: string,
  personIds: readonly string[],
  today: string,
  /** false: a person without a row is left out (not derived from their records); the caller derives those it keeps. */
  derive = true,
): Promise<{ features: Map<string, PoolFeatures>; derived: number }> {
  const features = new Map<string, PoolFeatures>();
  if (personIds.length === 0) return { features, derived: 0 };
  const rows = await db
    .select({
      personId: personMatchingFeatures.personId,
      legalTag: personMatchingFeatures.legalTag,
      registeredTag: personMatchingFeatures.registeredTag,
      permits: personMatchingFeatures.permits,
    })
    .from(personMatchingFeatures)
    .where(
      and(
        eq(personMatchingFeatures.organisationId, organisationId),
        inArray(personMatchingFeatures.personId, [...personIds]),
      ),
    );
  const keys = [config.indexKey, ...(config.previousIndexKey ? [config.previousIndexKey] : [])];
  const books = keys.map((k) => ({ legal: legalBook(k), dates: dateBook(k, today) }));
  // Longer ago than any waiting period the limits allow: every waiting check passes on this date.
  const longAgo = shiftDays(addMonths(today, -WINDOW_MONTHS), -2);
  for (const r of rows) {
    for (const b of books) {
      const legal = b.legal.get(r.legalTag);
      if (!legal) continue;
      const protectedPerson = legal.legal === 'temporary-protection' || legal.legal === 'international-protection';
      // (During a key rotation the two tags of a row may be under different keys: any book decodes.)
      const dates = books.find((d) => d.dates.has(r.registeredTag))?.dates;
      const registrationDate = !protectedPerson ? null : dates ? dates.get(r.registeredTag)! : longAgo;
      features.set(r.personId, {
        rightToWork: rightToWorkOf({ ...legal, registrationDate }),
        accessibilityNeed: legal.accessibilityNeed,
        permits: permitFactsOf(r.permits),
      });
      break;
    }
  }
  const missing = personIds.filter((id) => !features.has(id));
  if (missing.length && derive) {
    const derived = await deriveMatchingFeatures(db, config, missing);
    for (const [id, f] of derived)
      features.set(id, {
        rightToWork: rightToWorkOf(f),
        accessibilityNeed: f.accessibilityNeed,
        permits: permitFactsOf(f.permits),
      });
  }
  return { features, derived: derive ? missing.length : 0 };
}
