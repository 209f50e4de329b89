/**
 * Scheduled monthly reports (issue 16). A manager keeps, for the organisation, report schedules: a
 * background export's kind, format and breakdowns, a list of recipients' e-mail addresses, the language,
 * active or paused. Once a month (the Europe/Istanbul month, on the app clock) the
 * `indicator-reports-sweep` asks, for every active schedule not yet run for the previous month, for the
 * background export of that month (built by the `indicator-export` job as a requester holding nothing but
 * `indicators:read`: the suppressed release). When the job has built the file it queues one e-mail per
 * recipient through the outbox with a download link (report-delivery.ts). The outbox sends text only: the
 * link carries an opaque random token (stored as its SHA-256 only, no personal data in the address) and
 * works as long as the export's file does (`REPORT_TTL_DAYS`, 7 days).
 *
 * Idempotent per schedule and month: a unique (schedule, month) key, so running the sweep twice asks for
 * nothing twice.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  indicatorExports,
  indicatorReportLinks,
  indicatorReportRuns,
  indicatorReportSchedules,
} from '../../db/schema/index.ts';
import { audit } from '../../lib/audit.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { sha256 } from '../../lib/crypto.ts';
import { problems } from '../../lib/errors.ts';
import type { FileOut } from '../../lib/tabular.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { ReportRunStatus, ReportSchedule, ReportScheduleBody } from '../../../common/contracts/indicators.ts';
import { exportParameters } from './background-exports.ts';

/** The list shows this many schedules (newest first). */
const LIST_LIMIT = 100;

type Row = typeof indicatorReportSchedules.$inferSelect;

function view(row: Row, last: LastRun | undefined): ReportSchedule {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    format: row.format,
    parameters: row.parameters,
    recipients: row.recipients,
    locale: row.locale,
    active: row.active,
    lastMonth: last?.month ?? null,
    lastStatus: last?.status ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The addresses as stored: trimmed, lower case, each once (in the order first given). */
export function normalisedRecipients(recipients: readonly string[]): string[] {
  return [...new Set(recipients.map((r) => r.trim().toLowerCase()))];
}

/** What a schedule stores, checked as a background export's request is (problems name the `/body/…` field). */
function valuesOf(body: ReportScheduleBody) {
  const parameters = exportParameters(body);
  const name = body.name.trim();
  if (!name) throw problems.invalid('/body/name', 'errors.validation.required');
  return {
    name,
    kind: body.kind,
    format: body.format,
    parameters,
    recipients: normalisedRecipients(body.recipients),
    locale: body.locale,
    active: body.active,
  };
}

interface LastRun {
  month: string;
  status: ReportRunStatus;
}

/**
 * Each schedule's latest report and where it stands: mailed once links exist for it, failed when its export
 * failed (nothing was mailed), else its file is being built.
 */
async function lastRuns(ctx: Ctx, organisationId: string, ids: string[]): Promise<Map<string, LastRun>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectDistinctOn([indicatorReportRuns.scheduleId], {
      scheduleId: indicatorReportRuns.scheduleId,
      month: indicatorReportRuns.month,
      exportStatus: indicatorExports.status,
      linked: sql<boolean>`exists (
        select 1 from ${indicatorReportLinks}
        where ${indicatorReportLinks.runId} = ${indicatorReportRuns.id}
          and ${indicatorReportLinks.organisationId} = ${organisationId})`,
    })
    .from(indicatorReportRuns)
    .innerJoin(
      indicatorExports,
      and(
        eq(indicatorExports.id, indicatorReportRuns.exportId),
        eq(indicatorExports.organisationId, indicatorReportRuns.organisationId),
      ),
    )
    .where(and(eq(indicatorReportRuns.organisationId, organisationId), inArray(indicatorReportRuns.scheduleId, ids)))
    .orderBy(indicatorReportRuns.scheduleId, desc(indicatorReportRuns.month));
  const out = new Map<string, LastRun>();
  for (const r of rows) {
    if (!r.scheduleId) continue;
    const status: ReportRunStatus = r.linked ? 'sent' : r.exportStatus === 'failed' ? 'failed' : 'building';
    out.set(r.scheduleId, { month: r.month, status });
  }
  return out;
}

export async function reportSchedules(ctx: Ctx): Promise<{ items: ReportSchedule[] }> {
  const actor = actorOf(ctx);
  const rows = await ctx.db
    .select()
    .from(indicatorReportSchedules)
    .where(eq(indicatorReportSchedules.organisationId, actor.organisationId))
    .orderBy(desc(indicatorReportSchedules.createdAt))
    .limit(LIST_LIMIT);
  const last = await lastRuns(
    ctx,
    actor.organisationId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(r, last.get(r.id))) };
}

