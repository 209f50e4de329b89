/**
 * The data-protection desk's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { dataProtectionRoutes } from './dataprotection.routes.ts';
export { EXPORT_COVERAGE, EXPORT_EXCLUSIONS } from './export.service.ts';
export { proposeDueBatches, runBatch } from './destruction.service.ts';
