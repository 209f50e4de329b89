import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import {
  auditEvents,
  authAttempts,
  cases,
  consents,
  noticeAcknowledgements,
  outboxMessages,
  persons,
  roles,
  userRoles,
  users,
} from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../../common/people.ts';
import { prescreen, referralFixture } from '../../../test/referral-fixture.ts';

const fx = referralFixture(476_000_00);

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt
let orgs: {
  id: string;
  name: string;
  shortName: string;
  offices: { id: string; name: string; district: string }[];
}[];

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
  orgs = (await t.anonymous.get('/api/v1/public/organisations')).body.items;
  await fx.signIn(t);
});
afterAll(async () => t.close());

const office = (org: string, district: string) =>
  orgs.find((o) => o.shortName === org)!.offices.find((o) => o.district === district)!.id;

let serial = 0;
const next = () => ++serial;
const tckn = (n: number) => withTcknChecksum(`21${String(n).padStart(7, '0')}`);
const phoneOf = (n: number) => `+90501${String(n).padStart(7, '0')}`;
let ipSerial = 0;
/** Each test registers from its own address, so the hourly limit only bites where a test wants it. */
const freshIp = () => `10.20.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`;

function registration(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    givenName: 'Nazlı',
    familyName: `Başvuran${n}`,
    idKind: 'tckn',
    idNumber: tckn(n),
    birthDate: '1996-06-16',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: `0501 ${String(n).padStart(7, '0')}`,
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Kasiyer'],
    constraints: {
      hoursPerWeek: 30,
      shifts: ['day'],
      districts: ['Fatih'],
      maxCommuteMinutes: 45,
      childcareNeed: false,
      earliestStart: null,
    },
    locale: 'tr',
    officeId: office('İBB', 'Fatih'),
    notice: { version: NOTICE_VERSION, locale: 'tr' },
    consents: [{ purpose: 'share-with-employers', textVersion: CONSENT_TEXT_VERSION }],
    ...overrides,
  };
}

async function register(body: unknown, ip = freshIp()) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/registrations',
    payload: body as object,
    remoteAddress: ip,
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body ? JSON.parse(res.body) : null,
  };
}

