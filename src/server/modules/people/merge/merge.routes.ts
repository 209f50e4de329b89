import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as op from '../../../../common/contracts/people.ts';
import * as mergeService from './merge.service.ts';
import { problems } from '../../../lib/errors.ts';

const PERSON_ROUTE = /^\/api\/v1\/persons\/:id(\/|$)/;
const MERGE_ROUTE = '/api/v1/persons/:id/merge';

export async function mergeRoutes(app: App): Promise<void> {
  /*
   * A merged record's id stays an alias of the record it was merged into: every /persons/:id… route
   * acts on the kept record (GET answers with the kept record and its own id, so a client notices the
   * change and can replace its link). The merge route itself sees the ids as given, to refuse
   * merging a record twice. The duplicate row and its audit trail stay (GET /audit-events?subjectId=).
   */
  app.addHook('preHandler', async (request) => {
    const route = request.routeOptions.url;
    if (!route || !PERSON_ROUTE.test(route) || route === MERGE_ROUTE || !request.actor) return;
    const params = request.params as { id?: string };
    if (!params.id) return;
    const record = await mergeService.recordForRoute(request.ctx.db, request.actor.organisationId, params.id);
    params.id = record.id;
    // An anonymised record (erasure, periodic destruction) is kept for statistics only: it is read, never
    // changed again, so that nobody can put identifying data back on it (docs/DATA-PROTECTION-DESK.md).
    if (record.anonymised && request.method !== 'GET') throw problems.conflict('errors.persons.anonymised');
  });

  route(app, op.mergePersons, ({ ctx, params, body }) => mergeService.mergePersons(ctx, params.id, body.duplicateId));
}
