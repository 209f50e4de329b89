import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { offices, persons, personTargetGroups } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import type { Permission } from '../../../common/permissions.ts';
import { anonymiseEverywhere } from './dataprotection.service.ts';

// Erasure coarsens rare combinations of what it keeps (src/common/quasi-identifiers.ts): on constructed
// data in two districts of their own, with the organisation's threshold (11).

let t: TestContext;
let ctx: Ctx;
let organisationId: string;
let officeId: string;

beforeAll(async () => {
  t = await createTestContext();
  const dpo = await t.as('ibb', 'dpo');
  const me = (await dpo.get('/api/v1/me')).body;
  organisationId = me.organisation.id;
  const [office] = await t.database.db.select().from(offices).where(eq(offices.organisationId, organisationId));
  officeId = office!.id;
  ctx = {
    db: t.database.db,
    actor: {
      userId: me.id,
      sessionId: '',
      organisationId,
      officeId: null,
      kind: me.kind,
      fullName: me.fullName,
      locale: 'tr',
      stage: 'active',
      permissions: new Set(me.permissions as Permission[]),
    },
    requestId: 'test',
    locale: 'tr',
    ip: '127.0.0.1',
    userAgent: null,
    clock: t.clock,
    config: t.config,
    jobs: t.jobs,
  };
});
afterAll(async () => t?.close());

let serial = 0;
async function person(district: string, nationality: string, birthDate: string, groups: string[] = []) {
  const n = ++serial;
  const [row] = await t.database.db
    .insert(persons)
    .values({
      organisationId,
      officeId,
      givenName: `Deneme${n}`,
      familyName: 'Kabalaştırma',
      nameKey: `deneme${n} kabalastirma`,
      birthDate,
      sex: 'female',
      nationality,
      province: 'İstanbul',
      district,
    })
    .returning();
  if (groups.length)
    await t.database.db
      .insert(personTargetGroups)
      .values(groups.map((g) => ({ personId: row!.id, organisationId, group: g as 'disability' })));
  return row!.id;
}

const row = async (id: string) => (await t.database.db.select().from(persons).where(eq(persons.id, id)))[0]!;

describe('coarsening rare combinations on erasure', () => {
  it('keeps a combination shared by enough, coarsens a rare one step by step', async () => {
    // Eleven Iraqi women of 1990–1994 in "Deneme-A": one erased keeps everything (11 share it).
    const iraqis: string[] = [];
    for (let i = 0; i < 11; i++) iraqis.push(await person('Deneme-A', 'IQ', '1991-03-03'));
    const common = await anonymiseEverywhere(ctx, iraqis[0]!);
    expect(common.coarsened).toBe(0);
    expect(await row(iraqis[0]!)).toMatchObject({ district: 'Deneme-A', nationality: 'IQ', birthDate: '1990-01-01' });

    // The only Syrian woman there: joins the Iraqis as Western Asia (145), the district kept.
    const syrian = await person('Deneme-A', 'SY', '1992-07-07');
    const one = await anonymiseEverywhere(ctx, syrian);
    expect(one.coarsened).toBe(1);
    expect(await row(syrian)).toMatchObject({ district: 'Deneme-A', nationality: '145', birthDate: '1990-01-01' });

    // An Afghan woman alone in "Deneme-B": region 034 is no more common there, so the district goes too
    // (the province stays); then Southern Asia across İstanbul is still rare: the band widens, and so on.
    const afghan = await person('Deneme-B', 'AF', '1993-01-01');
    const far = await anonymiseEverywhere(ctx, afghan);
    expect(far.coarsened).toBeGreaterThanOrEqual(2);
    const r = await row(afghan);
    expect(r.province).toBe('İstanbul');
    expect(r.district).toBe('—');
    expect(r.givenName).toBe('—');

    // A rare target group is never dropped: the record ends at the coarsest level with its group.
    const rare = await person('Deneme-B', 'TR', '1960-05-05', ['disability']);
    const last = await anonymiseEverywhere(ctx, rare);
    expect(last.coarsened).toBeGreaterThan(0);
    const groups = await t.database.db
      .select({ group: personTargetGroups.group })
      .from(personTargetGroups)
      .where(inArray(personTargetGroups.personId, [rare]));
    expect(groups.map((g) => g.group)).toEqual(['disability']);
  });
});
