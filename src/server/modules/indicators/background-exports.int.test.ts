import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, indicatorExports } from '../../db/schema/index.ts';
import { jobHandlers, runSweep } from '../../jobs/handlers.ts';
import { threeRegisteredInMarch2016 } from '../../test/indicator-fixtures.ts';
import {
  NEW_INSTANCE_TIMEOUT,
  createTestContext,
  demoEmail,
  type TestClient,
  type TestContext,
} from '../../test/harness.ts';
import { parseCsv, readTable } from '../../lib/tabular.ts';
import type { BackgroundExport } from '../../../common/contracts/indicators.ts';

/**
 * Known data in 2016 (before the demo data's years): 3 women registered in Fatih on 15 Mar 2016. The
 * manager sees 3 on screen; every export (the manager's too) is the suppressed release: "x".
 */
let t: TestContext;
let manager: TestClient;
let analyst: TestClient;
const BASE = '/api/v1/indicators/exports';
const job = { id: 'job-1', retryCount: 0 };

beforeAll(async () => {
  t = await createTestContext();
  await threeRegisteredInMarch2016(t, { given: 'Dışa', family: 'Aktarım', key: ['disa', 'aktarim'] });
  t.clock.set(new Date('2026-05-04T09:00:00Z'));
  manager = await t.as('ibb', 'manager');
  analyst = await t.as('ibb', 'analyst');
}, 5 * NEW_INSTANCE_TIMEOUT);

afterAll(async () => {
  await t?.close();
});

const run = async (e: BackgroundExport) =>
  jobHandlers(t.deps)['indicator-export']({ exportId: e.id, organisationId: (await row(e.id)).organisationId }, job);
const row = async (id: string) =>
  (await t.database.db.select().from(indicatorExports).where(eq(indicatorExports.id, id)))[0]!;

