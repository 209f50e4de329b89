import yauzl from 'yauzl';
import { parse } from 'csv-parse/sync';
import { eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { iscoGroups, occupationLabels, skillLabels, skillOccupations, skills } from '../../db/schema/index.ts';
import { labelKeys } from '../../../common/taxonomy-text.ts';
import { analyze } from './taxonomy.load.ts';
import { bumpLabelsVersion } from './search-index.ts';

/**
 * `kopru import esco <classification.zip> <relations.zip>`: loads ESCO v1.1.1 (English) into the taxonomy:
 * - occupations: the preferred and alternative labels of each ESCO occupation become English aliases
 *   (kind `esco`) of its ISCO-08 unit group;
 * - skills and knowledge: one skill each (ESCO URI, preferred label), unless a project skill already
 *   carries that URI, which then stands for it;
 * - occupation–skill relations, folded to unit groups (essential wins over optional); a link the
 *   project's files made is left as it is.
 * Idempotent: everything is an insert that skips what exists, or an update only where a value differs,
 * so a second run changes nothing. Short transactions (one per batch): PGlite has one connection and
 * the server stays usable while it runs. The zip files are read, never stored.
 */

const BATCH = 1000;

function readZipEntries(file: string, wanted: string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const found = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${file}`));
      zip.on('error', reject);
      zip.on('end', () => resolve(found));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName.split('/').pop() ?? '';
        if (!wanted.includes(name)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${name}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            found.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

type Row = Record<string, string>;
const csv = (data: Buffer | undefined, name: string): Row[] => {
  if (!data) throw new Error(`${name} is missing from the ESCO zip (expected ESCO v1.1.1 CSV, English)`);
  return parse<Row>(data, { columns: true, skip_empty_lines: true, bom: true, relax_quotes: true });
};

/** A stable id for an ESCO skill that no project skill stands for: "esco-" and its UUID. */
export function escoSkillId(uri: string): string {
  return `esco-${uri.split('/').pop()}`;
}

export interface EscoImportResult {
  occupations: number;
  labelsAdded: number;
  skillsAdded: number;
  skillsUpdated: number;
  linksAdded: number;
  linksUpdated: number;
}

export async function importEsco(
  db: Db,
  classificationZip: string,
  relationsZip: string,
  say: (msg: string) => void = () => {},
): Promise<EscoImportResult> {
  say('Reading the ESCO files …');
  const classification = await readZipEntries(classificationZip, ['occupations_en.csv', 'skills_en.csv']);
  const relations = await readZipEntries(relationsZip, ['occupationSkillRelations.csv']);
  const occupations = csv(classification.get('occupations_en.csv'), 'occupations_en.csv');
  const escoSkills = csv(classification.get('skills_en.csv'), 'skills_en.csv');
  const links = csv(relations.get('occupationSkillRelations.csv'), 'occupationSkillRelations.csv');
  const result: EscoImportResult = {
    occupations: 0,
    labelsAdded: 0,
    skillsAdded: 0,
    skillsUpdated: 0,
    linksAdded: 0,
    linksUpdated: 0,
  };

  const units = new Set(
    (await db.select({ code: iscoGroups.code }).from(iscoGroups).where(eq(iscoGroups.level, 4))).map((r) => r.code),
  );
  if (units.size === 0) throw new Error('the ISCO-08 groups are not loaded: run "kopru migrate" first');

  // ---- occupations → English aliases of their unit group ----
  const iscoOfOccupation = new Map<string, string>();
  const labelRows: (typeof occupationLabels.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (const o of occupations) {
    const code = (o.iscoGroup ?? '').trim();
    if (!units.has(code) || !o.conceptUri) continue;
    iscoOfOccupation.set(o.conceptUri, code);
    result.occupations++;
    const names = [o.preferredLabel ?? '', ...(o.altLabels ?? '').split('\n')].map((n) => n.trim()).filter(Boolean);
    for (const name of names) {
      const keys = labelKeys(name, 'en');
      const id = `${code}|${keys.searchKey}`;
      if (!keys.searchKey || seen.has(id)) continue;
      seen.add(id);
      labelRows.push({
        iscoCode: code,
        lang: 'en',
        label: name,
        kind: 'esco',
        ...keys,
        source: 'esco',
        escoUri: o.conceptUri,
      });
    }
  }
  say(`Occupations: ${result.occupations} with an ISCO-08 unit group, ${labelRows.length} labels`);
  for (let i = 0; i < labelRows.length; i += BATCH) {
    const added = await db
      .insert(occupationLabels)
      .values(labelRows.slice(i, i + BATCH))
      .onConflictDoNothing()
      .returning({ id: occupationLabels.id });
    result.labelsAdded += added.length;
    if ((i / BATCH) % 10 === 9) say(`  labels ${Math.min(i + BATCH, labelRows.length)}/${labelRows.length}`);
  }
  say(`Occupation labels added: ${result.labelsAdded}`);

  // ---- skills ----
  const projectByUri = new Map(
    (
      await db
        .select({ id: skills.id, uri: skills.escoUri })
        .from(skills)
        .where(sql`${skills.source} = 'project' AND ${isNotNull(skills.escoUri)}`)
    ).map((r) => [r.uri!, r.id]),
  );
  const skillOfUri = new Map<string, string>();
  const skillRows: (typeof skills.$inferInsert)[] = [];
  for (const s of escoSkills) {
    if (!s.conceptUri || !s.preferredLabel) continue;
    const project = projectByUri.get(s.conceptUri);
    if (project) {
      skillOfUri.set(s.conceptUri, project);
      continue;
    }
    const id = escoSkillId(s.conceptUri);
    skillOfUri.set(s.conceptUri, id);
    skillRows.push({ id, group: 'esco', titleEn: s.preferredLabel.trim(), escoUri: s.conceptUri, source: 'esco' });
  }
  say(`Skills: ${escoSkills.length} in ESCO, ${projectByUri.size} already stand for a project skill`);
  for (let i = 0; i < skillRows.length; i += BATCH) {
    const batch = skillRows.slice(i, i + BATCH);
    await db.transaction(async (tx) => {
      const before = await tx
        .select({ id: skills.id, titleEn: skills.titleEn })
        .from(skills)
        .where(
          inArray(
            skills.id,
            batch.map((b) => b.id),
          ),
        );
      const known = new Map(before.map((b) => [b.id, b.titleEn]));
      const changed = batch.filter((b) => known.has(b.id) && known.get(b.id) !== b.titleEn);
      const fresh = batch.filter((b) => !known.has(b.id));
      if (fresh.length) await tx.insert(skills).values(fresh).onConflictDoNothing();
      for (const c of changed)
        await tx
          .update(skills)
          .set({ titleEn: c.titleEn, updatedAt: sql`now()` })
          .where(eq(skills.id, c.id));
      result.skillsAdded += fresh.length;
      result.skillsUpdated += changed.length;
      // The searchable label: the preferred label (replaced when it changed).
      if (changed.length)
        await tx.delete(skillLabels).where(
          inArray(
            skillLabels.skillId,
            changed.map((c) => c.id),
          ),
        );
      const labels = [...fresh, ...changed].map((b) => ({
        skillId: b.id,
        lang: 'en' as const,
        label: b.titleEn,
        ...labelKeys(b.titleEn, 'en'),
      }));
      if (labels.length) await tx.insert(skillLabels).values(labels).onConflictDoNothing();
    });
    if ((i / BATCH) % 5 === 4) say(`  skills ${Math.min(i + BATCH, skillRows.length)}/${skillRows.length}`);
  }
  say(`Skills added: ${result.skillsAdded}, updated: ${result.skillsUpdated}`);

  // ---- relations, folded to unit groups ----
  const folded = new Map<string, { skillId: string; iscoCode: string; relation: 'essential' | 'optional' }>();
  for (const r of links) {
    const iscoCode = iscoOfOccupation.get(r.occupationUri ?? '');
    const skillId = skillOfUri.get(r.skillUri ?? '');
    if (!iscoCode || !skillId) continue;
    const id = `${skillId}|${iscoCode}`;
    const relation = r.relationType === 'essential' ? 'essential' : 'optional';
    const had = folded.get(id);
    if (!had) folded.set(id, { skillId, iscoCode, relation });
    else if (relation === 'essential') had.relation = 'essential';
  }
  const linkRows = [...folded.values()];
  say(`Occupation–skill relations: ${links.length} in ESCO, ${linkRows.length} per unit group`);
  for (let i = 0; i < linkRows.length; i += BATCH) {
    const batch = linkRows.slice(i, i + BATCH).map((l) => ({ ...l, source: 'esco' as const }));
    const written = await db
      .insert(skillOccupations)
      .values(batch)
      .onConflictDoUpdate({
        target: [skillOccupations.skillId, skillOccupations.iscoCode],
        set: { relation: sql`excluded.relation` },
        // The project's own links stay as the project made them.
        setWhere: sql`${skillOccupations.source} = 'esco' AND ${skillOccupations.relation} IS DISTINCT FROM excluded.relation`,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const w of written) {
      if (w.inserted) result.linksAdded++;
      else result.linksUpdated++;
    }
    if ((i / BATCH) % 10 === 9) say(`  relations ${Math.min(i + BATCH, linkRows.length)}/${linkRows.length}`);
  }
  say(`Relations added: ${result.linksAdded}, updated: ${result.linksUpdated}`);
  if (result.labelsAdded + result.skillsAdded + result.skillsUpdated > 0) await bumpLabelsVersion(db);
  await analyze(db);
  return result;
}
