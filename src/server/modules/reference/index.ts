/**
 * The reference module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { referenceRoutes } from './reference.routes.ts';
export { seedReferenceCalendar } from './reference.seed.ts';
export { addWorkingDaysFrom, listMinimumWages, recordReferenceChange, workingCalendar } from './reference.service.ts';
