/**
 * The employers module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { employerRoutes } from './employers.routes.ts';
export { employerIdsOfUser, employerOfUser, loadEmployer, raiseConcern } from './employers.service.ts';
export { portalRoutes } from './portal.routes.ts';
export { transferRoutes } from './transfer.routes.ts';
export { naceCodesOf } from './statistics.service.ts';
