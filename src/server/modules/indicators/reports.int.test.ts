import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  indicatorExports,
  indicatorReportLinks,
  indicatorReportRuns,
  outboxMessages,
} from '../../db/schema/index.ts';
import { jobHandlers, runSweep } from '../../jobs/handlers.ts';
import { threeRegisteredInMarch2016 } from '../../test/indicator-fixtures.ts';
import {
  NEW_INSTANCE_TIMEOUT,
  createTestContext,
  demoEmail,
  type TestClient,
  type TestContext,
} from '../../test/harness.ts';
import { readTable } from '../../lib/tabular.ts';
import type { ReportSchedule } from '../../../common/contracts/indicators.ts';

/**
 * Known data: 3 women registered in Fatih on 15 Mar 2016. The monthly report of March 2016 (asked for by the
 * sweep in April 2016, on the app clock, and mailed when the export job has built it) is the suppressed
 * release: the 3 reads "x".
 */
let t: TestContext;
let manager: TestClient;
let analyst: TestClient;
const BASE = '/api/v1/indicators/report-schedules';
const DOWNLOAD = '/api/v1/public/indicator-reports';
const job = { id: 'job-1', retryCount: 0 };

const schedule = {
  name: 'Bakanlık aylık',
  kind: 'indicators',
  format: 'xlsx',
  rows: 'month',
  indicators: 'persons-registered,hires',
  recipients: ['Analiz@Bakanlik.example', 'analiz@bakanlik.example', 'ilo@partner.example'],
  locale: 'en',
  active: true,
};

beforeAll(async () => {
  // At info level, to check that the request log never names a report link's token.
  t = await createTestContext({ logLevel: 'info' });
  await threeRegisteredInMarch2016(t, { given: 'Rapor', family: 'Aylık', key: ['rapor', 'aylik'] });
  // 1 April 2016, 00:30 in Istanbul (still 31 March in UTC): the previous month is March.
  t.clock.set(new Date('2016-03-31T21:30:00Z'));
  manager = await t.as('ibb', 'manager');
  analyst = await t.as('ibb', 'analyst');
}, 5 * NEW_INSTANCE_TIMEOUT);

afterAll(async () => {
  await t?.close();
});

const audits = (action: string, subjectId: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action as never), eq(auditEvents.subjectId, subjectId)));

const reportMails = () =>
  t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'indicator-report'));

