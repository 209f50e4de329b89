/**
 * The surveys module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { surveyRoutes } from './surveys.routes.ts';
export { surveysDataOf } from './data-subject.service.ts';
export { anonymiseSurveysOf, moveSurveyResponsesToPerson } from './anonymise.service.ts';
// The per-address limit of public submissions, shared by other public forms (the fairs' walk-in page).
export { PUBLIC_SUBMISSIONS_PER_MINUTE } from './surveys.routes.ts';
