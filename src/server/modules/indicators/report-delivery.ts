/**
 * Delivering a monthly report (issue 16) once its file is ready. The `indicator-reports-sweep` asks for the
 * export of the month (reports.ts); the `indicator-export` job builds it (background-exports.ts) and, in the
 * transaction that marks the export finished, calls `deliverReport`: one link per recipient (a random token
 * stored as its SHA-256 only) and one outbox e-mail each. So no recipient is mailed before the file exists,
 * a failed build mails nobody, and the job's at-least-once retries mail nobody twice (a finished export is
 * never finished again, and the finishing update only succeeds once: see `runExport`).
 *
 * Kept apart from reports.ts so that background-exports.ts can call it without an import cycle.
 */
import { and, eq } from 'drizzle-orm';
import { indicatorReportLinks, indicatorReportRuns, indicatorReportSchedules } from '../../db/schema/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { enqueue } from '../outbox/index.ts';
import { REPORT_TTL_DAYS } from '../../../common/contracts/indicators.ts';

/** How long a monthly report's file (and so its links) lives once ready; a one-off export's is `EXPORT_TTL_MS`. */
export const REPORT_TTL_MS = REPORT_TTL_DAYS * 24 * 3600 * 1000;

type Run = typeof indicatorReportRuns.$inferSelect;

/** The monthly report an export was asked for, or null for a one-off export. */
export async function reportRunOf(ctx: Ctx, exportId: string, organisationId: string): Promise<Run | null> {
  const [run] = await ctx.db
    .select()
    .from(indicatorReportRuns)
    .where(and(eq(indicatorReportRuns.exportId, exportId), eq(indicatorReportRuns.organisationId, organisationId)));
  return run ?? null;
}

/** Where a recipient downloads the report: the API route, with the opaque token as the last segment. */
function downloadLink(ctx: Ctx, token: string): string {
  return `${ctx.config.publicUrl}/api/v1/public/indicator-reports/${token}`;
}

/**
 * Mails the report's recipients their links, inside the transaction that marks its export finished. The
 * recipients and language are the schedule's as they are now (a schedule deleted while its file was built
 * mails nobody; one paused meanwhile still gets the report already asked for). Returns how many were mailed.
 */
export async function deliverReport(tx: Ctx, run: Run): Promise<number> {
  if (!run.scheduleId) return 0;
  const organisationId = run.organisationId;
  const [schedule] = await tx.db
    .select()
    .from(indicatorReportSchedules)
    .where(
      and(eq(indicatorReportSchedules.id, run.scheduleId), eq(indicatorReportSchedules.organisationId, organisationId)),
    );
  if (!schedule) return 0;
  const now = tx.clock.now();
  for (const recipient of schedule.recipients) {
    const token = randomToken();
    await tx.db.insert(indicatorReportLinks).values({
      organisationId,
      runId: run.id,
      exportId: run.exportId,
      recipient,
      tokenHash: sha256(token),
      createdAt: now,
    });
    await enqueue(
      { ...tx, locale: schedule.locale },
      {
        channel: 'email',
        recipient,
        template: 'indicator-report',
        locale: schedule.locale,
        params: { name: schedule.name, month: run.month, link: downloadLink(tx, token), days: REPORT_TTL_DAYS },
        organisationId,
        userId: null,
      },
    );
  }
  await audit(tx.db, tx, {
    action: 'indicators.report-sent',
    subjectType: 'report-schedule',
    subjectId: schedule.id,
    fields: [run.month],
    organisationId,
    actorUserId: null,
    actorKind: 'system',
  });
  return schedule.recipients.length;
}
