import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { employerContacts, employers, outboxMessages, referralEvents, referrals } from '../../db/schema/index.ts';
import { withVknChecksum } from '../../../common/identity-number.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { demoEmployerTaxNumber } from '../../db/seed/demo-employers.ts';

let t: TestContext;
let officer: TestClient; // employer relations, İBB
let manager: TestClient; // approves vacancies, İBB
let seeker: TestClient; // Fatma Koç, İBB, signs in with a one-time code
let serial = 610_000_00;

beforeAll(async () => {
  t = await createTestContext();
  officer = await t.as('ibb', 'employer-relations');
  manager = await t.as('ibb', 'manager');
  seeker = await t.signInWithCode('+905321000002');
});
afterAll(async () => t.close());

const inDays = (n: number) => turkishDate(new Date(t.clock.now().getTime() + n * 86_400_000));

async function verifiedEmployer(overrides: Record<string, unknown> = {}) {
  const res = await officer.post('/api/v1/employers', {
    legalName: `İlan Panosu Deneme Ltd. Şti. ${++serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '6').slice(0, 9)),
    naceCode: '56.10',
    workerCount: 20,
    province: 'İstanbul',
    district: 'Kadıköy',
    website: 'https://deneme.example',
    acceptTerms: true,
    ...overrides,
  });
  expect(res.status).toBe(201);
  expect((await officer.post(`/api/v1/employers/${res.body.id}/hazard-class`, { hazardClass: 'low' })).status).toBe(
    200,
  );
  expect((await officer.post(`/api/v1/employers/${res.body.id}/status`, { status: 'verified' })).status).toBe(200);
  return res.body.id as string;
}

async function publishedVacancy(employerId: string, overrides: Record<string, unknown> = {}) {
  const created = await officer.post('/api/v1/vacancies', {
    employerId,
    title: 'Pastane ustası',
    occupation: 'Pastacı',
    duties: 'Pasta, kurabiye ve tatlı üretimi; vitrin hazırlığı.',
    requiredSkills: ['Pastacılık'],
    province: 'İstanbul',
    district: 'Kadıköy',
    positions: 2,
    contractType: 'permanent',
    startDate: inDays(20),
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: ['day'],
    wageMin: 31_000,
    wageMax: 35_000,
    wageBasis: 'net',
    deadline: inDays(30),
    ...overrides,
  });
  expect(created.status).toBe(201);
  expect((await officer.post(`/api/v1/vacancies/${created.body.id}/submit`)).status).toBe(200);
  const published = await manager.post(`/api/v1/vacancies/${created.body.id}/review`, { decision: 'publish' });
  expect(published.status).toBe(200);
  return created.body.id as string;
}

/** The JSON-LD blocks of a page, parsed. */
function jsonLd(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

/** Parses XML strictly (saxes throws on anything not well-formed) and returns the elements met. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const stack: (typeof elements)[number][] = [];
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[k] = typeof v === 'string' ? v : v.value;
    const el = { name: tag.local ?? tag.name, attributes, text: '' };
    elements.push(el);
    stack.push(el);
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return elements;
}

describe('the public job board', () => {
  it('lists open vacancies of every organisation without signing in, as semantic HTML with a strict CSP', async () => {
    const res = await t.anonymous.get('/jobs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="tr" dir="ltr">/);
    expect(res.body).toContain('<main id="main">');
    expect(res.body).toContain('role="search"');
    // İBB, İzmir and Umut Köprüsü vacancies on one board.
    for (const title of ['Düz dikiş makinecisi', 'Mevsimlik sebze hasat işçisi', 'Çocuk bakım elemanı']) {
      expect(res.body).toContain(title);
    }
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    const css = await t.anonymous.get('/jobs/board.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('inset-inline-start');
  });

  it('finds "Aşçı" when searched without Turkish letters, on the page and in the API', async () => {
    const page = await t.anonymous.get('/jobs?q=asci');
    expect(page.status).toBe(200);
    expect(page.body).toContain('>Aşçı</a>');
    expect(page.body).not.toContain('Düz dikiş makinecisi');
    const upper = await t.anonymous.get(`/jobs?q=${encodeURIComponent('AŞÇI')}`);
    expect(upper.body).toContain('>Aşçı</a>');
    const api = await t.anonymous.get('/api/v1/public/vacancies?q=asci');
    expect(api.status).toBe(200);
    expect(api.body.items.map((v: { title: string }) => v.title)).toContain('Aşçı');
    for (const v of api.body.items)
      expect(v.title.toLocaleLowerCase('tr') + v.occupation.toLocaleLowerCase('tr')).toContain('aşçı');
  });

  it('filters by province, district, contract type, accessible workplace and target group, and pages', async () => {
    const izmir = await t.anonymous.get('/api/v1/public/vacancies?province=izmir&pageSize=100');
    expect(izmir.body.total).toBeGreaterThan(0);
    expect(izmir.body.items.every((v: { province: string }) => v.province === 'İzmir')).toBe(true);
    const torbali = await t.anonymous.get('/api/v1/public/vacancies?province=İzmir&district=torbali&pageSize=100');
    expect(torbali.body.items.every((v: { district: string }) => v.district === 'Torbalı')).toBe(true);
    expect(torbali.body.total).toBeGreaterThan(0);
    const seasonal = await t.anonymous.get('/api/v1/public/vacancies?contractType=seasonal&pageSize=100');
    expect(seasonal.body.items.length).toBeGreaterThan(0);
    expect(seasonal.body.items.every((v: { contractType: string }) => v.contractType === 'seasonal')).toBe(true);
    const accessible = await t.anonymous.get('/jobs?accessible=1');
    expect(accessible.body).toContain('Kalite kontrol elemanı');
    expect(accessible.body).not.toContain('Ütü ve paketleme elemanı');
    const refugees = await t.anonymous.get('/api/v1/public/vacancies?group=refugee&pageSize=100');
    expect(refugees.body.items.every((v: { suitableGroups: string[] }) => v.suitableGroups.includes('refugee'))).toBe(
      true,
    );
    const first = await t.anonymous.get('/api/v1/public/vacancies?pageSize=2&page=1');
    const second = await t.anonymous.get('/api/v1/public/vacancies?pageSize=2&page=2');
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const pageTwo = await t.anonymous.get('/jobs?page=2');
    expect(pageTwo.body).toContain('rel="prev"');
    // Unknown filter values are ignored by the pages (a typed address must not break), refused by the API.
    expect((await t.anonymous.get('/jobs?contractType=whatever&page=abc')).status).toBe(200);
    expect((await t.anonymous.get('/api/v1/public/vacancies?contractType=whatever')).status).toBe(400);
  });

  it('finds a vacancy by its ISCO occupation named in any language, and by field of work (ISCO group)', async () => {
    // The employer typed a wording the text search alone would not connect to "cook"; the occupation is coded 5120.
    const id = await publishedVacancy(await verifiedEmployer(), {
      title: 'Meyhane mutfağında usta',
      occupation: 'Mutfak ustası (ocak başı)',
      iscoCode: '5120',
    });
    const found = async (query: string) =>
      ((await t.anonymous.get(`/api/v1/public/vacancies?${query}&pageSize=100`)).body.items as { id: string }[]).map(
        (v) => v.id,
      );
    // The ISCO title in English, the Turkish job title, and the Arabic word for a cook all name 5120.
    expect(await found(`occupation=${encodeURIComponent('cooks')}`)).toContain(id);
    expect(await found(`occupation=${encodeURIComponent('aşçı')}`)).toContain(id);
    expect(await found(`occupation=${encodeURIComponent('طباخ')}`)).toContain(id);
    // The typed wording still finds it; an unrelated occupation does not.
    expect(await found(`occupation=${encodeURIComponent('ocak başı')}`)).toContain(id);
    expect(await found(`occupation=${encodeURIComponent('muhasebeci')}`)).not.toContain(id);
    // Any level of the hierarchy: major group 5 (service and sales), 51, 512, 5120 — not 2 (professionals).
    for (const code of ['5', '51', '512', '5120']) expect(await found(`isco=${code}`)).toContain(id);
    expect(await found('isco=2')).not.toContain(id);
    expect((await t.anonymous.get('/api/v1/public/vacancies?isco=51a')).status).toBe(400);

    // The page offers the fields of work in the page's language, and the vacancy links to its occupation.
    const list = await t.anonymous.get('/jobs?lang=ar&isco=5');
    expect(list.body).toContain('العاملون في الخدمات والمبيعات');
    expect(list.body).toContain(`/jobs/${id}`);
    const page = await t.anonymous.get(`/jobs/${id}`);
    expect(page.body).toContain('Bu meslekteki diğer ilanlar: Aşçılar');
    expect(page.body).toContain('/jobs?isco=5120');
    const similar = await t.anonymous.get('/jobs?isco=5120');
    expect(similar.body).toContain(`/jobs/${id}`);
    expect(similar.body).toContain('Aşçılar (ISCO 5120)');
    // Nonsense in the page's filter is ignored, not an error.
    expect((await t.anonymous.get('/jobs?isco=x%3Cscript')).status).toBe(200);
  });

  it('speaks Arabic right to left, from ?lang= or Accept-Language, and English', async () => {
    const ar = await t.anonymous.get('/jobs?lang=ar');
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.body).toContain('الوظائف الشاغرة');
    // Links keep the chosen language.
    expect(ar.body).toMatch(/href="\/jobs\/[0-9a-f-]{36}\?lang=ar"/);
    const header = await t.anonymous.get('/jobs', { 'accept-language': 'ar-SY,ar;q=0.9' });
    expect(header.body).toMatch(/<html lang="ar" dir="rtl">/);
    const id = (await t.anonymous.get('/api/v1/public/vacancies?q=asci')).body.items[0].id;
    const page = await t.anonymous.get(`/jobs/${id}?lang=ar`);
    expect(page.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page.body).toContain('تقدّم الآن');
    const en = await t.anonymous.get('/jobs', { 'accept-language': 'en-GB' });
    expect(en.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.body).toContain('Job vacancies');
  });

  it('shows no personal data: no contact people, phones, e-mails, or sole traders’ tax numbers', async () => {
    const contacts = await t.database.db.select().from(employerContacts);
    const soleTrader = demoEmployerTaxNumber('Selin Aksoy – Minik Eller Çocuk Evi');
    const list = await t.anonymous.get('/api/v1/public/vacancies?pageSize=100');
    const pages = [
      (await t.anonymous.get('/jobs')).body as string,
      (await t.anonymous.get('/jobs?page=2')).body as string,
      (await t.anonymous.get('/jobs/feed.atom')).body as string,
      JSON.stringify(list.body),
    ];
    for (const v of list.body.items) pages.push((await t.anonymous.get(`/jobs/${v.id}`)).body as string);
    const childcare = list.body.items.find((v: { title: string }) => v.title === 'Çocuk bakım elemanı');
    expect(childcare.employer).toEqual({ name: 'Minik Eller Çocuk Evi', website: null });
    const all = pages.join('\n');
    expect(all).toContain('Minik Eller Çocuk Evi');
    for (const c of contacts) {
      if (c.fullName !== 'Selin Aksoy') expect(all).not.toContain(c.fullName);
      if (c.phone) expect(all).not.toContain(c.phone);
      if (c.email) expect(all).not.toContain(c.email);
    }
    expect(all).not.toContain(soleTrader);
    expect(all).not.toContain(soleTrader.slice(0, 5));
    for (const key of [
      'taxNumber',
      'contacts',
      'createdBy',
      'reviewNote',
      'wordingJustification',
      'organisationId',
      'registerWith',
    ]) {
      expect(JSON.stringify(list.body)).not.toContain(`"${key}"`);
    }
  });
});

describe('one vacancy', () => {
  let employerId: string;
  let vacancyId: string;

  beforeAll(async () => {
    employerId = await verifiedEmployer({ legalName: 'Moda Pastanecilik Gıda Ltd. Şti.', tradeName: 'Moda Pastanesi' });
    vacancyId = await publishedVacancy(employerId);
  });

  it('names, for the registration form, the organisation to register with to apply: one its list already shows', async () => {
    const res = await t.anonymous.get(`/api/v1/public/vacancies/${vacancyId}`);
    expect(res.status).toBe(200);
    const organisations = await t.anonymous.get('/api/v1/public/organisations');
    const ibb = organisations.body.items.find((o: { shortName: string }) => o.shortName === 'İBB');
    expect(res.body.registerWith).toBe(ibb.id);
    expect(res.body).not.toHaveProperty('organisationId');
    // Only there: the board's pages and list do not carry it.
    expect((await t.anonymous.get(`/jobs/${vacancyId}`)).body).not.toContain(ibb.id);
    const list = await t.anonymous.get('/api/v1/public/vacancies');
    expect(JSON.stringify(list.body)).not.toContain(ibb.id);
  });

  it('carries schema.org JobPosting data with every field search engines need', async () => {
    const res = await t.anonymous.get(`/jobs/${vacancyId}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1 dir="auto">Pastane ustası</h1>');
    expect(res.body).toContain(`href="/apply/${vacancyId}"`);
    const [posting, ...more] = jsonLd(res.body);
    expect(more).toHaveLength(0);
    expect(posting).toMatchObject({
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      title: 'Pastane ustası',
      employmentType: 'FULL_TIME',
      directApply: false,
      hiringOrganization: { '@type': 'Organization', name: 'Moda Pastanesi', sameAs: 'https://deneme.example' },
      jobLocation: {
        '@type': 'Place',
        address: {
          '@type': 'PostalAddress',
          addressLocality: 'Kadıköy',
          addressRegion: 'İstanbul',
          addressCountry: 'TR',
        },
      },
      baseSalary: {
        '@type': 'MonetaryAmount',
        currency: 'TRY',
        value: { '@type': 'QuantitativeValue', minValue: 31_000, maxValue: 35_000, unitText: 'MONTH' },
      },
      url: `http://localhost:3000/jobs/${vacancyId}`,
    });
    expect(posting.description).toContain('Pasta, kurabiye ve tatlı üretimi');
    const api = await t.anonymous.get(`/api/v1/public/vacancies/${vacancyId}`);
    expect(posting.datePosted).toBe(api.body.publishedAt.slice(0, 10));
    expect(posting.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(posting.validThrough).toBe(`${inDays(30)}T23:59:59+03:00`);
    expect(posting.jobLocationType).toBeUndefined();
  });

  it.each([
    [
      'part-time',
      { contractType: 'part-time', hoursPerWeek: 25, hoursPerDay: 5, wageMin: 17_000, wageMax: null },
      'PART_TIME',
    ],
    ['fixed-term', { contractType: 'fixed-term' }, 'TEMPORARY'],
    ['seasonal', { contractType: 'seasonal' }, 'TEMPORARY'],
  ])('maps %s to employmentType %s', async (_name, change, expected) => {
    const id = await publishedVacancy(employerId, change);
    const [posting] = jsonLd((await t.anonymous.get(`/jobs/${id}`)).body);
    expect(posting!.employmentType).toBe(expected);
    if ('wageMax' in change && change.wageMax === null)
      expect(posting!.baseSalary.value).toMatchObject({ minValue: 17_000, maxValue: 17_000 });
  });

  it('describes remote work as TELECOMMUTE', async () => {
    const id = await publishedVacancy(employerId, {
      title: 'Uzaktan müşteri temsilcisi',
      occupation: 'Çağrı merkezi temsilcisi',
      remote: true,
      district: null,
    });
    const [posting] = jsonLd((await t.anonymous.get(`/jobs/${id}`)).body);
    expect(posting!.jobLocationType).toBe('TELECOMMUTE');
    expect(posting!.applicantLocationRequirements).toEqual({ '@type': 'Country', name: 'TR' });
    expect(posting!.jobLocation).toBeUndefined();
  });

  it('cannot be broken out of: </script> in a vacancy stays data', async () => {
    const evil = 'Tatlı üretimi </script><script>alert(1)</script> <!-- ve & servis';
    const id = await publishedVacancy(employerId, { title: 'Tatlıcı </script>', duties: evil });
    const res = await t.anonymous.get(`/jobs/${id}`);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body.match(/<\/script>/g)).toHaveLength(1);
    const [posting] = jsonLd(res.body);
    expect(posting!.title).toBe('Tatlıcı </script>');
    expect(posting!.description).toContain(evil);
    expect(res.body).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
  });

  it('answers 404 pages for unknown, malformed and closed vacancies', async () => {
    for (const url of [
      '/jobs/00000000-0000-4000-8000-000000000000',
      '/jobs/not-a-vacancy',
      '/apply/00000000-0000-4000-8000-000000000000',
    ]) {
      const res = await t.anonymous.get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="tr"');
    }
    const id = await publishedVacancy(employerId, { title: 'Kısa süreli tezgâhtar' });
    expect((await t.anonymous.get(`/jobs/${id}`)).status).toBe(200);
    expect((await officer.post(`/api/v1/vacancies/${id}/close`, { outcome: 'closed' })).status).toBe(200);
    expect((await t.anonymous.get(`/jobs/${id}`)).status).toBe(404);
    expect((await t.anonymous.get(`/api/v1/public/vacancies/${id}`)).status).toBe(404);
  });

  it("drops a suspended employer's vacancies from the board, the API, the sitemap and the feed", async () => {
    const other = await verifiedEmployer({ legalName: 'Askıya Alınacak Fırın Ltd. Şti.' });
    const id = await publishedVacancy(other, { title: 'Fırın ustası' });
    expect((await t.anonymous.get('/jobs?q=firin')).body).toContain('Fırın ustası');
    expect((await t.anonymous.get('/sitemap.xml')).body).toContain(`/jobs/${id}<`);
    const suspended = await officer.post(`/api/v1/employers/${other}/status`, {
      status: 'suspended',
      reason: 'Denetimde kayıt dışı çalışma bulundu.',
    });
    expect(suspended.status).toBe(200);
    expect((await t.anonymous.get(`/jobs/${id}`)).status).toBe(404);
    expect((await t.anonymous.get(`/api/v1/public/vacancies/${id}`)).status).toBe(404);
    expect((await t.anonymous.get('/jobs?q=firin')).body).not.toContain('Fırın ustası');
    expect((await t.anonymous.get('/sitemap.xml')).body).not.toContain(id);
    expect((await t.anonymous.get('/jobs/feed.atom')).body).not.toContain(id);
    // The demo's suspended employer (Umut Köprüsü) is not on the board either.
    expect((await t.anonymous.get('/jobs?q=makineci')).body).not.toContain('>Makineci<');
  });
});