export async function createReportSchedule(ctx: Ctx, body: ReportScheduleBody): Promise<ReportSchedule> {
  const actor = actorOf(ctx);
  const values = valuesOf(body);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(indicatorReportSchedules)
      .values({
        ...values,
        organisationId: actor.organisationId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx.db, tx, {
      action: 'indicators.report-schedule-created',
      subjectType: 'report-schedule',
      subjectId: row!.id,
      fields: Object.keys(values),
    });
    return view(row!, undefined);
  });
}

async function scheduleOf(ctx: Ctx, id: string): Promise<Row> {
  const actor = actorOf(ctx);
  const [row] = await ctx.db
    .select()
    .from(indicatorReportSchedules)
    .where(and(eq(indicatorReportSchedules.id, id), eq(indicatorReportSchedules.organisationId, actor.organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

export async function updateReportSchedule(ctx: Ctx, id: string, body: ReportScheduleBody): Promise<ReportSchedule> {
  const actor = actorOf(ctx);
  const values = valuesOf(body);
  return inTransaction(ctx, async (tx) => {
    const before = await scheduleOf(tx, id);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(values[k]),
    );
    const [row] = await tx.db
      .update(indicatorReportSchedules)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(
        and(eq(indicatorReportSchedules.id, id), eq(indicatorReportSchedules.organisationId, actor.organisationId)),
      )
      .returning();
    await audit(tx.db, tx, {
      action: 'indicators.report-schedule-updated',
      subjectType: 'report-schedule',
      subjectId: id,
      fields: changed,
    });
    const last = await lastRuns(tx, actor.organisationId, [id]);
    return view(row!, last.get(id));
  });
}

/** Deletes the schedule; the reports already sent keep their links until the files expire. */
export async function deleteReportSchedule(ctx: Ctx, id: string): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (tx) => {
    await scheduleOf(tx, id);
    await tx.db
      .delete(indicatorReportSchedules)
      .where(
        and(eq(indicatorReportSchedules.id, id), eq(indicatorReportSchedules.organisationId, actor.organisationId)),
      );
    await audit(tx.db, tx, {
      action: 'indicators.report-schedule-deleted',
      subjectType: 'report-schedule',
      subjectId: id,
    });
  });
}

/**
 * Asks again for a schedule's last report when its file could not be built (nobody was mailed): a new
 * export of the same month replaces the failed one on the month's run, and the recipients are mailed once
 * it is built. 409 unless the last report failed; a second click that races the first finds the run
 * already moved on (the update is conditional on the failed export) and gets the same 409. Audited.
 */
export async function retryReport(ctx: Ctx, id: string): Promise<ReportSchedule> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const schedule = await scheduleOf(tx, id);
    const [last] = await tx.db
      .select({ id: indicatorReportRuns.id, month: indicatorReportRuns.month, exportId: indicatorReportRuns.exportId })
      .from(indicatorReportRuns)
      .where(and(eq(indicatorReportRuns.organisationId, actor.organisationId), eq(indicatorReportRuns.scheduleId, id)))
      .orderBy(desc(indicatorReportRuns.month))
      .limit(1);
    const status = last ? (await lastRuns(tx, actor.organisationId, [id])).get(id)?.status : undefined;
    if (!last || status !== 'failed') throw problems.conflict('errors.indicators.reportNotFailed');
    const exportId = await askForReport({ ...tx, locale: schedule.locale }, schedule, last.month, 'manager');
    const moved = await tx.db
      .update(indicatorReportRuns)
      .set({ exportId })
      .where(
        and(
          eq(indicatorReportRuns.id, last.id),
          eq(indicatorReportRuns.organisationId, actor.organisationId),
          eq(indicatorReportRuns.exportId, last.exportId),
        ),
      )
      .returning({ id: indicatorReportRuns.id });
    if (moved.length === 0) throw problems.conflict('errors.indicators.reportNotFailed');
    await audit(tx.db, tx, {
      action: 'indicators.report-retried',
      subjectType: 'report-schedule',
      subjectId: id,
      fields: [last.month],
    });
    const after = await lastRuns(tx, actor.organisationId, [id]);
    return view(schedule, after.get(id));
  });
}

