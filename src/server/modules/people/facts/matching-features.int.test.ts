import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { essentialSkillsOf, referralFixture } from '../../../test/referral-fixture.ts';
import { auditEvents, personMatchingFeatures, persons } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { addMonths } from '../../../../common/decent-work.ts';
import { decrypt } from '../../../lib/crypto.ts';
import { ENCRYPTED_COLUMNS } from '../../../lib/encrypted-columns.ts';
import { rotateKeys } from '../../../lib/key-rotation.ts';
import { systemContext } from '../../../jobs/handlers.ts';
import type { MatchingFeatures } from '../../../lib/matching-tags.ts';
import {
  backfillMatchingFeatures,
  deriveMatchingFeatures,
  poolFeatures,
  rightToWorkOf,
} from './matching-features.service.ts';

// The restricted matching features (docs/MATCHING.md, "The restricted features table"): derived in the
// transaction of every change to the person, their protection status, disability or permits, read by the
// matcher through code books (no row opened), with the same results as the details themselves.

let t: TestContext;
let manager: TestClient;
let counsellor: TestClient; // special-category:read
let dpo: TestClient;
let employerId = '';
let vacancy = '';
let skills: string[] = [];
const TODAY = '2026-12-03';

const fx = referralFixture(710_000_00);

/** A cook's vacancy of the test's employer, the two cook skills required. */
const publishedVacancy = (overrides: Record<string, unknown> = {}) =>
  fx.publishedVacancy(employerId, {
    title: 'Aşçı',
    occupation: 'Aşçı',
    iscoCode: '5120',
    requiredSkillIds: skills,
    duties: 'Sıcak mutfakta yemek hazırlama ve pişirme.',
    startDate: '2027-02-01',
    wageMin: 30000,
    ...overrides,
  });

const refugee = (province: string, date: string | null, status = 'temporary-protection') => ({
  group: 'refugee',
  details: { status, registrationProvince: province, registrationDate: date },
});

/** A Syrian cook (foreigner's ID number) holding both skills, consenting to share the profile. */
function person(overrides: Record<string, unknown> = {}) {
  const serial = fx.nextSerial();
  return fx.person({
    givenName: 'Öznitelik',
    idKind: 'ykn',
    idNumber: withTcknChecksum(`99${String(serial).slice(-7)}`),
    birthDate: '1990-03-03',
    nationality: 'SY',
    desiredOccupationCodes: [{ title: 'Aşçı', iscoCode: '5120' }],
    skillIds: skills,
    ...overrides,
  });
}

async function candidate(personId: string, client = counsellor) {
  const res = await client.get(`/api/v1/vacancies/${vacancy}/candidates?pageSize=50`);
  expect(res.status).toBe(200);
  return res.body.items.find((i: { personId: string }) => i.personId === personId) as
    | { permitToRequest: boolean | null; explanation: string; factors: { factor: string; message: string }[] }
    | undefined;
}

/** The features row as stored, and its sealed facts opened. */
async function stored(personId: string) {
  const [row] = await t.database.db
    .select()
    .from(personMatchingFeatures)
    .where(eq(personMatchingFeatures.personId, personId));
  return row ? { row, facts: JSON.parse(decrypt(row.featuresEnc, t.config)) as MatchingFeatures } : null;
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date(`${TODAY}T09:00:00Z`));
  ({ manager, counsellor } = await fx.signIn(t));
  dpo = await t.as('ibb', 'dpo');
  skills = await essentialSkillsOf(t, '5120', 2);
  employerId = await fx.verifiedEmployer({ legalName: 'Öznitelik Lokantası Ltd. Şti.' });
  vacancy = await publishedVacancy();
});
afterAll(async () => t.close());

