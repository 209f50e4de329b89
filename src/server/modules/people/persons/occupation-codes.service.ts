import crypto from 'node:crypto';
import type { PersonPatch } from '../../../../common/contracts/people.ts';
import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { persons, workHistory } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit, auditMany } from '../../../lib/audit.ts';
import { problems, type FieldError } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { searchKey } from '../../../../common/text.ts';
import {
  linkFromHit,
  type HeldQualification,
  type LinkStatus,
  type OccupationLink,
} from '../../../../common/occupation-codes.ts';
import { searchOccupations, unknownCodes } from '../../taxonomy/index.ts';

/**
 * Coded records of persons (issue 10): desired occupations and work history linked to ISCO-08 unit
 * groups (the typed titles kept), skills as taxonomy ids, licences and certificates with their expiry.
 * persons.service.ts calls `codePersonInput` when a person is saved; the start-up pass links what was
 * stored as free text before; staff confirm or correct doubtful links on the review list.
 */

type PersonRow = typeof persons.$inferSelect;

/** The fields of a person's input that carry taxonomy codes (the people contract's, src/common/contracts/people.ts). */
export type CodedPersonFields = Pick<
  PersonPatch,
  'desiredOccupationCodes' | 'skillIds' | 'licences' | 'certificates' | 'desiredOccupations' | 'workHistory'
>;

export interface WorkCode {
  iscoCode: string | null;
  iscoScore: number | null;
  iscoStatus: LinkStatus;
}

/** The best unit group for a typed title, by the taxonomy search. */
export async function linkTitle(db: Db, title: string): Promise<OccupationLink> {
  const q = title.trim().slice(0, 100);
  if (!q) return { title, iscoCode: null, score: null, status: 'none' };
  const { items } = await searchOccupations({ db }, { q, lang: 'tr', limit: 1 });
  return linkFromHit(title, items[0]);
}

const uniqueBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
};

/**
 * The coded columns of a person from what was sent: links for the desired occupations (chosen codes
 * kept, typed titles linked, unchanged titles keeping their link), skills, licences and certificates
 * (unknown codes refused, 422 naming each), and the codes of the work history entries in input order.
 */
