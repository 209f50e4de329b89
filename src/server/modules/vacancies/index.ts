/**
 * The vacancies module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { refusal, ruleContext } from './decent-work.service.ts';
export { vacancyRoutes } from './vacancies.routes.ts';
export {
  checkVacancyRules,
  createVacancy,
  findPublished,
  listPublished,
  listVacancies,
  loadVacancy,
  markFilledIfFull,
  organisationOfPublished,
  termsOf,
  type PublicFilter,
  type PublicVacancy,
  type VacancyInput,
} from './vacancies.service.ts';
export {
  confirmVacancyLink,
  linkPendingVacancies,
  vacancyLinkReviews,
  type VacancyLinkReview,
} from './vacancy-codes.service.ts';
export {
  publishedForMatching,
  vacancyIndexCatchUp,
  vacancyIndexPage,
  type MatchVacancyRow,
  type VacancyIndexRow,
} from './vacancy-matching.service.ts';
export { demandStatistics, type DemandFact } from './statistics.service.ts';
