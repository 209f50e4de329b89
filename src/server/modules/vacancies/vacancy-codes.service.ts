import crypto from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { vacancies } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit, auditMany } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { linkFromHit, type LinkStatus } from '../../../common/occupation-codes.ts';
import { searchOccupations, unknownCodes } from '../taxonomy/index.ts';

/**
 * Coded vacancies (issue 10): the occupation linked to an ISCO-08 unit group (the typed title kept),
 * required and preferred skills as taxonomy ids, required licences and certificates.
 */

type VacancyRow = typeof vacancies.$inferSelect;

export interface CodedVacancyFields {
  occupation?: string | undefined;
  iscoCode?: string | null | undefined;
  requiredSkillIds?: string[] | undefined;
  preferredSkillIds?: string[] | undefined;
  requiredLicences?: string[] | undefined;
  requiredCertificates?: string[] | undefined;
}

async function link(db: Db, title: string) {
  const q = title.trim().slice(0, 100);
  const hit = q ? (await searchOccupations({ db }, { q, lang: 'tr', limit: 1 })).items[0] : undefined;
  return linkFromHit(title, hit);
}

/** The coded columns from what was sent (unknown codes refused, 422 naming each). */
export async function codeVacancyInput(
  db: Db,
  input: CodedVacancyFields,
  existing: Pick<VacancyRow, 'occupation' | 'iscoCode' | 'iscoStatus'> | null,
): Promise<Partial<typeof vacancies.$inferInsert>> {
  const values: Partial<typeof vacancies.$inferInsert> = {};
  if (input.iscoCode) {
    values.iscoCode = input.iscoCode;
    values.iscoScore = null;
    values.iscoStatus =
      existing?.iscoCode === input.iscoCode && existing.iscoStatus === 'confirmed' ? 'confirmed' : 'chosen';
  } else if (input.occupation !== undefined || input.iscoCode === null) {
    const title = (input.occupation ?? existing?.occupation ?? '').trim();
    if (existing && title === existing.occupation && existing.iscoStatus && input.iscoCode !== null) {
      // The same title keeps its link.
    } else {
      const l = await link(db, title);
      values.iscoCode = l.iscoCode;
      values.iscoScore = l.score;
      values.iscoStatus = l.status;
    }
  }
  if (input.requiredSkillIds !== undefined) values.requiredSkillIds = [...new Set(input.requiredSkillIds)];
  if (input.preferredSkillIds !== undefined) values.preferredSkillIds = [...new Set(input.preferredSkillIds)];
  if (input.requiredLicences !== undefined) values.requiredLicences = [...new Set(input.requiredLicences)];
  if (input.requiredCertificates !== undefined) values.requiredCertificates = [...new Set(input.requiredCertificates)];

  const unknown = await unknownCodes(db, {
    isco: input.iscoCode ? [input.iscoCode] : [],
    skills: [...(input.requiredSkillIds ?? []), ...(input.preferredSkillIds ?? [])],
    licences: input.requiredLicences ?? [],
    certificates: input.requiredCertificates ?? [],
  });
  const errors: FieldError[] = [];
  if (input.iscoCode && unknown.isco.length) errors.push({ pointer: '/iscoCode', code: 'errors.taxonomy.unknownCode' });
  const each = (list: string[] | undefined, bad: string[], pointer: string) =>
    (list ?? []).forEach((v, i) => {
      if (bad.includes(v)) errors.push({ pointer: `/${pointer}/${i}`, code: 'errors.taxonomy.unknownCode' });
    });
  each(input.requiredSkillIds, unknown.skills, 'requiredSkillIds');
  each(input.preferredSkillIds, unknown.skills, 'preferredSkillIds');
  each(input.requiredLicences, unknown.licences, 'requiredLicences');
  each(input.requiredCertificates, unknown.certificates, 'requiredCertificates');
  if (errors.length) throw problems.invalidMany(errors);
  return values;
}

