import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import { pageOf } from '../../lib/schemas.ts';
import * as op from '../../../common/contracts/employers.ts';
import * as service from './employers.service.ts';
import { employerResponseRecord } from '../referrals/index.ts';

export async function employerRoutes(app: App): Promise<void> {
  route(
    app,
    op.listEmployers,
    async ({ ctx, query }) => {
      const r = await service.listEmployers(ctx, query);
      return pageOf(r.items, r.total, query.page, query.pageSize);
    },
    { searchIn: op.EMPLOYER_SEARCH },
  );
  route(app, op.searchEmployers, async ({ ctx, body }) => {
    const r = await service.listEmployers(ctx, body);
    return pageOf(r.items, r.total, body.page, body.pageSize);
  });
  route(app, op.createEmployer, async ({ ctx, body }) =>
    service.getEmployer(ctx, await service.createEmployer(ctx, body)),
  );
  route(app, op.getEmployer, ({ ctx, params }) => service.getEmployer(ctx, params.id));
  route(app, op.updateEmployer, async ({ ctx, params, body }) => {
    await service.updateEmployer(ctx, params.id, body);
    return service.getEmployer(ctx, params.id);
  });
  route(app, op.listChangeRequests, async ({ ctx, params }) => ({
    items: await service.listChangeRequests(ctx, params.id),
  }));
  route(app, op.approveChangeRequest, async ({ ctx, params }) => {
    await service.decideChangeRequest(ctx, params.id, params.requestId, { approve: true });
    return service.getEmployer(ctx, params.id);
  });
  route(app, op.rejectChangeRequest, async ({ ctx, params, body }) => {
    await service.decideChangeRequest(ctx, params.id, params.requestId, { approve: false, reason: body.reason });
    return service.getEmployer(ctx, params.id);
  });
  route(app, op.confirmHazardClass, async ({ ctx, params, body }) => {
    await service.confirmHazardClass(ctx, params.id, body.hazardClass);
    return service.getEmployer(ctx, params.id);
  });
  route(app, op.setEmployerStatus, async ({ ctx, params, body }) => {
    await service.setEmployerStatus(ctx, params.id, body.status, body.reason);
    return service.getEmployer(ctx, params.id);
  });
  route(app, op.addContact, async ({ ctx, params, body }) => {
    await service.addContact(ctx, params.id, body);
    return service.getEmployer(ctx, params.id);
  });
  route(app, op.removeContact, ({ ctx, params }) => service.removeContact(ctx, params.id, params.contactId));
  route(app, op.listConcerns, async ({ ctx, params }) => ({ items: await service.listConcerns(ctx, params.id) }));
  route(app, op.raiseConcern, async ({ ctx, params, body }) => {
    await service.raiseConcern(ctx, params.id, body);
    return { items: await service.listConcerns(ctx, params.id) };
  });
  route(app, op.updateConcern, async ({ ctx, params, body }) => {
    await service.updateConcern(ctx, params.id, params.concernId, body);
    return { items: await service.listConcerns(ctx, params.id) };
  });
  route(app, op.getResponseRecord, async ({ ctx, params }) => {
    await service.getEmployer(ctx, params.id);
    return employerResponseRecord(ctx, params.id);
  });
}
