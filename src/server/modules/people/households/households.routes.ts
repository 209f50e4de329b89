import { Type, type TSchema } from 'typebox';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, IsoDate, Uuid } from '../../../lib/schemas.ts';
import { HOUSEHOLD_RELATIONS } from '../../../db/schema/index.ts';
import * as service from './households.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Relation = Literals(HOUSEHOLD_RELATIONS);
const INCOME_SOURCES = ['registered-work', 'informal-work', 'pension', 'other'] as const;
const Amount = Type.Number({ description: 'TL per month, more than 0, at most two decimals' });

const addressFields = {
  province: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  district: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};

const memberFields = {
  personId: Type.Optional(Nullable(Uuid)),
  givenName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  familyName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  birthDate: Type.Optional(Nullable(IsoDate)),
  sex: Type.Optional(Nullable(Literals(['female', 'male']))),
  relation: Relation,
};
const MemberInput = Type.Object(memberFields, {
  additionalProperties: false,
  description: 'A registered person (personId), or anyone else by name (children included)',
});
const MemberAdd = Type.Object(
  {
    ...memberFields,
    sharesAddress: Type.Optional(
      Type.Boolean({
        description:
          'With personId: the person lives at the household’s address, which becomes their own (province, ' +
          'district, address; audited person.updated) in the same transaction, so it is not typed again.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'A registered person (personId), or anyone else by name (children included)',
  },
);

const AidFields = {
  programme: Type.String({ minLength: 1, maxLength: 120 }),
  monthlyAmount: Amount,
  startDate: IsoDate,
  endDate: Type.Optional(Nullable(IsoDate)),
};

const IncomeFields = {
  source: Literals(INCOME_SOURCES),
  memberId: Type.Optional(Nullable(Uuid)),
  monthlyAmount: Amount,
  startDate: IsoDate,
  endDate: Type.Optional(Nullable(IsoDate)),
};

const Household = Type.Object({
  id: Type.String(),
  office: Type.Object({ id: Type.String(), name: Type.String() }),
  province: Nullable(Type.String()),
  district: Nullable(Type.String()),
  address: Nullable(Type.String()),
  members: Type.Array(
    Type.Object({
      id: Type.String(),
      personId: Nullable(Type.String()),
      givenName: Type.String(),
      familyName: Type.String(),
      birthDate: Nullable(Type.String()),
      age: Nullable(Type.Integer()),
      sex: Nullable(Type.String()),
      relation: Type.String(),
    }),
  ),
  socialAid: Type.Array(
    Type.Object({
      id: Type.String(),
      programme: Type.String(),
      monthlyAmount: Type.Number(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      current: Type.Boolean(),
    }),
  ),
  incomes: Type.Array(
    Type.Object({
      id: Type.String(),
      memberId: Nullable(Type.String()),
      source: Type.String(),
      monthlyAmount: Type.Number(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      current: Type.Boolean(),
    }),
  ),
  totals: Type.Object(
    { onDate: Type.String(), monthlyAid: Type.Number(), monthlyIncome: Type.Number() },
    { description: 'Social aid and income running today (TL per month)' },
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const HouseholdParams = Type.Object({ id: Uuid });

export async function householdRoutes(app: App): Promise<void> {
  const tags = ['households'];

  app.get(
    '/persons/:id/household',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'The household of a person: members with ages, social aid, incomes and current totals',
        description: '404 errors.households.none when the person belongs to no household.',
        params: IdParams,
        response: { 200: Household, ...errorResponses },
      },
    },
    async (request) => service.getHouseholdOfPerson(request.ctx, request.params.id),
  );

  app.post(
    '/persons/:id/household',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Create a household for a person, who becomes its first member (head unless told otherwise)',
        description:
          'A registered person belongs to one household only: 409 errors.households.personHasHousehold. ' +
          'The address defaults to the person’s.',
        params: IdParams,
        body: Type.Object(
          {
            relation: Type.Optional(Relation),
            ...addressFields,
            members: Type.Optional(Type.Array(MemberInput, { maxItems: 30 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Household, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await service.createHousehold(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await service.getHousehold(request.ctx, id));
    },
  );

  app.patch(
    '/households/:id',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Change a household’s address',
        params: HouseholdParams,
        body: Type.Object(addressFields, { additionalProperties: false, minProperties: 1 }),
        response: { 200: Household, ...errorResponses },
      },
    },
    async (request) => {
      await service.updateHousehold(request.ctx, request.params.id, request.body);
      return service.getHousehold(request.ctx, request.params.id);
    },
  );

  app.post(
    '/households/:id/members',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Add a member: a registered person, or anyone else by name, birth date, sex and relation',
        params: HouseholdParams,
        body: MemberAdd,
        response: { 201: Household, ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.addMember(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await service.getHousehold(request.ctx, request.params.id));
    },
  );

  app.delete(
    '/households/:id/members/:memberId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Remove a member (the last member cannot be removed)',
        params: Type.Object({ id: Uuid, memberId: Uuid }),
        response: { 200: Household, ...errorResponses },
      },
    },
    async (request) => {
      await service.removeMember(request.ctx, request.params.id, request.params.memberId);
      return service.getHousehold(request.ctx, request.params.id);
    },
  );

  app.post(
    '/households/:id/social-aid',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Record social aid the household receives (programme, monthly amount, period)',
        params: HouseholdParams,
        body: Type.Object(AidFields, { additionalProperties: false }),
        response: { 201: Household, ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.addSocialAid(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await service.getHousehold(request.ctx, request.params.id));
    },
  );

  app.patch(
    '/households/:id/social-aid/:aidId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Change or end a social aid record',
        params: Type.Object({ id: Uuid, aidId: Uuid }),
        body: Type.Partial(Type.Object(AidFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Household, ...errorResponses },
      },
    },
    async (request) => {
      await service.updateSocialAid(request.ctx, request.params.id, request.params.aidId, request.body);
      return service.getHousehold(request.ctx, request.params.id);
    },
  );

  app.post(
    '/households/:id/incomes',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Record an income of the household (registered or informal work, pension, other)',
        params: HouseholdParams,
        body: Type.Object(IncomeFields, { additionalProperties: false }),
        response: { 201: Household, ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.addIncome(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await service.getHousehold(request.ctx, request.params.id));
    },
  );

  app.patch(
    '/households/:id/incomes/:incomeId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Change or end an income',
        params: Type.Object({ id: Uuid, incomeId: Uuid }),
        body: Type.Partial(Type.Object(IncomeFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Household, ...errorResponses },
      },
    },
    async (request) => {
      await service.updateIncome(request.ctx, request.params.id, request.params.incomeId, request.body);
      return service.getHousehold(request.ctx, request.params.id);
    },
  );
}
