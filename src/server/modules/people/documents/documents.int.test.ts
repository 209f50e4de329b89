import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { auditEvents, personDocuments } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { turkishDate } from '../../../../common/working-days.ts';

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
});
afterAll(async () => t.close());

let serial = 700_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '1'));

async function register(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Gülşen',
    familyName: 'Öztürk',
    idKind: 'tckn',
    idNumber: tckn(),
    birthDate: '1991-11-11',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: `0535 ${String(serial).slice(-7, -4)} ${String(serial).slice(-4, -2)} ${String(serial).slice(-2)}`,
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452', 'hex'),
  Buffer.alloc(17),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]);

const documentCount = async () => (await t.database.db.select({ n: count() }).from(personDocuments))[0]!.n;

/** The text of a PDF, as a reader would copy it (pdf.js through unpdf). */
async function pdfText(raw: string | Buffer): Promise<string> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'binary') : raw;
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

/** Fetches a PDF route and returns its bytes. */
async function pdfOf(client: TestClient, url: string) {
  const res = await client.get(url);
  return { res, bytes: res.raw.rawPayload };
}

describe('documents', () => {
  it('uploads a PDF, lists its metadata, downloads the same bytes as an attachment, deletes it; all audited', async () => {
    const person = await register({ givenName: 'Belgeli', familyName: 'Kişi' });
    const up = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'signed-notice',
      fileName: 'C:\\Taramalar\\aydınlatma metni — imzalı.pdf',
      mediaType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({
      kind: 'signed-notice',
      fileName: 'aydınlatma metni — imzalı.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: 'Zeynep Kaya',
    });
    const png = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'certificate',
      fileName: 'sertifika.png',
      mediaType: 'image/png',
      contentBase64: PNG.toString('base64'),
    });
    expect(png.status).toBe(201);
    const jpeg = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'other',
      fileName: 'foto.jpg',
      mediaType: 'image/jpeg',
      contentBase64: JPEG.toString('base64'),
    });
    expect(jpeg.status).toBe(201);

    const list = await counsellor.get(`/api/v1/persons/${person}/documents`);
    expect(list.body.items).toHaveLength(3);
    expect(JSON.stringify(list.body)).not.toContain('content');

    const download = await counsellor.get(`/api/v1/persons/${person}/documents/${up.body.id}/content`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    // Downloaded under a neutral name (kind, day, short id), never the uploaded name (issue 8, item 17).
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="belge-${turkishDate(t.clock.now())}-${up.body.id.slice(0, 8)}.pdf"; filename*=UTF-8''belge-${turkishDate(t.clock.now())}-${up.body.id.slice(0, 8)}.pdf`,
    );
    expect(Buffer.compare(download.raw.rawPayload, PDF)).toBe(0);
    const image = await counsellor.get(`/api/v1/persons/${person}/documents/${png.body.id}/content`);
    expect(image.headers['content-type']).toBe('image/png');

    const removed = await counsellor.delete(`/api/v1/persons/${person}/documents/${up.body.id}`);
    expect(removed.status).toBe(204);
    expect((await counsellor.delete(`/api/v1/persons/${person}/documents/${up.body.id}`)).status).toBe(404);
    expect((await counsellor.get(`/api/v1/persons/${person}/documents/${up.body.id}/content`)).status).toBe(404);
    expect((await counsellor.get(`/api/v1/persons/${person}/documents`)).body.items).toHaveLength(2);
    const events = await t.database.db
      .select({ action: auditEvents.action, purpose: auditEvents.purpose })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, person));
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'document.attached', purpose: 'signed-notice' },
        { action: 'document.removed', purpose: 'signed-notice' },
      ]),
    );
  });

  it.each([
    [
      'a PNG declared as a PDF',
      { mediaType: 'application/pdf', contentBase64: PNG.toString('base64') },
      '/mediaType',
      'errors.documents.typeMismatch',
    ],
    [
      'a text file declared as a PDF',
      { contentBase64: Buffer.from('merhaba dünya').toString('base64') },
      '/contentBase64',
      'errors.documents.unsupportedType',
    ],
    [
      'an HTML page declared as a PNG',
      { mediaType: 'image/png', contentBase64: Buffer.from('<html><script>x</script>').toString('base64') },
      '/contentBase64',
      'errors.documents.unsupportedType',
    ],
    [
      'content that is not base64',
      { contentBase64: '%%%not base64%%%' },
      '/contentBase64',
      'errors.documents.notBase64',
    ],
    ['a type outside PDF, JPEG and PNG', { mediaType: 'text/plain' }, '/mediaType', 'errors.validation.enum'],
    ['an unknown kind', { kind: 'passport-scan' }, '/kind', 'errors.validation.enum'],
  ])('refuses %s with a problem naming the field, and stores nothing', async (_name, change, pointer, code) => {
    const person = await register({ givenName: 'Hatalı', familyName: 'Dosya' });
    const before = await documentCount();
    const res = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'other',
      fileName: 'dosya.pdf',
      mediaType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
      ...change,
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    expect(await documentCount()).toBe(before);
  });

  it('refuses a file over 5 MB (422), and stores nothing', async () => {
    const person = await register({ givenName: 'Büyük', familyName: 'Dosya' });
    const before = await documentCount();
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const res = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'other',
      fileName: 'büyük.pdf',
      mediaType: 'application/pdf',
      contentBase64: big.toString('base64'),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/contentBase64', code: 'errors.documents.tooLarge' });
    expect(await documentCount()).toBe(before);
    const exact = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'other',
      fileName: 'tam.pdf',
      mediaType: 'application/pdf',
      contentBase64: big.subarray(0, 5 * 1024 * 1024).toString('base64'),
    });
    expect(exact.status).toBe(201);
  });

  it("answers 404 to another office's counsellor, 403 to an analyst and to read-only roles writing", async () => {
    const person = await register({ givenName: 'Gizli', familyName: 'Belge' });
    const up = await counsellor.post(`/api/v1/persons/${person}/documents`, {
      kind: 'other',
      fileName: 'gizli.pdf',
      mediaType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    const izmir = await t.as('izmir', 'counsellor');
    for (const client of [counsellor2, izmir]) {
      for (const res of [
        await client.get(`/api/v1/persons/${person}/documents`),
        await client.get(`/api/v1/persons/${person}/documents/${up.body.id}/content`),
        await client.delete(`/api/v1/persons/${person}/documents/${up.body.id}`),
        await client.post(`/api/v1/persons/${person}/documents`, {
          kind: 'other',
          fileName: 'x.pdf',
          mediaType: 'application/pdf',
          contentBase64: PDF.toString('base64'),
        }),
        await client.get(`/api/v1/persons/${person}/forms/notice`),
        await client.get(`/api/v1/persons/${person}/forms/consent`),
        await client.get(`/api/v1/persons/${person}/cv`),
      ]) {
        expect(res.status).toBe(404);
        expect(String(res.raw.body)).not.toContain('Gizli');
      }
    }
    const analyst = await t.as('ibb', 'analyst');
    expect((await analyst.get(`/api/v1/persons/${person}/documents`)).status).toBe(403);
    expect((await analyst.get(`/api/v1/persons/${person}/forms/notice`)).status).toBe(403);
    const manager = await t.as('ibb', 'manager');
    expect((await manager.get(`/api/v1/persons/${person}/documents`)).status).toBe(200);
    expect((await manager.delete(`/api/v1/persons/${person}/documents/${up.body.id}`)).status).toBe(403);
    expect((await counsellor.get(`/api/v1/persons/${person}/documents`)).body.items).toHaveLength(1);
  });
});

describe('printable forms', () => {
  it('prints the information notice in Turkish, English and Arabic with the person’s name', async () => {
    const person = await register({ givenName: 'Şükriye', familyName: 'Çağlar' });
    for (const [locale, phrase] of [
      ['tr', 'Aydınlatma Metni'],
      ['en', 'Information Notice'],
      ['ar', 'KVKK'],
    ] as const) {
      const { res, bytes } = await pdfOf(counsellor, `/api/v1/persons/${person}/forms/notice?locale=${locale}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(
          `^attachment; filename="aydinlatma-metni-${turkishDate(t.clock.now())}-${person.slice(0, 8)}\\.pdf"`,
        ),
      );
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(bytes);
      expect(text).toContain('Şükriye Çağlar');
      expect(text).toContain(phrase);
      expect(text).toContain('İstanbul Büyükşehir Belediyesi');
    }
    // Without a locale: the person's language.
    const arabic = await register({
      givenName: 'Rania',
      familyName: 'Haddad',
      nationality: 'SY',
      languages: [{ code: 'ar', level: 'native' }],
    });
    const { bytes } = await pdfOf(counsellor, `/api/v1/persons/${arabic}/forms/notice`);
    const text = await pdfText(bytes);
    expect(text).toContain('Rania Haddad');
    expect(text).not.toContain('Aydınlatma');
    const bad = await counsellor.get(`/api/v1/persons/${person}/forms/notice?locale=de`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/querystring/locale');
  });

  it('prints the consent form with the chosen purposes only', async () => {
    const person = await register({ givenName: 'Rıza', familyName: 'Formlu' });
    const { res, bytes } = await pdfOf(
      counsellor,
      `/api/v1/persons/${person}/forms/consent?locale=tr&purposes=surveys,share-with-partners&partner=UNDP`,
    );
    expect(res.status).toBe(200);
    const text = await pdfText(bytes);
    expect(text).toContain('Rıza Formlu');
    expect(text).toContain('Açık Rıza Formu');
    expect(text).toContain('Anketler');
    expect(text).toContain('UNDP');
    expect(text).not.toContain('Fotoğraf');
    expect(text).not.toContain('Roman');
    const english = await pdfText((await pdfOf(counsellor, `/api/v1/persons/${person}/forms/consent?locale=en`)).bytes);
    expect(english).toContain('Sharing my profile with employers');
    const bad = await counsellor.get(`/api/v1/persons/${person}/forms/consent?purposes=surveys,mind-reading`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({
      pointer: '/querystring/purposes',
      code: 'errors.documents.purposeUnknown',
    });
  });
});

