import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { runSweep } from '../../jobs/handlers.ts';
import {
  auditEvents,
  intlAgreementDocuments,
  intlAgreements,
  intlEvents,
  intlFollowUps,
  intlMemberships,
  outboxMessages,
} from '../../db/schema/index.ts';

/**
 * International cooperation (issue 17) through the HTTP API: İŞKUR's demo relations, memberships over
 * time (an end before the start, overlapping periods of one role), events naming an unknown partner,
 * agreements with follow-up actions whose owners are reminded once per stage by the daily sweep on the
 * application clock, the partner's timeline in date order, search folded the Turkish way, and access.
 */

let t: TestContext;
let manager: TestClient; // Mehmet Demir, İBB (international:manage)
let analyst: TestClient; // Selin Arslan, İBB (international:read)
let counsellor: TestClient; // Zeynep Kaya (no international permission)
let izmir: TestClient; // İzmir's manager: another organisation

async function setClock(iso: string): Promise<void> {
  t.clock.set(new Date(iso));
  manager = await t.signIn(demoEmail('ibb', 'manager'));
  analyst = await t.signIn(demoEmail('ibb', 'analyst'));
  counsellor = await t.signIn(demoEmail('ibb', 'counsellor'));
  izmir = await t.signIn(demoEmail('izmir', 'manager'));
}

beforeAll(async () => {
  t = await createTestContext();
  await setClock('2026-12-01T09:00:00Z');
});
afterAll(async () => t.close());

const n = async (table: typeof intlMemberships | typeof intlEvents | typeof intlAgreements | typeof intlFollowUps) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;

const partner: Record<string, string> = {};
let managerId = '';

