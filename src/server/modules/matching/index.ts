/**
 * The matching module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { matchingRoutes } from './matching.routes.ts';
export { linkStoredTitles, presentKeptMatch } from './matching.service.ts';
// For the benchmark (bench/matching.bench.ts): the two lists and the exhaustive reference of recall@50.
export {
  candidatesForVacancy,
  exhaustiveCandidates,
  exhaustiveVacancies,
  vacanciesForPerson,
} from './matching.service.ts';
export { sweepFairnessFlags } from './fairness-flags.service.ts';
export { countFairnessPool } from './fairness-pool.service.ts';
export { matchingIndexFigures } from './matching-index.service.ts';
export { vacancyIndexFigures } from './vacancy-index.service.ts';
