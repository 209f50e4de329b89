import { Type, type TSchema } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, Page, pageOf, Uuid } from '../../lib/schemas.ts';
import * as service from './referrals.service.ts';
import {
  EMPLOYER_REFUSAL_REASONS,
  PERSON_REFUSAL_REASONS,
  REFERRAL_STATUSES,
} from '../../../common/referral-workflow.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Ref = Type.Object({ id: Type.String(), name: Type.String() });

const Referral = Type.Object({
  id: Type.String(),
  status: Type.String(),
  source: Type.String(),
  vacancy: Type.Object({ id: Type.String(), title: Type.String() }),
  employer: Ref,
  person: Ref,
  reason: Nullable(Type.String()),
  reasonText: Nullable(Type.String()),
  permitDuty: Nullable(
    Type.String({
      description:
        'What the employer was told it must request before the person can start (work permit or seasonal ' +
        'exemption), recorded when the referral was sent; null when nothing is needed',
    }),
  ),
  interviewAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  responseWorkingDays: Nullable(Type.Integer()),
  waitingWorkingDays: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  createdAt: Type.String(),
});

const ReferralDetail = Type.Intersect([
  Referral,
  Type.Object({
    prescreen: Nullable(Type.Record(Type.String(), Type.Boolean())),
    prescreenNote: Nullable(Type.String()),
    events: Type.Array(
      Type.Object({
        from: Nullable(Type.String()),
        to: Type.String(),
        actorKind: Type.String(),
        actorName: Nullable(
          Type.String({ description: 'The staff member who made the step (staff viewers only; null otherwise)' }),
        ),
        reason: Nullable(Type.String()),
        at: Type.String(),
      }),
    ),
    sharedProfile: Nullable(
      Type.Object({
        givenName: Type.String(),
        familyName: Type.String(),
        phone: Nullable(Type.String()),
        email: Nullable(Type.String()),
        district: Type.String(),
        province: Type.String(),
        languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
        iscedLevel: Nullable(Type.Integer()),
        graduationYear: Nullable(Type.Integer()),
        skills: Nullable(Type.String()),
        desiredOccupations: Type.Array(Type.String()),
        workHistory: Type.Array(
          Type.Object({
            occupation: Type.String(),
            employer: Nullable(Type.String()),
            startDate: Nullable(Type.String()),
            endDate: Nullable(Type.String()),
          }),
        ),
      }),
    ),
  }),
]);

export async function referralRoutes(app: App): Promise<void> {
  const tags = ['referrals'];
  app.get(
    '/referrals',
    {
      config: { access: ['referrals:read', 'employer-portal'] },
      schema: {
        tags,
        summary: "Referrals (staff: their office's persons; an employer user: those sent to them)",
        querystring: Type.Object({
          status: Type.Optional(Literals(REFERRAL_STATUSES)),
          vacancyId: Type.Optional(Uuid),
          personId: Type.Optional(Uuid),
          employerId: Type.Optional(Uuid),
          overdue: Type.Optional(Type.Boolean()),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
        }),
        response: { 200: Page(Referral), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await service.listReferrals(request.ctx, { ...q, status: q.status });
      return pageOf(r.items, r.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/referrals',
    {
      config: { access: 'referrals:write' },
      schema: {
        tags,
        summary: 'Propose a person for a published vacancy',
        body: Type.Object({ vacancyId: Uuid, personId: Uuid }, { additionalProperties: false }),
        response: { 201: ReferralDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await service.proposeReferral(request.ctx, request.body);
      return reply.code(201).send(await service.getReferral(request.ctx, id));
    },
  );

  app.get(
    '/referrals/:id',
    {
      config: { access: ['referrals:read', 'employer-portal'] },
      schema: {
        tags,
        summary:
          'A referral with its timed history; an employer opening it marks it seen and sees what the person consented to share',
        params: IdParams,
        response: { 200: ReferralDetail, ...errorResponses },
      },
    },
    async (request) => service.getReferral(request.ctx, request.params.id),
  );

  app.post(
    '/referrals/:id/send',
    {
      config: { access: 'referrals:write' },
      schema: {
        tags,
        summary:
          'Send to the employer after the pre-screen (needs consent to share, and every decent-work rule passing for this person)',
        params: IdParams,
        body: Type.Object(
          {
            prescreen: Type.Object(
              {
                identityChecked: Type.Boolean(),
                skillsMatch: Type.Boolean(),
                availabilityConfirmed: Type.Boolean(),
                personInformed: Type.Boolean(),
              },
              { additionalProperties: false },
            ),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReferralDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.sendReferral(request.ctx, request.params.id, request.body);
      return service.getReferral(request.ctx, request.params.id);
    },
  );

  app.post(
    '/referrals/:id/transition',
    {
      config: { access: ['referrals:write', 'employer-portal'] },
      schema: {
        tags,
        summary: 'Move a referral on: interview, hired, refused (with a reason), withdrawn',
        params: IdParams,
        body: Type.Object(
          {
            status: Literals(['interview', 'hired', 'refused-by-employer', 'refused-by-person', 'withdrawn']),
            reason: Type.Optional(
              Nullable(Literals([...new Set([...EMPLOYER_REFUSAL_REASONS, ...PERSON_REFUSAL_REASONS])])),
            ),
            reasonText: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
            interviewAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReferralDetail, ...errorResponses },
      },
    },
    async (request) => {
      await service.transitionReferral(request.ctx, request.params.id, request.body);
      return service.getReferral(request.ctx, request.params.id);
    },
  );
}
