import { eq } from 'drizzle-orm';
import { cases, offices, organisations, persons } from '../db/schema/index.ts';
import type { TestContext } from './harness.ts';
import { recordNameWords } from '../modules/people/index.ts';

/**
 * For the export tests: three women registered at an İBB office on 15 March 2016, each with a case opened
 * then — a cell of 3, below the threshold of 11, so that a released file must read "x" where the manager's
 * screen shows 3. `given` and `family` name them (given `${given} ${i}`), `key` their search key's words, folded.
 */
export async function threeRegisteredInMarch2016(
  t: TestContext,
  names: { given: string; family: string; key: readonly [string, string] },
): Promise<void> {
  const db = t.database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  const [office] = await db.select().from(offices).where(eq(offices.organisationId, org!.id)).limit(1);
  const createdAt = new Date('2016-03-15T10:00:00+03:00');
  for (let i = 0; i < 3; i++) {
    const [p] = await db
      .insert(persons)
      .values({
        organisationId: org!.id,
        officeId: office!.id,
        givenName: `${names.given} ${i}`,
        familyName: names.family,
        nameKey: `${names.key[0]} ${i} ${names.key[1]}`,
        birthDate: '1990-01-01',
        sex: 'female',
        nationality: 'TR',
        province: 'İstanbul',
        district: 'Fatih',
        createdAt,
      })
      .returning();
    await recordNameWords(db, org!.id, { after: [p!.nameKey] });
    await db
      .insert(cases)
      .values({ organisationId: org!.id, personId: p!.id, officeId: office!.id, openedAt: createdAt });
  }
}
