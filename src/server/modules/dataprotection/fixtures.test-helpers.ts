/**
 * Fixtures of the data-protection desk's integration tests: a person with an account, an employer that
 * received their profile through a referral. Everything goes through the HTTP API.
 */
import { expect } from 'vitest';
import type { TestClient, TestContext } from '../../test/harness.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../common/people.ts';
import {
  dpBreaches,
  dpDestructionBatches,
  dpDestructionBatchItems,
  dpDestructionRecords,
  dpRequests,
  organisations,
} from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';

export interface Staff {
  officer: TestClient;
  manager: TestClient;
  counsellor: TestClient;
}

let serial = 0;
export const next = () => ++serial;

export async function staffOf(t: TestContext): Promise<Staff> {
  return {
    officer: await t.as('ibb', 'employer-relations'),
    manager: await t.as('ibb', 'manager'),
    counsellor: await t.as('ibb', 'counsellor'),
  };
}

export async function verifiedEmployer(s: Staff, tradeName: string, contactEmail: string) {
  const n = 420_000_00 + next();
  const res = await s.officer.post<{ id: string }>('/api/v1/employers', {
    legalName: `${tradeName} Ltd. Şti. ${n}`,
    tradeName,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(n).padStart(9, '4').slice(0, 9)),
    naceCode: '56.10',
    workerCount: 60,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const contact = await s.officer.post(`/api/v1/employers/${res.body.id}/contacts`, {
    fullName: 'İnsan Kaynakları',
    email: contactEmail,
  });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  expect((await s.officer.post(`/api/v1/employers/${res.body.id}/hazard-class`, { hazardClass: 'low' })).status).toBe(
    200,
  );
  expect((await s.officer.post(`/api/v1/employers/${res.body.id}/status`, { status: 'verified' })).status).toBe(200);
  return res.body.id;
}

export async function publishedVacancy(s: Staff, employerId: string) {
  const created = await s.officer.post<{ id: string }>('/api/v1/vacancies', {
    employerId,
    title: 'Aşçı yardımcısı',
    occupation: 'Aşçı yardımcısı',
    duties: 'Mutfakta hazırlık, temizlik ve servis desteği.',
    province: 'İstanbul',
    district: 'Fatih',
    positions: 2,
    contractType: 'permanent',
    startDate: '2027-03-15',
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: ['day'],
    wageMin: 30000,
    wageBasis: 'net',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await s.officer.post(`/api/v1/vacancies/${created.body.id}/submit`)).status).toBe(200);
  const published = await s.manager.post<{ id: string }>(`/api/v1/vacancies/${created.body.id}/review`, {
    decision: 'publish',
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body.id;
}

const prescreen = { identityChecked: true, skillsMatch: true, availabilityConfirmed: true, personInformed: true };

/** Refers the person to a new vacancy of the employer and sends the referral (a disclosure). */
export async function sendTo(s: Staff, employerId: string, personId: string) {
  const vacancyId = await publishedVacancy(s, employerId);
  const proposed = await s.counsellor.post<{ id: string }>('/api/v1/referrals', { vacancyId, personId });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const sent = await s.counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
}

export interface Seeker {
  personId: string;
  givenName: string;
  familyName: string;
  phone: string;
  email: string;
  idNumber: string;
  client: TestClient;
}

/**
 * A job seeker who registered themselves (an account, a notice, a consent, messages in the outbox),
 * confirmed by the Fatih counsellor (a case), and signed in with a one-time code.
 */
export async function registeredSeeker(t: TestContext, s: Staff, givenName: string, familyName: string) {
  const n = next();
  const phone = `+90502${String(700_000 + n).padStart(7, '0')}`;
  const email = `${familyName.toLocaleLowerCase('tr').replace(/[^a-z]/g, '')}${n}@example.org`;
  const idNumber = withTcknChecksum(`3${String(n).padStart(8, '7')}`);
  const orgs = (await t.anonymous.get<{ items: unknown }>('/api/v1/public/organisations')).body.items as {
    shortName: string;
    offices: { id: string; district: string }[];
  }[];
  const officeId = orgs.find((o) => o.shortName === 'İBB')!.offices.find((o) => o.district === 'Fatih')!.id;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/registrations',
    remoteAddress: `10.99.${n}.1`,
    payload: {
      givenName,
      familyName,
      idKind: 'tckn',
      idNumber,
      birthDate: '1993-06-14',
      sex: 'female',
      nationality: 'TR',
      languages: [{ code: 'tr', level: 'native' }],
      phone,
      email,
      address: `${familyName} Apartmanı No 7, Fatih`,
      province: 'İstanbul',
      district: 'Fatih',
      desiredOccupations: ['Aşçı yardımcısı'],
      locale: 'tr',
      officeId,
      notice: { version: NOTICE_VERSION, locale: 'tr' },
      consents: [{ purpose: 'share-with-employers', textVersion: CONSENT_TEXT_VERSION }],
    },
  });
  expect(res.statusCode, res.body).toBe(202);
  const found = await s.counsellor.post<{ items: { id: string }[] }>('/api/v1/persons/search', { q: idNumber });
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  const personId = found.body.items[0]!.id;
  expect((await s.counsellor.post(`/api/v1/persons/${personId}/confirm-registration`)).status).toBe(200);
  t.clock.advance(1000);
  const client = await t.signInWithCode(phone);
  return { personId, givenName, familyName, phone, email, idNumber, client } satisfies Seeker;
}

/**
 * Empties İBB's desk registers of the demo data (requests, breaches, destruction batches and records),
 * whose dates follow the day the template was seeded, so that a test's own clock decides what is late.
 */
export async function clearDemoDesk(t: TestContext): Promise<void> {
  const db = t.database.db;
  const [ibb] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.shortName, 'İBB'));
  const organisationId = ibb!.id;
  await db.delete(dpDestructionBatchItems).where(eq(dpDestructionBatchItems.organisationId, organisationId));
  await db.delete(dpDestructionRecords).where(eq(dpDestructionRecords.organisationId, organisationId));
  await db.delete(dpDestructionBatches).where(eq(dpDestructionBatches.organisationId, organisationId));
  await db.delete(dpBreaches).where(eq(dpBreaches.organisationId, organisationId));
  await db.delete(dpRequests).where(eq(dpRequests.organisationId, organisationId));
}
