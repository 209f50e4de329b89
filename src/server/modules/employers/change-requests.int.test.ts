import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, employerChangeRequests } from '../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';

// Issue 8, item 14: identity fields changed from the employer portal go back to staff, through the
// HTTP API.

let t: TestContext;
let employer: TestClient; // Burak Aydın, manager of Örme Tekstil (verified), İBB
let officer: TestClient; // employer relations, İBB: employers:write
let manager: TestClient; // employers:read only
let employerId: string;
let before: Record<string, unknown>;

beforeAll(async () => {
  t = await createTestContext();
  employer = await t.as('ibb', 'employer');
  officer = await t.as('ibb', 'employer-relations');
  manager = await t.as('ibb', 'manager');
  const mine = await employer.get('/api/v1/portal/employer');
  expect(mine.status).toBe(200);
  expect(mine.body.status).toBe('verified');
  employerId = mine.body.id;
  before = mine.body;
});
afterAll(async () => t.close());

const events = async (action: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, employerId), eq(auditEvents.action, action as 'employer.updated')));

const newVkn = withVknChecksum('731234567');

describe('a verified employer changes its record from the portal', () => {
  it('keeps the identity fields as they were, stores them as a pending request, and applies the others', async () => {
    const res = await employer.patch(`/api/v1/employers/${employerId}`, {
      legalName: 'Başka Şirket A.Ş.',
      taxKind: 'vkn',
      taxNumber: newVkn,
      workerCount: 3,
      website: 'https://orme-tekstil.example',
      address: 'Yeni adres 5',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      legalName: before.legalName,
      taxNumber: before.taxNumber,
      workerCount: before.workerCount,
      status: 'verified',
      website: 'https://orme-tekstil.example',
      address: 'Yeni adres 5',
    });
    expect(res.body.pendingChange).toMatchObject({
      status: 'pending',
      fields: ['legalName', 'taxNumber', 'workerCount'],
      changes: { legalName: 'Başka Şirket A.Ş.', taxKind: 'vkn', taxNumber: newVkn, workerCount: 3 },
      requestedBy: { id: expect.any(String), name: 'Burak Aydın' },
    });
    // The employer sees it pending in the portal; staff see it on the employer's page.
    expect((await employer.get('/api/v1/portal/employer')).body.pendingChange.status).toBe('pending');
    const staffView = await manager.get(`/api/v1/employers/${employerId}`);
    expect(staffView.body.legalName).toBe(before.legalName);
    expect(staffView.body.pendingChange.fields).toEqual(['legalName', 'taxNumber', 'workerCount']);
    expect((await events('employer.change-requested')).map((e) => e.fields)).toEqual([
      ['legalName', 'taxNumber', 'workerCount'],
    ]);
    expect((await events('employer.updated')).at(-1)!.fields.sort()).toEqual(['address', 'website']);
    // The requested values are not stored in clear (a sole trader's number is their ID number).
    const [row] = await t.database.db
      .select()
      .from(employerChangeRequests)
      .where(eq(employerChangeRequests.employerId, employerId));
    expect(row!.changesEnc).not.toContain('Başka');
  });

  it('merges a second request into the pending one', async () => {
    const res = await employer.patch(`/api/v1/employers/${employerId}`, { tradeName: 'Örme Yeni', workerCount: 4 });
    expect(res.status).toBe(200);
    expect(res.body.pendingChange.fields).toEqual(['legalName', 'tradeName', 'taxNumber', 'workerCount']);
    expect(res.body.pendingChange.changes).toMatchObject({ legalName: 'Başka Şirket A.Ş.', workerCount: 4 });
    const rows = await t.database.db
      .select()
      .from(employerChangeRequests)
      .where(eq(employerChangeRequests.employerId, employerId));
    expect(rows).toHaveLength(1);
  });

  it('refuses invalid identity values at once (422 naming the field) and stores nothing', async () => {
    const res = await employer.patch(`/api/v1/employers/${employerId}`, { taxKind: 'vkn', taxNumber: '1234567891' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/taxNumber');
    const mine = await employer.get('/api/v1/portal/employer');
    expect(mine.body.pendingChange.changes.taxNumber).toBe(newVkn);
  });

  it('lets only staff who may write employers decide; the employer and read-only staff get 403', async () => {
    const pending = (await officer.get(`/api/v1/employers/${employerId}/change-requests`)).body.items[0];
    for (const client of [employer, manager, await t.as('ibb', 'counsellor')]) {
      expect((await client.post(`/api/v1/employers/${employerId}/change-requests/${pending.id}/approve`)).status).toBe(
        403,
      );
      expect(
        (await client.post(`/api/v1/employers/${employerId}/change-requests/${pending.id}/reject`, { reason: 'yok' }))
          .status,
      ).toBe(403);
    }
    // Another organisation's officer: 404, nothing decided.
    const izmir = await t.as('izmir', 'employer-relations');
    expect((await izmir.post(`/api/v1/employers/${employerId}/change-requests/${pending.id}/approve`)).status).toBe(
      404,
    );
    expect((await izmir.get(`/api/v1/employers/${employerId}/change-requests`)).status).toBe(404);
    // The employer reads its own requests.
    expect((await employer.get(`/api/v1/employers/${employerId}/change-requests`)).status).toBe(200);
    expect((await manager.get(`/api/v1/employers/${employerId}`)).body.legalName).toBe(before.legalName);
  });

  it('applies the change when staff approve it, audited, and tells the employer user', async () => {
    const pending = (await officer.get(`/api/v1/employers/${employerId}/change-requests`)).body.items[0];
    const res = await officer.post(`/api/v1/employers/${employerId}/change-requests/${pending.id}/approve`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      legalName: 'Başka Şirket A.Ş.',
      tradeName: 'Örme Yeni',
      taxNumber: newVkn,
      workerCount: 4,
      pendingChange: null,
    });
    expect((await events('employer.change-approved')).map((e) => e.fields)).toEqual([
      ['legalName', 'tradeName', 'taxNumber', 'workerCount'],
    ]);
    const list = await employer.get(`/api/v1/employers/${employerId}/change-requests`);
    expect(list.body.items[0]).toMatchObject({ status: 'approved', decidedBy: { name: 'Emre Şahin' } });
    expect((await t.lastMessageTo('employer@ibb.example'))?.template).toBe('employer-change-approved');
    // Deciding it again: 409.
    expect((await officer.post(`/api/v1/employers/${employerId}/change-requests/${pending.id}/approve`)).status).toBe(
      409,
    );
  });

  it('leaves the record as it is when staff reject, with the reason the employer then sees', async () => {
    t.clock.advance(60_000);
    const asked = await employer.patch(`/api/v1/employers/${employerId}`, { isPublic: true });
    expect(asked.body.pendingChange.fields).toEqual(['isPublic']);
    const id = asked.body.pendingChange.id;
    const empty = await officer.post(`/api/v1/employers/${employerId}/change-requests/${id}/reject`, {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].pointer).toBe('/reason');
    const res = await officer.post(`/api/v1/employers/${employerId}/change-requests/${id}/reject`, {
      reason: 'Kamu işyeri olduğunu gösteren belge gönderilmedi.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isPublic: false, pendingChange: null });
    const list = await employer.get(`/api/v1/employers/${employerId}/change-requests`);
    expect(list.body.items[0]).toMatchObject({
      status: 'rejected',
      reason: 'Kamu işyeri olduğunu gösteren belge gönderilmedi.',
    });
    expect(await events('employer.change-rejected')).toHaveLength(1);
    const mail = await t.lastMessageTo('employer@ibb.example');
    expect(mail?.template).toBe('employer-change-rejected');
    expect(mail?.body).toContain('Kamu işyeri olduğunu gösteren belge gönderilmedi.');
  });

  it('lets staff edit identity fields directly, as before', async () => {
    const res = await officer.patch(`/api/v1/employers/${employerId}`, { workerCount: 55 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workerCount: 55, pendingChange: null });
  });

  it('shows a sole trader’s requested tax number masked', async () => {
    const tckn = withTcknChecksum('123456789');
    const res = await employer.patch(`/api/v1/employers/${employerId}`, { taxKind: 'tckn', taxNumber: tckn });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pendingChange.changes.taxNumber).not.toBe(tckn);
    expect(JSON.stringify(res.body)).not.toContain(tckn);
    expect(JSON.stringify((await officer.get(`/api/v1/employers/${employerId}/change-requests`)).body)).not.toContain(
      tckn,
    );
  });
});

describe('an employer not yet verified', () => {
  it('changes its own identity fields directly: staff verify the record as it stands', async () => {
    const orgs = await t.anonymous.get('/api/v1/public/organisations');
    const ibbId = orgs.body.items.find((o: { shortName: string }) => o.shortName === 'İBB').id;
    const email = 'nilay@bekleyen-isveren.example';
    const signUp = await t.anonymous.post('/api/v1/public/employers', {
      organisationId: ibbId,
      legalName: 'Bekleyen Gıda Ltd. Şti.',
      taxKind: 'vkn',
      taxNumber: withVknChecksum('812345678'),
      naceCode: '10.71',
      workerCount: 18,
      province: 'İstanbul',
      district: 'Üsküdar',
      acceptTerms: true,
      user: { fullName: 'Nilay Karaca', email, phone: null, locale: 'tr' },
    });
    expect(signUp.status).toBe(202);
    const message = await t.lastMessageTo(email);
    const token = /#token=([\w-]+)/.exec(message!.body)![1];
    await t.anonymous.post('/api/v1/auth/invitation/accept', { token, password: 'bekleyen-isveren-2026' });
    const pendingUser = await t.signIn(email, 'bekleyen-isveren-2026');
    const mine = await pendingUser.get('/api/v1/portal/employer');
    expect(mine.body.status).toBe('pending');
    const res = await pendingUser.patch(`/api/v1/employers/${mine.body.id}`, { legalName: 'Bekleyen Unlu Mamuller' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ legalName: 'Bekleyen Unlu Mamuller', pendingChange: null });
  });
});
