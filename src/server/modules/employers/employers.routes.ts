import { Type, type TSchema } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, Page, pageOf, Uuid } from '../../lib/schemas.ts';
import { EMPLOYER_STATUSES, HAZARD_CLASSES } from '../../../common/enums.ts';
import { refuseSearchWordsInAddress, searchWordsRefusedNote } from '../../lib/search.ts';
import * as service from './employers.service.ts';
import { EmployerCreate, EmployerFields } from './employer.schemas.ts';

export { EmployerFields };
import { employerResponseRecord } from '../referrals/index.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Employer = Type.Object({
  id: Type.String(),
  legalName: Type.String(),
  tradeName: Nullable(Type.String()),
  taxKind: Type.String(),
  taxNumber: Type.String({ description: 'Masked for sole traders (their ID number)' }),
  sgkWorkplaceNumber: Nullable(Type.String()),
  naceCode: Type.String(),
  hazardClassSuggested: Type.String(),
  hazardClass: Nullable(Type.String()),
  hazardConfirmed: Type.Boolean(),
  workerCount: Type.Integer(),
  isPublic: Type.Boolean(),
  disabilityQuota: Type.Integer(),
  province: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  website: Nullable(Type.String()),
  termsAccepted: Type.Boolean(),
  status: Type.String(),
  statusReason: Nullable(Type.String()),
  verifiedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

/** An identity change an employer user asked for, waiting for staff or decided (issue 8, item 14). */
export const ChangeRequest = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'pending, approved or rejected' }),
  fields: Type.Array(Type.String()),
  changes: Type.Object(
    {
      legalName: Type.Optional(Type.String()),
      tradeName: Type.Optional(Nullable(Type.String())),
      taxKind: Type.Optional(Type.String()),
      taxNumber: Type.Optional(Type.String({ description: 'Masked for sole traders (their ID number)' })),
      sgkWorkplaceNumber: Type.Optional(Nullable(Type.String())),
      naceCode: Type.Optional(Type.String()),
      workerCount: Type.Optional(Type.Integer()),
      isPublic: Type.Optional(Type.Boolean()),
    },
    { description: 'The requested values' },
  ),
  requestedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  requestedAt: Type.String(),
  decidedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  decidedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

/** An employer with its contacts, open concerns and pending identity change (staff and the employer's own users). */
export const EmployerDetail = Type.Intersect([
  Employer,
  Type.Object({
    contacts: Type.Array(
      Type.Object({
        id: Type.String(),
        fullName: Type.String(),
        role: Nullable(Type.String()),
        phone: Nullable(Type.String()),
        email: Nullable(Type.String()),
      }),
    ),
    openConcerns: Type.Integer(),
    pendingChange: Nullable(ChangeRequest),
  }),
]);

const Concern = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  status: Type.String(),
  followUpDue: Nullable(Type.String()),
  overdue: Type.Boolean(),
  resolution: Nullable(Type.String()),
  createdAt: Type.String(),
});

/** The filters of the employer list that carry no personal data (they may travel in an address). */
const EmployerListFields = {
  status: Type.Optional(Literals(EMPLOYER_STATUSES)),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
};
const EMPLOYER_SEARCH = 'POST /api/v1/employers/search';