export async function codePersonInput(
  db: Db,
  input: CodedPersonFields,
  existing: Pick<PersonRow, 'id' | 'organisationId' | 'occupationLinks'> | null,
): Promise<{ values: Partial<typeof persons.$inferInsert>; workCodes: WorkCode[] | undefined }> {
  const values: Partial<typeof persons.$inferInsert> = {};
  const errors: FieldError[] = [];
  const previous = new Map((existing?.occupationLinks ?? []).map((l) => [l.title, l]));

  let links: OccupationLink[] | undefined;
  if (input.desiredOccupationCodes !== undefined) {
    const list = uniqueBy(
      input.desiredOccupationCodes.map((o) => ({ title: o.title.trim(), iscoCode: o.iscoCode })).filter((o) => o.title),
      (o) => o.title,
    );
    links = [];
    for (const o of list) {
      const before = previous.get(o.title);
      if (o.iscoCode)
        links.push({
          title: o.title,
          iscoCode: o.iscoCode,
          score: null,
          status: before?.iscoCode === o.iscoCode && before.status === 'confirmed' ? 'confirmed' : 'chosen',
        });
      else links.push(before ?? (await linkTitle(db, o.title)));
    }
  } else if (input.desiredOccupations !== undefined) {
    const list = [...new Set(input.desiredOccupations.map((o) => o.trim()).filter(Boolean))];
    links = [];
    for (const title of list) links.push(previous.get(title) ?? (await linkTitle(db, title)));
  }
  if (links) {
    values.occupationLinks = links;
    values.desiredOccupations = links.map((l) => l.title);
    values.occupationKeys = links.map((l) => searchKey(l.title)).join(' | ');
  }

  let workCodes: WorkCode[] | undefined;
  if (input.workHistory !== undefined) {
    workCodes = [];
    // An entry saved again with the same title keeps its link (a staff confirmation included).
    const before = existing
      ? await db
          .select()
          .from(workHistory)
          .where(and(eq(workHistory.organisationId, existing.organisationId), eq(workHistory.personId, existing.id)))
      : [];
    for (const w of input.workHistory) {
      const same = before.find((b) => b.occupation === w.occupation.trim() && b.iscoStatus);
      if (w.iscoCode)
        workCodes.push({
          iscoCode: w.iscoCode,
          iscoScore: null,
          iscoStatus: same?.iscoCode === w.iscoCode && same.iscoStatus === 'confirmed' ? 'confirmed' : 'chosen',
        });
      else if (same)
        workCodes.push({ iscoCode: same.iscoCode, iscoScore: same.iscoScore, iscoStatus: same.iscoStatus! });
      else {
        const l = await linkTitle(db, w.occupation);
        workCodes.push({ iscoCode: l.iscoCode, iscoScore: l.score, iscoStatus: l.status });
      }
    }
  }

  if (input.skillIds !== undefined) values.skillIds = [...new Set(input.skillIds)];
  const held = (list: { code: string; expiresOn?: string | null | undefined }[]): HeldQualification[] =>
    uniqueBy(
      list.map((q) => ({ code: q.code, expiresOn: q.expiresOn ?? null })),
      (q) => q.code,
    );
  if (input.licences !== undefined) values.licences = held(input.licences);
  if (input.certificates !== undefined) values.certificates = held(input.certificates);

  const unknown = await unknownCodes(db, {
    isco: [
      ...(input.desiredOccupationCodes ?? []).map((o) => o.iscoCode ?? ''),
      ...(input.workHistory ?? []).map((w) => w.iscoCode ?? ''),
    ].filter(Boolean),
    skills: input.skillIds ?? [],
    licences: (input.licences ?? []).map((l) => l.code),
    certificates: (input.certificates ?? []).map((c) => c.code),
  });
  (input.desiredOccupationCodes ?? []).forEach((o, i) => {
    if (o.iscoCode && unknown.isco.includes(o.iscoCode))
      errors.push({ pointer: `/desiredOccupationCodes/${i}/iscoCode`, code: 'errors.taxonomy.unknownCode' });
  });
  (input.workHistory ?? []).forEach((w, i) => {
    if (w.iscoCode && unknown.isco.includes(w.iscoCode))
      errors.push({ pointer: `/workHistory/${i}/iscoCode`, code: 'errors.taxonomy.unknownCode' });
  });
  (input.skillIds ?? []).forEach((s, i) => {
    if (unknown.skills.includes(s)) errors.push({ pointer: `/skillIds/${i}`, code: 'errors.taxonomy.unknownCode' });
  });
  (input.licences ?? []).forEach((l, i) => {
    if (unknown.licences.includes(l.code))
      errors.push({ pointer: `/licences/${i}/code`, code: 'errors.taxonomy.unknownCode' });
  });
  (input.certificates ?? []).forEach((c, i) => {
    if (unknown.certificates.includes(c.code))
      errors.push({ pointer: `/certificates/${i}/code`, code: 'errors.taxonomy.unknownCode' });
  });
  if (errors.length) throw problems.invalidMany(errors);
  return { values, workCodes };
}

/**
 * The ISCO groups (all four levels) of a person's unit-group codes, as `refreshIscoGroups` derives them in SQL:
 * distinct, sorted, from the codes of four digits. A registration writes them with the person row, so that its
 * persons are not rewritten by an UPDATE right after their insert (a second version of each new row and an entry
 * in each of the persons' 17 indexes: the page a multi-row insert filled has no room for a HOT update).
 */
export function iscoGroupsOf(codes: readonly (string | null | undefined)[]): string[] {
  const groups = new Set<string>();
  for (const code of codes)
    if (code && /^[0-9]{4}$/.test(code)) for (let n = 1; n <= 4; n++) groups.add(code.slice(0, n));
  return [...groups].sort();
}

/** Recomputes the ISCO groups (all levels) a person is listed under: desired occupations and work history. */
export async function refreshIscoGroups(tx: Db, organisationId: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx
    .update(persons)
    .set({
      iscoGroups: sql`ARRAY(
        SELECT DISTINCT left(c, n) FROM (
          SELECT l->>'iscoCode' AS c FROM jsonb_array_elements(coalesce(${persons.occupationLinks}, '[]'::jsonb)) AS l
          UNION SELECT ${workHistory.iscoCode} FROM ${workHistory} WHERE ${workHistory.personId} = ${persons.id}
        ) AS codes, generate_series(1, 4) AS n
        WHERE c ~ '^[0-9]{4}$' ORDER BY 1
      )`,
    })
    .where(and(eq(persons.organisationId, organisationId), inArray(persons.id, [...personIds])));
}

