import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../../common/audit-actions.ts';
import * as op from '../../../common/contracts/audit.ts';
import { listAuditEvents } from './audit.service.ts';

/** The audit module's operations (declared in src/common/contracts/audit.ts). */
export async function auditRoutes(app: App): Promise<void> {
  route(app, op.listAuditEvents, async ({ ctx, query }) => {
    const result = await listAuditEvents(ctx, query);
    return pageOf(result.items, result.total, query.page, query.pageSize);
  });
  route(app, op.auditCatalogue, async () => ({ actions: [...AUDIT_ACTIONS], subjectTypes: [...AUDIT_SUBJECT_TYPES] }));
}
