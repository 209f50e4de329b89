/**
 * The childcare module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { childcareRoutes } from './childcare.routes.ts';
// Counting functions for the indicators module (docs/CHILDCARE.md, "Report").
export {
  childcareOutcomeCounts,
  childcareOutcomeCountsByDistrict,
  childcareMotherStatistics,
  childcarePlaceCounts,
  type OutcomeCount,
} from './childcare.service.ts';
export { childcareDataOf } from './data-subject.service.ts';
export { anonymiseChildcareOf } from './anonymise.service.ts';
// People's merge of duplicates moves the mother's care entries (docs/PEOPLE.md, "Merging duplicates").
export { moveChildcareToPerson, type CareMoveResult } from './merge.service.ts';