describe('sitemap, feed and robots.txt', () => {
  it('lists /jobs and every open vacancy in a well-formed sitemap with lastmod', async () => {
    const res = await t.anonymous.get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const elements = parseXml(res.body);
    expect(elements[0]).toMatchObject({
      name: 'urlset',
      attributes: { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
    });
    const locs = elements.filter((e) => e.name === 'loc').map((e) => e.text);
    const lastmods = elements.filter((e) => e.name === 'lastmod').map((e) => e.text);
    expect(locs[0]).toBe('http://localhost:3000/jobs');
    expect(lastmods).toHaveLength(locs.length);
    for (const l of lastmods) expect(Number.isNaN(Date.parse(l))).toBe(false);
    const open = await t.anonymous.get('/api/v1/public/vacancies?pageSize=100');
    expect(locs.length).toBe(open.body.total + 1);
    for (const v of open.body.items) expect(locs).toContain(`http://localhost:3000/jobs/${v.id}`);
  });

  it('publishes the newest vacancies as a well-formed Atom 1.0 feed', async () => {
    const res = await t.anonymous.get('/jobs/feed.atom?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const elements = parseXml(res.body);
    expect(elements[0]).toMatchObject({ name: 'feed', attributes: { xmlns: 'http://www.w3.org/2005/Atom' } });
    const entries = elements.filter((e) => e.name === 'entry');
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.length).toBeLessThanOrEqual(50);
    const ids = elements.filter((e) => e.name === 'id').map((e) => e.text);
    expect(ids[0]).toBe('http://localhost:3000/jobs');
    for (const id of ids.slice(1)) expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    for (const name of ['title', 'updated', 'author']) expect(elements.some((e) => e.name === name)).toBe(true);
    const updated = elements.filter((e) => e.name === 'updated').map((e) => Date.parse(e.text));
    // Newest first.
    const entryUpdated = updated.slice(1);
    expect(entryUpdated.every((u) => !Number.isNaN(u))).toBe(true);
    expect(res.body).toContain('a month (net)');
  });

  it('points robots at the sitemap', async () => {
    const res = await t.anonymous.get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(res.body).toContain('Disallow: /api/');
  });
});

describe('applying', () => {
  let vacancyId: string;

  beforeAll(async () => {
    vacancyId = await publishedVacancy(await verifiedEmployer({ legalName: 'Başvuru Deneme Lokantası Ltd. Şti.' }), {
      title: 'Bulaşıkçı',
    });
  });

  it('sends an anonymous visitor to sign in (one-time code) or to register', async () => {
    const redirect = await t.anonymous.get(`/apply/${vacancyId}`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe(`/jobs/${vacancyId}/apply`);
    const page = await t.anonymous.get(`/jobs/${vacancyId}/apply`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/sign-in?next=${encodeURIComponent(`/jobs/${vacancyId}/apply`)}"`);
    expect(page.body).toContain(`href="/register?vacancy=${vacancyId}"`);
    expect(page.body).toContain('<meta name="robots" content="noindex">');
    expect(page.body).not.toContain('<form method="post"');
  });

  it('lets a signed-in job seeker apply once: a proposal for a counsellor to pre-screen; twice → 409', async () => {
    const res = await seeker.post(`/api/v1/public/vacancies/${vacancyId}/apply`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', vacancyId });
    const [row] = await t.database.db.select().from(referrals).where(eq(referrals.id, res.body.id));
    expect(row).toMatchObject({ status: 'proposed', source: 'person', vacancyId });
    const events = await t.database.db.select().from(referralEvents).where(eq(referralEvents.referralId, res.body.id));
    expect(events).toMatchObject([{ fromStatus: null, toStatus: 'proposed', actorKind: 'seeker' }]);
    const [message] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, 'application-received'), eq(outboxMessages.recipient, '+905321000002')));
    expect(message?.body).toContain('Bulaşıkçı');

    const again = await seeker.post(`/api/v1/public/vacancies/${vacancyId}/apply`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('errors.portal.alreadyApplied');
    const rows = await t.database.db
      .select()
      .from(referrals)
      .where(and(eq(referrals.vacancyId, vacancyId), eq(referrals.personId, row!.personId)));
    expect(rows).toHaveLength(1);

    // Staff see the proposal; the employer sees nothing before a counsellor sends it.
    const listed = await manager.get(`/api/v1/referrals?vacancyId=${vacancyId}`);
    expect(listed.body.items).toMatchObject([{ id: res.body.id, status: 'proposed', source: 'person' }]);
  });

  it('only for job seekers: anonymous 401, staff 403, unknown or closed vacancy 404, another organisation 409', async () => {
    expect((await t.anonymous.post(`/api/v1/public/vacancies/${vacancyId}/apply`)).status).toBe(401);
    expect((await officer.post(`/api/v1/public/vacancies/${vacancyId}/apply`)).status).toBe(403);
    expect((await (await t.as('ibb', 'employer')).post(`/api/v1/public/vacancies/${vacancyId}/apply`)).status).toBe(
      403,
    );
    expect((await seeker.post('/api/v1/public/vacancies/00000000-0000-4000-8000-000000000000/apply')).status).toBe(404);
    const izmir = (await t.anonymous.get('/api/v1/public/vacancies?province=izmir')).body.items[0].id;
    const other = await seeker.post(`/api/v1/public/vacancies/${izmir}/apply`);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('errors.portal.applyOtherOrganisation');
  });

  it('works without scripts: the apply page posts a form for a signed-in seeker; cross-site posts are refused', async () => {
    const id = await publishedVacancy(await verifiedEmployer(), { title: 'Servis elemanı' });
    const page = await seeker.get(`/jobs/${id}/apply`);
    expect(page.body).toContain(`<form method="post" action="/jobs/${id}/apply">`);
    expect(page.body).toContain('Fatma Koç');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const crossSite = await seeker.request('POST', `/jobs/${id}/apply`, '', {
      ...form,
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers['content-type']).toContain('text/html');
    // A sandboxed frame or a data: page posts with Origin "null" too: Fetch Metadata says where from.
    const nullCrossSite = await seeker.request('POST', `/jobs/${id}/apply`, '', {
      ...form,
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expect(nullCrossSite.status).toBe(403);
    // Our own apply page is served with `Referrer-Policy: no-referrer`, so a browser posts its form with
    // Origin "null" and Sec-Fetch-Site "same-origin": it goes through.
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const sent = await seeker.request('POST', `/jobs/${id}/apply`, '', {
      ...form,
      origin: 'null',
      'sec-fetch-site': 'same-origin',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('role="status"');
    const twice = await seeker.request('POST', `/jobs/${id}/apply`, '', form);
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('role="alert"');
    const staffPage = await officer.get(`/jobs/${id}/apply`);
    expect(staffPage.body).not.toContain('<form method="post"');
  });
});

describe('the demo employers', () => {
  it('publish vacancies that pass every decent-work rule; drafts with flagged wording and submitted ones wait', async () => {
    for (const org of ['ibb', 'izmir', 'umut']) {
      const staff = await t.as(org, 'employer-relations');
      const list = await staff.get('/api/v1/vacancies?pageSize=100');
      const demo = list.body.items.filter(
        (v: { employer: { name: string } }) => !/Deneme|Pastane|Fırın|Lokantası Ltd/.test(v.employer.name),
      );
      const published = demo.filter((v: { status: string }) => v.status === 'published');
      expect(published.length, org).toBeGreaterThanOrEqual(4);
      for (const v of published) {
        const check = await staff.get(`/api/v1/vacancies/${v.id}/check`);
        const violations = check.body.violations.filter(
          (x: { code: string }) => x.code !== 'decentWork.employer-suspended',
        );
        expect(violations, `${org}: ${v.title}`).toEqual([]);
        expect(check.body.wordingFlags, `${org}: ${v.title}`).toEqual([]);
      }
      const drafts = demo.filter((v: { status: string }) => v.status === 'draft');
      expect(
        drafts.some((v: { wordingFlags: { ground: string }[] }) => v.wordingFlags.some((f) => f.ground === 'sex')),
        org,
      ).toBe(true);
      expect(
        demo.some((v: { status: string }) => v.status === 'submitted'),
        org,
      ).toBe(true);
    }
    const rows = await t.database.db.select().from(employers);
    expect(rows.some((e) => e.status === 'pending')).toBe(true);
    expect(rows.find((e) => e.status === 'suspended')?.statusReason).toBeTruthy();
    for (const e of rows.filter(
      (x) => x.status === 'verified' && x.legalName.match(/Örme|Sofrası|Taze|Yapı|Bereket|Körfez|Semt|Minik|Işıltı/),
    )) {
      expect(e.hazardClass, e.legalName).not.toBeNull();
    }
  });
});