describe('monthly report schedules', () => {
  let created: ReportSchedule;

  it('refuses bad schedules, naming the field, before anything is stored', async () => {
    const bad = await manager.post(BASE, { ...schedule, recipients: ['analiz@bakanlik.example', 'not an address'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/recipients/1');
    const many = await manager.post(BASE, {
      ...schedule,
      recipients: Array.from({ length: 21 }, (_, i) => `r${i}@x.example`),
    });
    expect(many.status, JSON.stringify(many.body)).toBe(422);
    expect(many.body.errors[0].pointer).toBe('/recipients');
    const unknown = await manager.post(BASE, { ...schedule, indicators: 'persons-registered,nothing' });
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/body/indicators',
      code: 'errors.indicators.unknownIndicator',
    });
    const sdmx = await manager.post(BASE, { ...schedule, kind: 'labour-market', format: 'sdmx' });
    expect(sdmx.status).toBe(422);
    expect(sdmx.body.errors[0].pointer).toBe('/body/format');
    expect((await manager.get(BASE)).body.items).toEqual([]);
  });

  it('keeps schedules for the organisation: managers only, audited, recipients once each', async () => {
    const res = await manager.post(BASE, schedule);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created = res.body;
    expect(created).toMatchObject({
      name: 'Bakanlık aylık',
      recipients: ['analiz@bakanlik.example', 'ilo@partner.example'],
      parameters: { rows: 'month', indicators: 'persons-registered,hires' },
      active: true,
      lastMonth: null,
    });
    expect(await audits('indicators.report-schedule-created', created.id)).toHaveLength(1);

    // Analysts read the tables but keep no recipients; another organisation does not see the schedule.
    expect((await analyst.get(BASE)).status).toBe(403);
    expect((await analyst.post(BASE, schedule)).status).toBe(403);
    const izmir = await t.as('izmir', 'manager');
    expect((await izmir.get(BASE)).body.items).toEqual([]);
    expect((await izmir.put(`${BASE}/${created.id}`, schedule)).status).toBe(404);
    expect((await izmir.delete(`${BASE}/${created.id}`)).status).toBe(404);

    const paused = await manager.put(`${BASE}/${created.id}`, { ...schedule, active: false });
    expect(paused.status).toBe(200);
    expect(paused.body.active).toBe(false);
    const [update] = await audits('indicators.report-schedule-updated', created.id);
    expect(update!.fields).toEqual(['active']);
    expect((await manager.get(BASE)).body.items.map((s: ReportSchedule) => s.active)).toEqual([false]);
  });

  it('mails the previous month once a month, only once its file exists: one link per recipient, the suppressed release', async () => {
    // Paused: nothing is asked for.
    expect(await runSweep(t.deps, 'indicator-reports-sweep')).toBe(0);
    await manager.put(`${BASE}/${created.id}`, schedule);
    expect(await runSweep(t.deps, 'indicator-reports-sweep')).toBe(1);
    // The same month again asks for nothing twice.
    expect(await runSweep(t.deps, 'indicator-reports-sweep')).toBe(0);

    const runs = await t.database.db
      .select()
      .from(indicatorReportRuns)
      .where(eq(indicatorReportRuns.scheduleId, created.id));
    expect(runs.map((r) => r.month)).toEqual(['2016-03']);
    // No mail (and no link) before the file exists: nobody can click into a 409.
    expect(await reportMails()).toEqual([]);
    expect(await t.database.db.select().from(indicatorReportLinks)).toEqual([]);
    expect((await manager.get(BASE)).body.items[0]).toMatchObject({ lastMonth: '2016-03', lastStatus: 'building' });

    const [file] = await t.database.db
      .select()
      .from(indicatorExports)
      .where(eq(indicatorExports.id, runs[0]!.exportId));
    expect(file!.parameters).toMatchObject({ from: '2016-03', to: '2016-03', rows: 'month' });
    const build = () =>
      jobHandlers(t.deps)['indicator-export']({ exportId: file!.id, organisationId: file!.organisationId }, job);
    expect(await build()).toEqual({ status: 'finished' });
    // The job runs at least once: running it again mails nobody twice.
    expect(await build()).toEqual({ status: 'finished' });

    const messages = await reportMails();
    expect(messages.map((m) => m.recipient).sort()).toEqual(['analiz@bakanlik.example', 'ilo@partner.example']);
    expect(messages[0]!.subject).toBe('Monthly report: Bakanlık aylık (2016-03)');
    expect(messages[0]!.body).toContain('is ready');
    expect(messages[0]!.body).toContain('7 days');
    const tokens = messages.map((m) => /indicator-reports\/([A-Za-z0-9_-]+)/.exec(m.body)![1]!);
    expect(new Set(tokens).size).toBe(2);
    // Only the hash is stored.
    const links = await t.database.db.select().from(indicatorReportLinks);
    expect(links).toHaveLength(2);
    expect(links.map((l) => l.tokenHash)).not.toContain(tokens[0]);
    expect((await manager.get(BASE)).body.items[0]).toMatchObject({ lastMonth: '2016-03', lastStatus: 'sent' });
    expect(await audits('indicators.report-sent', created.id)).toHaveLength(1);

    // Unknown token: 404.
    expect((await t.anonymous.get(`${DOWNLOAD}/${'A'.repeat(43)}`)).status).toBe(404);

    t.logLines.length = 0;
    const got = await t.anonymous.get(`${DOWNLOAD}/${tokens[0]}`);
    expect(got.status).toBe(200);
    expect(String(got.headers['content-type'])).toContain('spreadsheetml');
    expect(String(got.headers['cache-control'])).toContain('no-store');
    const sheet = await readTable('report.xlsx', got.raw.rawPayload, { maxRows: 1000, messages: 'errors.import' });
    const march = sheet.find((r) => r.cells.includes('2016-03'));
    expect(march, JSON.stringify(sheet.slice(0, 6))).toBeDefined();
    expect(march!.cells).toContain('x');
    expect(march!.cells).not.toContain(3);
    // The token never reaches the log: the route's pattern is logged instead.
    const log = t.logLines.join('\n');
    expect(log).not.toContain(tokens[0]);
    expect(log).toContain('/api/v1/public/indicator-reports/:token');

    const link = links.find((l) => l.recipient === messages[0]!.recipient && l.exportId === file!.id);
    expect(link).toBeDefined();
    const downloads = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'indicators.report-downloaded'));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({ actorKind: 'anonymous', organisationId: file!.organisationId });
    expect(links.map((l) => l.id)).toContain(downloads[0]!.subjectId);

    // A monthly report's link lives 7 days: it still works on day 6, and the hourly clean-up keeps the file.
    const [built] = await t.database.db.select().from(indicatorExports).where(eq(indicatorExports.id, file!.id));
    const day = 24 * 3600 * 1000;
    expect(built!.expiresAt!.getTime() - built!.finishedAt!.getTime()).toBe(7 * day);
    t.clock.set(new Date(built!.finishedAt!.getTime() + 6 * day));
    expect(await runSweep(t.deps, 'indicator-exports-sweep')).toBe(0);
    expect((await t.anonymous.get(`${DOWNLOAD}/${tokens[1]}`)).status).toBe(200);
    // On day 8 it is gone: 410, and the clean-up deletes the bytes once.
    t.clock.set(new Date(built!.finishedAt!.getTime() + 8 * day));
    const gone = await t.anonymous.get(`${DOWNLOAD}/${tokens[1]}`);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('errors.indicators.exportExpired');
    expect(await runSweep(t.deps, 'indicator-exports-sweep')).toBe(1);
    expect(await runSweep(t.deps, 'indicator-exports-sweep')).toBe(0);
    const [expired] = await t.database.db.select().from(indicatorExports).where(eq(indicatorExports.id, file!.id));
    expect(expired).toMatchObject({ status: 'expired', content: null });
    expect(await runSweep(t.deps, 'indicator-reports-sweep')).toBe(0);

    // Deleting the schedule is audited; the next month asks for nothing for it.
    t.clock.set(new Date('2016-04-30T21:30:00Z'));
    manager = await t.signIn(demoEmail('ibb', 'manager')); // the earlier session has timed out
    const removed = await manager.delete(`${BASE}/${created.id}`);
    expect(removed.status).toBe(204);
    expect(await audits('indicators.report-schedule-deleted', created.id)).toHaveLength(1);
    expect(await runSweep(t.deps, 'indicator-reports-sweep')).toBe(0);
  });

  it('mails nobody when the file cannot be built, and the schedule shows the failure', async () => {
    // 1 May 2016 in Istanbul: April is reported.
    const res = await manager.post(BASE, { ...schedule, name: 'Bozuk' });
    expect(res.status).toBe(201);
    expect(await runSweep(t.deps, 'indicator-reports-sweep')).toBe(1);
    const [run] = await t.database.db
      .select()
      .from(indicatorReportRuns)
      .where(eq(indicatorReportRuns.scheduleId, res.body.id));
    expect(run!.month).toBe('2016-04');
    // The build fails on a problem (here a reversed range, which a request could never store).
    await t.database.db
      .update(indicatorExports)
      .set({ parameters: { from: '2016-04', to: '2015-01', rows: 'month' } })
      .where(eq(indicatorExports.id, run!.exportId));
    const build = () =>
      jobHandlers(t.deps)['indicator-export']({ exportId: run!.exportId, organisationId: run!.organisationId }, job);
    expect(await build()).toEqual({ status: 'failed' });
    expect(await build()).toEqual({ status: 'failed' });
    expect((await reportMails()).filter((m) => m.subject?.includes('2016-04'))).toEqual([]);
    expect(
      await t.database.db.select().from(indicatorReportLinks).where(eq(indicatorReportLinks.runId, run!.id)),
    ).toEqual([]);
    expect(await audits('indicators.report-sent', res.body.id)).toEqual([]);
    const listed = (await manager.get(BASE)).body.items.find((s: ReportSchedule) => s.id === res.body.id);
    expect(listed).toMatchObject({ lastMonth: '2016-04', lastStatus: 'failed' });

    // Asking again: an analyst may not; the manager gets a new export of the same month on the same run,
    // audited, and the recipients are mailed once it is built.
    analyst = await t.signIn(demoEmail('ibb', 'analyst')); // the earlier session has timed out
    expect((await analyst.post(`${BASE}/${res.body.id}/retry`, {})).status).toBe(403);
    const again = await manager.post(`${BASE}/${res.body.id}/retry`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ lastMonth: '2016-04', lastStatus: 'building' });
    expect(await audits('indicators.report-retried', res.body.id)).toHaveLength(1);
    const [moved] = await t.database.db.select().from(indicatorReportRuns).where(eq(indicatorReportRuns.id, run!.id));
    expect(moved!.exportId).not.toBe(run!.exportId);
    // While it is being built, and once it is sent, there is nothing to ask again for.
    const refused = await manager.post(`${BASE}/${res.body.id}/retry`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.indicators.reportNotFailed');
    expect(
      await jobHandlers(t.deps)['indicator-export'](
        { exportId: moved!.exportId, organisationId: run!.organisationId },
        job,
      ),
    ).toEqual({ status: 'finished' });
    const mailed = (await reportMails()).filter((m) => m.subject?.includes('2016-04'));
    expect(mailed.map((m) => m.recipient).sort()).toEqual(['analiz@bakanlik.example', 'ilo@partner.example']);
    expect((await manager.get(BASE)).body.items.find((s: ReportSchedule) => s.id === res.body.id)).toMatchObject({
      lastMonth: '2016-04',
      lastStatus: 'sent',
    });
    expect((await manager.post(`${BASE}/${res.body.id}/retry`, {})).status).toBe(409);
    // Another organisation's manager does not find the schedule.
    const izmir = await t.signIn(demoEmail('izmir', 'manager'));
    expect((await izmir.post(`${BASE}/${res.body.id}/retry`, {})).status).toBe(404);
  });
});
