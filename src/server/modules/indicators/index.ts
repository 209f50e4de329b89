/**
 * The indicators module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { indicatorRoutes } from './indicators.routes.ts';
export { sdmxStructure } from './sdmx.ts';
// The organisation's smallest publishable cell and who sees exact figures, for other modules' tables (surveys);
// erasure coarsens rare combinations below the threshold (dataprotection).
export { seesExactFigures, thresholdOf } from './indicators.service.ts';
// Large exports built in the background (jobs/handlers.ts: the indicator-export job and its expiry sweep).
export { runExport, sweepExpiredExports } from './background-exports.ts';
// Scheduled monthly reports (jobs/handlers.ts: the indicator-reports-sweep).
export { sweepReports } from './reports.ts';
// Materialised monthly aggregates behind the dashboards and exports (jobs/handlers.ts: indicator-aggregates-refresh).
export { clearWarmCache, refreshAggregates } from './aggregates.ts';
// The manager's dashboard's requests in one call, for the bench.
export { managerDashboard } from './indicators.service.ts';
