import { decentWorkSettings } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { ProblemError } from '../../lib/errors.ts';
import {
  checkReferral,
  checkVacancy,
  DEFAULT_LIMITS,
  type PersonFacts,
  type VacancyTerms,
  type Violation,
  type WordingFlag,
  type WorkingTimeLimits,
} from '../../../common/decent-work.ts';
import { listMinimumWages } from '../reference/reference.service.ts';

/**
 * The server side of the decent-work rules: loads their values (minimum wages from the reference
 * module, working-time limits from `decent_work_settings`) and turns violations into one problem.
 * Vacancy publishing, referrals and (later) placements all come through here.
 */
export async function workingTimeLimits(ctx: Pick<Ctx, 'db'>): Promise<WorkingTimeLimits> {
  const rows = await ctx.db.select().from(decentWorkSettings);
  const limits: WorkingTimeLimits = { ...DEFAULT_LIMITS };
  for (const r of rows) if (r.key in limits) limits[r.key as keyof WorkingTimeLimits] = r.value;
  return limits;
}

export async function updateWorkingTimeLimits(ctx: Ctx, patch: Partial<WorkingTimeLimits>): Promise<WorkingTimeLimits> {
  await ctx.db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(patch)) {
      await tx
        .insert(decentWorkSettings)
        .values({ key, value, updatedBy: ctx.actor!.userId, updatedAt: ctx.clock.now() })
        .onConflictDoUpdate({
          target: decentWorkSettings.key,
          set: { value, updatedBy: ctx.actor!.userId, updatedAt: ctx.clock.now() },
        });
    }
    await audit(tx, ctx, {
      action: 'decent-work.settings-updated',
      subjectType: 'settings',
      subjectId: 'decent-work',
      fields: Object.keys(patch),
    });
  });
  return workingTimeLimits(ctx);
}

export async function vacancyViolations(ctx: Ctx, terms: VacancyTerms): Promise<Violation[]> {
  const [wages, limits] = await Promise.all([listMinimumWages(ctx), workingTimeLimits(ctx)]);
  return checkVacancy(terms, wages, limits);
}

export async function referralViolations(ctx: Ctx, terms: VacancyTerms, person: PersonFacts): Promise<Violation[]> {
  const [wages, limits] = await Promise.all([listMinimumWages(ctx), workingTimeLimits(ctx)]);
  return checkReferral(terms, person, wages, limits);
}

/** One 422 problem naming every rule that failed, each with its field and explanation. */
export function refusal(violations: readonly (Violation | WordingFlag)[], pointerPrefix = ''): ProblemError {
  return new ProblemError(422, 'errors.decentWork.refused', {
    params: { count: violations.length },
    errors: violations.map((v) => ({
      pointer: `${pointerPrefix}${v.pointer}`,
      code: v.code,
      params: 'params' in v ? v.params : { excerpt: v.excerpt },
    })),
  });
}
