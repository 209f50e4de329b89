/**
 * Erasure and merge of duplicates (docs/SURVEYS.md, "Personal data"), in the caller's transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { surveyResponses, surveyVersions } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { decrypt, encrypt } from '../../lib/crypto.ts';
import type { Answers } from '../../../common/surveys.ts';

/**
 * Anonymises the person's responses: the link to the person and the free-text answers (ordinary and
 * special) go; the coded answers and the breakdowns taken at the time of the response (sex, age band,
 * district) stay for the results. Answers the number of responses anonymised.
 */
export async function anonymiseSurveysOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.organisationId, organisationId), inArray(surveyResponses.personId, [...personIds])));
  const now = ctx.clock.now();
  for (const row of rows) {
    const [version] = await ctx.db
      .select({ questions: surveyVersions.questions })
      .from(surveyVersions)
      .where(and(eq(surveyVersions.id, row.versionId), eq(surveyVersions.organisationId, organisationId)));
    const textKeys = new Set((version?.questions ?? []).filter((q) => q.type === 'text').map((q) => q.key));
    const keep = (answers: Answers) => Object.fromEntries(Object.entries(answers).filter(([k]) => !textKeys.has(k)));
    const special = row.specialEnc ? keep(JSON.parse(decrypt(row.specialEnc, ctx.config)) as Answers) : null;
    await ctx.db
      .update(surveyResponses)
      .set({
        personId: null,
        answers: keep(row.answers),
        specialEnc:
          special && Object.keys(special).length > 0 ? encrypt(JSON.stringify(special), ctx.config.dataKey) : null,
        anonymisedAt: now,
      })
      .where(and(eq(surveyResponses.id, row.id), eq(surveyResponses.organisationId, organisationId)));
    await audit(ctx.db, ctx, {
      action: 'survey.response-anonymised',
      subjectType: 'survey-response',
      subjectId: row.id,
      fields: ['person', 'textAnswers'],
      purpose: 'erasure',
    });
  }
  return rows.length;
}

/** Part of people's merge of duplicates: the merged-away person's responses move to the kept record. */
export async function moveSurveyResponsesToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<number> {
  const moved = await ctx.db
    .update(surveyResponses)
    .set({ personId: toPersonId })
    .where(and(eq(surveyResponses.organisationId, organisationId), eq(surveyResponses.personId, fromPersonId)))
    .returning({ id: surveyResponses.id });
  for (const r of moved)
    await audit(ctx.db, ctx, {
      action: 'survey.response-moved',
      subjectType: 'survey-response',
      subjectId: r.id,
      fields: ['person'],
      purpose: 'merge',
    });
  return moved.length;
}
