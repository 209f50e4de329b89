import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { cookieFrom, createTestContext, DEMO_PASSWORD, demoEmail, type TestContext } from '../../test/harness.ts';
import {
  auditEvents,
  employers,
  importJobRows,
  importJobs,
  keyRotations,
  persons,
  users,
} from '../../db/schema/index.ts';
import { systemContext } from '../../jobs/handlers.ts';
import { decrypt, encrypt, keyId } from '../../lib/crypto.ts';
import { enforceRetiredKeys, KeyRotationError, rotateKeys } from '../../lib/key-rotation.ts';
import { ENCRYPTED_COLUMNS } from '../../lib/encrypted-columns.ts';
import { testConfig } from '../../config/config.ts';
import { withTcknChecksum } from '../../../common/identity-number.ts';
import { registeredSeeker, staffOf, type Seeker, type Staff } from './fixtures.test-helpers.ts';

// Key rotation (issue 12): every encrypted column re-sealed under the new data key and every blind index
// rebuilt under the new index key, resumable, audited; afterwards the data reads as before and the old
// keys are no longer accepted.

let t: TestContext;
let s: Staff;
let seeker: Seeker;
let employerId: string;
const soleTrader = withTcknChecksum('287654321');
const managerEmail = demoEmail('izmir', 'manager');
let totp: OTPAuth.TOTP;

const OLD_DATA = Buffer.alloc(32, 1);
const OLD_INDEX = Buffer.alloc(32, 2);
const NEW_DATA = Buffer.alloc(32, 7);
const NEW_INDEX = Buffer.alloc(32, 9);

beforeAll(async () => {
  t = await createTestContext({ dataKey: OLD_DATA, indexKey: OLD_INDEX });
  s = await staffOf(t);
  seeker = await registeredSeeker(t, s, 'Rotasyon', 'Deneme');
  const employer = await s.officer.post<{ id: string }>('/api/v1/employers', {
    legalName: 'Anahtar Tamir Atölyesi',
    taxKind: 'tckn',
    taxNumber: soleTrader,
    naceCode: '95.29',
    workerCount: 2,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
  });
  expect(employer.status, JSON.stringify(employer.body)).toBe(201);
  employerId = employer.body.id;
  // Two-factor sign-in with a TOTP secret sealed under the old key.
  const manager = await t.signIn(managerEmail);
  const setup = await manager.post<{ secret: string }>('/api/v1/me/mfa/totp/setup');
  totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
  const confirm = await manager.post('/api/v1/me/mfa/totp/confirm', {
    code: totp.generate({ timestamp: t.clock.now().getTime() }),
  });
  expect(confirm.status).toBe(200);
});
afterAll(async () => t?.close());

/** Signs the manager in with password and a fresh TOTP code; the HTTP status of the second step. */
async function totpSignIn(): Promise<number> {
  t.clock.advance(30_000);
  const first = await t.anonymous.post('/api/v1/auth/sign-in', { email: managerEmail, password: DEMO_PASSWORD });
  expect(first.body.stage).toBe('mfa');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/second-factor',
    headers: { cookie: cookieFrom(first.raw)! },
    payload: { code: totp.generate({ timestamp: t.clock.now().getTime() }) },
  });
  return res.statusCode;
}

const reveal = () =>
  s.counsellor.post<{ idNumber: string }>(`/api/v1/persons/${seeker.personId}/id-number`, { purpose: 'test' });
const searchById = async () =>
  (
    await s.counsellor.post<{ items: { id: string }[] }>('/api/v1/persons/search', { q: seeker.idNumber })
  ).body.items.map((i) => i.id);
const searchEmployerByTaxNumber = async () => {
  const res = await s.officer.post<{ items: { id: string }[] }>('/api/v1/employers/search', { q: soleTrader });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((i) => i.id);
};

/** Every ciphertext of every registered column, with where it is. */
async function allCiphertexts(): Promise<string[]> {
  const out: string[] = [];
  for (const set of ENCRYPTED_COLUMNS) {
    for (const column of set.sealed) {
      const r = await t.database.query<{ v: string }>(
        `SELECT "${column}" AS v FROM "${set.table}" WHERE "${column}" IS NOT NULL`,
      );
      out.push(...r.map((row) => row.v));
    }
  }
  return out;
}

