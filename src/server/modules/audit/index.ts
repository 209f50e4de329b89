/**
 * The audit module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { auditRoutes } from './audit.routes.ts';
export {
  eventsAbout,
  lastSensitiveReads,
  SENSITIVE_READS,
  sensitiveReads,
  type SensitiveReadFilter,
} from './audit.service.ts';
