import type { App, AppDeps } from '../http.ts';
import { authRoutes } from './identity/index.ts';
import { adminRoutes } from './identity/index.ts';
import { outboxRoutes } from './outbox/index.ts';
import { backgroundJobRoutes } from '../jobs/admin.routes.ts';
import { auditRoutes } from './audit/index.ts';
import { referenceRoutes } from './reference/index.ts';
import { peopleRoutes } from './people/index.ts';
import { householdRoutes } from './people/index.ts';
import { appointmentRoutes } from './people/index.ts';
import { documentRoutes } from './people/index.ts';
import { selfServiceRoutes } from './people/index.ts';
import { mergeRoutes } from './people/index.ts';
import { savedFilterRoutes } from './people/index.ts';
import { importRoutes } from './people/index.ts';
import { workPermitRoutes } from './people/index.ts';

import { employerRoutes } from './employers/index.ts';
import { vacancyRoutes } from './vacancies/index.ts';
import { referralRoutes } from './referrals/index.ts';
import { rectificationRoutes } from './referrals/index.ts';
import { jobBoardApiRoutes, jobBoardPages } from './jobboard/index.ts';
import { portalRoutes } from './employers/index.ts';
import { transferRoutes } from './employers/index.ts';
import { taxonomyRoutes } from './taxonomy/index.ts';
import { placementRoutes } from './placements/index.ts';
import { graduationRoutes } from './graduation/index.ts';
import { courseRoutes } from './courses/index.ts';
import { matchingRoutes } from './matching/index.ts';
import { dataProtectionRoutes } from './dataprotection/index.ts';
import { programmeRoutes } from './programmes/index.ts';
import { indicatorRoutes } from './indicators/index.ts';
import { childcareRoutes } from './childcare/index.ts';
import { surveyRoutes } from './surveys/index.ts';
import { internationalRoutes } from './international/index.ts';
import { cooperativeRoutes } from './cooperatives/index.ts';
import { fairRoutes } from './fairs/index.ts';

/** Every module's routes, mounted under /api/v1. A new module adds one line here. */
export async function registerModules(api: App, deps: AppDeps): Promise<void> {
  await authRoutes(api, deps);
  await adminRoutes(api);
  await outboxRoutes(api);
  await backgroundJobRoutes(api);
  await auditRoutes(api);
  await referenceRoutes(api);
  await importRoutes(api, deps);
  await peopleRoutes(api);
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
  await placementRoutes(api);
  await graduationRoutes(api);
  await courseRoutes(api);
  await matchingRoutes(api);
  await indicatorRoutes(api);
  await dataProtectionRoutes(api);
  await programmeRoutes(api);
  await childcareRoutes(api);
  await surveyRoutes(api);
  await internationalRoutes(api);
  await cooperativeRoutes(api);
  await fairRoutes(api);
}

/** Server-rendered pages at the site's root (not under /api/v1): the public job board. */
export async function registerPages(root: App, deps: AppDeps): Promise<void> {
  await jobBoardPages(root, deps);
}
