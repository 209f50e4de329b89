/**
 * Scheduled monthly reports (issue 16). A manager keeps, for the organisation, report schedules: a
 * background export's kind, format and breakdowns, a list of recipients' e-mail addresses, the language,
 * active or paused. Once a month (the Europe/Istanbul month, on the app clock) the
 * `indicator-reports-sweep` asks, for every active schedule not yet run for the previous month, for the
 * background export of that month (built by the `indicator-export` job as a requester holding nothing but
 * `indicators:read`: the suppressed release) and queues one e-mail per recipient through the outbox with
 * a download link. The outbox sends text only: the link carries an opaque random token (stored as its
 * SHA-256 only, no personal data in the address) and works as long as the export's file does.
 *
 * Idempotent per schedule and month: a unique (schedule, month) key, so running the sweep twice sends
 * nothing twice.
 */
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import {
  indicatorExports,
  indicatorReportLinks,
  indicatorReportRuns,
  indicatorReportSchedules,
} from '../../db/schema/index.ts';
import { audit } from '../../lib/audit.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { problems } from '../../lib/errors.ts';
import type { FileOut } from '../../lib/tabular.ts';
import { enqueue } from '../outbox/index.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { ReportSchedule, ReportScheduleBody } from '../../../common/contracts/indicators.ts';
import { EXPORT_TTL_MS, exportParameters } from './background-exports.ts';

/** The list shows this many schedules (newest first). */
const LIST_LIMIT = 100;

type Row = typeof indicatorReportSchedules.$inferSelect;

function view(row: Row, lastMonth: string | null): ReportSchedule {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    format: row.format,
    parameters: row.parameters,
    recipients: row.recipients,
    locale: row.locale,
    active: row.active,
    lastMonth,
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

async function lastMonths(ctx: Ctx, organisationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ scheduleId: indicatorReportRuns.scheduleId, month: max(indicatorReportRuns.month) })
    .from(indicatorReportRuns)
    .where(and(eq(indicatorReportRuns.organisationId, organisationId), inArray(indicatorReportRuns.scheduleId, ids)))
    .groupBy(indicatorReportRuns.scheduleId);
  return new Map(rows.filter((r) => r.scheduleId && r.month).map((r) => [r.scheduleId!, r.month!]));
}

export async function reportSchedules(ctx: Ctx): Promise<{ items: ReportSchedule[] }> {
  const actor = actorOf(ctx);
  const rows = await ctx.db
    .select()
    .from(indicatorReportSchedules)
    .where(eq(indicatorReportSchedules.organisationId, actor.organisationId))
    .orderBy(desc(indicatorReportSchedules.createdAt))
    .limit(LIST_LIMIT);
  const months = await lastMonths(
    ctx,
    actor.organisationId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(r, months.get(r.id) ?? null)) };
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
    return view(row!, null);
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
    const months = await lastMonths(tx, actor.organisationId, [id]);
    return view(row!, months.get(id) ?? null);
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

/** The month before the one `instant` falls in, in Türkiye: YYYY-MM. */
export function previousMonth(instant: Date): string {
  const [year, month] = turkishDate(instant).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Where a recipient downloads the report: the API route, with the opaque token as the last segment. */
function downloadLink(ctx: Ctx, token: string): string {
  return `${ctx.config.publicUrl}/api/v1/public/indicator-reports/${token}`;
}

/**
 * The `indicator-reports-sweep`: for every active schedule without a report for the previous month, asks
 * for that month's background export and queues one e-mail per recipient with their own link, in one
 * transaction per schedule (the export's job, the run, the links, the messages and the audit event commit
 * together). Returns how many reports were sent; a second run in the same month sends nothing.
 */
export async function sweepReports(systemCtx: Ctx): Promise<number> {
  const month = previousMonth(systemCtx.clock.now());
  const schedules = await systemCtx.db
    .select()
    .from(indicatorReportSchedules)
    .where(eq(indicatorReportSchedules.active, true));
  let sent = 0;
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
      const now = tx.clock.now();
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
          createdAt: now,
        })
        .returning({ id: indicatorExports.id });
      // The unique (schedule, month) key: a concurrent sweep's transaction fails here and sends nothing.
      const [run] = await tx.db
        .insert(indicatorReportRuns)
        .values({ organisationId, scheduleId: schedule.id, month, exportId: file!.id, createdAt: now })
        .returning({ id: indicatorReportRuns.id });
      await tx.jobs.send(tx, 'indicator-export', { exportId: file!.id, organisationId });
      for (const recipient of schedule.recipients) {
        const token = randomToken();
        await tx.db.insert(indicatorReportLinks).values({
          organisationId,
          runId: run!.id,
          exportId: file!.id,
          recipient,
          tokenHash: sha256(token),
          createdAt: now,
        });
        await enqueue(tx, {
          channel: 'email',
          recipient,
          template: 'indicator-report',
          locale: schedule.locale,
          params: { name: schedule.name, month, link: downloadLink(tx, token), hours: EXPORT_TTL_MS / 3_600_000 },
          organisationId,
          userId: null,
        });
      }
      await audit(tx.db, tx, {
        action: 'indicators.report-sent',
        subjectType: 'report-schedule',
        subjectId: schedule.id,
        fields: [month],
        organisationId,
        actorUserId: null,
        actorKind: 'system',
      });
    });
    sent += 1;
  }
  return sent;
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
