import { Type, type TSchema } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, IsoDate, Page, pageOf, Uuid } from '../../lib/schemas.ts';
import { CONTRACT_TYPES, TARGET_GROUPS, VACANCY_STATUSES } from '../../../common/enums.ts';
import { CEFR_LEVELS } from '../../../common/people.ts';
import * as service from './vacancies.service.ts';
import { decentWorkLimits, updateDecentWorkLimits } from './decent-work.service.ts';
import { LIMIT_RANGES, type DecentWorkLimits } from '../../../common/decent-work.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const fields = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  occupation: Type.String({ minLength: 2, maxLength: 200 }),
  duties: Type.String({ minLength: 10, maxLength: 10000, text: 'multiline' }),
  requiredSkills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 })),
  preferredSkills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 })),
  iscedLevel: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 8 }))),
  languages: Type.Optional(
    Type.Array(
      Type.Object(
        { code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: Literals(CEFR_LEVELS) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  ),
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  remote: Type.Optional(Type.Boolean()),
  positions: Type.Integer({ minimum: 1, maximum: 10000 }),
  contractType: Literals(CONTRACT_TYPES),
  startDate: IsoDate,
  hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
  hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 168 }),
  daysPerWeek: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 7 }))),
  shifts: Type.Array(Literals(['day', 'evening', 'night', 'weekend']), { uniqueItems: true, minItems: 1 }),
  minimumAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 70 })),
  wageMin: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
  wageMax: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }))),
  wageBasis: Literals(['gross', 'net']),
  benefits: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
  childcareSupport: Type.Optional(Type.Boolean()),
  accessibleWorkplace: Type.Optional(Type.Boolean()),
  suitableGroups: Type.Optional(Type.Array(Literals(TARGET_GROUPS), { uniqueItems: true })),
  deadline: Type.Optional(Nullable(IsoDate)),
  wordingJustification: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
};

