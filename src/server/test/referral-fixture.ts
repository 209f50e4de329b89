import { expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { skillOccupations } from '../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../common/identity-number.ts';
import type { TestClient, TestContext } from './harness.ts';

/** The first `n` essential skills of an ISCO unit group in the loaded taxonomy (vacancies and persons that match). */
export async function essentialSkillsOf(t: TestContext, iscoCode: string, n: number): Promise<string[]> {
  const rows = await t.database.db
    .select({ id: skillOccupations.skillId })
    .from(skillOccupations)
    .where(and(eq(skillOccupations.iscoCode, iscoCode), eq(skillOccupations.relation, 'essential')))
    .limit(n);
  expect(rows).toHaveLength(n);
  return rows.map((r) => r.id);
}

/**
 * What the referral tests build through the HTTP API, shared by the test files that need verified
 * employers, published vacancies and persons who consented to share their profile: İBB's employer
 * relations officer, manager (who publishes vacancies) and counsellor (Zeynep Kaya, Fatih). Each test
 * file gives its own serial start so that names, ID and tax numbers never collide between files.
 */
export function referralFixture(serialStart: number) {
  let serial = serialStart;
  const clients = {} as { officer: TestClient; manager: TestClient; counsellor: TestClient };

  /** Signs the three staff users in: call in beforeAll after creating the test context. */
  async function signIn(t: TestContext) {
    clients.officer = await t.as('ibb', 'employer-relations');
    clients.manager = await t.as('ibb', 'manager');
    clients.counsellor = await t.as('ibb', 'counsellor');
    return clients;
  }

  /** A number not used before in this file (names, ID and tax numbers). */
  const nextSerial = () => ++serial;

  async function verifiedEmployer(overrides: Record<string, unknown> = {}, hazard = 'low') {
    const { officer } = clients;
    const res = await officer.post('/api/v1/employers', {
      legalName: `Örnek Gıda Ltd. Şti. ${++serial}`,
      taxKind: 'vkn',
      taxNumber: withVknChecksum(String(serial).padStart(9, '4').slice(0, 9)),
      naceCode: '56.10',
      workerCount: 60,
      province: 'İstanbul',
      district: 'Fatih',
      acceptTerms: true,
      ...overrides,
    });
    expect(res.status).toBe(201);
    expect((await officer.post(`/api/v1/employers/${res.body.id}/hazard-class`, { hazardClass: hazard })).status).toBe(
      200,
    );
    expect((await officer.post(`/api/v1/employers/${res.body.id}/status`, { status: 'verified' })).status).toBe(200);
    return res.body.id as string;
  }

  function vacancy(employerId: string, overrides: Record<string, unknown> = {}) {
    return {
      employerId,
      title: 'Aşçı yardımcısı',
      occupation: 'Aşçı yardımcısı',
      duties: 'Mutfakta hazırlık, temizlik ve servis desteği.',
      province: 'İstanbul',
      district: 'Fatih',
      positions: 2,
      contractType: 'permanent',
      startDate: '2026-12-15',
      hoursPerDay: 9,
      hoursPerWeek: 45,
      shifts: ['day'],
      wageMin: 28075.5,
      wageBasis: 'net',
      ...overrides,
    };
  }

  async function publishedVacancy(employerId: string, overrides: Record<string, unknown> = {}) {
    const { officer, manager } = clients;
    const created = await officer.post('/api/v1/vacancies', vacancy(employerId, overrides));
    expect(created.status).toBe(201);
    const submitted = await officer.post(`/api/v1/vacancies/${created.body.id}/submit`);
    expect(submitted.status).toBe(200);
    const published = await manager.post(`/api/v1/vacancies/${created.body.id}/review`, { decision: 'publish' });
    expect(published.status).toBe(200);
    return published.body.id as string;
  }

  async function person(overrides: Record<string, unknown> = {}) {
    const res = await clients.counsellor.post('/api/v1/persons', {
      givenName: 'Yönlendirme',
      familyName: `Adayı ${++serial}`,
      idKind: 'tckn',
      idNumber: withTcknChecksum(String(serial).padStart(9, '2').slice(0, 9)),
      birthDate: '1992-02-02',
      sex: 'female',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      phone: `+90533${String(serial).slice(-7)}`,
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
      confirmNotDuplicate: true,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  return { clients, signIn, nextSerial, verifiedEmployer, vacancy, publishedVacancy, person };
}

/** Every pre-screen item ticked. */
export const prescreen = {
  identityChecked: true,
  skillsMatch: true,
  availabilityConfirmed: true,
  personInformed: true,
};
