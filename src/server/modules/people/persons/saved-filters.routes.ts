import { Type } from 'typebox';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, Uuid } from '../../../lib/schemas.ts';
import { CASE_STATUSES } from '../../../db/schema/index.ts';
import { TARGET_GROUPS } from '../../../../common/enums.ts';
import * as savedFiltersService from './saved-filters.service.ts';

const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Scope = Literals(savedFiltersService.SAVED_FILTER_SCOPES);

/** The filters of GET /persons (without the page): a saved filter holds nothing else. */
export const PersonListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    officeId: Type.Optional(Uuid),
    counsellorId: Type.Optional(Uuid),
    group: Type.Optional(Literals(TARGET_GROUPS)),
    caseStatus: Type.Optional(Literals(CASE_STATUSES)),
    district: Type.Optional(Type.String({ maxLength: 60 })),
    occupation: Type.Optional(Type.String({ maxLength: 100 })),
    registration: Type.Optional(Literals(['confirmed', 'pending'])),
    sort: Type.Optional(Literals(['name', '-name', 'created', '-created', 'birthDate', '-birthDate'])),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const SavedFilter = Type.Object({
  id: Type.String(),
  scope: Type.String(),
  name: Type.String(),
  query: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});

export async function savedFilterRoutes(app: App): Promise<void> {
  const tags = ['saved filters'];

  app.get(
    '/saved-filters',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'My saved filters for a list',
        querystring: Type.Object({ scope: Scope }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(SavedFilter) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await savedFiltersService.listSavedFilters(request.ctx, request.query.scope as 'persons'),
    }),
  );

  app.post(
    '/saved-filters',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'Save the current filters of a list under a name (only the list’s known filter keys)',
        body: Type.Object(
          {
            scope: Scope,
            name: Type.String({ minLength: 1, maxLength: 80 }),
            query: PersonListQuery,
          },
          { additionalProperties: false },
        ),
        response: { 201: SavedFilter, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await savedFiltersService.createSavedFilter(request.ctx, {
        scope: body.scope,
        name: body.name,
        query: body.query,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/saved-filters/:id',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'Delete one of my saved filters',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await savedFiltersService.deleteSavedFilter(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
