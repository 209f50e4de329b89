import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, dpRequests, outboxMessages } from '../../db/schema/index.ts';
import {
  registeredSeeker,
  sendTo,
  staffOf,
  verifiedEmployer,
  type Seeker,
  type Staff,
  clearDemoDesk,
} from './fixtures.test-helpers.ts';

// The data-protection desk (issue 12) through the HTTP API: the request register with identity
// verification and the 30-day deadline, the audited person look-up, the access export and its
// delivery, objections, rectification through the case office with notice to the recipients, and
// who may do what.

let t: TestContext;
let s: Staff;
let dpo: TestClient;
let seeker: Seeker;
let employerId: string;

beforeAll(async () => {
  t = await createTestContext();
  await clearDemoDesk(t);
  t.clock.set(new Date('2026-12-01T09:00:00Z'));
  s = await staffOf(t);
  dpo = await t.as('ibb', 'dpo');
  seeker = await registeredSeeker(t, s, 'Nurhayat', 'Erişimoğlu');
  employerId = await verifiedEmployer(s, 'Erişim Lokantası', 'ik@erisim-lokanta.example.org');
  await sendTo(s, employerId, seeker.personId);
});
afterAll(async () => t.close());

async function register(kind: string, channel = 'counter', extra: Record<string, unknown> = {}) {
  const res = await dpo.post('/api/v1/data-protection/requests', { kind, channel, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function readyRequest(kind: string, personId = seeker.personId) {
  const r = await register(kind);
  expect(
    (await dpo.post(`/api/v1/data-protection/requests/${r.id}/identity`, { method: 'id-document-at-counter' })).status,
  ).toBe(200);
  const linked = await dpo.post(`/api/v1/data-protection/requests/${r.id}/person`, { personId });
  expect(linked.status, JSON.stringify(linked.body)).toBe(200);
  return linked.body;
}

describe('the request register', () => {
  it('registers a request with its 30-day deadline in calendar days, by the application clock', async () => {
    const r = await register('access', 'letter', { receivedOn: '2026-11-20', details: 'Hakkımdaki tüm veriler.' });
    expect(r).toMatchObject({
      kind: 'access',
      channel: 'letter',
      status: 'received',
      receivedOn: '2026-11-20',
      dueOn: '2026-12-20',
      daysLeft: 19,
      person: null,
      identity: null,
    });
    expect((await dpo.get(`/api/v1/data-protection/requests/${r.id}`)).body.daysLeft).toBe(19);
    const late = await register('erasure', 'letter', { receivedOn: '2026-10-15' });
    expect(late).toMatchObject({ dueOn: '2026-11-14', daysLeft: -17 });
  });

  it('refuses bad input with problem+json naming the field, and writes nothing', async () => {
    const before = (await t.database.db.select().from(dpRequests)).length;
    const bad = await dpo.post('/api/v1/data-protection/requests', { kind: 'gossip', channel: 'self-service' });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/channel', '/kind']);
    const future = await dpo.post('/api/v1/data-protection/requests', {
      kind: 'access',
      channel: 'counter',
      receivedOn: '2027-01-01',
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].pointer).toBe('/receivedOn');
    expect((await t.database.db.select().from(dpRequests)).length).toBe(before);
  });

  it('lists requests with deadline and status, sorted and paginated', async () => {
    await register('objection', 'counter', { receivedOn: '2026-11-02' });
    const list = await dpo.get('/api/v1/data-protection/requests?sort=dueOn&pageSize=2');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.total).toBeGreaterThanOrEqual(3);
    const dues = list.body.items.map((i: { dueOn: string }) => i.dueOn);
    expect([...dues].sort()).toEqual(dues);
    expect(list.body.items[0]).toMatchObject({ dueOn: '2026-11-14', daysLeft: -17, status: 'received' });
    expect(list.body.items[1]).toMatchObject({ kind: 'objection', dueOn: '2026-12-02', daysLeft: 1 });
    const desc = await dpo.get('/api/v1/data-protection/requests?sort=-receivedOn');
    const received = desc.body.items.map((i: { receivedOn: string }) => i.receivedOn);
    expect([...received].sort().reverse()).toEqual(received);
    const objections = await dpo.get('/api/v1/data-protection/requests?kind=objection');
    expect(objections.body.items.every((i: { kind: string }) => i.kind === 'objection')).toBe(true);
  });

  it('finds the person by name or ID number without showing the number or special categories, audited with the request', async () => {
    const r = await register('access');
    const byName = await dpo.post(`/api/v1/data-protection/requests/${r.id}/person-search`, {
      q: 'erisimoglu nurhayat',
    });
    expect(byName.status, JSON.stringify(byName.body)).toBe(200);
    expect(byName.body.items).toEqual([
      {
        id: seeker.personId,
        givenName: 'Nurhayat',
        familyName: 'Erişimoğlu',
        birthYear: 1993,
        district: 'Fatih',
        office: expect.any(String),
        idNumberMasked: expect.stringMatching(/^\d{2}\*+\d{2}$/),
      },
    ]);
    const byId = await dpo.post(`/api/v1/data-protection/requests/${r.id}/person-search`, { q: seeker.idNumber });
    expect(byId.body.items.map((p: { id: string }) => p.id)).toEqual([seeker.personId]);
    expect(JSON.stringify(byId.body)).not.toContain(seeker.idNumber);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dp-request.person-searched'), eq(auditEvents.subjectId, r.id)));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.purpose)).toEqual([`request:${r.id}:results:1`, `request:${r.id}:results:1`]);
    expect(JSON.stringify(events)).not.toContain(seeker.idNumber);
    // The desk gives no general case access.
    expect((await dpo.get(`/api/v1/persons/${seeker.personId}`)).status).toBe(403);
    expect((await dpo.post(`/api/v1/persons/search`, { q: 'Erişimoğlu' })).status).toBe(403);
    expect((await dpo.post(`/api/v1/persons/${seeker.personId}/id-number`, { purpose: 'x' })).status).toBe(403);
  });

  it('records how, by whom and when the identity was verified; actions wait for it', async () => {
    const r = await register('access');
    const early = await dpo.post(`/api/v1/data-protection/requests/${r.id}/exports`, { delivery: 'counter' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('errors.dataProtection.identityNotVerified');
    const verified = await dpo.post(`/api/v1/data-protection/requests/${r.id}/identity`, {
      method: 'signed-letter',
      note: 'Islak imza dosyadaki imzayla karşılaştırıldı.',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('verified');
    expect(verified.body.identity).toEqual({
      method: 'signed-letter',
      note: 'Islak imza dosyadaki imzayla karşılaştırıldı.',
      verifiedBy: 'Hakan Öztürk',
      verifiedAt: t.clock.now().toISOString(),
    });
    const noPerson = await dpo.post(`/api/v1/data-protection/requests/${r.id}/exports`, { delivery: 'counter' });
    expect(noPerson.body.code).toBe('errors.dataProtection.personNotLinked');
  });

  it('keeps documents with the request', async () => {
    const r = await register('objection');
    const pdf = Buffer.from('%PDF-1.4 başvuru dilekçesi').toString('base64');
    const added = await dpo.post(`/api/v1/data-protection/requests/${r.id}/documents`, {
      fileName: 'dilekçe.pdf',
      mediaType: 'application/pdf',
      content: pdf,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const got = await dpo.get(`/api/v1/data-protection/requests/${r.id}`);
    expect(got.body.documents).toEqual([
      expect.objectContaining({ fileName: 'dilekçe.pdf', mediaType: 'application/pdf' }),
    ]);
    const file = await dpo.get(`/api/v1/data-protection/requests/${r.id}/documents/${added.body.id}`);
    expect(file.status).toBe(200);
    expect(file.raw.rawPayload.toString('base64')).toBe(pdf);
    // A scanned letter of 3 MiB goes through (the promised limit is 5 MiB, above the app's default body);
    // one over 5 MiB is refused by name.
    const scan = Buffer.concat([Buffer.from('%PDF-1.4 '), Buffer.alloc(3 * 1024 * 1024, 0x20)]).toString('base64');
    const big = await dpo.post(`/api/v1/data-protection/requests/${r.id}/documents`, {
      fileName: 'tarama.pdf',
      mediaType: 'application/pdf',
      content: scan,
    });
    expect(big.status, JSON.stringify(big.body).slice(0, 300)).toBe(201);
    const tooBig = await dpo.post(`/api/v1/data-protection/requests/${r.id}/documents`, {
      fileName: 'cok-buyuk.pdf',
      mediaType: 'application/pdf',
      content: Buffer.alloc(5 * 1024 * 1024 + 10, 0x20).toString('base64'),
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.errors[0]).toMatchObject({
      pointer: '/content',
      code: 'errors.dataProtection.documentTooLarge',
    });
    // Not base64 (a data URL pasted as is): refused by name, nothing kept.
    const notBase64 = await dpo.post(`/api/v1/data-protection/requests/${r.id}/documents`, {
      fileName: 'yapistirilan.pdf',
      mediaType: 'application/pdf',
      content: `data:application/pdf;base64,${pdf}`,
    });
    expect(notBase64.status).toBe(422);
    expect(notBase64.body.errors[0]).toMatchObject({ pointer: '/content', code: 'errors.documents.notBase64' });
    expect((await dpo.get(`/api/v1/data-protection/requests/${r.id}`)).body.documents).toHaveLength(2);
  });
});

describe('access', () => {
  let requestId: string;
  let exportId: string;

  it('produces the export and shows the DPO what it contains, never its contents', async () => {
    const r = await readyRequest('access');
    requestId = r.id;
    const made = await dpo.post(`/api/v1/data-protection/requests/${r.id}/exports`, { delivery: 'self-service' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    exportId = made.body.id;
    expect(made.body.locale).toBe('tr');
    const sections = Object.fromEntries(
      (made.body.contents as { section: string; rows: number }[]).map((c) => [c.section, c.rows]),
    );
    expect(sections).toMatchObject({
      person: 1,
      consents: 1,
      noticeAcknowledgements: 1,
      cases: 1,
      referrals: 1,
      disclosureLog: 1,
      account: 1,
    });
    expect(sections.messages).toBeGreaterThan(0);
    const shown =
      JSON.stringify(made.body) + JSON.stringify((await dpo.get(`/api/v1/data-protection/requests/${r.id}`)).body);
    for (const secret of [seeker.phone, seeker.email, seeker.idNumber, 'Erişim Lokantası'])
      expect(shown).not.toContain(secret);
    // The DPO cannot download it; the case office cannot download a self-service export.
    expect((await dpo.get(`/api/v1/data-protection/exports/${exportId}/file?format=json`)).status).toBe(403);
    expect((await s.counsellor.get(`/api/v1/data-protection/exports/${exportId}/file?format=json`)).status).toBe(404);
  });

  it('lets the signed-in person download it once per format: JSON and XLSX with headers in their language', async () => {
    const list = await seeker.client.get('/api/v1/me/data-exports');
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([exportId]);
    const json = await seeker.client.get(`/api/v1/me/data-exports/${exportId}/file?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(json.raw.body);
    expect(data.person.rows[0]).toMatchObject({
      givenName: 'Nurhayat',
      familyName: 'Erişimoğlu',
      idNumber: seeker.idNumber,
      phone: seeker.phone,
      email: seeker.email,
    });
    expect(data.disclosureLog.title).toBe('Verilerin aktarıldığı alıcılar');
    expect(data.disclosureLog.rows).toEqual([
      expect.objectContaining({ recipientKind: 'employer', recipientName: 'Erişim Lokantası', purpose: 'referral' }),
    ]);
    expect(JSON.stringify(data.person.rows[0])).not.toMatch(/idNumberEnc|idNumberIndex|nameKey/);
    expect((await seeker.client.get(`/api/v1/me/data-exports/${exportId}/file?format=json`)).status).toBe(410);

    const xlsx = await seeker.client.get(`/api/v1/me/data-exports/${exportId}/file?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.name).toBe('İçindekiler');
    const personSheet = workbook.getWorksheet('Kişi kaydı')!;
    const headers = (personSheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['Ad', 'Soyad', 'Kimlik numarası', 'Telefon', 'E-posta']));
    expect(workbook.getWorksheet('Verilerin aktarıldığı alıcılar')).toBeDefined();
    const downloads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dp-export.downloaded'), eq(auditEvents.subjectId, exportId)));
    expect(downloads.map((e) => e.purpose)).toEqual(['format:json', 'format:xlsx']);
    const after = await dpo.get(`/api/v1/data-protection/requests/${requestId}`);
    expect(after.body.exports[0].downloadedFormats).toEqual(['json', 'xlsx']);
  });

  it('prints a counter export at the case office of the person’s office only', async () => {
    const made = await dpo.post(`/api/v1/data-protection/requests/${requestId}/exports`, {
      delivery: 'counter',
      locale: 'en',
    });
    expect(made.status).toBe(201);
    const other = await t.as('ibb', 'counsellor2'); // Esenyurt
    const none = await other.get('/api/v1/data-protection/exports');
    expect(none.status, JSON.stringify(none.body)).toBe(200);
    expect(none.body.items).toEqual([]);
    const waiting = await s.counsellor.get('/api/v1/data-protection/exports');
    expect(waiting.body.items).toEqual([
      expect.objectContaining({ id: made.body.id, person: { id: seeker.personId, name: 'Nurhayat Erişimoğlu' } }),
    ]);
    expect((await other.get(`/api/v1/data-protection/exports/${made.body.id}/file?format=xlsx`)).status).toBe(404);
    const file = await s.counsellor.get(`/api/v1/data-protection/exports/${made.body.id}/file?format=xlsx`);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.raw.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Contents', 'Personal record']));
    expect((await seeker.client.get(`/api/v1/me/data-exports/${made.body.id}/file?format=xlsx`)).status).toBe(404);
  });

  it('answers the request; the person reads the answer on their profile', async () => {
    const answered = await dpo.post(`/api/v1/data-protection/requests/${requestId}/answer`, {
      answer: 'Tüm verileriniz profilinizden indirilebilir.',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', daysLeft: null });
    expect((await dpo.post(`/api/v1/data-protection/requests/${requestId}/refuse`, { reason: 'x' })).status).toBe(409);
    const own = await seeker.client.get('/api/v1/me/data-requests');
    expect(own.body.items).toContainEqual(
      expect.objectContaining({
        id: requestId,
        status: 'answered',
        answer: 'Tüm verileriniz profilinizden indirilebilir.',
      }),
    );
  });

  it('shows the person who received their data', async () => {
    const res = await seeker.client.get('/api/v1/me/recipients');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        recipientKind: 'employer',
        recipientName: 'Erişim Lokantası',
        purpose: 'referral',
        dataCategories: expect.arrayContaining(['identity', 'contact']),
        at: expect.any(String),
      },
    ]);
  });
});

describe('objections', () => {
  it('the person objects to an automated result from their profile; the DPO refuses with a reason', async () => {
    const filed = await seeker.client.post('/api/v1/me/data-requests', {
      kind: 'objection-automated',
      details: 'Eşleştirme sıralamasının bir danışman tarafından incelenmesini istiyorum.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'verified', dueOn: '2026-12-31' });
    const got = await dpo.get(`/api/v1/data-protection/requests/${filed.body.id}`);
    expect(got.body).toMatchObject({
      channel: 'self-service',
      person: { id: seeker.personId },
      identity: { method: 'signed-in-session', verifiedBy: null },
    });
    // Its person and identity are those of the session.
    expect(
      (await dpo.post(`/api/v1/data-protection/requests/${filed.body.id}/person`, { personId: seeker.personId }))
        .status,
    ).toBe(409);
    const refused = await dpo.post(`/api/v1/data-protection/requests/${filed.body.id}/refuse`, {
      reason: 'Eşleştirme yalnızca öneridir; her yönlendirmeye bir danışman karar verir.',
    });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('refused');
    const own = (await seeker.client.get('/api/v1/me/data-requests')).body.items;
    expect(own.find((r: { id: string }) => r.id === filed.body.id).refusalReason).toMatch(/yalnızca öneridir/);
  });

  it('answers an objection at the counter', async () => {
    const r = await readyRequest('objection');
    const answered = await dpo.post(`/api/v1/data-protection/requests/${r.id}/answer`, {
      answer: 'İtirazınız üzerine anket iletişimi durduruldu.',
    });
    expect(answered.body.status).toBe('answered');
  });
});

describe('rectification', () => {
  it('is accepted by the DPO, carried out by the case office, and passed on to the recipients', async () => {
    const r = await readyRequest('rectification');
    expect((await dpo.post(`/api/v1/data-protection/requests/${r.id}/answer`, { answer: 'x' })).body.code).toBe(
      'errors.dataProtection.notCarriedOut',
    );
    const accepted = await dpo.post(`/api/v1/data-protection/requests/${r.id}/accept`);
    expect(accepted.body.status).toBe('accepted');
    const due = await s.counsellor.get('/api/v1/data-protection/rectifications');
    expect(due.status).toBe(200);
    expect(due.body.items).toContainEqual(
      expect.objectContaining({ requestId: r.id, person: { id: seeker.personId, name: 'Nurhayat Erişimoğlu' } }),
    );
    expect((await (await t.as('ibb', 'counsellor2')).get('/api/v1/data-protection/rectifications')).body.items).toEqual(
      [],
    );
    t.clock.advance(60_000);
    const corrected = await s.counsellor.patch(`/api/v1/persons/${seeker.personId}`, { skills: 'Soğuk mutfak' });
    expect(corrected.status).toBe(200);
    const done = await s.counsellor.post(`/api/v1/data-protection/requests/${r.id}/carried-out`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.notified).toBe(1);
    const [message] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.recipient, 'ik@erisim-lokanta.example.org'),
          eq(outboxMessages.template, 'rectification-notice'),
        ),
      );
    expect(message!.body).toContain('skills');
    expect(message!.body).not.toContain('Soğuk mutfak');
    // Each notice is passed on once.
    expect((await s.counsellor.post(`/api/v1/data-protection/requests/${r.id}/carried-out`)).status).toBe(409);
    const answered = await dpo.post(`/api/v1/data-protection/requests/${r.id}/answer`, {
      answer: 'Bilgileriniz düzeltildi ve verilerinizi alan işverene bildirildi.',
    });
    expect(answered.body).toMatchObject({ status: 'answered', carriedOutAt: expect.any(String) });
  });
});

describe('who may use the desk', () => {
  it('refuses other roles (403) and answers 404 for another organisation’s request', async () => {
    const r = await register('access');
    for (const who of ['counsellor', 'admin', 'manager', 'analyst', 'employer'] as const) {
      const c = await t.as('ibb', who);
      expect((await c.get('/api/v1/data-protection/requests')).status, who).toBe(403);
      expect((await c.get(`/api/v1/data-protection/requests/${r.id}`)).status, who).toBe(403);
    }
    expect((await seeker.client.get('/api/v1/data-protection/requests')).status).toBe(403);
    expect((await dpo.get('/api/v1/me/data-requests')).status).toBe(403);
    const izmir = await t.as('izmir', 'dpo');
    expect((await izmir.get(`/api/v1/data-protection/requests/${r.id}`)).status).toBe(404);
    expect(
      (await izmir.post(`/api/v1/data-protection/requests/${r.id}/person-search`, { q: 'Erişimoğlu' })).status,
    ).toBe(404);
    // Another organisation's DPO finds no one of İBB's.
    const own = await izmir.post('/api/v1/data-protection/requests', { kind: 'access', channel: 'counter' });
    const search = await izmir.post(`/api/v1/data-protection/requests/${own.body.id}/person-search`, {
      q: seeker.idNumber,
    });
    expect(search.body.items).toEqual([]);
    const link = await izmir.post(`/api/v1/data-protection/requests/${own.body.id}/person`, {
      personId: seeker.personId,
    });
    expect(link.status).toBe(422);
    expect(link.body.errors[0].pointer).toBe('/personId');
  });
});
