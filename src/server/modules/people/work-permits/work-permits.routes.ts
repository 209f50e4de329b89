import { Type, type TSchema } from 'typebox';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, IsoDate, Uuid } from '../../../lib/schemas.ts';
import { WORK_PERMIT_KINDS, WORK_PERMIT_STATUSES } from '../../../../common/decent-work.ts';
import * as service from './work-permits.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const WorkPermit = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  employerId: Nullable(Type.String()),
  employerName: Nullable(Type.String()),
  requestedOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  note: Nullable(Type.String()),
  validToday: Type.Boolean({ description: 'Granted and valid on today’s date (Türkiye)' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const fields = {
  kind: Literals(WORK_PERMIT_KINDS),
  status: Literals(WORK_PERMIT_STATUSES),
  employerId: Type.Optional(Nullable(Uuid)),
  employerName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  requestedOn: Type.Optional(Nullable(IsoDate)),
  decidedOn: Type.Optional(Nullable(IsoDate)),
  validFrom: Type.Optional(Nullable(IsoDate)),
  validUntil: Type.Optional(Nullable(IsoDate)),
  reference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};
const PermitParams = Type.Object({ id: Uuid, permitId: Uuid });

const RESTRICTED =
  'For a person in the refugee group the permits are restricted like the protection status: without ' +
  '`special-category:read` none are listed and writing answers 403; reading them is audited.';

export async function workPermitRoutes(app: App): Promise<void> {
  const tags = ['work-permits'];

  app.get(
    '/persons/:id/work-permits',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'A person’s work permits and exemptions, per employer, with their dates',
        description: RESTRICTED,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(WorkPermit) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listWorkPermits(request.ctx, request.params.id) }),
  );

  app.post(
    '/persons/:id/work-permits',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Record a work permit or exemption: requested, granted (valid from … until …) or refused',
        description:
          `${RESTRICTED} A permit bound to an employer (work permit, temporary- or international-protection ` +
          'permit) names it (`employerId` of a registered employer, or `employerName`); an independent or ' +
          'indefinite permit names none. Granted: `validFrom`, `decidedOn` and (except indefinite) `validUntil`.',
        params: IdParams,
        body: Type.Object(fields, { additionalProperties: false }),
        response: { 201: WorkPermit, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.recordWorkPermit(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/persons/:id/work-permits/:permitId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Change a work permit (e.g. the decision arrived)',
        description: RESTRICTED,
        params: PermitParams,
        body: Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: WorkPermit, ...errorResponses },
      },
    },
    async (request) => service.updateWorkPermit(request.ctx, request.params.id, request.params.permitId, request.body),
  );

  app.delete(
    '/persons/:id/work-permits/:permitId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Remove a work permit recorded by mistake',
        description: RESTRICTED,
        params: PermitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.removeWorkPermit(request.ctx, request.params.id, request.params.permitId);
      return reply.code(204).send(null);
    },
  );
}