const db = () => t.database.db;
const countOf = async (table: typeof persons | typeof users | typeof outboxMessages | typeof authAttempts) =>
  (await db().select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => ({
  persons: await countOf(persons),
  users: await countOf(users),
  messages: await countOf(outboxMessages),
  attempts: await countOf(authAttempts),
});
const personByPhone = async (phone: string) => (await db().select().from(persons).where(eq(persons.phone, phone)))[0];

const seekers = new Map<string, TestClient>();
/** A demo seeker, signed in once per file (codes are limited to 5 per 15 minutes per number). */
async function demoSeeker(phone: string): Promise<TestClient> {
  if (!seekers.has(phone)) seekers.set(phone, await t.signInWithCode(phone));
  return seekers.get(phone)!;
}

/** Signs a self-registered seeker in with a code (the clock moves on so the code is the newest message). */
async function signInSeeker(identifier: string) {
  t.clock.advance(1000);
  return t.signInWithCode(identifier);
}

describe('where to register', () => {
  it('lists organisations and their active offices to anyone', async () => {
    const res = await t.anonymous.get('/api/v1/public/organisations');
    expect(res.status).toBe(200);
    const ibb = res.body.items.find((o: { shortName: string }) => o.shortName === 'İBB');
    expect(ibb.offices.map((o: { district: string }) => o.district).sort()).toEqual(
      ['Bağcılar', 'Esenyurt', 'Fatih', 'Sultanbeyli'].sort(),
    );
    expect(Object.keys(ibb.offices[0]).sort()).toEqual(['district', 'id', 'name', 'province']);
    expect(res.body.items.map((o: { shortName: string }) => o.shortName)).toContain('Umut Köprüsü');
  });

  it('leaves out an office that is not active', async () => {
    const admin = await t.as('izmir', 'admin');
    const created = await admin.post('/api/v1/offices', {
      name: 'Çiğli Kapalı Nokta',
      province: 'İzmir',
      district: 'Çiğli',
      active: false,
    });
    expect(created.status).toBe(201);
    const res = await t.anonymous.get('/api/v1/public/organisations');
    const izmir = res.body.items.find((o: { shortName: string }) => o.shortName === 'İzBB');
    expect(izmir.offices.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
    const refused = await register(registration({ officeId: created.body.id }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/officeId', code: 'errors.selfService.officeUnknown' }),
    );
  });
});

describe('self-registration', () => {
  it('creates a pending person without a case, an invited seeker account, the notice and consents online, and a message', async () => {
    const body = registration({ givenName: 'Nazlı', familyName: 'Kandemir', locale: 'en' });
    const res = await register(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: true });

    const person = (await personByPhone(phoneOf(serial)))!;
    expect(person).toMatchObject({
      givenName: 'Nazlı',
      familyName: 'Kandemir',
      registration: 'pending',
      officeId: office('İBB', 'Fatih'),
      createdBy: null,
    });
    expect(JSON.stringify(person)).not.toContain(body.idNumber);
    expect(person.idNumberMasked).toMatch(/^21\*{7}\d{2}$/);
    expect(await db().select().from(cases).where(eq(cases.personId, person.id))).toEqual([]);

    const [account] = await db().select().from(users).where(eq(users.id, person.userId!));
    expect(account).toMatchObject({ kind: 'seeker', status: 'invited', locale: 'en', phone: phoneOf(serial) });
    const accountRoles = await db()
      .select({ key: roles.key })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, account!.id));
    expect(accountRoles).toEqual([{ key: 'seeker' }]);

    const [notice] = await db()
      .select()
      .from(noticeAcknowledgements)
      .where(eq(noticeAcknowledgements.personId, person.id));
    expect(notice).toMatchObject({ channel: 'online', noticeVersion: NOTICE_VERSION, recordedBy: null });
    const given = await db().select().from(consents).where(eq(consents.personId, person.id));
    expect(given.map((c) => [c.purpose, c.channel])).toEqual([['share-with-employers', 'online']]);

    const message = await t.lastMessageTo(phoneOf(serial));
    expect(message).toMatchObject({ channel: 'sms', template: 'self-registration-received', locale: 'en' });
    expect(message!.body).toContain('counsellor of Fatih İstihdam Ofisi will call you');

    const events = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, person.id));
    expect(events.map((e) => e.action).sort()).toEqual(['consent.granted', 'notice.acknowledged', 'person.created']);
    expect(new Set(events.map((e) => e.actorKind))).toEqual(new Set(['anonymous']));
    expect(events.every((e) => e.actorUserId === null && e.organisationId === person.organisationId)).toBe(true);
    expect(events.find((e) => e.action === 'person.created')!.fields).not.toContain('idNumberEnc');
    const [userEvent] = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, account!.id));
    expect(userEvent).toMatchObject({ action: 'user.created', actorKind: 'anonymous' });
  });

  it('sends the message by e-mail, in their language, when they give only an e-mail address', async () => {
    const body = registration({ phone: null, email: 'Leyla.Haddad@Example.com', locale: 'ar', givenName: 'Leyla' });
    expect((await register(body)).status).toBe(202);
    const message = await t.lastMessageTo('leyla.haddad@example.com');
    expect(message).toMatchObject({ channel: 'email', template: 'self-registration-received', locale: 'ar' });
    expect(message!.subject).toContain('İstanbul Büyükşehir Belediyesi');
    expect(message!.body).toContain('http://localhost:3000/sign-in');
  });

  it('lets the new seeker sign in with a code, which activates the account, and see the pending record', async () => {
    const body = registration({ givenName: 'Sinem', familyName: 'Oral' });
    await register(body);
    const phone = phoneOf(serial);
    const seeker = await signInSeeker(phone);
    const [account] = await db().select().from(users).where(eq(users.phone, phone));
    expect(account!.status).toBe('active');
    const profile = await seeker.get('/api/v1/me/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ givenName: 'Sinem', familyName: 'Oral', registration: 'pending', case: null });
    expect(profile.body.consents[0]).toMatchObject({ purpose: 'share-with-employers', channel: 'online' });
    expect(profile.body.notices[0]).toMatchObject({ version: NOTICE_VERSION, channel: 'online' });
  });

  describe('someone already registered', () => {
    it('answers the same 202 for the same ID number, creates nothing and tells the contact on record', async () => {
      const first = registration({ givenName: 'Tülay' });
      expect((await register(first)).status).toBe(202);
      const recorded = phoneOf(serial);
      const before = await snapshot();
      t.clock.advance(1000); // so that the newest message to that number is the new one
      const again = registration({ givenName: 'Tülay', idNumber: first.idNumber, phone: '0501 999 00 01' });
      const res = await register(again);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ received: true });
      const after = await snapshot();
      expect(after.persons).toBe(before.persons);
      expect(after.users).toBe(before.users);
      // Told at the number on record — never at the number just typed, which could be a stranger's.
      expect(await t.lastMessageTo('+905019990001')).toBeUndefined();
      const told = await t.lastMessageTo(recorded);
      expect(told).toMatchObject({ template: 'self-registration-already-registered', channel: 'sms' });
    });

    it('does the same for a phone number or an e-mail already in the organisation', async () => {
      const first = registration({ phone: null, email: 'kayitli.kisi@example.com' });
      await register(first);
      const before = await snapshot();
      t.clock.advance(1000);
      const byEmail = await register(
        registration({ idKind: null, idNumber: null, phone: null, email: 'KAYITLI.kisi@example.com' }),
      );
      expect(byEmail.status).toBe(202);
      expect((await t.lastMessageTo('kayitli.kisi@example.com'))!.template).toBe(
        'self-registration-already-registered',
      );
      // A person a counsellor registered (demo: Mustafa Aydemir) is found by phone too.
      const byPhone = await register(registration({ idKind: null, idNumber: null, phone: '0533 412 00 17' }));
      expect(byPhone.status).toBe(202);
      expect((await t.lastMessageTo('+905334120017'))!.template).toBe('self-registration-already-registered');
      const after = await snapshot();
      expect([after.persons, after.users]).toEqual([before.persons, before.users]);
    });

    it('treats a phone that already signs in to an account (any organisation) as registered', async () => {
      const before = await snapshot();
      // The demo employer user of İzmir.
      const res = await register(registration({ idKind: null, idNumber: null, phone: '+905321000011' }));
      expect(res.status).toBe(202);
      expect((await snapshot()).persons).toBe(before.persons);
      expect((await t.lastMessageTo('+905321000011'))!.template).toBe('self-registration-already-registered');
    });
  });

  describe('limits', () => {
    it('accepts 10 registrations per address per hour, then answers 429 with Retry-After', async () => {
      const ip = '10.99.0.1';
      for (let i = 0; i < 10; i++) expect((await register(registration(), ip)).status).toBe(202);
      const before = await snapshot();
      const refused = await register(registration(), ip);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect(await snapshot()).toEqual(before);
      // Another address is not affected.
      expect((await register(registration(), '10.99.0.2')).status).toBe(202);
      // An hour later the address may register again.
      t.clock.advance(60 * 60 * 1000 + 1000);
      expect((await register(registration(), ip)).status).toBe(202);
    });

    it('counts duplicates against the limit too, so probing for who is registered is limited', async () => {
      const ip = '10.99.1.1';
      const known = registration();
      await register(known, ip);
      for (let i = 0; i < 9; i++) await register({ ...registration(), idNumber: known.idNumber }, ip);
      expect((await register({ ...registration(), idNumber: known.idNumber }, ip)).status).toBe(429);
      const [row] = await db()
        .select({ n: count() })
        .from(authAttempts)
        .where(and(eq(authAttempts.ip, ip), like(authAttempts.accountKey, 'self-registration:%')));
      expect(row!.n).toBe(10);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an invalid ID checksum', { idNumber: '21000000000' }, '/idNumber', 'errors.persons.idNumberInvalid.tckn'],
      ['an ID kind without a number', { idNumber: null }, '/idNumber', 'errors.validation.required'],
      ['an age under 15', { birthDate: '2016-01-01' }, '/birthDate', 'errors.persons.tooYoung'],
      ['a birth date in the future', { birthDate: '2099-01-01' }, '/birthDate', 'errors.persons.birthDateFuture'],
      ['no phone and no e-mail', { phone: null }, '/phone', 'errors.selfService.contactRequired'],
      ['a malformed phone', { phone: '12' }, '/phone', 'errors.validation.format.phone'],
      ['a malformed e-mail', { email: 'not-an-address' }, '/email', 'errors.validation.format.email'],
      ['a district of another province', { district: 'Karşıyaka' }, '/district', 'errors.persons.districtUnknown'],
      [
        'a constraint district of another province',
        {
          constraints: {
            hoursPerWeek: null,
            shifts: [],
            districts: ['Bornova'],
            maxCommuteMinutes: null,
            childcareNeed: true,
            earliestStart: null,
          },
        },
        '/constraints/districts/0',
        'errors.persons.districtUnknown',
      ],
      [
        'an unknown office',
        { officeId: '00000000-0000-4000-8000-000000000000' },
        '/officeId',
        'errors.selfService.officeUnknown',
      ],
      [
        'an old notice version',
        { notice: { version: '2019-01', locale: 'tr' } },
        '/notice/version',
        'errors.selfService.noticeOutdated',
      ],
      [
        'a notice channel (the server sets it)',
        { notice: { version: NOTICE_VERSION, locale: 'tr', channel: 'in-person' } },
        '/notice/channel',
        'errors.validation.unknownField',
      ],
      [
        'special groups (recorded in person only)',
        { targetGroups: [{ group: 'disability', details: { reportPercentage: 50 } }] },
        '/targetGroups',
        'errors.validation.unknownField',
      ],
      [
        'a Roma self-identification consent (recorded in person only)',
        { consents: [{ purpose: 'roma-self-identification', textVersion: CONSENT_TEXT_VERSION }] },
        '/consents/0/purpose',
        'errors.validation.enum',
      ],
      [
        'a partner consent without the partner',
        { consents: [{ purpose: 'share-with-partners', textVersion: CONSENT_TEXT_VERSION }] },
        '/consents/0/partner',
        'errors.validation.required',
      ],
      [
        'an old consent text',
        { consents: [{ purpose: 'surveys', textVersion: '2020-01' }] },
        '/consents/0/textVersion',
        'errors.selfService.consentTextOutdated',
      ],
      ['an unknown field', { iskurNumber: '123' }, '/iskurNumber', 'errors.validation.unknownField'],
      ['no locale', { locale: undefined }, '/locale', 'errors.validation.required'],
    ])('refuses %s with 422 naming the field, and writes nothing', async (_name, change, pointer, code) => {
      const before = await snapshot();
      const res = await register(registration(change));
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
      expect(await snapshot()).toEqual(before);
    });

    it('reports several problems at once, translated into the caller’s language', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/registrations',
        payload: registration({ birthDate: '2099-01-01', district: 'Nowhere', phone: null }),
        remoteAddress: freshIp(),
        headers: { 'accept-language': 'en' },
      });
      const body = JSON.parse(res.body);
      expect(body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
        '/birthDate',
        '/district',
        '/email',
        '/phone',
      ]);
      expect(body.errors.find((e: { pointer: string }) => e.pointer === '/phone').message).toMatch(/phone number/);
    });
  });
});