/** Vacancies under an ISCO group of any level (a prefix of the unit group). */
export function vacancyIscoFilter(code: string): SQL {
  return sql`${vacancies.iscoCode} LIKE ${`${code}%`}`;
}

/** Links the occupations stored as free text before (vacancies never linked), in short transactions. */
export async function linkPendingVacancies(db: Db, batchSize = 200): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db
      .select({ id: vacancies.id, organisationId: vacancies.organisationId, occupation: vacancies.occupation })
      .from(vacancies)
      .where(isNull(vacancies.iscoStatus))
      .limit(batchSize);
    if (rows.length === 0) return done;
    const links: { r: (typeof rows)[number]; l: ReturnType<typeof linkFromHit> }[] = [];
    for (const r of rows) links.push({ r, l: await link(db, r.occupation) });
    await db.transaction(async (tx) => {
      for (const { r, l } of links)
        await tx
          .update(vacancies)
          .set({ iscoCode: l.iscoCode, iscoScore: l.score, iscoStatus: l.status })
          .where(eq(vacancies.id, r.id));
      await auditMany(
        tx,
        { actor: null, requestId: crypto.randomUUID(), clock: { now: () => new Date() } } as unknown as Ctx,
        [...new Set(rows.map((r) => r.organisationId))].map((organisationId) => ({
          action: 'vacancy.occupation-linked' as const,
          subjectType: 'vacancy' as const,
          subjectId: null,
          organisationId,
          actorKind: 'system' as const,
          fields: ['occupation'],
          purpose: 'link-stored-titles',
        })),
      );
    });
    done += rows.length;
  }
}

export interface VacancyLinkReview {
  vacancyId: string;
  title: string;
  iscoCode: string | null;
  score: number | null;
  status: LinkStatus;
}

/** Vacancies of the organisation whose occupation link is doubtful or missing. */
export async function vacancyLinkReviews(
  ctx: Ctx,
  limit: number,
): Promise<{ items: VacancyLinkReview[]; total: number }> {
  const where = and(
    eq(vacancies.organisationId, actorOf(ctx).organisationId),
    inArray(vacancies.iscoStatus, ['review', 'none']),
  );
  const [rows, [n]] = await Promise.all([
    ctx.db.select().from(vacancies).where(where).orderBy(asc(vacancies.createdAt), asc(vacancies.id)).limit(limit),
    ctx.db.select({ n: count() }).from(vacancies).where(where),
  ]);
  return {
    items: rows.map((v) => ({
      vacancyId: v.id,
      title: v.occupation,
      iscoCode: v.iscoCode,
      score: v.iscoScore,
      status: v.iscoStatus ?? 'none',
    })),
    total: n?.n ?? 0,
  };
}

/** Staff confirm or correct a vacancy's occupation link. */
export async function confirmVacancyLink(
  ctx: Ctx,
  input: { vacancyId: string; title: string; iscoCode: string },
): Promise<void> {
  const unknown = await unknownCodes(ctx.db, { isco: [input.iscoCode] });
  if (unknown.isco.length) throw problems.invalid('/iscoCode', 'errors.taxonomy.unknownCode');
  await ctx.db.transaction(async (tx) => {
    const [v] = await tx
      .select()
      .from(vacancies)
      .where(and(eq(vacancies.id, input.vacancyId), eq(vacancies.organisationId, actorOf(ctx).organisationId)));
    if (!v) throw problems.notFound();
    if (v.occupation !== input.title) throw problems.conflict('errors.matching.linkChanged', '/vacancyId');
    await tx.update(vacancies).set({ iscoCode: input.iscoCode, iscoStatus: 'confirmed' }).where(eq(vacancies.id, v.id));
    await audit(tx, ctx, {
      action: 'vacancy.occupation-link-confirmed',
      subjectType: 'vacancy',
      subjectId: v.id,
      fields: ['occupation'],
    });
  });
}
