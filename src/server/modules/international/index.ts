/**
 * The international-cooperation module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { internationalRoutes } from './international.routes.ts';
// The daily sweep of follow-up actions' reminders (jobs/handlers.ts).
export { remindFollowUpActions } from './reminders.ts';