describe('the counsellor’s queue', () => {
  it('lists the pending registration, confirms it, opens a case with the confirming counsellor', async () => {
    await register(registration({ givenName: 'Beyza', familyName: 'Sönmez' }));
    const person = (await personByPhone(phoneOf(serial)))!;
    const home = await counsellor.get('/api/v1/counsellor-home');
    expect(home.body.pendingSelfRegistrations).toBeGreaterThan(0);
    const queue = await counsellor.get('/api/v1/persons?registration=pending&pageSize=100');
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(person.id);
    expect(queue.body.items.find((p: { id: string }) => p.id === person.id).case).toBeNull();

    const confirmed = await counsellor.post(`/api/v1/persons/${person.id}/confirm-registration`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: person.id, registration: 'confirmed' });
    const profile = await counsellor.get(`/api/v1/persons/${person.id}`);
    expect(profile.body.registration).toBe('confirmed');
    expect(profile.body.case).toMatchObject({ id: confirmed.body.caseId, status: 'new' });
    expect(profile.body.case.counsellor.name).toBe('Zeynep Kaya');
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, person.id), eq(auditEvents.action, 'person.confirmed')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: 'staff', fields: ['registration'] });

    const again = await counsellor.post(`/api/v1/persons/${person.id}/confirm-registration`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('errors.selfService.notPending');
  });

  it("answers 404 to another office's counsellor and 403 to roles that cannot write persons", async () => {
    await register(registration({ givenName: 'Ceyda', familyName: 'Ünlü' }));
    const person = (await personByPhone(phoneOf(serial)))!;
    expect((await counsellor2.post(`/api/v1/persons/${person.id}/confirm-registration`)).status).toBe(404);
    expect(
      (await (await t.as('izmir', 'counsellor')).post(`/api/v1/persons/${person.id}/confirm-registration`)).status,
    ).toBe(404);
    expect(
      (await (await t.as('ibb', 'analyst')).post(`/api/v1/persons/${person.id}/confirm-registration`)).status,
    ).toBe(403);
    expect(
      (await (await t.as('ibb', 'manager')).post(`/api/v1/persons/${person.id}/confirm-registration`)).status,
    ).toBe(403);
    const [row] = await db().select().from(persons).where(eq(persons.id, person.id));
    expect(row!.registration).toBe('pending');
  });
});