/** The month before the one `instant` falls in, in Türkiye: YYYY-MM. */
export function previousMonth(instant: Date): string {
  const [year, month] = turkishDate(instant).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * Asks for the export of one month's report of a schedule, built by the `indicator-export` job, and audits
 * the request (as the system for the sweep, as the manager who asked again otherwise). Returns its id.
 */
async function askForReport(tx: Ctx, schedule: Row, month: string, by: 'sweep' | 'manager'): Promise<string> {
  const organisationId = schedule.organisationId;
  const [file] = await tx.db
    .insert(indicatorExports)
    .values({
      organisationId,
      requestedBy: schedule.createdBy,
      requestedByName: schedule.name,
      locale: schedule.locale,
      kind: schedule.kind,
      format: schedule.format,
      parameters: { from: month, to: month, ...schedule.parameters },
      createdAt: tx.clock.now(),
    })
    .returning({ id: indicatorExports.id });
  await tx.jobs.send(tx, 'indicator-export', { exportId: file!.id, organisationId });
  await audit(tx.db, tx, {
    action: 'indicators.export-requested',
    subjectType: 'export',
    subjectId: file!.id,
    fields: [schedule.kind, schedule.format, month],
    organisationId,
    ...(by === 'sweep' ? { actorUserId: null, actorKind: 'system' as const } : {}),
  });
  return file!.id;
}

/**
 * The `indicator-reports-sweep`: for every active schedule without a report for the previous month, asks
 * for that month's background export, in one transaction per schedule (the export, its job, the run and the
 * audit event commit together). Nobody is mailed here: the `indicator-export` job mails the recipients their
 * links when it has built the file (report-delivery.ts), and a failed build mails nobody (the schedule's
 * list shows it failed). Returns how many reports were asked for; a second run in the same month asks for
 * nothing.
 */
export async function sweepReports(systemCtx: Ctx): Promise<number> {
  const month = previousMonth(systemCtx.clock.now());
  const schedules = await systemCtx.db
    .select()
    .from(indicatorReportSchedules)
    .where(eq(indicatorReportSchedules.active, true));
  let asked = 0;
  for (const schedule of schedules) {
    const organisationId = schedule.organisationId;
    const [done] = await systemCtx.db
      .select({ id: indicatorReportRuns.id })
      .from(indicatorReportRuns)
      .where(
        and(
          eq(indicatorReportRuns.organisationId, organisationId),
          eq(indicatorReportRuns.scheduleId, schedule.id),
          eq(indicatorReportRuns.month, month),
        ),
      );
    if (done) continue;
    await inTransaction({ ...systemCtx, locale: schedule.locale }, async (tx) => {
      const exportId = await askForReport(tx, schedule, month, 'sweep');
      // The unique (schedule, month) key: a concurrent sweep's transaction fails here and asks for nothing.
      await tx.db
        .insert(indicatorReportRuns)
        .values({ organisationId, scheduleId: schedule.id, month, exportId, createdAt: tx.clock.now() });
    });
    asked += 1;
  }
  return asked;
}

/**
 * A recipient's download by the token in their link (no sign-in): 404 for an unknown token, 409 while the
 * file is being built, 410 once it expired (or its build failed). Audited as a download by that recipient
 * (the subject is their link; the address stays in the link's row).
 */
export async function downloadReport(ctx: Ctx, token: string): Promise<FileOut> {
  const [link] = await ctx.db
    .select()
    .from(indicatorReportLinks)
    .where(eq(indicatorReportLinks.tokenHash, sha256(token)));
  if (!link) throw problems.notFound();
  const [row] = await ctx.db
    .select()
    .from(indicatorExports)
    .where(and(eq(indicatorExports.id, link.exportId), eq(indicatorExports.organisationId, link.organisationId)));
  if (!row) throw problems.notFound();
  if (row.status === 'expired' || (row.expiresAt && row.expiresAt <= ctx.clock.now())) {
    throw problems.gone('errors.indicators.exportExpired');
  }
  if (row.status === 'failed') throw problems.gone('errors.indicators.exportFailed');
  if (row.status !== 'finished' || !row.content) throw problems.conflict('errors.indicators.exportNotReady');
  await inTransaction(ctx, (tx) =>
    audit(tx.db, tx, {
      action: 'indicators.report-downloaded',
      subjectType: 'report-link',
      subjectId: link.id,
      fields: [row.kind, row.format],
      organisationId: link.organisationId,
      actorUserId: null,
      actorKind: 'anonymous',
    }),
  );
  return { fileName: row.fileName!, contentType: row.contentType!, body: row.content };
}
