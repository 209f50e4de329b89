import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../test/harness.ts';
import { employers, persons } from '../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../common/identity-number.ts';

// Issue 8, items 16, 17 (headers, URLs, file names) and 20, through the HTTP API.

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let officer: TestClient; // employer relations, İBB
let serial = 555_000_00;

beforeAll(async () => {
  // Errors are logged at level "error": the log test reads them.
  t = await createTestContext({ logLevel: 'error' });
  counsellor = await t.as('ibb', 'counsellor');
  officer = await t.as('ibb', 'employer-relations');
});
afterAll(async () => t.close());

function person(overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    givenName: 'Nurettin',
    familyName: 'Karaağaç',
    idKind: 'tckn',
    idNumber: withTcknChecksum(String(serial).padStart(9, '5')),
    birthDate: '1979-03-03',
    sex: 'male',
    nationality: 'TR',
    phone: `0533 ${String(serial).slice(-7, -4)} ${String(serial).slice(-4, -2)} ${String(serial).slice(-2)}`,
    address: 'Karagümrük Mah. Kırk Çeşme Sok. No: 7',
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Depo görevlisi'],
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    ...overrides,
  };
}

const personCount = async () => (await t.database.db.select({ n: count() }).from(persons))[0]!.n;

function employer(overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    legalName: `Güvenli Web Ltd. Şti. ${serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '6').slice(0, 9)),
    naceCode: '62.01',
    workerCount: 12,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
    ...overrides,
  };
}

describe('item 16: control characters are refused at validation', () => {
  it('answers 422 naming the field for a NUL byte in a person’s skills, and writes nothing', async () => {
    const before = await personCount();
    const res = await counsellor.post('/api/v1/persons', person({ skills: 'Forklift\u0000 ehliyeti' }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { pointer: '/skills', code: 'errors.validation.controlCharacters', message: expect.stringMatching(/kontrol/) },
    ]);
    expect(await personCount()).toBe(before);
  });

  it('refuses a NUL in a sign-in e-mail and in array items, with the pointer of each', async () => {
    const signIn = await t.anonymous.post('/api/v1/auth/sign-in', { email: 'a\u0000@b.example', password: 'x' });
    expect(signIn.status).toBe(422);
    expect(signIn.body.errors[0]).toMatchObject({ pointer: '/email', code: 'errors.validation.controlCharacters' });
    const occupations = await counsellor.post(
      '/api/v1/persons',
      person({ desiredOccupations: ['Aşçı', 'Garson\u0007'] }),
    );
    expect(occupations.status).toBe(422);
    expect(occupations.body.errors[0].pointer).toBe('/desiredOccupations/1');
  });

  it('allows line breaks in multi-line fields only', async () => {
    const oneLine = await counsellor.post('/api/v1/persons', person({ givenName: 'Nur\nettin' }));
    expect(oneLine.status).toBe(422);
    expect(oneLine.body.errors[0]).toMatchObject({
      pointer: '/givenName',
      code: 'errors.validation.controlCharacters',
    });
    const multi = await counsellor.post(
      '/api/v1/persons',
      person({ skills: 'Forklift ehliyeti\r\nİlk yardım sertifikası\tgeçerli', address: 'Kat 2\nDaire 5' }),
    );
    expect(multi.status).toBe(201);
    expect(multi.body.skills).toBe('Forklift ehliyeti\r\nİlk yardım sertifikası\tgeçerli');
  });

  it('answers 400, not 500, for a NUL in a query string', async () => {
    const page = await t.anonymous.get('/jobs?district=%00');
    expect(page.status).toBe(400);
    const api = await t.anonymous.get('/api/v1/public/vacancies?district=%00');
    expect(api.status).toBe(400);
    expect(api.body.errors[0]).toMatchObject({
      pointer: '/querystring/district',
      code: 'errors.validation.controlCharacters',
    });
    const search = await counsellor.post('/api/v1/persons/search', { q: '\u0000' });
    expect(search.status).toBe(422);
    expect(search.body.errors[0]).toMatchObject({ pointer: '/q', code: 'errors.validation.controlCharacters' });
  });
});

describe('item 16: no personal data in the error log', () => {
  it('logs a database error without the statement’s values', async () => {
    // A refusal only the database knows about: the error carries the INSERT's parameters.
    await t.ownerExec(
      "ALTER TABLE persons ADD CONSTRAINT test_refuses_this_skill CHECK (skills IS NULL OR skills <> 'Patlayıcı uzmanı')",
    );
    try {
      t.logLines.length = 0;
      const body = person({ givenName: 'Hüsnü', familyName: 'Zeytinoğlu', skills: 'Patlayıcı uzmanı' });
      const res = await counsellor.post('/api/v1/persons', body);
      expect(res.status).toBe(500);
      const log = t.logLines.join('\n');
      expect(log).toContain('request failed');
      for (const value of ['Hüsnü', 'Zeytinoğlu', 'Patlayıcı', 'Kırk Çeşme', body.phone.slice(-5)]) {
        expect(log).not.toContain(value);
      }
      expect(log).not.toMatch(/"params"|"parameters"|"detail"/);
      // What failed is still there to debug it: the SQLSTATE and the constraint.
      expect(log).toContain('23514');
      expect(log).toContain('test_refuses_this_skill');
    } finally {
      await t.ownerExec('ALTER TABLE persons DROP CONSTRAINT test_refuses_this_skill');
    }
  });
});

describe('item 17: response headers', () => {
  it('marks API answers no-store: JSON, problems and files', async () => {
    const me = await counsellor.get('/api/v1/me');
    expect(me.headers['cache-control']).toBe('no-store');
    const problem = await t.anonymous.get('/api/v1/persons');
    expect(problem.status).toBe(401);
    expect(problem.headers['cache-control']).toBe('no-store');
    const list = await counsellor.get('/api/v1/persons?pageSize=1');
    const form = await counsellor.get(`/api/v1/persons/${list.body.items[0].id}/forms/notice`);
    expect(form.status).toBe(200);
    expect(String(form.headers['cache-control'])).toContain('no-store');
  });
});

describe('missing files (found by the wapiti scan)', () => {
  it('answers 404 for a file that is not there instead of the web app', async () => {
    for (const path of ['/jobs.bak', '/backup.zip', '/.jobs.swp', '/jobs~', '/index.php']) {
      expect((await t.anonymous.get(path)).status, path).toBe(404);
    }
  });
});

describe('item 17: web addresses', () => {
  it('refuses javascript:, data: and other non-http(s) addresses for an employer’s website', async () => {
    for (const website of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>1</script>',
      'ftp://x.example',
      '/relative',
      'https://',
    ]) {
      const res = await officer.post('/api/v1/employers', employer({ website }));
      expect(res.status, website).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ pointer: '/website', code: 'errors.validation.format.http-url' });
    }
    const ok = await officer.post('/api/v1/employers', employer({ website: 'https://ornek.example/hakkimizda' }));
    expect(ok.status).toBe(201);
    const patched = await officer.patch(`/api/v1/employers/${ok.body.id}`, { website: 'JavaScript:alert(1)' });
    expect(patched.status).toBe(422);
  });

  it('never links to a stored address that is not http(s)', async () => {
    const created = await officer.post('/api/v1/employers', employer());
    // A row written before the check existed.
    await t.database.db
      .update(employers)
      .set({ website: 'javascript:alert(1)' })
      .where(eq(employers.id, created.body.id));
    const res = await officer.get(`/api/v1/employers/${created.body.id}`);
    expect(res.body.website).toBeNull();
  });
});

describe('item 17: file names', () => {
  it('names printable forms and CVs neutrally, never after the person', async () => {
    const created = await counsellor.post(
      '/api/v1/persons',
      person({
        givenName: 'Şeyma',
        familyName: 'Yıldırımoğlu',
        consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
      }),
    );
    expect(created.status).toBe(201);
    for (const path of ['forms/notice', 'forms/consent', 'cv']) {
      const res = await counsellor.get(`/api/v1/persons/${created.body.id}/${path}`);
      expect(res.status, path).toBe(200);
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).not.toMatch(/seyma|yildirim|%C5%9Eeyma|Y%C4%B1ld/i);
      expect(disposition).toMatch(/filename="[a-z-]+-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf"/);
    }
  });
});

describe('item 20: bodies keep their JSON types', () => {
  it('clears a vacancy’s education level with null instead of setting it to 0', async () => {
    const emp = await officer.post('/api/v1/employers', employer());
    const start = new Date(t.clock.now().getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    const created = await officer.post('/api/v1/vacancies', {
      employerId: emp.body.id,
      title: 'Depo sorumlusu',
      occupation: 'Depo sorumlusu',
      duties: 'Mal kabul, sayım ve sevkiyat hazırlığı.',
      iscedLevel: 3,
      province: 'İstanbul',
      district: 'Fatih',
      positions: 1,
      contractType: 'permanent',
      startDate: start,
      hoursPerDay: 8,
      hoursPerWeek: 40,
      shifts: ['day'],
      wageMin: 40000,
      wageBasis: 'gross',
    });
    expect(created.status).toBe(201);
    expect(created.body.iscedLevel).toBe(3);
    const cleared = await officer.patch(`/api/v1/vacancies/${created.body.id}`, { iscedLevel: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.iscedLevel).toBeNull();
    // A number written as text is a type error in a body, not a number.
    const text = await officer.patch(`/api/v1/vacancies/${created.body.id}`, { positions: '2' });
    expect(text.status).toBe(422);
    expect(text.body.errors[0]).toMatchObject({ pointer: '/positions', code: 'errors.validation.type' });
    // Query strings are still read as numbers.
    expect((await officer.get('/api/v1/vacancies?page=1&pageSize=2')).status).toBe(200);
  });
});
