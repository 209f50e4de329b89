/**
 * The graduation module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { graduationRoutes } from './graduation.routes.ts';
export { sweepGraduations } from './graduation.service.ts';
export { graduationFacts, graduationCountsBy } from './report.service.ts';
export { graduationDataOf } from './data-subject.service.ts';
export { anonymiseGraduationsOf } from './anonymise.service.ts';
// People's merge of duplicates moves the person's recommendations (docs/PEOPLE.md, "Merging duplicates").
export { moveGraduationsToPerson } from './merge.service.ts';