export async function employerRoutes(app: App): Promise<void> {
  const tags = ['employers'];
  app.get(
    '/employers',
    {
      config: { access: 'employers:read' },
      preValidation: refuseSearchWordsInAddress(EMPLOYER_SEARCH),
      schema: {
        tags,
        summary: "The organisation's employers, filtered by status",
        description: searchWordsRefusedNote(EMPLOYER_SEARCH),
        querystring: Type.Object(EmployerListFields),
        response: { 200: Page(Employer), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await service.listEmployers(request.ctx, { ...q, status: q.status });
      return pageOf(r.items, r.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/employers/search',
    {
      config: { access: 'employers:read' },
      schema: {
        tags,
        summary: "Find the organisation's employers by name or tax number (a sole trader's is their ID number)",
        description:
          'The search words travel in the body, never in the address (proxies log addresses). ' +
          'Same scope, permissions and answer as GET /employers.',
        body: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'A name or a tax number' })),
            ...EmployerListFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Employer), ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      const r = await service.listEmployers(request.ctx, { ...b, status: b.status });
      return pageOf(r.items, r.total, b.page, b.pageSize);
    },
  );

  app.post(
    '/employers',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary: 'Register an employer (pending until staff verify it)',
        body: EmployerCreate,
        response: { 201: EmployerDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await service.createEmployer(request.ctx, request.body);
      return reply.code(201).send(await service.getEmployer(request.ctx, id));
    },
  );

  app.get(
    '/employers/:id',
    {
      config: { access: ['employers:read', 'employer-portal'] },
      schema: {
        tags,
        summary: 'An employer (an employer user sees only their own)',
        params: IdParams,
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => service.getEmployer(request.ctx, request.params.id),
  );

  app.patch(
    '/employers/:id',
    {
      config: { access: ['employers:write', 'employer-portal'] },
      schema: {
        tags,
        summary: 'Change an employer record',
        description:
          'From the employer portal, once the employer is past verification, the identity fields (legalName, ' +
          'tradeName, taxKind, taxNumber, sgkWorkplaceNumber, naceCode, workerCount, isPublic) are not applied: ' +
          'they become a pending change request for staff (pendingChange in the answer); the other fields apply at once.',
        params: IdParams,
        body: Type.Partial(Type.Object(EmployerFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.updateEmployer(request.ctx, request.params.id, request.body);
      return service.getEmployer(request.ctx, request.params.id);
    },
  );

  app.get(
    '/employers/:id/change-requests',
    {
      config: { access: ['employers:read', 'employer-portal'] },
      schema: {
        tags,
        summary: 'Identity changes asked for from the employer portal, newest first (an employer user: their own)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ChangeRequest) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listChangeRequests(request.ctx, request.params.id) }),
  );

  const ChangeParams = Type.Object({ id: Uuid, requestId: Uuid });
  app.post(
    '/employers/:id/change-requests/:requestId/approve',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary: 'Approve a pending identity change: the requested values are checked again and applied (audited)',
        params: ChangeParams,
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.decideChangeRequest(request.ctx, request.params.id, request.params.requestId, { approve: true });
      return service.getEmployer(request.ctx, request.params.id);
    },
  );

  app.post(
    '/employers/:id/change-requests/:requestId/reject',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary: 'Reject a pending identity change, with the reason the employer is told (audited)',
        params: ChangeParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 3, maxLength: 1000, text: 'multiline' }) },
          { additionalProperties: false },
        ),
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.decideChangeRequest(request.ctx, request.params.id, request.params.requestId, {
        approve: false,
        reason: request.body.reason,
      });
      return service.getEmployer(request.ctx, request.params.id);
    },
  );

  app.post(
    '/employers/:id/hazard-class',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary: "Confirm the workplace hazard class from the employer's SGK record",
        params: IdParams,
        body: Type.Object({ hazardClass: Literals(HAZARD_CLASSES) }, { additionalProperties: false }),
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.confirmHazardClass(request.ctx, request.params.id, request.body.hazardClass);
      return service.getEmployer(request.ctx, request.params.id);
    },
  );

  app.post(
    '/employers/:id/status',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary: 'Verify or suspend an employer (suspended employers cannot publish or receive referrals)',
        params: IdParams,
        body: Type.Object(
          {
            status: Literals(['verified', 'suspended']),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.setEmployerStatus(request.ctx, request.params.id, request.body.status, request.body.reason);
      return service.getEmployer(request.ctx, request.params.id);
    },
  );

  app.post(
    '/employers/:id/contacts',
    {
      config: { access: ['employers:write', 'employer-portal'] },
      schema: {
        tags,
        summary: 'Add a contact person',
        params: IdParams,
        body: Type.Object(
          {
            fullName: Type.String({ minLength: 2, maxLength: 200 }),
            role: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
            email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: EmployerDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.addContact(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await service.getEmployer(request.ctx, request.params.id));
    },
  );

  app.delete(
    '/employers/:id/contacts/:contactId',
    {
      config: { access: ['employers:write', 'employer-portal'] },
      schema: {
        tags,
        summary: 'Remove a contact person',
        params: Type.Object({ id: Uuid, contactId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.removeContact(request.ctx, request.params.id, request.params.contactId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/employers/:id/concerns',
    {
      config: { access: 'employers:read' },
      schema: {
        tags,
        summary: 'Decent-work complaints and child-labour concerns',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Concern) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listConcerns(request.ctx, request.params.id) }),
  );

  app.post(
    '/employers/:id/concerns',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary:
          'Record a decent-work complaint or child-labour concern; opens a follow-up and may suspend the employer',
        params: IdParams,
        body: Type.Object(
          {
            kind: Literals(['decent-work', 'child-labour', 'unregistered-work', 'discrimination', 'other']),
            description: Type.String({ minLength: 5, maxLength: 5000, text: 'multiline' }),
            suspend: Type.Boolean({ default: false }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(Concern) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.raiseConcern(request.ctx, request.params.id, request.body);
      return reply.code(201).send({ items: await service.listConcerns(request.ctx, request.params.id) });
    },
  );

  app.patch(
    '/employers/:id/concerns/:concernId',
    {
      config: { access: 'employers:write' },
      schema: {
        tags,
        summary: 'Follow up, resolve or dismiss a concern',
        params: Type.Object({ id: Uuid, concernId: Uuid }),
        body: Type.Object(
          {
            status: Literals(['following-up', 'resolved', 'dismissed']),
            resolution: Type.Optional(Nullable(Type.String({ maxLength: 5000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Concern) }), ...errorResponses },
      },
    },
    async (request) => {
      await service.updateConcern(request.ctx, request.params.id, request.params.concernId, request.body);
      return { items: await service.listConcerns(request.ctx, request.params.id) };
    },
  );

  app.get(
    '/employers/:id/response-record',
    {
      config: { access: 'employers:read' },
      schema: {
        tags,
        summary: "The employer's record of answering referrals, in working days",
        params: IdParams,
        response: {
          200: Type.Object({
            sent: Type.Integer(),
            answered: Type.Integer(),
            averageWorkingDays: Nullable(Type.Number()),
            withinLimit: Type.Integer(),
            overdueNow: Type.Integer(),
            limitWorkingDays: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await service.getEmployer(request.ctx, request.params.id);
      return employerResponseRecord(request.ctx, request.params.id);
    },
  );
}