describe('international cooperation', () => {
  it("carries İŞKUR's relations from the demo data, dates as precise as they are known", async () => {
    const res = await manager.get('/api/v1/international/partners');
    expect(res.status).toBe(200);
    for (const p of res.body.items as { id: string; acronym: string | null; name: string }[])
      partner[p.acronym ?? p.name] = p.id;
    expect(partner['İŞKUR']).toBeDefined();
    const staff = await manager.get('/api/v1/international/staff');
    managerId = (staff.body.items as { id: string; name: string }[]).find((s) => s.name === 'Mehmet Demir')!.id;

    const memberships = await manager.get(`/api/v1/international/memberships?partnerId=${partner['İŞKUR']}`);
    const wapes = (
      memberships.body.items as {
        network: { acronym: string };
        role: string;
        startDate: string;
        endDate: string | null;
      }[]
    ).filter((m) => m.network.acronym === 'WAPES');
    expect(wapes.map((m) => [m.role, m.startDate, m.endDate])).toEqual([
      ['member', '2003-01-01', null],
      ['board-member', '2012-01-01', null],
      ['president', '2015-01-01', '2018-12-31'],
    ]);

    const oic = await manager.get(`/api/v1/international/events?partnerId=${partner['OIC-PESNET']}`);
    expect(oic.body.items.map((e: { startDate: string; precision: string }) => [e.startDate, e.precision])).toEqual([
      ['2014-04-01', 'month'],
      ['2016-09-27', 'day'],
    ]);
    const founding = await manager.get(`/api/v1/international/events?partnerId=${partner['WAPES']}`);
    expect(founding.body.items[0]).toMatchObject({ kind: 'founding', startDate: '1988-10-18', place: 'Cenevre' });

    const agreements = await manager.get(`/api/v1/international/agreements?partnerId=${partner['İŞKUR']}`);
    const macedonia = (
      agreements.body.items as {
        signedOn: string;
        parties: { partner: { name: string }; nameAtSigning: string | null }[];
      }[]
    ).find((a) => a.parties.some((p) => p.partner.name.startsWith('Kuzey Makedonya')))!;
    expect(macedonia.signedOn).toBe('2015-05-05');
    expect(macedonia.parties[1]!.nameAtSigning).toBe('Makedonya kamu istihdam kurumu');
  });

  it('refuses a membership ending before it starts and overlapping periods of one role, writing nothing', async () => {
    const before = await n(intlMemberships);
    const base = { memberId: partner['İŞKUR'], networkId: partner['OIC-PESNET'], role: 'member' };
    const bad = await manager.post('/api/v1/international/memberships', {
      ...base,
      startDate: '2020-05-01',
      endDate: '2019-05-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ pointer: '/endDate', code: 'errors.international.endBeforeStart' }),
    ]);
    expect(await n(intlMemberships)).toBe(before);

    const ok = await manager.post('/api/v1/international/memberships', {
      ...base,
      startDate: '2014-01-01',
      endDate: '2016-12-31',
    });
    expect(ok.status).toBe(201);
    const overlap = await manager.post('/api/v1/international/memberships', {
      ...base,
      startDate: '2016-01-01',
      precision: 'year',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.errors[0]).toMatchObject({ pointer: '/startDate' });
    // Another role over the same period is fine; the next period of the same role too.
    expect(
      (await manager.post('/api/v1/international/memberships', { ...base, role: 'chair', startDate: '2016-01-01' }))
        .status,
    ).toBe(201);
    expect((await manager.post('/api/v1/international/memberships', { ...base, startDate: '2017-01-01' })).status).toBe(
      201,
    );
    expect(await n(intlMemberships)).toBe(before + 3);
  });

  it('refuses an event naming an unknown partner (or another organisation’s), writing nothing', async () => {
    const before = await n(intlEvents);
    const body = {
      kind: 'workshop',
      title: 'Avrasya PESNET çalıştayı',
      startDate: '2026-11-10',
      endDate: '2026-11-11',
      partnerIds: [partner['Avrasya PESNET'], '00000000-0000-4000-8000-000000000000'],
      followUps: [{ title: 'Rapor', ownerId: managerId, deadline: '2026-12-30' }],
    };
    const res = await manager.post('/api/v1/international/events', body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/partnerIds/1', code: 'errors.international.partnerUnknown' }),
    ]);
    const reversed = await manager.post('/api/v1/international/events', { ...body, endDate: '2026-11-09' });
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/endDate', '/partnerIds/1']);
    const foreign = await izmir.post('/api/v1/international/events', {
      ...body,
      partnerIds: [partner['İŞKUR']],
      followUps: [],
    });
    expect(foreign.status).toBe(422); // İBB's partner is unknown to İzmir
    expect(foreign.body.errors[0]).toMatchObject({
      pointer: '/partnerIds/0',
      code: 'errors.international.partnerUnknown',
    });
    expect(await n(intlEvents)).toBe(before);
    expect(await n(intlFollowUps)).toBeGreaterThan(0);
  });

  it('refuses bad agreements whole: end before signature, signed without a date, an owner who is not staff', async () => {
    const before = [await n(intlAgreements), await n(intlFollowUps)];
    const res = await manager.post('/api/v1/international/agreements', {
      kind: 'protocol',
      title: 'Deneme protokolü',
      status: 'signed',
      validUntil: '2020-01-01',
      parties: [{ partnerId: partner['İŞKUR'] }, { partnerId: partner['İŞKUR'] }],
      followUps: [{ title: 'İzleme', ownerId: '00000000-0000-4000-8000-000000000000', deadline: '2027-01-01' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/followUps/0/ownerId',
      '/parties/1/partnerId',
      '/signedOn',
    ]);
    expect([await n(intlAgreements), await n(intlFollowUps)]).toEqual(before);
  });

  let actionId = '';
  const actionTitle = 'Ortak eylem planını hazırlamak';

  it('records a protocol with a follow-up action, shown on the partner’s timeline in date order', async () => {
    const res = await manager.post('/api/v1/international/agreements', {
      kind: 'protocol',
      title: 'İŞKUR – İBB istihdam işbirliği protokolü',
      signedOn: '2026-11-20',
      status: 'in-force',
      scope: 'Kayıtlı istihdam ve iş kulüpleri',
      parties: [{ partnerId: partner['İŞKUR'] }],
      documents: [{ title: 'İmzalı protokol', reference: 'EBYS 2026/145' }],
      followUps: [{ title: actionTitle, ownerId: managerId, deadline: '2026-12-20' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.followUps[0]).toMatchObject({
      title: actionTitle,
      owner: { name: 'Mehmet Demir' },
      status: 'open',
    });
    actionId = res.body.followUps[0].id;
    expect(
      (
        await t.database.db
          .select({ n: count() })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'intl-agreement.created'), eq(auditEvents.subjectId, res.body.id)))
      )[0]!.n,
    ).toBe(1);

    const timeline = await analyst.get(`/api/v1/international/partners/${partner['İŞKUR']}/timeline`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries as { kind: string; date: string; title: string; detail: string }[];
    expect(entries.map((e) => e.date)).toEqual([...entries.map((e) => e.date)].sort());
    expect(entries[0]).toMatchObject({ kind: 'membership', date: '2002-01-01', title: 'OECD LEED', detail: 'member' });
    const tail = entries.slice(-2);
    expect(tail.map((e) => [e.kind, e.date, e.title])).toEqual([
      ['agreement', '2026-11-20', 'İŞKUR – İBB istihdam işbirliği protokolü'],
      ['follow-up', '2026-12-20', actionTitle],
    ]);
  });

  it('reminds the owner once before the deadline and once when overdue, by the application clock', async () => {
    const sentFor = async (template: string) =>
      (
        await t.database.db
          .select({ n: count() })
          .from(outboxMessages)
          .where(
            and(
              eq(outboxMessages.template, template),
              eq(outboxMessages.recipient, demoEmail('ibb', 'manager')),
              like(outboxMessages.body, `%${actionTitle}%`),
            ),
          )
      )[0]!.n;
    await runSweep(t.deps, 'international-follow-ups');
    expect(await sentFor('international-action-due')).toBe(0); // 19 days ahead: not yet

    t.clock.set(new Date('2026-12-14T06:00:00Z')); // 6 days before the deadline
    await runSweep(t.deps, 'international-follow-ups');
    await runSweep(t.deps, 'international-follow-ups');
    expect(await sentFor('international-action-due')).toBe(1);
    expect(await sentFor('international-action-overdue')).toBe(0);

    t.clock.set(new Date('2026-12-21T06:00:00Z'));
    await runSweep(t.deps, 'international-follow-ups');
    await runSweep(t.deps, 'international-follow-ups');
    expect(await sentFor('international-action-due')).toBe(1);
    expect(await sentFor('international-action-overdue')).toBe(1);

    await setClock('2026-12-21T06:00:00Z');
    const done = await manager.patch(`/api/v1/international/follow-ups/${actionId}`, { status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    const message = await t.lastMessageTo(demoEmail('ibb', 'manager'));
    expect(message?.template).toBe('international-action-overdue');
    expect(message?.body).toContain('20 Aralık 2026');
  });

  it('searches publications and good practices folding İ/ı, ş, ğ the Turkish way, in tr/en/ar', async () => {
    const q = async (path: string, query: string) =>
      (
        (await analyst.get(`/api/v1/international/${path}?q=${encodeURIComponent(query)}`)).body.items as {
          title: { tr: string };
        }[]
      ).map((i) => i.title.tr);
    expect(await q('practices', 'isbasi')).toEqual(['İşbaşı Eğitim Programı (demo)']);
    expect(await q('practices', 'İŞBAŞI')).toEqual(['İşbaşı Eğitim Programı (demo)']);
    expect(await q('practices', 'ışbaşı eğitim')).toEqual(['İşbaşı Eğitim Programı (demo)']);
    expect(await q('practices', 'IS KULUPLERI')).toEqual(['İş Kulüpleri (demo)']);
    expect(await q('practices', 'job clubs')).toEqual(['İş Kulüpleri (demo)']);
    expect(await q('practices', 'نوادي')).toEqual(['İş Kulüpleri (demo)']);
    expect(await q('publications', 'GOC')).toEqual(['Göç ve İstihdam']);
    expect(await q('publications', 'milli istihdam')).toEqual(['Milli İstihdam Seferberliği']);
    expect(await q('publications', "İş'in yeni")).toEqual(["İş'in Yeni Dünyası"]);
    const themed = await analyst.get('/api/v1/international/publications?theme=employment-policy');
    expect(themed.body.items.map((p: { year: number }) => p.year)).toEqual([2018, 2017]);
  });

  it('edits memberships, events, publications and good practices under the rules of new ones, audited', async () => {
    const base = { memberId: partner['İŞKUR'], networkId: partner['OECD LEED'], role: 'observer' };
    const first = await manager.post('/api/v1/international/memberships', {
      ...base,
      startDate: '2020-01-01',
      endDate: '2021-12-31',
    });
    const second = await manager.post('/api/v1/international/memberships', { ...base, startDate: '2024-01-01' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const url = `/api/v1/international/memberships/${first.body.id}`;
    // Its own period is no overlap; the next period is, and an end before the start is refused whole.
    const closed = await manager.put(url, {
      ...base,
      startDate: '2020-01-01',
      endDate: '2023-12-31',
      note: 'Gözlemci',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ endDate: '2023-12-31', note: 'Gözlemci' });
    const overlapping = await manager.put(url, { ...base, startDate: '2020-01-01', endDate: '2024-06-30' });
    expect(overlapping.status).toBe(409);
    const reversed = await manager.put(url, { ...base, startDate: '2020-01-01', endDate: '2019-12-31' });
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0]).toMatchObject({ pointer: '/endDate', code: 'errors.international.endBeforeStart' });
    const [row] = await t.database.db.select().from(intlMemberships).where(eq(intlMemberships.id, first.body.id));
    expect(row).toMatchObject({ endDate: '2023-12-31', note: 'Gözlemci' });
    expect((await izmir.put(url, { ...base, startDate: '2020-01-01' })).status).toBe(422); // İBB's partners

    const event = await manager.post('/api/v1/international/events', {
      kind: 'meeting',
      title: 'OECD LEED toplantısı',
      startDate: '2026-10-01',
      endDate: '2026-10-01',
      followUps: [{ title: 'Tutanak', ownerId: managerId, deadline: '2026-12-30' }],
    });
    expect(event.status).toBe(201);
    const eventUrl = `/api/v1/international/events/${event.body.id}`;
    const changed = {
      kind: 'workshop',
      title: 'OECD LEED çalıştayı',
      startDate: '2026-10-01',
      endDate: '2026-10-02',
      hostId: partner['OECD LEED'],
      outcomes: 'Ortak rapor',
    };
    const edited = await manager.put(eventUrl, changed);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ kind: 'workshop', endDate: '2026-10-02', outcomes: 'Ortak rapor' });
    expect(edited.body.followUps.map((f: { title: string }) => f.title)).toEqual(['Tutanak']);
    const unknownHost = await manager.put(eventUrl, { ...changed, hostId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownHost.status).toBe(422);
    expect(unknownHost.body.errors[0]).toMatchObject({ pointer: '/hostId' });
    expect((await manager.put(eventUrl, { ...changed, followUps: [] })).status).toBe(422); // follow-ups apart
    expect((await manager.get(eventUrl)).body.title).toBe('OECD LEED çalıştayı');
    expect((await izmir.put(eventUrl, { ...changed, hostId: null })).status).toBe(404);
    const added = await manager.post(`${eventUrl}/follow-ups`, {
      title: 'Raporu paylaşmak',
      ownerId: managerId,
      deadline: '2027-01-15',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ eventId: event.body.id, owner: { name: 'Mehmet Demir' } });

    const publication = await manager.post('/api/v1/international/publications', {
      kind: 'report',
      year: 2026,
      titleTr: 'Kooperatifler raporu',
      themes: ['cooperatives'],
    });
    expect(publication.status).toBe(201);
    const pubUrl = `/api/v1/international/publications/${publication.body.id}`;
    const pub = await manager.put(pubUrl, {
      kind: 'report',
      year: 2026,
      titleTr: 'Kooperatifler ve kayıt dışılık raporu',
      titleAr: 'تقرير التعاونيات',
      themes: ['cooperatives', 'informality'],
    });
    expect(pub.status).toBe(200);
    const found = await analyst.get(`/api/v1/international/publications?q=${encodeURIComponent('KAYIT DISI')}`);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([publication.body.id]);
    const arabic = await analyst.get(`/api/v1/international/publications?q=${encodeURIComponent('التعاونيات')}`);
    expect(arabic.body.items.map((p: { id: string }) => p.id)).toEqual([publication.body.id]);
    const badYear = await manager.put(pubUrl, { kind: 'report', year: 1800, titleTr: 'X raporu', themes: [] });
    expect(badYear.status).toBe(422);

    const practice = await manager.post('/api/v1/international/practices', {
      titleTr: 'Kooperatif danışma masası',
      summaryTr: 'Kooperatif kurmak isteyenlere danışmanlık.',
      themes: ['cooperatives'],
    });
    expect(practice.status).toBe(201);
    const practiceUrl = `/api/v1/international/practices/${practice.body.id}`;
    const renamed = await manager.put(practiceUrl, {
      titleTr: 'Kooperatif danışma masası',
      titleEn: 'Cooperative help desk',
      summaryTr: 'Kooperatif kurmak isteyenlere danışmanlık.',
      summaryEn: 'Advice for those founding a cooperative.',
      country: 'TR',
      themes: ['cooperatives'],
    });
    expect(renamed.status).toBe(200);
    const byEnglish = await analyst.get(`/api/v1/international/practices?q=${encodeURIComponent('help desk')}`);
    expect(byEnglish.body.items.map((p: { id: string }) => p.id)).toEqual([practice.body.id]);
    const taken = await manager.put(practiceUrl, {
      titleTr: 'İş Kulüpleri (demo)',
      summaryTr: 'Aynı başlık',
      themes: [],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0]).toMatchObject({ pointer: '/titleTr' });
    expect((await analyst.put(practiceUrl, { titleTr: 'Deneme', summaryTr: 'Deneme', themes: [] })).status).toBe(403);

    const audited = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(like(auditEvents.action, 'intl-%.updated'));
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set([
        'intl-follow-up.updated', // the reminders' test before
        'intl-membership.updated',
        'intl-event.updated',
        'intl-publication.updated',
        'intl-practice.updated',
      ]),
    );
  });

  it("keeps an agreement's uploaded document, checked by size and type, its upload and download audited", async () => {
    const agreement = (await manager.get(`/api/v1/international/agreements?partnerId=${partner['İŞKUR']}`)).body
      .items[0] as { id: string; documents: unknown[] };
    const url = `/api/v1/international/agreements/${agreement.id}/documents`;
    const pdf = Buffer.from('%PDF-1.4\n% imzalı protokol\n%%EOF\n');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const body = {
      title: 'İmzalı protokol',
      fileName: 'protokol.pdf',
      mediaType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    };
    const docs = async () =>
      (
        await t.database.db
          .select()
          .from(intlAgreementDocuments)
          .where(eq(intlAgreementDocuments.agreementId, agreement.id))
      ).length;
    const before = await docs();

    const mismatch = await manager.post(url, { ...body, contentBase64: png.toString('base64') });
    expect(mismatch.status).toBe(422);
    expect(mismatch.headers['content-type']).toContain('application/problem+json');
    expect(mismatch.body.errors[0]).toMatchObject({ pointer: '/mediaType', code: 'errors.documents.typeMismatch' });
    const text = await manager.post(url, { ...body, contentBase64: Buffer.from('merhaba').toString('base64') });
    expect(text.body.errors[0]).toMatchObject({ pointer: '/contentBase64', code: 'errors.documents.unsupportedType' });
    const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await manager.post(url, { ...body, contentBase64: big.toString('base64') });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body.errors[0]).toMatchObject({ pointer: '/contentBase64', code: 'errors.documents.tooLarge' });
    expect((await manager.post(url, { ...body, mediaType: 'text/plain' })).status).toBe(422);
    expect((await analyst.post(url, body)).status).toBe(403);
    expect((await izmir.post(url, body)).status).toBe(404);
    expect(await docs()).toBe(before);

    const uploaded = await manager.post(url, body);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      title: 'İmzalı protokol',
      file: {
        fileName: 'protokol.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        uploadedBy: 'Mehmet Demir',
      },
    });
    const shown = await analyst.get(`/api/v1/international/agreements/${agreement.id}`);
    expect(shown.body.documents.at(-1)).toMatchObject({ id: uploaded.body.id, file: { fileName: 'protokol.pdf' } });
    // Replacing the documents recorded by reference keeps the uploaded file.
    expect((await manager.patch(`/api/v1/international/agreements/${agreement.id}`, { documents: [] })).status).toBe(
      200,
    );
    const content = await analyst.get(`${url}/${uploaded.body.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['content-disposition']).toContain('protokol.pdf');
    expect((await izmir.get(`${url}/${uploaded.body.id}/content`)).status).toBe(404);
    const audited = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, agreement.id), like(auditEvents.action, 'intl-agreement.document-%')));
    expect(audited.map((a) => a.action).sort()).toEqual([
      'intl-agreement.document-attached',
      'intl-agreement.document-downloaded',
    ]);

    expect((await analyst.delete(`${url}/${uploaded.body.id}`)).status).toBe(403);
    expect((await manager.delete(`${url}/${uploaded.body.id}`)).status).toBe(204);
    expect((await manager.get(`${url}/${uploaded.body.id}/content`)).status).toBe(404);
  });

  it('lets readers read, managers write; another organisation sees nothing of it', async () => {
    expect((await counsellor.get('/api/v1/international/agreements')).status).toBe(403);
    expect((await counsellor.get(`/api/v1/international/partners/${partner['İŞKUR']}/timeline`)).status).toBe(403);
    expect(
      (
        await analyst.post('/api/v1/international/practices', {
          titleTr: 'Deneme',
          summaryTr: 'Deneme özeti',
          themes: [],
        })
      ).status,
    ).toBe(403);
    const list = await manager.get('/api/v1/international/agreements');
    const id = list.body.items[0].id as string;
    expect((await izmir.get(`/api/v1/international/agreements/${id}`)).status).toBe(404);
    expect((await izmir.get(`/api/v1/international/partners/${partner['İŞKUR']}/timeline`)).status).toBe(404);
    expect((await izmir.get('/api/v1/international/agreements')).body.items).toEqual([]);
  });
});