describe('key rotation', () => {
  it('reads with the old key, refuses to rotate to nothing', async () => {
    expect((await reveal()).body.idNumber).toBe(seeker.idNumber);
    expect(await searchById()).toContain(seeker.personId);
    expect(await searchEmployerByTaxNumber()).toContain(employerId);
    expect(await totpSignIn()).toBe(200);
    await expect(rotateKeys(systemContext(t.deps, 'test'))).rejects.toThrow(KeyRotationError);
  });

  it('rotates in batches, resumes after an interruption, and the data reads as before', async () => {
    // The operator's procedure: the processes restart with the new keys current and the old ones previous.
    Object.assign(t.config, {
      dataKey: NEW_DATA,
      indexKey: NEW_INDEX,
      previousDataKey: OLD_DATA,
      previousIndexKey: OLD_INDEX,
    });
    // An import file's rows waiting to be imported, sealed under the old key.
    const [job] = await t.database.db
      .insert(importJobs)
      .values({
        organisationId: (await t.database.db.select().from(persons).where(eq(persons.id, seeker.personId)))[0]!
          .organisationId,
        userId: (await t.database.db.select().from(users).where(eq(users.email, managerEmail)))[0]!.id,
        kind: 'persons',
        fileName: 'x.xlsx',
        status: 'validated',
      })
      .returning();
    await t.database.db.insert(importJobRows).values([
      {
        jobId: job!.id,
        organisationId: job!.organisationId,
        row: 2,
        inputEnc: encrypt('{"givenName":"Satır"}', OLD_DATA),
      },
      { jobId: job!.id, organisationId: job!.organisationId, row: 3, inputEnc: null },
    ]);

    // During the rotation reads work with both keys: nothing is re-sealed yet.
    expect((await reveal()).body.idNumber).toBe(seeker.idNumber);
    expect(await totpSignIn()).toBe(200);
    expect(await searchEmployerByTaxNumber()).toContain(employerId);

    const lines: string[] = [];
    const ctx = systemContext(t.deps, 'test');
    const first = await rotateKeys(ctx, { batchSize: 10, stopAfterBatches: 2, say: (l) => lines.push(l) });
    expect(first.status).toBe('interrupted');
    const [running] = await t.database.db.select().from(keyRotations).where(eq(keyRotations.id, first.id));
    expect(running!.status).toBe('running');
    expect(running!.progress['persons.id-number']!.seen).toBe(20);
    expect(running!.progress['persons.id-number']!.done).toBe(false);
    // Half-way: reads still work (some rows under the new key, some under the old).
    expect((await reveal()).body.idNumber).toBe(seeker.idNumber);

    // A rotation to other keys cannot start while this one is unfinished.
    const other = { ...t.config, dataKey: Buffer.alloc(32, 5) };
    await expect(rotateKeys({ ...ctx, config: other })).rejects.toThrow(/Another rotation/);

    const second = await rotateKeys(ctx, { batchSize: 10, say: (l) => lines.push(l) });
    expect(second.status).toBe('completed');
    expect(second.id).toBe(first.id);
    expect(lines[0]).toMatch(/^Starting key rotation/);
    expect(lines.some((l) => l.startsWith('Resuming key rotation'))).toBe(true);
    expect(lines.some((l) => /^persons\.id-number: \d+ rows, done/.test(l))).toBe(true);
    const [done] = await t.database.db.select().from(keyRotations).where(eq(keyRotations.id, first.id));
    expect(done).toMatchObject({
      status: 'completed',
      runs: 2,
      oldDataKeyId: keyId(OLD_DATA),
      newDataKeyId: keyId(NEW_DATA),
      oldIndexKeyId: keyId(OLD_INDEX),
      newIndexKeyId: keyId(NEW_INDEX),
    });
    const [personCount] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons');
    expect(done!.progress['persons.id-number']!.seen).toBe(personCount!.n);
    for (const set of ENCRYPTED_COLUMNS) expect(done!.progress[set.name]!.done).toBe(true);

    // Every ciphertext is under the new key; the import rows too.
    const sealed = await allCiphertexts();
    expect(sealed.length).toBeGreaterThan(10);
    for (const v of sealed) expect(v.startsWith(`v2.${keyId(NEW_DATA)}.`)).toBe(true);
    const items = await t.database.db
      .select()
      .from(importJobRows)
      .where(eq(importJobRows.jobId, job!.id))
      .orderBy(importJobRows.row);
    expect(decrypt(items[0]!.inputEnc!, NEW_DATA)).toBe('{"givenName":"Satır"}');
    expect(items[1]!.inputEnc).toBeNull();

    // The audit trail of the rotation: started, resumed, completed, by the system, with the key ids.
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'key-rotation'), eq(auditEvents.subjectId, first.id)));
    expect(events.map((e) => e.action).sort()).toEqual([
      'key-rotation.completed',
      'key-rotation.resumed',
      'key-rotation.started',
    ]);
    for (const e of events) {
      expect(e.actorKind).toBe('system');
      expect(e.purpose).toContain(`data:${keyId(OLD_DATA)}>${keyId(NEW_DATA)}`);
    }
  });

  it('after the rotation the data reads with the new keys alone, and the old keys are refused', async () => {
    // The operator removes the previous keys (a start-up would drop them anyway, see below).
    Object.assign(t.config, { previousDataKey: undefined, previousIndexKey: undefined });
    expect((await reveal()).body.idNumber).toBe(seeker.idNumber);
    expect(await searchById()).toContain(seeker.personId);
    expect(await searchEmployerByTaxNumber()).toContain(employerId);
    expect(await totpSignIn()).toBe(200);
    const [employer] = await t.database.db.select().from(employers).where(eq(employers.id, employerId));
    expect(decrypt(employer!.taxNumberEnc!, t.config)).toBe(soleTrader);

    // The old data key opens nothing any more.
    const [person] = await t.database.db
      .select()
      .from(persons)
      .where(and(eq(persons.id, seeker.personId), isNotNull(persons.idNumberEnc)));
    expect(() => decrypt(person!.idNumberEnc!, OLD_DATA)).toThrow(/not configured/);
    expect(() => decrypt(employer!.taxNumberEnc!, { dataKey: OLD_DATA })).toThrow();
    const [manager] = await t.database.db
      .select()
      .from(users)
      .where(inArray(users.email, [managerEmail]));
    expect(() => decrypt(manager!.totpSecretEnc!, OLD_DATA)).toThrow();

    // A process configured with an old key as its current key is refused at start-up; one still listing
    // the old keys as previous drops them.
    await expect(
      enforceRetiredKeys(t.database.db, testConfig({ dataKey: OLD_DATA, indexKey: NEW_INDEX })),
    ).rejects.toThrow(/KOPRU_DATA_KEY was retired/);
    await expect(
      enforceRetiredKeys(t.database.db, testConfig({ dataKey: NEW_DATA, indexKey: OLD_INDEX })),
    ).rejects.toThrow(/KOPRU_INDEX_KEY was retired/);
    const lingering = testConfig({
      dataKey: NEW_DATA,
      indexKey: NEW_INDEX,
      previousDataKey: OLD_DATA,
      previousIndexKey: OLD_INDEX,
    });
    const said: string[] = [];
    await enforceRetiredKeys(t.database.db, lingering, (m) => said.push(m));
    expect(lingering.previousDataKey).toBeUndefined();
    expect(lingering.previousIndexKey).toBeUndefined();
    expect(said).toHaveLength(2);
    // And a rotation back to a retired key is refused.
    await expect(
      rotateKeys({
        ...systemContext(t.deps, 'test'),
        config: testConfig({
          dataKey: OLD_DATA,
          indexKey: OLD_INDEX,
          previousDataKey: NEW_DATA,
          previousIndexKey: NEW_INDEX,
        }),
      }),
    ).rejects.toThrow(/retired/);
  });
});