describe('large exports in the background', () => {
  it('queues, builds with progress, downloads the suppressed release once, then expires', async () => {
    const screen = await manager.get('/api/v1/indicators/persons-registered/table?from=2016-01&to=2016-12&rows=month');
    expect(screen.body.lines.find((l: { key: string }) => l.key === '2016-03').total).toEqual({ value: 3, flag: null });

    const asked = await manager.post(BASE, {
      kind: 'indicators',
      format: 'xlsx',
      from: '2016-01',
      to: '2016-12',
      rows: 'month',
      indicators: 'persons-registered,hires',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ status: 'queued', progress: 0, expiresAt: null });
    // The job exists (sent in the same transaction); the test harness runs nothing by itself.
    const early = await manager.get(`${BASE}/${asked.body.id}/file`);
    expect(early.status).toBe(409);

    expect(await run(asked.body)).toEqual({ status: 'finished' });
    const list = await manager.get(BASE);
    const mine = list.body.items.find((e: BackgroundExport) => e.id === asked.body.id);
    expect(mine).toMatchObject({
      status: 'finished',
      progress: 100,
      finishedAt: '2026-05-04T09:00:00.000Z',
      expiresAt: '2026-05-05T09:00:00.000Z',
    });
    expect(mine.sizeBytes).toBeGreaterThan(0);
    // Running the job again (at least once delivery) changes nothing.
    expect(await run(asked.body)).toEqual({ status: 'finished' });

    const file = await manager.get(`${BASE}/${asked.body.id}/file`);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
    expect(String(file.headers['cache-control'])).toContain('no-store');
    const sheet = await readTable('export.xlsx', file.raw.rawPayload, { maxRows: 1000, messages: 'errors.import' });
    const march = sheet.find((r) => r.cells[0] === '2016-03' || String(r.cells[1]) === '2016-03');
    expect(march, JSON.stringify(sheet.slice(0, 6))).toBeDefined();
    expect(march!.cells).toContain('x');
    expect(march!.cells).not.toContain(3);

    const downloads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'indicators.export-downloaded'), eq(auditEvents.subjectId, asked.body.id)));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.actorUserId).toBe((await row(asked.body.id)).requestedBy);

    // Another user of the same organisation, and another organisation, do not see it.
    expect((await analyst.get(`${BASE}/${asked.body.id}/file`)).status).toBe(404);
    const izmir = await t.as('izmir', 'manager');
    expect((await izmir.get(`${BASE}/${asked.body.id}/file`)).status).toBe(404);
    expect((await izmir.get(BASE)).body.items).toEqual([]);

    // 24 hours later the link is gone; the sweep deletes the bytes and is idempotent.
    t.clock.set(new Date('2026-05-05T09:00:00Z'));
    const later = await t.signIn(demoEmail('ibb', 'manager')); // yesterday's session has timed out
    const gone = await later.get(`${BASE}/${asked.body.id}/file`);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ status: 410, code: 'errors.indicators.exportExpired' });
    expect(await runSweep(t.deps, 'indicator-exports-sweep')).toBe(1);
    expect(await runSweep(t.deps, 'indicator-exports-sweep')).toBe(0);
    const swept = await row(asked.body.id);
    expect(swept).toMatchObject({ status: 'expired', content: null });
    expect((await later.get(`${BASE}/${asked.body.id}/file`)).status).toBe(410);
    t.clock.set(new Date('2026-05-04T09:00:00Z'));
    manager = await t.signIn(demoEmail('ibb', 'manager'));
    analyst = await t.signIn(demoEmail('ibb', 'analyst'));
  });

  it('lets an analyst ask for the labour-market tables and SDMX-CSV; both are suppressed', async () => {
    const sdmx = await analyst.post(BASE, {
      kind: 'indicators',
      format: 'sdmx',
      from: '2016-01',
      to: '2016-12',
      rows: 'month',
      indicators: 'persons-registered',
    });
    expect(sdmx.status, JSON.stringify(sdmx.body)).toBe(201);
    await run(sdmx.body);
    const file = await analyst.get(`${BASE}/${sdmx.body.id}/file`);
    expect(file.status).toBe(200);
    const rows = parseCsv(file.raw.body, ',');
    const header = rows[0]!;
    const march = rows.find((r) => r[header.indexOf('TIME_PERIOD')] === '2016-03')!;
    expect(march[header.indexOf('OBS_VALUE')]).toBe('');
    expect(march[header.indexOf('CONF_STATUS')]).toBe('C');

    const lm = await analyst.post(BASE, { kind: 'labour-market', format: 'csv', from: '2016-01', to: '2016-12' });
    expect(lm.status, JSON.stringify(lm.body)).toBe(201);
    expect(lm.body.parameters).toEqual({ from: '2016-01', to: '2016-12', level: '1' });
    expect(await run(lm.body)).toEqual({ status: 'finished' });
    expect((await analyst.get(`${BASE}/${lm.body.id}/file`)).status).toBe(200);
    expect((await analyst.get(BASE)).body.items.map((e: BackgroundExport) => e.id)).toEqual([lm.body.id, sdmx.body.id]);
  });

  it('checks the request before queuing anything', async () => {
    const before = (await t.database.db.select().from(indicatorExports)).length;
    const reversed = await manager.post(BASE, { kind: 'indicators', format: 'csv', from: '2016-12', to: '2016-01' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].pointer).toBe('/body/to');
    const unknown = await manager.post(BASE, {
      kind: 'indicators',
      format: 'csv',
      from: '2016-01',
      to: '2016-02',
      indicators: 'persons-registered,nothing',
    });
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/body/indicators',
      code: 'errors.indicators.unknownIndicator',
    });
    const lmSdmx = await manager.post(BASE, { kind: 'labour-market', format: 'sdmx', from: '2016-01', to: '2016-02' });
    expect(lmSdmx.status).toBe(422);
    expect(lmSdmx.body.errors[0].pointer).toBe('/body/format');
    expect((await t.database.db.select().from(indicatorExports)).length).toBe(before);
    const trainer = await t.as('ibb', 'trainer');
    expect(
      (await trainer.post(BASE, { kind: 'indicators', format: 'csv', from: '2016-01', to: '2016-02' })).status,
    ).toBe(403);
  });
});