describe('the restricted matching features', () => {
  it('are kept with every person of the demo data, and decode to what the details say (results unchanged)', async () => {
    const db = t.database.db;
    const all = await db.select({ id: persons.id, organisationId: persons.organisationId }).from(persons);
    const rows = await db.select({ id: personMatchingFeatures.personId }).from(personMatchingFeatures);
    expect(rows.length).toBe(all.length);
    const ibb = all[0]!.organisationId;
    const ids = all.filter((p) => p.organisationId === ibb).map((p) => p.id);
    const { features, derived } = await poolFeatures(db, t.config, ibb, ids, TODAY);
    expect(derived).toBe(0);
    const fromDetails = await deriveMatchingFeatures(db, t.config, ids);
    const longAgo = addMonths(TODAY, -12);
    let protectedPeople = 0;
    for (const id of ids) {
      const truth = fromDetails.get(id)!;
      const decoded = features.get(id)!;
      const expected = rightToWorkOf(truth);
      if (expected.status === 'temporary-protection' || expected.status === 'international-protection') {
        protectedPeople++;
        // A registration older than any waiting period decodes as "long ago": every waiting check passes.
        if (expected.registrationDate && expected.registrationDate < longAgo) {
          const got = decoded.rightToWork as { registrationDate: string | null };
          expect(got.registrationDate! < longAgo).toBe(true);
          expect({ ...decoded.rightToWork, registrationDate: null }).toEqual({ ...expected, registrationDate: null });
        } else expect(decoded.rightToWork).toEqual(expected);
      } else expect(decoded.rightToWork).toEqual(expected);
      expect(decoded.accessibilityNeed).toBe(truth.accessibilityNeed);
    }
    expect(protectedPeople).toBeGreaterThan(0);
  });

  it('follow a save: the waiting period and the province of registration, nothing readable at rest', async () => {
    const waiting = await person({ targetGroups: [refugee('İstanbul', '2026-10-01')] });
    const row = await stored(waiting);
    expect(row!.facts).toMatchObject({
      legal: 'temporary-protection',
      provinceCode: '34',
      registrationDate: '2026-10-01',
      accessibilityNeed: false,
    });
    // At rest: two keyed tags and a ciphertext; no status, province or date in clear.
    const raw = JSON.stringify(row!.row);
    for (const clear of ['temporary', 'protection', 'İstanbul', 'Istanbul', '2026-10-01', '"34"'])
      expect(raw).not.toContain(clear);
    expect(row!.row.legalTag).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.row.registeredTag).toMatch(/^[0-9a-f]{64}$/);

    const before = await counsellor.get(`/api/v1/vacancies/${vacancy}/candidates?pageSize=50`);
    expect(before.body.items.map((i: { personId: string }) => i.personId)).not.toContain(waiting);
    expect(before.body.excluded['decent-work']).toBeGreaterThanOrEqual(1);

    // Registered long enough ago: a candidate, the permit still to request.
    const patched = await counsellor.patch(`/api/v1/persons/${waiting}`, {
      targetGroups: [refugee('İstanbul', '2025-01-10')],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await stored(waiting))!.facts.registrationDate).toBe('2025-01-10');
    expect((await candidate(waiting))?.permitToRequest).toBe(true);

    // Registered in another province: out again (not seasonal agriculture).
    await counsellor.patch(`/api/v1/persons/${waiting}`, { targetGroups: [refugee('Ankara', '2025-01-10')] });
    expect((await stored(waiting))!.facts.provinceCode).toBe('06');
    expect(await candidate(waiting)).toBeUndefined();

    // A disability recorded: the accessibility need, named only to special-category readers.
    await counsellor.patch(`/api/v1/persons/${waiting}`, {
      targetGroups: [refugee('İstanbul', '2025-01-10'), { group: 'disability', details: { reportPercentage: 45 } }],
    });
    expect((await stored(waiting))!.facts.accessibilityNeed).toBe(true);
    const seen = await candidate(waiting);
    const hidden = await candidate(waiting, manager); // no special-category:read
    expect(seen!.factors.find((f) => f.factor === 'care')).toBeDefined();
    expect(hidden).toBeDefined();
    expect(JSON.stringify(hidden)).not.toMatch(/engel|erişilebilir|koruma|izni/i);
    expect(hidden!.permitToRequest).toBeNull();
  });

  it('follow a permit change: a granted permit for this employer ends the duty to request one', async () => {
    const p = await person({ targetGroups: [refugee('İstanbul', '2024-05-05')] });
    expect((await candidate(p))?.permitToRequest).toBe(true);
    const permit = await counsellor.post(`/api/v1/persons/${p}/work-permits`, {
      kind: 'temporary-protection-permit',
      status: 'granted',
      employerId,
      requestedOn: '2026-11-01',
      decidedOn: '2026-11-20',
      validFrom: '2026-11-20',
      validUntil: '2027-11-19',
    });
    expect(permit.status, JSON.stringify(permit.body)).toBe(201);
    const row = await stored(p);
    expect(row!.row.permits).toEqual([{ scope: 'employer', employerId, from: '2026-11-20', until: '2027-11-19' }]);
    expect(JSON.stringify(row!.row.permits)).not.toContain('temporary');
    expect((await candidate(p))?.permitToRequest).toBe(false);
    // Removed (recorded by mistake): the duty is back.
    const removed = await counsellor.delete(`/api/v1/persons/${p}/work-permits/${permit.body.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect((await stored(p))!.row.permits).toEqual([]);
    expect((await candidate(p))?.permitToRequest).toBe(true);
  });

  it('follow a merge: the kept record takes the duplicate’s protection status', async () => {
    const kept = await person({ nationality: 'SY' });
    expect((await stored(kept))!.facts.legal).toBe('foreigner');
    const dup = await person({
      idKind: null,
      idNumber: null,
      targetGroups: [refugee('Ankara', '2024-01-01')],
    });
    expect(await candidate(kept)).toBeDefined();
    const merged = await counsellor.post(`/api/v1/persons/${kept}/merge`, { duplicateId: dup });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await stored(kept))!.facts).toMatchObject({ legal: 'temporary-protection', provinceCode: '06' });
    // Registered in Ankara, the İstanbul vacancy is closed to her now.
    expect(await candidate(kept)).toBeUndefined();
  });

  it('follow an erasure: nothing of the protection details is left in the features', async () => {
    const p = await person({ targetGroups: [refugee('İstanbul', '2024-02-02')] });
    const r = await dpo.post('/api/v1/data-protection/requests', { kind: 'erasure', channel: 'counter' });
    await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/identity`, { method: 'id-document-at-counter' });
    await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/person`, { personId: p });
    await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/accept`);
    const erased = await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/erase`, { confirm: true });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const row = await stored(p);
    expect(row!.facts).toEqual({
      legal: 'foreigner',
      provinceCode: null,
      registrationDate: null,
      accessibilityNeed: false,
      permits: [],
    });
  });

  it('one audit event per matching query, and no special-category read of any row', async () => {
    const since = t.clock.now();
    await person({ targetGroups: [refugee('İstanbul', '2024-03-03')] });
    t.clock.set(new Date(since.getTime() + 60_000));
    const before = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['matching.candidates-listed', 'person.special-category-read']));
    await candidate('none');
    const after = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['matching.candidates-listed', 'person.special-category-read']));
    expect(after.length - before.length).toBe(1);
    expect(after.filter((a) => a.action === 'person.special-category-read').length).toBe(
      before.filter((a) => a.action === 'person.special-category-read').length,
    );
  });

  it('missing ones are derived at start, batch after batch, every person once', async () => {
    const db = t.database.db;
    const kept = await db
      .select({ id: personMatchingFeatures.personId, legalTag: personMatchingFeatures.legalTag })
      .from(personMatchingFeatures);
    // Every other person loses the row (a gap between two batches' persons must not stop the walk).
    const gone = kept.filter((_, i) => i % 2 === 0).map((r) => r.id);
    await db.delete(personMatchingFeatures).where(inArray(personMatchingFeatures.personId, gone));
    expect(await backfillMatchingFeatures(db, t.config, 3)).toBe(gone.length);
    const again = await db
      .select({ id: personMatchingFeatures.personId, legalTag: personMatchingFeatures.legalTag })
      .from(personMatchingFeatures);
    expect(new Map(again.map((r) => [r.id, r.legalTag]))).toEqual(new Map(kept.map((r) => [r.id, r.legalTag])));
    expect(await backfillMatchingFeatures(db, t.config, 3)).toBe(0);
  });

  // Last: it retires the file's keys.
  it('survive a key rotation: the tags are recomputed under the new index key and decode as before', async () => {
    const db = t.database.db;
    const all = await db.select({ id: persons.id, organisationId: persons.organisationId }).from(persons);
    const ibb = all[0]!.organisationId;
    const ids = all.filter((p) => p.organisationId === ibb).map((p) => p.id);
    const before = await poolFeatures(db, t.config, ibb, ids, TODAY);
    const rotated = {
      ...t.config,
      dataKey: Buffer.alloc(32, 5),
      indexKey: Buffer.alloc(32, 6),
      previousDataKey: t.config.dataKey,
      previousIndexKey: t.config.indexKey,
    };
    // During the rotation, before any row is re-tagged, the books of both keys decode.
    expect((await poolFeatures(db, rotated, ibb, ids, TODAY)).derived).toBe(0);
    const sets = ENCRYPTED_COLUMNS.filter((c) => c.table === 'person_matching_features');
    expect(sets.length).toBe(2);
    const outcome = await rotateKeys({ ...systemContext(t.deps, 'test'), config: rotated }, { sets });
    expect(outcome.status).toBe('completed');
    const newKeys = { dataKey: rotated.dataKey, indexKey: rotated.indexKey };
    const after = await poolFeatures(db, newKeys, ibb, ids, TODAY);
    expect(after.derived).toBe(0);
    for (const id of ids) expect(after.features.get(id), id).toEqual(before.features.get(id));
  });
});