describe('my profile', () => {
  it('shows a demo seeker their own record without target groups, with consents and notices', async () => {
    const fatma = await demoSeeker('+905321000002');
    const res = await fatma.get('/api/v1/me/profile');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ givenName: 'Fatma', familyName: 'Koç', registration: 'confirmed' });
    expect(res.body).not.toHaveProperty('targetGroups');
    expect(JSON.stringify(res.body)).not.toMatch(/woman-care|social-aid|notes/);
    expect(res.body.case.counsellor.name).toBe('Zeynep Kaya');
    expect(res.body.consents.length).toBeGreaterThan(0);
    expect(res.body.notices.length).toBeGreaterThan(0);
  });

  it('lets a seeker change contact, address, languages, occupations, skills and constraints, audited as the seeker', async () => {
    await register(registration({ givenName: 'Gizem', familyName: 'Kalkan' }));
    const phone = phoneOf(serial);
    const seeker = await signInSeeker(phone);
    const res = await seeker.patch('/api/v1/me/profile', {
      email: 'gizem.kalkan@example.com',
      address: 'Aksaray Mah. Cerrahpaşa Cad. No: 5',
      district: 'Zeytinburnu',
      languages: [
        { code: 'tr', level: 'native' },
        { code: 'en', level: 'B1' },
      ],
      desiredOccupations: ['Kasiyer', 'Reyon görevlisi'],
      skills: 'Barkod okuyucu, POS cihazı',
      constraints: {
        hoursPerWeek: 40,
        shifts: ['day', 'evening'],
        districts: ['Zeytinburnu', 'Fatih'],
        maxCommuteMinutes: 60,
        childcareNeed: false,
        earliestStart: null,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'gizem.kalkan@example.com',
      district: 'Zeytinburnu',
      desiredOccupations: ['Kasiyer', 'Reyon görevlisi'],
    });
    const person = (await personByPhone(phone))!;
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, person.id), eq(auditEvents.action, 'person.updated')));
    expect(event).toMatchObject({ actorKind: 'seeker', actorUserId: person.userId });
    expect(event!.fields).toEqual(expect.arrayContaining(['email', 'address', 'district', 'skills']));
    // The counsellor sees the change.
    expect((await counsellor.get(`/api/v1/persons/${person.id}`)).body.skills).toBe('Barkod okuyucu, POS cihazı');
  });

  it.each([
    ['the name', { givenName: 'Başka' }, '/givenName', 'errors.validation.unknownField'],
    ['the birth date', { birthDate: '1990-01-01' }, '/birthDate', 'errors.validation.unknownField'],
    ['the ID number', { idNumber: '12345678901' }, '/idNumber', 'errors.validation.unknownField'],
    ['target groups', { targetGroups: [] }, '/targetGroups', 'errors.validation.unknownField'],
    ['both contacts away', { phone: null, email: null }, '/phone', 'errors.selfService.contactRequired'],
    ['a district of another province', { district: 'Bornova' }, '/district', 'errors.persons.districtUnknown'],
    ['a malformed phone', { phone: 'abc' }, '/phone', 'errors.validation.format.phone'],
    ['nothing', {}, '/', 'errors.validation.invalid'],
  ])('refuses a change of %s with 422 and changes nothing', async (_name, patch, pointer, code) => {
    const fatma = await demoSeeker('+905321000002');
    const before = (await fatma.get('/api/v1/me/profile')).body;
    const res = await fatma.patch('/api/v1/me/profile', patch);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    expect((await fatma.get('/api/v1/me/profile')).body).toEqual(before);
  });

  it('lets a seeker give and withdraw their own consents online, audited as the seeker', async () => {
    await register(registration({ givenName: 'Hülya', familyName: 'Sezer' }));
    const phone = phoneOf(serial);
    const seeker = await signInSeeker(phone);
    const given = await seeker.post('/api/v1/me/profile/consents', {
      purpose: 'surveys',
      textVersion: CONSENT_TEXT_VERSION,
    });
    expect(given.status).toBe(200);
    const surveys = given.body.consents.find((c: { purpose: string }) => c.purpose === 'surveys');
    expect(surveys).toMatchObject({ channel: 'online', active: true });
    expect(
      (await seeker.post('/api/v1/me/profile/consents', { purpose: 'surveys', textVersion: CONSENT_TEXT_VERSION }))
        .status,
    ).toBe(409);
    const roma = await seeker.post('/api/v1/me/profile/consents', {
      purpose: 'roma-self-identification',
      textVersion: CONSENT_TEXT_VERSION,
    });
    expect(roma.status).toBe(422);
    expect(roma.body.errors[0].pointer).toBe('/purpose');
    const partner = await seeker.post('/api/v1/me/profile/consents', {
      purpose: 'share-with-partners',
      textVersion: CONSENT_TEXT_VERSION,
    });
    expect(partner.body.errors[0]).toMatchObject({ pointer: '/partner', code: 'errors.validation.required' });
    const channel = await seeker.post('/api/v1/me/profile/consents', {
      purpose: 'photos',
      textVersion: CONSENT_TEXT_VERSION,
      channel: 'paper',
    });
    expect(channel.body.errors[0]).toMatchObject({ pointer: '/channel', code: 'errors.validation.unknownField' });

    const withdrawn = await seeker.post(`/api/v1/me/profile/consents/${surveys.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.consents.find((c: { id: string }) => c.id === surveys.id).active).toBe(false);
    const person = (await personByPhone(phone))!;
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, person.id), eq(auditEvents.actorKind, 'seeker')));
    expect(events.map((e) => e.action).sort()).toEqual(['consent.granted', 'consent.withdrawn']);
  });

  it('never reaches another person: not their consents, not the staff routes', async () => {
    const fatma = await demoSeeker('+905321000002');
    const ahmad = await demoSeeker('+905321000003');
    const ahmadsConsent = (await ahmad.get('/api/v1/me/profile')).body.consents[0].id;
    const res = await fatma.post(`/api/v1/me/profile/consents/${ahmadsConsent}/withdraw`);
    expect(res.status).toBe(404);
    expect((await ahmad.get('/api/v1/me/profile')).body.consents[0].active).toBe(true);
    const ahmadsId = (await ahmad.get('/api/v1/me/profile')).body.id;
    expect((await fatma.get(`/api/v1/persons/${ahmadsId}`)).status).toBe(403);
    expect((await fatma.get('/api/v1/persons')).status).toBe(403);
    expect((await fatma.post(`/api/v1/persons/${ahmadsId}/consents`, {})).status).toBe(403);
    expect((await fatma.post(`/api/v1/persons/${ahmadsId}/confirm-registration`)).status).toBe(403);
  });

  it('is for seekers only: staff get 403, anonymous callers 401, a seeker without a record 404', async () => {
    expect((await counsellor.get('/api/v1/me/profile')).status).toBe(403);
    expect((await (await t.as('ibb', 'admin')).patch('/api/v1/me/profile', { skills: 'x' })).status).toBe(403);
    expect((await t.anonymous.get('/api/v1/me/profile')).status).toBe(401);
    const admin = await t.as('ibb', 'admin');
    const seekerRole = (await admin.get('/api/v1/roles')).body.items.find((r: { key: string }) => r.key === 'seeker');
    const created = await admin.post('/api/v1/users', {
      kind: 'seeker',
      fullName: 'Kayıtsız Kullanıcı',
      phone: '0501 888 77 66',
      roleIds: [seekerRole.id],
    });
    expect(created.status).toBe(201);
    const lonely = await signInSeeker('+905018887766');
    const res = await lonely.get('/api/v1/me/profile');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('errors.selfService.noProfile');
  });
});

describe('"Apply" on the public board, then register: the vacancy travels with the registration', () => {
  it('puts a proposal for that vacancy in the counsellor’s queue, sendable only once the registration is confirmed', async () => {
    const employerId = await fx.verifiedEmployer();
    const vacancyId = await fx.publishedVacancy(employerId, { title: 'Bulaşıkçı (başvurudan kayıt)' });
    const before = await snapshot();
    const res = await register(registration({ givenName: 'Rukiye', familyName: 'İlanlı', vacancyId }));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: true });
    const person = (await personByPhone(phoneOf(serial)))!;
    expect(person.registration).toBe('pending');
    expect((await snapshot()).persons).toBe(before.persons + 1);

    // The counsellor sees the application on the vacancy's referral list and on the person, from the person.
    const list = await counsellor.get(`/api/v1/referrals?vacancyId=${vacancyId}`);
    expect(list.status).toBe(200);
    const proposal = list.body.items.find((r: { person: { id: string } }) => r.person.id === person.id);
    expect(proposal).toMatchObject({ status: 'proposed', source: 'person' });
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, proposal.id), eq(auditEvents.action, 'referral.proposed')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: 'anonymous', purpose: 'self-registration' });

    // Not to the employer before a counsellor has confirmed who the person is.
    const early = await counsellor.post(`/api/v1/referrals/${proposal.id}/send`, { prescreen });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('errors.referrals.registrationPending');
    expect((await counsellor.get(`/api/v1/referrals/${proposal.id}`)).body.status).toBe('proposed');

    expect((await counsellor.post(`/api/v1/persons/${person.id}/confirm-registration`)).status).toBe(200);
    const sent = await counsellor.post(`/api/v1/referrals/${proposal.id}/send`, { prescreen });
    expect(sent.status).toBe(200);

    // The seeker sees it among their own applications once they sign in.
    const seeker = await signInSeeker(phoneOf(serial));
    const own = await seeker.get('/api/v1/me/applications');
    expect(own.body.items).toEqual([
      expect.objectContaining({ vacancyTitle: 'Bulaşıkçı (başvurudan kayıt)', source: 'person', status: 'sent' }),
    ]);
  });

  it('without the consent to share, the proposal waits and cannot be sent (the consent rule holds)', async () => {
    const employerId = await fx.verifiedEmployer();
    const vacancyId = await fx.publishedVacancy(employerId);
    await register(registration({ vacancyId, consents: [] }));
    const person = (await personByPhone(phoneOf(serial)))!;
    const list = await counsellor.get(`/api/v1/referrals?vacancyId=${vacancyId}`);
    const proposal = list.body.items.find((r: { person: { id: string } }) => r.person.id === person.id);
    expect(proposal.status).toBe('proposed');
    await counsellor.post(`/api/v1/persons/${person.id}/confirm-registration`);
    const refused = await counsellor.post(`/api/v1/referrals/${proposal.id}/send`, { prescreen });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.referrals.noConsent');
  });

  it('registers without a proposal when the vacancy belongs to another organisation or no longer exists', async () => {
    const izmir = orgs.find((o) => o.shortName !== 'İBB' && o.offices.length > 0)!;
    const employerId = await fx.verifiedEmployer();
    const vacancyId = await fx.publishedVacancy(employerId);
    const other = await register(registration({ vacancyId, officeId: izmir.offices[0]!.id }));
    expect(other.body).toEqual({ received: true });
    const elsewhere = (await personByPhone(phoneOf(serial)))!;
    expect(elsewhere.organisationId).not.toBe(orgs.find((o) => o.shortName === 'İBB')!.id);
    const list = await counsellor.get(`/api/v1/referrals?vacancyId=${vacancyId}`);
    expect(list.body.items.some((r: { person: { id: string } }) => r.person.id === elsewhere.id)).toBe(false);

    const unknown = await register(registration({ vacancyId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(202);
    expect(await personByPhone(phoneOf(serial))).toBeDefined();
    const before = await snapshot();
    const bad = await register(registration({ vacancyId: 'not-a-uuid' }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/vacancyId');
    expect((await snapshot()).persons).toBe(before.persons);
  });
});
