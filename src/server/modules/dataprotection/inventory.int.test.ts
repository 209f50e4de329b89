import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { registeredSeeker, sendTo, staffOf, verifiedEmployer } from './fixtures.test-helpers.ts';

// The VERBİS processing inventory (issue 12): generated from the system's configuration (the retention
// rules, the disclosure log's recipients, two-factor), editable where the system cannot know, exported as
// CSV and XLSX in tr/en/ar (Arabic right to left), audited, and the DPO's alone.

let t: TestContext;
let dpo: TestClient;
const BASE = '/api/v1/data-protection';

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-01T09:00:00Z'));
  const s = await staffOf(t);
  dpo = await t.as('ibb', 'dpo');
  // A profile sent to an employer puts employers among the recipients.
  const seeker = await registeredSeeker(t, s, 'Envanter', 'Alıcıoğlu');
  await sendTo(s, await verifiedEmployer(s, 'Envanter Lokantası', 'ik@envanter.example.org'), seeker.personId);
});
afterAll(async () => t.close());

type Activity = { activity: string; recipients: string[]; overrides: Record<string, string>; retention: string };

describe('the processing inventory', () => {
  it('is generated from the configuration: activities, categories, recipients, retention rules', async () => {
    const res = await dpo.get(`${BASE}/inventory`);
    expect(res.status).toBe(200);
    const byActivity = new Map<string, Activity>(res.body.items.map((a: Activity) => [a.activity, a]));
    expect(byActivity.size).toBe(11);
    // Job fairs: walk-ins on their phone, kept by the fair walk-in rule.
    expect(byActivity.get('job-fairs')).toMatchObject({
      subjectGroups: ['job-seekers', 'fair-visitors'],
      retention: 'fair-walk-ins',
    });
    expect(byActivity.get('referrals')!.recipients).toContain('employers');
    expect(byActivity.get('special-categories')).toMatchObject({
      categories: ['health-and-disability', 'ethnic-origin'],
      legalBases: ['law-special', 'explicit-consent'],
    });
    expect(res.body.rules.statutoryYears).toBe(10);
    // A change of the retention rules shows in the inventory's words.
    await dpo.put(`${BASE}/retention`, {
      followUpMonths: 12,
      returnToAidMonths: 6,
      statutoryYears: 5,
      noCaseMonths: 24,
      intervalMonths: 6,
      fairWalkInMonths: 3,
    });
    const csv = await dpo.get(`${BASE}/inventory/export?format=csv&locale=tr`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = String(csv.raw.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('İşleme faaliyeti;İlgili kişi grupları');
    expect(text).toContain('12 ay izleme, 6 ay yardıma dönüş izlemesi ve 5 yıl yasal süre');
    expect(text).toContain('İşverenler (yönlendirilen profiller)');
    expect(text).toContain('adı ve telefonu fuardan sonra 3 ay saklanır');
  });

  it('keeps what the organisation writes over a column, and goes back to the generated text when emptied', async () => {
    const bad = await dpo.put(`${BASE}/inventory/registration`, { overrides: { colour: 'mavi' } });
    expect(bad.status).toBe(422);
    expect((await dpo.put(`${BASE}/inventory/nothing`, { overrides: {} })).status).toBe(400);
    const res = await dpo.put(`${BASE}/inventory/referrals`, {
      overrides: { transfersAbroad: 'ILO Cenevre (İsviçre) — standart sözleşme, Kurula 2026-03-02’de bildirildi' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const referrals = res.body.items.find((a: Activity) => a.activity === 'referrals');
    expect(referrals.overrides.transfersAbroad).toContain('ILO Cenevre');
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'dp-inventory.updated'));
    expect(event).toMatchObject({ fields: ['transfersAbroad'], purpose: 'referrals' });

    const xlsx = await dpo.get(`${BASE}/inventory/export?format=xlsx&locale=ar`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('السجل');
    expect(sheet.views[0]!.rightToLeft).toBe(true);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toContain('النقل إلى الخارج');
    const rows = sheet.getSheetValues().flat().map(String);
    expect(rows.some((v) => v.includes('ILO Cenevre'))).toBe(true);

    const cleared = await dpo.put(`${BASE}/inventory/referrals`, { overrides: { transfersAbroad: '  ' } });
    expect(cleared.body.items.find((a: Activity) => a.activity === 'referrals').overrides).toEqual({});
    const exports = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'dp-inventory.exported'));
    expect(exports.map((e) => e.purpose).sort()).toEqual(['csv:tr', 'xlsx:ar']);
  });

  it('is the DPO’s alone', async () => {
    const manager = await t.as('ibb', 'manager');
    expect((await manager.get(`${BASE}/inventory`)).status).toBe(403);
    expect((await manager.get(`${BASE}/inventory/export?format=csv`)).status).toBe(403);
  });
});
