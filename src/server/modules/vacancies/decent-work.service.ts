import { decentWorkSettings } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import type { ProblemError } from '../../lib/errors.ts';
import { problems } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import {
  DEFAULT_LIMITS,
  LIMIT_RANGES,
  limitsProblems,
  type DecentWorkLimits,
  type RuleContext,
  type Violation,
  type WordingFlag,
} from '../../../common/decent-work.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { listMinimumWages, recordReferenceChange } from '../reference/index.ts';
import { audit } from '../../lib/audit.ts';

/**
 * The server side of the decent-work rules (src/common/decent-work.ts): loads their values (minimum
 * wages from the reference module, the platform's limits from `decent_work_settings`) and turns
 * violations into one problem. Vacancies, referrals and (later) placements all come through here.
 */
export async function decentWorkLimits(ctx: Pick<Ctx, 'db'>): Promise<DecentWorkLimits> {
  const rows = await ctx.db.select().from(decentWorkSettings);
  const limits: DecentWorkLimits = { ...DEFAULT_LIMITS };
  for (const r of rows) if (r.key in limits) limits[r.key as keyof DecentWorkLimits] = r.value;
  return limits;
}
/** The former name. */
export const workingTimeLimits = decentWorkLimits;

/** The tables and the day (in Türkiye) every check needs. */
export async function ruleContext(ctx: Ctx): Promise<RuleContext> {
  const [minimumWages, limits] = await Promise.all([listMinimumWages(ctx), decentWorkLimits(ctx)]);
  return { minimumWages, limits, today: turkishDate(ctx.clock.now()) };
}

/**
 * Platform data: changed by the platform administrator (`platform:reference`) only, within the statutory
 * ranges and consistent with each other; the change is audited and written to the change log that every
 * organisation's admins read.
 */
export async function updateDecentWorkLimits(ctx: Ctx, patch: Partial<DecentWorkLimits>): Promise<DecentWorkLimits> {
  const before = await decentWorkLimits(ctx);
  const next = { ...before, ...patch };
  const errors = [
    ...Object.entries(patch)
      .filter(([key, value]) => {
        const range = LIMIT_RANGES[key as keyof DecentWorkLimits];
        return value < range.min || value > range.max;
      })
      .map(([key]) => {
        const range = LIMIT_RANGES[key as keyof DecentWorkLimits];
        return { pointer: `/${key}`, code: 'errors.decentWork.limitRange', params: { min: range.min, max: range.max } };
      }),
    ...limitsProblems(next),
  ];
  if (errors.length) throw problems.invalidMany(errors);
  const changed = (Object.keys(patch) as (keyof DecentWorkLimits)[]).filter((k) => before[k] !== next[k]);
  if (changed.length === 0) return before;
  await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    for (const key of changed) {
      const value = next[key];
      await tx
        .insert(decentWorkSettings)
        .values({ key, value, updatedBy: actorOf(ctx).userId, updatedAt: ctx.clock.now() })
        .onConflictDoUpdate({
          target: decentWorkSettings.key,
          set: { value, updatedBy: actorOf(ctx).userId, updatedAt: ctx.clock.now() },
        });
    }
    await audit(tx, c, {
      action: 'decent-work.settings-updated',
      subjectType: 'settings',
      subjectId: 'decent-work',
      fields: changed,
    });
    await recordReferenceChange(c, {
      dataset: 'decent-work-limits',
      action: 'updated',
      subject: changed.join(', '),
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
  });
  return decentWorkLimits(ctx);
}

/** One 422 problem naming every rule that failed, each with its field and explanation. */
export function refusal(violations: readonly (Violation | WordingFlag)[], pointerPrefix = ''): ProblemError {
  return problems.refused(
    'errors.decentWork.refused',
    violations.map((v) => ({
      pointer: `${pointerPrefix}${v.pointer}`,
      code: v.code,
      params: 'params' in v ? v.params : { excerpt: v.excerpt },
    })),
    { count: violations.length },
  );
}

/** A rule's message in the caller's language, formatted on the server (money, dates, terms). */
export function ruleMessage(ctx: Pick<Ctx, 'locale'>, v: Violation | WordingFlag): string {
  return t(ctx.locale, v.code, 'params' in v ? v.params : { excerpt: v.excerpt });
}