// ---- linking what was stored before (the start-up pass) -----------------------------------------------

function systemCtx(): Ctx {
  return {
    actor: null,
    requestId: crypto.randomUUID(),
    clock: { now: () => new Date() },
  } as unknown as Ctx;
}

/**
 * Links the free text stored before coded records existed (persons whose occupations were never linked,
 * work history without a link status), in batches of short transactions; one audit event per
 * organisation and batch. Returns how many records it linked. Cheap when there is nothing to do.
 */
export async function linkPendingPersons(db: Db, batchSize = 200): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db
      .select({
        id: persons.id,
        organisationId: persons.organisationId,
        desiredOccupations: persons.desiredOccupations,
      })
      .from(persons)
      .where(isNull(persons.occupationLinks))
      .limit(batchSize);
    const work = await db
      .select({
        id: workHistory.id,
        personId: workHistory.personId,
        organisationId: workHistory.organisationId,
        occupation: workHistory.occupation,
      })
      .from(workHistory)
      .where(isNull(workHistory.iscoStatus))
      .limit(batchSize);
    if (rows.length === 0 && work.length === 0) return done;
    const personLinks: { r: (typeof rows)[number]; links: OccupationLink[] }[] = [];
    for (const r of rows) {
      const links: OccupationLink[] = [];
      for (const title of r.desiredOccupations) links.push(await linkTitle(db, title));
      personLinks.push({ r, links });
    }
    const workLinks: { w: (typeof work)[number]; link: OccupationLink }[] = [];
    for (const w of work) workLinks.push({ w, link: await linkTitle(db, w.occupation) });
    await db.transaction(async (tx) => {
      for (const { r, links } of personLinks)
        await tx.update(persons).set({ occupationLinks: links }).where(eq(persons.id, r.id));
      for (const { w, link } of workLinks)
        await tx
          .update(workHistory)
          .set({ iscoCode: link.iscoCode, iscoScore: link.score, iscoStatus: link.status })
          .where(eq(workHistory.id, w.id));
      const orgs = new Set([...rows.map((r) => r.organisationId), ...work.map((w) => w.organisationId)]);
      for (const organisationId of orgs)
        await refreshIscoGroups(tx, organisationId, [
          ...new Set([
            ...rows.filter((r) => r.organisationId === organisationId).map((r) => r.id),
            ...work.filter((w) => w.organisationId === organisationId).map((w) => w.personId),
          ]),
        ]);
      await auditMany(
        tx,
        systemCtx(),
        [...orgs].map((organisationId) => ({
          action: 'person.occupations-linked' as const,
          subjectType: 'person' as const,
          subjectId: null,
          organisationId,
          actorKind: 'system' as const,
          fields: ['desiredOccupations', 'workHistory'],
          purpose: 'link-stored-titles',
        })),
      );
    });
    done += rows.length + work.length;
  }
}

// ---- the review list ------------------------------------------------------------------------------------

export interface PersonLinkReview {
  kind: 'person-occupation' | 'work-history';
  personId: string;
  /** The work history entry (work-history), or the position in the desired occupations (person-occupation). */
  entryId: string | null;
  index: number | null;
  title: string;
  iscoCode: string | null;
  score: number | null;
  status: LinkStatus;
}

function personScope(scope: ReturnType<typeof scopeOf>): SQL[] {
  return [
    eq(persons.organisationId, scope.organisationId),
    isNull(persons.mergedIntoId),
    ...(scope.officeId ? [eq(persons.officeId, scope.officeId)] : []),
  ];
}

