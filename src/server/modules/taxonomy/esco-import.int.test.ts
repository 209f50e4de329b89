import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { importEsco } from './esco-import.ts';
import { taxonomyCounts } from './taxonomy.service.ts';

/**
 * `kopru import esco` on the ESCO v1.1.1 files in ../shared/data/esco-v1.1.1 (never committed: see its
 * README). Where that folder is absent (a user's clone) the test is skipped with a notice.
 */
const ESCO_DIR = path.resolve(import.meta.dirname, '../../../../../shared/data/esco-v1.1.1');
const CLASSIFICATION = path.join(ESCO_DIR, 'esco-v1.1.1-classification-en-csv.zip');
const RELATIONS = path.join(ESCO_DIR, 'esco-v1.1.1-relations-csv.zip');
const present = fs.existsSync(CLASSIFICATION) && fs.existsSync(RELATIONS);
if (!present) console.warn(`[esco-import] skipped: the ESCO files are not in ${ESCO_DIR}`);

let t: TestContext;
beforeAll(async () => {
  if (present) t = await createTestContext();
}, 120_000);
afterAll(async () => {
  if (present) await t.close();
});

describe.skipIf(!present)('ESCO import', () => {
  it('loads occupations, skills and relations, and a second run changes nothing', { timeout: 600_000 }, async () => {
    const before = await taxonomyCounts(t.database.db);
    const lines: string[] = [];
    const first = await importEsco(t.database.db, CLASSIFICATION, RELATIONS, (m) => lines.push(m));
    expect(lines.some((l) => l.startsWith('Occupations:'))).toBe(true);
    expect(first.occupations).toBeGreaterThan(2900);
    expect(first.labelsAdded).toBeGreaterThan(10_000);
    expect(first.skillsAdded).toBeGreaterThan(13_000);
    expect(first.linksAdded).toBeGreaterThan(50_000);
    const after = await taxonomyCounts(t.database.db);
    expect(after.escoLabels).toBe(before.escoLabels + first.labelsAdded);
    expect(after.skills).toBeGreaterThan(before.skills);

    const second = await importEsco(t.database.db, CLASSIFICATION, RELATIONS);
    expect(second).toMatchObject({ labelsAdded: 0, skillsAdded: 0, skillsUpdated: 0, linksAdded: 0, linksUpdated: 0 });
    expect(await taxonomyCounts(t.database.db)).toEqual(after);

    // ESCO's labels are searchable, with the unit group's title; its skills carry their URI.
    const cook = await t.anonymous.get('/api/v1/taxonomy/occupations?q=sous%20chef&lang=en&limit=3');
    expect(cook.body.items[0].iscoCode).toBe('3434');
    const skill = await t.anonymous.get('/api/v1/taxonomy/skills?q=operate%20forklift&lang=en&limit=3');
    expect(skill.body.items[0].escoUri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    const unit = await t.anonymous.get('/api/v1/taxonomy/isco/5120?lang=en');
    expect(unit.body.labels.some((l: { kind: string }) => l.kind === 'esco')).toBe(true);
    expect(unit.body.skills.length).toBeGreaterThan(0);
  });
});
