/**
 * What the surveys module holds on a person, for the access export of the data-protection desk (KVKK
 * art. 11): the person's survey responses, with their special-category answers decrypted (they are the
 * person's own) and the questions' keys.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { surveyResponses } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { decrypt } from '../../lib/crypto.ts';
import { exportRows } from '../../lib/export-rows.ts';

export async function surveysDataOf(
  ctx: Pick<Ctx, 'db' | 'config'>,
  organisationId: string,
  personIds: readonly string[],
) {
  if (personIds.length === 0) return { surveyResponses: [] };
  const rows = await ctx.db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.organisationId, organisationId), inArray(surveyResponses.personId, [...personIds])));
  return {
    surveyResponses: exportRows(
      rows.map(({ specialEnc, ...r }) => ({
        ...r,
        specialAnswers: specialEnc ? (JSON.parse(decrypt(specialEnc, ctx.config)) as unknown) : null,
      })),
    ),
  };
}
