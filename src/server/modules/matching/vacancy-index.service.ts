import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { vacancyIndexCatchUp, vacancyIndexPage } from '../vacancies/index.ts';
import { KeptIndexes } from './kept-index.ts';
import { VacancyIndex } from './vacancy-index.ts';

/**
 * One vacancy index per database and organisation (docs/MATCHING.md, "The vacancy index"), kept as the persons'
 * matching index is (`kept-index.ts`): its rows are the vacancies, stamped by triggers on vacancies and employers
 * (migration 0043); the vacancies module reads them.
 */
const kept = new KeptIndexes({
  create: () => new VacancyIndex(),
  page: vacancyIndexPage,
  changes: vacancyIndexCatchUp,
  idOf: (r) => r.row.id,
  apply: (index, r) => index.upsert(r),
});

/**
 * The caller's organisation's vacancy index, caught up with the database; null while it is being built (the
 * caller reads the vacancies from the database meanwhile).
 */
export function vacancyIndexOf(ctx: Ctx): Promise<VacancyIndex | null> {
  return kept.of(ctx);
}

/** Figures of an organisation's vacancy index (the bench): vacancies held, build time. */
export function vacancyIndexFigures(db: Db, organisationId: string) {
  const entry = kept.ready(db, organisationId);
  return entry ? { vacancies: entry.index.size, buildMs: entry.buildMs } : null;
}
