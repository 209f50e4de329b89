/**
 * Large exports as background jobs (issue 16). A user asks for an export (every indicator as XLSX or
 * SDMX-CSV, the labour-market tables…): a row in `indicator_exports` and an `indicator-export` job in the
 * same transaction. The job builds the file as the requester (the suppressed release, like every export),
 * writing its progress to the row as it goes; the file is kept in the row until it expires
 * (`EXPORT_TTL_MS`, or `REPORT_TTL_MS` for a monthly report's, whose recipients are mailed when it is
 * finished: report-delivery.ts), when the download answers 410 Gone and the `indicator-exports-sweep`
 * deletes the bytes.
 *
 * Only the requester may download their file (404 to anyone else, managers included: a manager asks for
 * the same export themselves). Each download is an audit event naming the export.
 */
import { and, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { indicatorExports } from '../../db/schema/index.ts';
import { audit } from '../../lib/audit.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { ProblemError, problems } from '../../lib/errors.ts';
import type { FileOut } from '../../lib/tabular.ts';
import type { BackgroundExport, BackgroundExportBody } from '../../../common/contracts/indicators.ts';
import { exportFile, labourMarketExport, selected } from './exports.ts';
import { rangeOf, sameDimension } from './indicators.service.ts';
import { REPORT_TTL_MS, deliverReport, reportRunOf } from './report-delivery.ts';

/** How long a finished one-off export can be downloaded (a monthly report's file: `REPORT_TTL_MS`, 7 days). */
export const EXPORT_TTL_MS = 24 * 3600 * 1000;
/** The caller's list shows this many exports (newest first). */
const LIST_LIMIT = 50;

type Row = typeof indicatorExports.$inferSelect;

function view(row: Row): BackgroundExport {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    parameters: row.parameters,
    status: row.status,
    progress: row.progress,
    error: row.error,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/**
 * The request's parameters other than the months (strings only), checked now so that the job cannot fail
 * on them (problems name the `/body/…` field). A monthly report schedule stores these.
 */
export function exportParameters(body: Omit<BackgroundExportBody, 'from' | 'to'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (body.kind === 'indicators') {
    const rows = body.rows ?? 'month';
    if (sameDimension(rows, body.columns ?? null)) {
      throw problems.invalid('/body/columns', 'errors.indicators.sameDimension');
    }
    selected(body.indicators, '/body/indicators');
    out.rows = rows;
    if (body.columns) out.columns = body.columns;
    if (body.indicators) out.indicators = body.indicators;
  } else {
    if (body.format === 'sdmx') throw problems.invalid('/body/format', 'errors.indicators.labourMarketFormat');
    out.level = body.level ?? '1';
  }
  return out;
}

/** The request's parameters as stored, checked now so that the job cannot fail on them. */
function parametersOf(body: BackgroundExportBody): Record<string, string> {
  // The same problems as the tables', pointing at the body's fields.
  rangeOf(body.from, body.to, '/body');
  return { from: body.from, to: body.to, ...exportParameters(body) };
}

export async function requestExport(ctx: Ctx, body: BackgroundExportBody): Promise<BackgroundExport> {
  const actor = actorOf(ctx);
  const parameters = parametersOf(body);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(indicatorExports)
      .values({
        organisationId: actor.organisationId,
        requestedBy: actor.userId,
        requestedByName: actor.fullName,
        locale: ctx.locale,
        kind: body.kind,
        format: body.format,
        parameters,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await tx.jobs.send(tx, 'indicator-export', { exportId: row!.id, organisationId: actor.organisationId });
    await audit(tx.db, tx, {
      action: 'indicators.export-requested',
      subjectType: 'export',
      subjectId: row!.id,
      fields: [body.kind, body.format],
    });
    return view(row!);
  });
}

export async function myExports(ctx: Ctx): Promise<{ items: BackgroundExport[] }> {
  const actor = actorOf(ctx);
  const rows = await ctx.db
    .select()
    .from(indicatorExports)
    .where(
      and(eq(indicatorExports.organisationId, actor.organisationId), eq(indicatorExports.requestedBy, actor.userId)),
    )
    .orderBy(desc(indicatorExports.createdAt))
    .limit(LIST_LIMIT);
  return { items: rows.map(view) };
}

/** The file, to its requester only; 409 while it is being built, 410 once expired. Audited. */
export async function downloadExport(ctx: Ctx, id: string): Promise<FileOut> {
  const actor = actorOf(ctx);
  const [row] = await ctx.db
    .select()
    .from(indicatorExports)
    .where(
      and(
        eq(indicatorExports.id, id),
        eq(indicatorExports.organisationId, actor.organisationId),
        eq(indicatorExports.requestedBy, actor.userId),
      ),
    );
  if (!row) throw problems.notFound();
  const now = ctx.clock.now();
  if (row.status === 'expired' || (row.expiresAt && row.expiresAt <= now)) {
    throw problems.gone('errors.indicators.exportExpired');
  }
  if (row.status !== 'finished' || !row.content) throw problems.conflict('errors.indicators.exportNotReady');
  await inTransaction(ctx, (tx) =>
    audit(tx.db, tx, {
      action: 'indicators.export-downloaded',
      subjectType: 'export',
      subjectId: row.id,
      fields: [row.kind, row.format],
    }),
  );
  return { fileName: row.fileName!, contentType: row.contentType!, body: row.content };
}

/**
 * The `indicator-export` job: builds the file as the requester (always the suppressed release) and keeps
 * it in the row. Idempotent: an export already finished, failed or expired is left alone; one a lost
 * worker left `running` is built again from the start. A failure is recorded on the row (the user asks
 * again); the parameters were checked when the export was asked for. An unexpected error puts the export
 * back in the queue for pg-boss's retry, and marks it failed on the last attempt (the job is then
 * dead-lettered with its error for the admin).
 */
export async function runExport(
  systemCtx: Ctx,
  exportId: string,
  organisationId: string,
  options: { lastAttempt: boolean } = { lastAttempt: true },
): Promise<{ status: Row['status'] }> {
  const db = systemCtx.db;
  const where = and(eq(indicatorExports.id, exportId), eq(indicatorExports.organisationId, organisationId));
  const [row] = await db.select().from(indicatorExports).where(where);
  if (!row) return { status: 'failed' };
  if (row.status !== 'queued' && row.status !== 'running') return { status: row.status };
  await db.update(indicatorExports).set({ status: 'running', progress: 0, error: null }).where(where);
  const ctx: Ctx = {
    ...systemCtx,
    locale: row.locale,
    actor: {
      userId: row.requestedBy,
      sessionId: `job:indicator-export:${row.id}`,
      organisationId: row.organisationId,
      officeId: null,
      kind: 'staff',
      fullName: row.requestedByName,
      locale: row.locale,
      stage: 'active',
      // Nothing but aggregates: exports are the suppressed release whoever asks.
      permissions: new Set(['indicators:read'] as const),
    },
  };
  let last = 0;
  const onProgress = async (done: number, total: number) => {
    const progress = Math.min(99, Math.floor((100 * done) / total));
    if (progress === last) return;
    last = progress;
    await db.update(indicatorExports).set({ progress }).where(where);
  };
  const p = row.parameters;
  let file: FileOut;
  try {
    file =
      row.kind === 'indicators'
        ? await exportFile(
            ctx,
            {
              from: p.from!,
              to: p.to!,
              rows: p.rows as never,
              ...(p.columns ? { columns: p.columns as never } : {}),
              ...(p.indicators ? { indicators: p.indicators } : {}),
              format: row.format,
            },
            onProgress,
          )
        : await labourMarketExport(
            ctx,
            { from: p.from!, to: p.to!, level: p.level as never, format: row.format as 'csv' | 'xlsx' },
            onProgress,
          );
  } catch (error) {
    if (error instanceof ProblemError) {
      await db
        .update(indicatorExports)
        .set({ status: 'failed', error: error.code, finishedAt: ctx.clock.now() })
        .where(where);
      return { status: 'failed' };
    }
    await db
      .update(indicatorExports)
      .set(
        options.lastAttempt
          ? { status: 'failed', error: 'errors.indicators.exportFailed', finishedAt: ctx.clock.now() }
          : { status: 'queued', progress: 0 },
      )
      .where(where);
    throw error;
  }
  const finishedAt = ctx.clock.now();
  // Finishing and, for a monthly report, mailing its recipients commit together, and only once: the update
  // matches a queued or running export only, so a second worker finishing the same export (or a retry after
  // a lost acknowledgement, which returns above) changes nothing and mails nobody.
  return inTransaction(systemCtx, async (tx) => {
    const run = await reportRunOf(tx, exportId, organisationId);
    const ttl = run ? REPORT_TTL_MS : EXPORT_TTL_MS;
    const finished = await tx.db
      .update(indicatorExports)
      .set({
        status: 'finished',
        progress: 100,
        fileName: file.fileName,
        contentType: file.contentType,
        content: file.body,
        sizeBytes: file.body.length,
        finishedAt,
        expiresAt: new Date(finishedAt.getTime() + ttl),
      })
      .where(and(where, inArray(indicatorExports.status, ['queued', 'running'])))
      .returning({ id: indicatorExports.id });
    if (finished.length === 0) return { status: 'finished' as const };
    if (run) await deliverReport(tx, run);
    return { status: 'finished' as const };
  });
}

/**
 * The `indicator-exports-sweep`: deletes the file of every export past its expiry (the row stays, marked
 * `expired`, for the list). Idempotent; returns how many files were deleted.
 */
export async function sweepExpiredExports(systemCtx: Ctx): Promise<number> {
  const due = await systemCtx.db
    .select({ id: indicatorExports.id, organisationId: indicatorExports.organisationId })
    .from(indicatorExports)
    .where(
      and(
        isNotNull(indicatorExports.expiresAt),
        lte(indicatorExports.expiresAt, systemCtx.clock.now()),
        eq(indicatorExports.status, 'finished'),
      ),
    );
  if (due.length === 0) return 0;
  const expired = await systemCtx.db
    .update(indicatorExports)
    .set({ status: 'expired', content: null })
    .where(
      inArray(
        indicatorExports.id,
        due.map((d) => d.id),
      ),
    )
    .returning({ id: indicatorExports.id });
  return expired.length;
}
