/**
 * The identity module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export {
  checkAttemptRate,
  createAccount,
  disableAccount,
  recordSignInAttempt,
  type AccountInput,
} from './accounts.service.ts';
export { adminRoutes } from './admin.routes.ts';
export { authRoutes } from './auth.routes.ts';
export { INVITATION_TTL_MS, actionLink, createActionToken } from './auth.service.ts';
export { bootstrapOrganisation, setPlatformAdmin } from './bootstrap.ts';
export { resolveActor, revokeAllSessionsOf, sessionCookie } from './session.service.ts';
export { accountsOf, anonymiseAccounts, permissionHolders } from './data-subject.service.ts';
// The organisation's offices (names for other modules' files and letters).
export { listOffices } from './organisation.service.ts';