const Vacancy = Type.Object({
  id: Type.String(),
  employer: Type.Object({ id: Type.String(), name: Type.String(), status: Type.String() }),
  title: Type.String(),
  occupation: Type.String(),
  duties: Type.String(),
  requiredSkills: Type.Array(Type.String()),
  preferredSkills: Type.Array(Type.String()),
  iscedLevel: Nullable(Type.Integer()),
  languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
  province: Type.String(),
  district: Nullable(Type.String()),
  remote: Type.Boolean(),
  positions: Type.Integer(),
  contractType: Type.String(),
  startDate: Type.String(),
  hoursPerDay: Type.Number(),
  hoursPerWeek: Type.Number(),
  daysPerWeek: Nullable(Type.Integer()),
  shifts: Type.Array(Type.String()),
  minimumAge: Type.Integer(),
  wageMin: Type.Number(),
  wageMax: Nullable(Type.Number()),
  wageBasis: Type.String(),
  benefits: Nullable(Type.String()),
  childcareSupport: Type.Boolean(),
  accessibleWorkplace: Type.Boolean(),
  suitableGroups: Type.Array(Type.String()),
  deadline: Nullable(Type.String()),
  status: Type.String(),
  wordingFlags: Type.Array(Type.Object({ ground: Type.String(), excerpt: Type.String(), pointer: Type.String() })),
  wordingJustification: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** The platform's decent-work limits, each within its statutory range (422 outside it). */
const Limits = Type.Object(
  Object.fromEntries(
    (Object.keys(LIMIT_RANGES) as (keyof DecentWorkLimits)[]).map((key) => [
      key,
      Type.Number({ minimum: LIMIT_RANGES[key].min, maximum: LIMIT_RANGES[key].max }),
    ]),
  ) as Record<keyof DecentWorkLimits, ReturnType<typeof Type.Number>>,
);

export async function vacancyRoutes(app: App): Promise<void> {
  const tags = ['vacancies'];
  const readers = ['vacancies:read', 'employer-portal'] as const;
  const writers = ['vacancies:write', 'employer-portal'] as const;

  app.get(
    '/vacancies',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: "The organisation's vacancies (an employer user: their own)",
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          status: Type.Optional(Literals(VACANCY_STATUSES)),
          employerId: Type.Optional(Uuid),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
        }),
        response: { 200: Page(Vacancy), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await service.listVacancies(request.ctx, { ...q, status: q.status });
      return pageOf(r.items, r.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/vacancies',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Create a vacancy as a draft (staff name the employer; an employer user posts for their own)',
        body: Type.Object({ ...fields, employerId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 201: Vacancy, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await service.createVacancy(request.ctx, request.body);
      return reply.code(201).send(await service.getVacancy(request.ctx, id));
    },
  );

  app.get(
    '/vacancies/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'A vacancy', params: IdParams, response: { 200: Vacancy, ...errorResponses } },
    },
    async (request) => service.getVacancy(request.ctx, request.params.id),
  );

  app.patch(
    '/vacancies/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change a vacancy (drafts and submitted ones; a published one by staff, re-checked)',
        params: IdParams,
        body: Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (request) => {
      await service.updateVacancy(request.ctx, request.params.id, request.body);
      return service.getVacancy(request.ctx, request.params.id);
    },
  );

  app.get(
    '/vacancies/:id/check',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Check a vacancy against the decent-work rules without changing it',
        params: IdParams,
        response: {
          200: Type.Object({
            violations: Type.Array(
              Type.Object({
                rule: Type.String(),
                code: Type.String(),
                pointer: Type.String(),
                params: Type.Record(Type.String(), Type.Unknown()),
                message: Type.String({ description: "Formatted in the caller's language (money, dates, terms)" }),
              }),
            ),
            wordingFlags: Type.Array(
              Type.Object({
                ground: Type.String(),
                excerpt: Type.String(),
                pointer: Type.String(),
                code: Type.String(),
                message: Type.String(),
              }),
            ),
            justified: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.checkVacancyRules(request.ctx, request.params.id),
  );

  app.post(
    '/vacancies/:id/submit',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Submit for staff review (refused with every failing decent-work rule named)',
        params: IdParams,
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (request) => {
      await service.submitVacancy(request.ctx, request.params.id);
      return service.getVacancy(request.ctx, request.params.id);
    },
  );

  app.post(
    '/vacancies/:id/review',
    {
      config: { access: 'vacancies:approve' },
      schema: {
        tags,
        summary: 'Staff review: publish (all rules again, employer verified) or return to the employer with a note',
        params: IdParams,
        body: Type.Object(
          {
            decision: Literals(['publish', 'return']),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (request) => {
      await service.reviewVacancy(request.ctx, request.params.id, request.body.decision, request.body.note);
      return service.getVacancy(request.ctx, request.params.id);
    },
  );

  app.post(
    '/vacancies/:id/close',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Close a vacancy, or mark it filled',
        params: IdParams,
        body: Type.Object({ outcome: Literals(['filled', 'closed']) }, { additionalProperties: false }),
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (request) => {
      await service.closeVacancy(request.ctx, request.params.id, request.body.outcome);
      return service.getVacancy(request.ctx, request.params.id);
    },
  );

  app.get(
    '/decent-work/limits',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['decent-work'],
        summary: 'Decent-work limits the rules apply (platform data, the same for every organisation)',
        response: { 200: Limits, ...errorResponses },
      },
    },
    async (request) => decentWorkLimits(request.ctx),
  );

  app.patch(
    '/decent-work/limits',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['decent-work'],
        summary:
          'Change decent-work limits (platform administrator; within the statutory ranges, consistent with each ' +
          'other; logged for every organisation)',
        body: Type.Partial(Limits, { additionalProperties: false, minProperties: 1 }),
        response: { 200: Limits, ...errorResponses },
      },
    },
    async (request) => updateDecentWorkLimits(request.ctx, request.body),
  );
}
