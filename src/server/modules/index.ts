import type { App, AppDeps } from '../http.ts';
import { authRoutes } from './identity/auth.routes.ts';
import { adminRoutes } from './identity/admin.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { referenceRoutes } from './reference/reference.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';

/** Every module's routes, mounted under /api/v1. A new module adds one line here. */
export async function registerModules(api: App, deps: AppDeps): Promise<void> {
  await authRoutes(api, deps);
  await adminRoutes(api);
  await outboxRoutes(api);
  await auditRoutes(api);
  await referenceRoutes(api);
  await peopleRoutes(api);
}
