import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { prescreen, referralFixture } from '../../test/referral-fixture.ts';
import { auditEvents } from '../../db/schema/index.ts';

// Issue 8, item 22: a correction of a person's shared data is recorded for every employer that
// already received the profile, through the HTTP API.

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, Fatih
const { signIn, verifiedEmployer, publishedVacancy, person } = referralFixture(310_000_00);

beforeAll(async () => {
  t = await createTestContext();
  ({ counsellor } = await signIn(t));
});
afterAll(async () => t.close());

async function sendTo(employerId: string, personId: string) {
  const vacancyId = await publishedVacancy(employerId);
  const proposed = await counsellor.post('/api/v1/referrals', { vacancyId, personId });
  expect(proposed.status).toBe(201);
  const sent = await counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
}

describe('rectification notices', () => {
  let personId: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    personId = await person({ givenName: 'Düzeltilen' });
    first = await verifiedEmployer({ tradeName: 'Birinci Lokanta' });
    second = await verifiedEmployer({ tradeName: 'İkinci Lokanta' });
    await sendTo(first, personId);
    await sendTo(second, personId);
    // A second referral to the same employer: still one notice for it.
    await sendTo(first, personId);
  });

  it('records, for each employer that received the profile, which shared fields a counsellor corrected', async () => {
    const res = await counsellor.patch(`/api/v1/persons/${personId}`, {
      familyName: 'Düzeltilmiş',
      phone: '0533 999 88 77',
      iskurRegistered: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const shared = await counsellor.get(`/api/v1/persons/${personId}/shared-with`);
    expect(shared.status).toBe(200);
    expect(shared.body.disclosures).toHaveLength(3);
    expect(shared.body.rectifications.map((r: { recipientName: string }) => r.recipientName).sort()).toEqual([
      'Birinci Lokanta',
      'İkinci Lokanta',
    ]);
    for (const r of shared.body.rectifications) {
      // Names of the changed shared fields; iskurRegistered is not shared with employers.
      expect(r.fields).toEqual(['familyName', 'phone']);
      expect(r.changedByKind).toBe('staff');
      expect(shared.body.disclosures.map((d: { id: string }) => d.id)).toContain(r.disclosureId);
    }
    // Never the values.
    expect(JSON.stringify(shared.body.rectifications)).not.toMatch(/Düzeltilmiş|5339998877|533 999 88 77/);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, personId), eq(auditEvents.action, 'referral.rectification-recorded')));
    expect(events.map((e) => [e.fields, e.purpose])).toEqual([[['familyName', 'phone'], 'recipients:2']]);
  });

  it('records the person’s own correction from the seeker portal too', async () => {
    const seeker = await t.signInWithCode('+905321000002'); // Fatma Koç, a demo seeker of İBB
    const own = await seeker.get('/api/v1/me/profile');
    expect(own.status).toBe(200);
    const fatma = own.body.id as string;
    // Her correction before any employer received her profile records nothing.
    expect((await seeker.patch('/api/v1/me/profile', { skills: 'Pasta ve tatlı' })).status).toBe(200);
    expect((await counsellor.get(`/api/v1/persons/${fatma}/shared-with`)).body.rectifications).toEqual([]);
    await sendTo(second, fatma);
    expect((await seeker.patch('/api/v1/me/profile', { skills: 'Pasta, tatlı ve börek' })).status).toBe(200);
    const shared = await counsellor.get(`/api/v1/persons/${fatma}/shared-with`);
    expect(shared.body.rectifications).toEqual([
      expect.objectContaining({ recipientName: 'İkinci Lokanta', fields: ['skills'], changedByKind: 'seeker' }),
    ]);
  });

  it('records nothing for a change of fields employers do not receive, or an unchanged save', async () => {
    const before = (await counsellor.get(`/api/v1/persons/${personId}/shared-with`)).body.rectifications.length;
    expect((await counsellor.patch(`/api/v1/persons/${personId}`, { iskurRegistered: false })).status).toBe(200);
    const profile = (await counsellor.get(`/api/v1/persons/${personId}`)).body;
    expect((await counsellor.patch(`/api/v1/persons/${personId}`, { familyName: profile.familyName })).status).toBe(
      200,
    );
    expect((await counsellor.get(`/api/v1/persons/${personId}/shared-with`)).body.rectifications).toHaveLength(before);
  });

  it('records what a merge adds to a profile employers received', async () => {
    const kept = await person({ givenName: 'Birleşen', email: null });
    await sendTo(first, kept);
    const keptProfile = (await counsellor.get(`/api/v1/persons/${kept}`)).body;
    const duplicate = await person({
      givenName: keptProfile.givenName,
      familyName: keptProfile.familyName,
      email: 'birlesen@example.org',
      idKind: null,
      idNumber: null,
      workHistory: [{ occupation: 'Garson', employer: 'Eski Lokanta', registered: true }],
    });
    const merged = await counsellor.post(`/api/v1/persons/${kept}/merge`, { duplicateId: duplicate });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const shared = await counsellor.get(`/api/v1/persons/${kept}/shared-with`);
    expect(shared.body.rectifications).toEqual([
      expect.objectContaining({ recipientName: 'Birinci Lokanta', fields: ['email', 'workHistory'] }),
    ]);
  });

  it('lists the notices to the DPO, and to no one else; the profile tab follows office scope', async () => {
    const dpo = await t.as('ibb', 'dpo');
    const list = await dpo.get('/api/v1/rectification-notices');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(4);
    expect(list.body.items).toContainEqual(expect.objectContaining({ personId, fields: ['familyName', 'phone'] }));
    expect((await dpo.get(`/api/v1/persons/${personId}/shared-with`)).status).toBe(200);
    for (const who of ['counsellor', 'admin', 'manager', 'employer-relations'] as const) {
      expect((await (await t.as('ibb', who)).get('/api/v1/rectification-notices')).status).toBe(403);
    }
    expect((await (await t.as('ibb', 'analyst')).get(`/api/v1/persons/${personId}/shared-with`)).status).toBe(403);
    expect((await (await t.as('ibb', 'employer')).get(`/api/v1/persons/${personId}/shared-with`)).status).toBe(403);
    // Another office's counsellor and another organisation's DPO: 404.
    expect((await (await t.as('ibb', 'counsellor2')).get(`/api/v1/persons/${personId}/shared-with`)).status).toBe(404);
    const izmirDpo = await t.as('izmir', 'dpo');
    expect((await izmirDpo.get(`/api/v1/persons/${personId}/shared-with`)).status).toBe(404);
    expect((await izmirDpo.get('/api/v1/rectification-notices')).body.total).toBe(0);
  });
});
