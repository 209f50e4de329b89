import { Type } from 'typebox';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, Uuid } from '../../../lib/schemas.ts';
import * as mergeService from './merge.service.ts';

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
    params.id = await mergeService.resolveMerged(request.ctx.db, request.actor.organisationId, params.id);
  });

  app.post(
    '/persons/:id/merge',
    {
      config: { access: 'persons:write' },
      schema: {
        tags: ['persons'],
        summary: 'Merge a duplicate record into this one (the duplicate stays in history, no longer listed)',
        description:
          'Moves cases (closing the duplicate’s open case as merged when this record has one open), consents, ' +
          'notice acknowledgements, work history, documents, appointments, missing target groups, household ' +
          'membership, the sign-in account, and through their modules placements (with follow-ups), course ' +
          'applications (the more advanced one per course), graduation recommendations, care entries (one ' +
          'open entry per child) and cooperative memberships; fills this record’s empty fields from the duplicate, never ' +
          'overwriting. Two different ID numbers answer 409 errors.merge.idNumberConflict. Afterwards the ' +
          'duplicate’s id leads to this record on every /persons/:id route.',
        params: IdParams,
        body: Type.Object({ duplicateId: Uuid }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            id: Type.String(),
            mergedId: Type.String(),
            filledFields: Type.Array(Type.String()),
            moved: Type.Object({
              cases: Type.Integer(),
              consents: Type.Integer(),
              notices: Type.Integer(),
              workHistory: Type.Integer(),
              documents: Type.Integer(),
              appointments: Type.Integer(),
              targetGroups: Type.Integer(),
              household: Type.Boolean(),
              account: Type.Boolean(),
              placements: Type.Integer(),
              courseApplications: Type.Integer(),
              graduations: Type.Integer(),
              childcare: Type.Integer(),
              surveyResponses: Type.Integer(),
              cooperatives: Type.Integer(),
              fairs: Type.Integer(),
              referrals: Type.Integer(),
            }),
            conflicts: Type.Object({
              courseApplicationsLeft: Type.Integer(),
              childcareWithdrawn: Type.Integer(),
              referralsObsolete: Type.Integer(),
            }),
            closedCaseId: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => mergeService.mergePersons(request.ctx, request.params.id, request.body.duplicateId),
  );
}