describe('CV', () => {
  it('generates a CV from the profile with consent, never with the ID number or target groups; audited', async () => {
    const idNumber = tckn();
    const person = await register({
      givenName: 'Meryem',
      familyName: 'Kılıç',
      idNumber,
      email: 'meryem.kilic@example.org',
      iscedLevel: 3,
      iscedField: '0722',
      graduationYear: 2009,
      skills: 'Pasta ve hamur işleri; hijyen belgesi',
      desiredOccupations: ['Pastacı', 'Aşçı yardımcısı'],
      languages: [
        { code: 'tr', level: 'native' },
        { code: 'en', level: 'A2' },
      ],
      workHistory: [
        { occupation: 'Pastane çalışanı', employer: 'Tatlı Köşe', startDate: '2018-04-01', registered: false },
      ],
      targetGroups: [
        { group: 'woman-care', details: { childrenUnder6: 2 } },
        { group: 'disability', details: { reportPercentage: 60, accessibilityNeeds: 'Rampa gerekli' } },
        { group: 'informal-worker', details: { kind: 'domestic-worker' } },
      ],
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'paper' }],
    });
    const { res, bytes } = await pdfOf(counsellor, `/api/v1/persons/${person}/cv?locale=tr`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(bytes);
    for (const expected of ['Meryem Kılıç', 'meryem.kilic@example.org', 'Pastacı', 'Tatlı Köşe', 'Lise', 'İngilizce']) {
      expect(text).toContain(expected);
    }
    const folded = text.toLocaleLowerCase('tr');
    expect(text).not.toContain(idNumber);
    expect(text).not.toMatch(/\d{2}\*{7}\d{2}/);
    for (const forbidden of [
      'engel',
      'rampa',
      'disab',
      'woman',
      'kadın',
      'informal',
      'kayıt dışı',
      'ev işçisi',
      '1991',
    ]) {
      expect(folded).not.toContain(forbidden);
    }
    const english = await pdfText((await pdfOf(counsellor, `/api/v1/persons/${person}/cv?locale=en`)).bytes);
    expect(english).toContain('Work experience');
    expect(english).toContain('Meryem Kılıç');
    const events = await t.database.db
      .select({ purpose: auditEvents.purpose })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, person), eq(auditEvents.action, 'document.cv-generated')));
    expect(events.map((e) => e.purpose).sort()).toEqual(['cv-generated:en', 'cv-generated:tr']);
  });

  it('refuses a CV without an active share-with-employers consent (409)', async () => {
    const person = await register({
      givenName: 'Rızasız',
      familyName: 'Kişi',
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'paper' }],
    });
    expect((await counsellor.get(`/api/v1/persons/${person}/cv`)).status).toBe(200);
    const consents = await counsellor.get(`/api/v1/persons/${person}/consents`);
    await counsellor.post(`/api/v1/persons/${person}/consents/${consents.body.consents[0].id}/withdraw`);
    const refused = await counsellor.get(`/api/v1/persons/${person}/cv`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.documents.cvNeedsConsent');
    const never = await register({ givenName: 'Hiç', familyName: 'Rıza Yok' });
    expect((await counsellor.get(`/api/v1/persons/${never}/cv`)).status).toBe(409);
  });
});
