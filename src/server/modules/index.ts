import type { App, AppDeps } from '../http.ts';
import { authRoutes } from './identity/auth.routes.ts';
import { adminRoutes } from './identity/admin.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { backgroundJobRoutes } from '../jobs/admin.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { referenceRoutes } from './reference/reference.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { householdRoutes } from './people/households.routes.ts';
import { appointmentRoutes } from './people/appointments.routes.ts';
import { documentRoutes } from './people/documents.routes.ts';
import { selfServiceRoutes } from './people/self-service.routes.ts';
import { mergeRoutes } from './people/merge.routes.ts';
import { savedFilterRoutes } from './people/saved-filters.routes.ts';
import { importRoutes } from './people/import.routes.ts';
import { workPermitRoutes } from './people/work-permits.routes.ts';

import { employerRoutes } from './employers/employers.routes.ts';
import { vacancyRoutes } from './vacancies/vacancies.routes.ts';
import { referralRoutes } from './referrals/referrals.routes.ts';
import { rectificationRoutes } from './referrals/rectifications.routes.ts';
import { jobBoardApiRoutes, jobBoardPages } from './jobboard/jobboard.routes.ts';
import { portalRoutes } from './employers/portal.routes.ts';
import { transferRoutes } from './employers/transfer.routes.ts';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes.ts';

/** Every module's routes, mounted under /api/v1. A new module adds one line here. */
export async function registerModules(api: App, deps: AppDeps): Promise<void> {
  await authRoutes(api, deps);
  await adminRoutes(api);
  await outboxRoutes(api);
  await backgroundJobRoutes(api);
  await auditRoutes(api);
  await referenceRoutes(api);
  // Before peopleRoutes: the import checks rows against the schema of POST /persons as it is registered.
  await importRoutes(api);
  await peopleRoutes(api);
  // Before employerRoutes and vacancyRoutes: the imports check rows against their create schemas.
  await transferRoutes(api);
  await employerRoutes(api);
  await portalRoutes(api);
  await vacancyRoutes(api);
  await referralRoutes(api);
  await rectificationRoutes(api);
  await jobBoardApiRoutes(api);
  await householdRoutes(api);
  await appointmentRoutes(api);
  await documentRoutes(api);
  await workPermitRoutes(api);
  await selfServiceRoutes(api);
  await mergeRoutes(api);
  await savedFilterRoutes(api);
  await taxonomyRoutes(api);
}

/** Server-rendered pages at the site's root (not under /api/v1): the public job board. */
export async function registerPages(root: App, deps: AppDeps): Promise<void> {
  await jobBoardPages(root, deps);
}
