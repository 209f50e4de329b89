/**
 * The indicators module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { indicatorRoutes } from './indicators.routes.ts';
export { sdmxStructure } from './sdmx.ts';
// The organisation's smallest publishable cell, for other modules' released statistics (cooperatives).
export { thresholdOf } from './indicators.service.ts';
