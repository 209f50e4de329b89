import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, dpRequests } from '../../db/schema/index.ts';
import {
  publishedVacancy,
  registeredSeeker,
  staffOf,
  verifiedEmployer,
  type Seeker,
  type Staff,
} from './fixtures.test-helpers.ts';

/**
 * A job seeker asks for a review of how matching ranked them (issue 10, KVKK art. 11(1)(g)): from one of
 * their applications that a counsellor proposed from a ranked list, an objection to an automated result
 * naming that application reaches the data-protection desk, where the DPO reads the ranking as it was kept
 * with the referral. Only the person's own ranked applications qualify; one open review per application.
 */
let t: TestContext;
let s: Staff;
let dpo: TestClient;
let seeker: Seeker;
let other: Seeker;
let ranked: string;
let plain: string;
let othersRanked: string;

async function rankedReferral(personId: string, vacancyId: string) {
  const made = await s.counsellor.post<{ id: string }>('/api/v1/matching/referrals', { vacancyId, personId });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id;
}

const count = async () =>
  (await t.database.db.select({ id: dpRequests.id }).from(dpRequests).where(eq(dpRequests.kind, 'objection-automated')))
    .length;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-01T09:00:00Z'));
  s = await staffOf(t);
  dpo = await t.as('ibb', 'dpo');
  seeker = await registeredSeeker(t, s, 'Nesrin', 'Sıralamacı');
  other = await registeredSeeker(t, s, 'Gülay', 'Başkaoğlu');
  const employerId = await verifiedEmployer(s, 'Sıra Lokantası', 'ik@sira-lokanta.example.org');
  const vacancy = await publishedVacancy(s, employerId);
  ranked = await rankedReferral(seeker.personId, vacancy);
  othersRanked = await rankedReferral(other.personId, vacancy);
  const proposed = await s.counsellor.post<{ id: string }>('/api/v1/referrals', {
    vacancyId: await publishedVacancy(s, employerId),
    personId: seeker.personId,
  });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  plain = proposed.body.id;
  // Two registrations, an employer and two vacancies through the API: more than the default on loaded cores.
}, 180_000);
afterAll(async () => t.close());

describe('a review of how I was ranked', () => {
  it('my applications say which ones matching ranked', async () => {
    const mine = (await seeker.client.get<{ items: { id: string; ranked: boolean }[] }>('/api/v1/me/applications')).body
      .items;
    expect(mine.find((a) => a.id === ranked)?.ranked).toBe(true);
    expect(mine.find((a) => a.id === plain)?.ranked).toBe(false);
  });

  it('refuses an application that was not ranked, someone else’s, or another kind of request, writing nothing', async () => {
    const before = await count();
    for (const [body, code] of [
      [{ kind: 'objection-automated', referralId: plain }, 'errors.dataProtection.noRanking'],
      [{ kind: 'objection-automated', referralId: othersRanked }, 'errors.dataProtection.noRanking'],
      [{ kind: 'objection', referralId: ranked }, 'errors.dataProtection.rankingOnlyForAutomated'],
    ] as const) {
      const res = await seeker.client.post('/api/v1/me/data-requests', body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0]).toMatchObject({ pointer: '/referralId', code });
      expect(res.body.errors[0].message.length).toBeGreaterThan(10);
    }
    expect(await count()).toBe(before);
  });

  it('files the review; the DPO sees the ranking as kept; a second one waits for the answer', async () => {
    const filed = await seeker.client.post<{ id: string; referralId: string }>('/api/v1/me/data-requests', {
      kind: 'objection-automated',
      referralId: ranked,
      details: 'Neden listenin altlarında olduğumu öğrenmek istiyorum.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ referralId: ranked, status: 'verified' });

    const again = await seeker.client.post('/api/v1/me/data-requests', {
      kind: 'objection-automated',
      referralId: ranked,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('errors.dataProtection.reviewUnderWay');

    const got = await dpo.get(`/api/v1/data-protection/requests/${filed.body.id}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.ranking).toMatchObject({
      referralId: ranked,
      vacancyTitle: 'Aşçı yardımcısı',
      employerName: 'Sıra Lokantası',
      match: { day: '2026-12-01', score: expect.any(Number) },
    });
    expect(got.body.ranking.match.explanation.length).toBeGreaterThan(10);
    expect(got.body.ranking.match.factors.length).toBeGreaterThan(3);

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dp-request.created'), eq(auditEvents.subjectId, filed.body.id)));
    expect(event?.fields).toContain('referral');

    // Once answered, the person may ask again.
    const answered = await dpo.post(`/api/v1/data-protection/requests/${filed.body.id}/answer`, {
      answer: 'Sıralamanız incelendi; uzaklık ve beceri puanları doğru hesaplanmış.',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const later = await seeker.client.post('/api/v1/me/data-requests', {
      kind: 'objection-automated',
      referralId: ranked,
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
  });

  it('a request without an application is as before (no ranking)', async () => {
    const filed = await other.client.post<{ id: string }>('/api/v1/me/data-requests', { kind: 'objection-automated' });
    expect(filed.status).toBe(201);
    expect((await dpo.get(`/api/v1/data-protection/requests/${filed.body.id}`)).body.ranking).toBeNull();
  });
});