/** Doubtful and missing links of the persons the caller may see, oldest records first. */
export async function personLinkReviews(
  ctx: Ctx,
  limit: number,
): Promise<{ items: PersonLinkReview[]; total: number }> {
  const scope = scopeOf(actorOf(ctx));
  const doubtful = or(
    sql`${persons.occupationLinks} @> '[{"status":"review"}]'::jsonb`,
    sql`${persons.occupationLinks} @> '[{"status":"none"}]'::jsonb`,
  )!;
  const [people, work, [pc], [wc]] = await Promise.all([
    ctx.db
      .select({ id: persons.id, links: persons.occupationLinks })
      .from(persons)
      .where(and(...personScope(scope), doubtful))
      .orderBy(asc(persons.createdAt), asc(persons.id))
      .limit(limit),
    ctx.db
      .select({ w: workHistory })
      .from(workHistory)
      .innerJoin(persons, eq(persons.id, workHistory.personId))
      .where(and(...personScope(scope), inArray(workHistory.iscoStatus, ['review', 'none'])))
      .orderBy(asc(persons.createdAt), asc(workHistory.id))
      .limit(limit),
    ctx.db
      .select({ n: count() })
      .from(persons)
      .where(and(...personScope(scope), doubtful)),
    ctx.db
      .select({ n: count() })
      .from(workHistory)
      .innerJoin(persons, eq(persons.id, workHistory.personId))
      .where(and(...personScope(scope), inArray(workHistory.iscoStatus, ['review', 'none']))),
  ]);
  const items: PersonLinkReview[] = [];
  for (const p of people)
    (p.links ?? []).forEach((l, index) => {
      if (l.status === 'review' || l.status === 'none')
        items.push({ kind: 'person-occupation', personId: p.id, entryId: null, index, ...l });
    });
  for (const { w } of work)
    items.push({
      kind: 'work-history',
      personId: w.personId,
      entryId: w.id,
      index: null,
      title: w.occupation,
      iscoCode: w.iscoCode,
      score: w.iscoScore,
      status: w.iscoStatus ?? 'none',
    });
  return { items: items.slice(0, limit), total: (pc?.n ?? 0) + (wc?.n ?? 0) };
}

/**
 * Staff confirm or correct one link (the unit group they chose); 404 outside the caller's scope, 409
 * when the entry changed meanwhile (the title at that position is not the one reviewed).
 */
export async function confirmPersonLink(
  ctx: Ctx,
  input: {
    kind: 'person-occupation' | 'work-history';
    personId: string;
    entryId?: string | null;
    index?: number | null;
    title: string;
    iscoCode: string;
  },
): Promise<void> {
  const unknown = await unknownCodes(ctx.db, { isco: [input.iscoCode] });
  if (unknown.isco.length) throw problems.invalid('/iscoCode', 'errors.taxonomy.unknownCode');
  const scope = scopeOf(actorOf(ctx));
  await ctx.db.transaction(async (tx) => {
    const [person] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, input.personId), ...personScope(scope)));
    if (!person) throw problems.notFound();
    if (input.kind === 'person-occupation') {
      const links = [...(person.occupationLinks ?? [])];
      const i = input.index ?? -1;
      if (!links[i] || links[i].title !== input.title) throw problems.conflict('errors.matching.linkChanged', '/index');
      links[i] = { title: input.title, iscoCode: input.iscoCode, score: links[i].score, status: 'confirmed' };
      await tx.update(persons).set({ occupationLinks: links }).where(eq(persons.id, person.id));
    } else {
      const [entry] = await tx
        .select()
        .from(workHistory)
        .where(and(eq(workHistory.id, input.entryId ?? ''), eq(workHistory.personId, person.id)));
      if (!entry) throw problems.notFound();
      if (entry.occupation !== input.title) throw problems.conflict('errors.matching.linkChanged', '/entryId');
      await tx
        .update(workHistory)
        .set({ iscoCode: input.iscoCode, iscoStatus: 'confirmed' })
        .where(eq(workHistory.id, entry.id));
    }
    await refreshIscoGroups(tx, person.organisationId, [person.id]);
    await audit(tx, ctx, {
      action: 'person.occupation-link-confirmed',
      subjectType: 'person',
      subjectId: person.id,
      fields: [input.kind === 'person-occupation' ? 'desiredOccupations' : 'workHistory'],
    });
  });
}

/** Persons listed under an ISCO group of any level (a prefix of their unit groups). */
export function iscoFilter(code: string): SQL {
  return sql`${persons.iscoGroups} @> ARRAY[${code}]::text[]`;
}
