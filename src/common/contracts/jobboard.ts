/**
 * The public job board's JSON API for the web app (the server-rendered pages at /jobs are not API
 * operations): open vacancies of every organisation, one vacancy, and "apply" for a signed-in job seeker.
 * What the public sees of a vacancy is vacancies.service `presentPublic`: no personal data.
 */
import { Type, type Static } from 'typebox';
import { CONTRACT_TYPES, TARGET_GROUPS } from '../enums.ts';
import { defineOp } from './op.ts';
import { IdParams, Known, Literals, Nullable, Page } from './schema.ts';

const tags = ['job board'] as const;

/** The board's default page size (the pages and the API). */
export const BOARD_PAGE_SIZE = 20;

export const PublicVacancy = Type.Object({
  id: Type.String(),
  title: Type.String(),
  occupation: Type.String(),
  iscoCode: Nullable(Type.String()),
  duties: Type.String(),
  requiredSkills: Type.Array(Type.String()),
  preferredSkills: Type.Array(Type.String()),
  employer: Type.Object({ name: Type.String(), website: Nullable(Type.String()) }),
  province: Type.String(),
  district: Nullable(Type.String()),
  remote: Type.Boolean(),
  positions: Type.Integer(),
  contractType: Known(CONTRACT_TYPES),
  startDate: Type.String(),
  hoursPerWeek: Type.Number(),
  shifts: Type.Array(Type.String()),
  wageMin: Type.Number(),
  wageMax: Nullable(Type.Number()),
  wageBasis: Type.String(),
  benefits: Nullable(Type.String()),
  childcareSupport: Type.Boolean(),
  accessibleWorkplace: Type.Boolean(),
  suitableGroups: Type.Array(Type.String()),
  deadline: Nullable(Type.String()),
  publishedAt: Type.String(),
  updatedAt: Type.String(),
});
export type PublicVacancy = Static<typeof PublicVacancy>;

const Text = Type.Optional(Type.String({ maxLength: 100 }));

export const listBoardVacancies = defineOp({
  method: 'GET',
  path: '/public/vacancies',
  tags,
  summary: 'Open vacancies of every organisation, newest first (no personal data)',
  description:
    'Search is diacritic-insensitive ("asci" finds "Aşçı"). Vacancies of suspended employers and past deadlines are left out.',
  access: 'public',
  query: Type.Object({
    q: Text,
    province: Text,
    district: Text,
    occupation: Text,
    isco: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: 'ISCO-08 group of any level' })),
    contractType: Type.Optional(Literals(CONTRACT_TYPES)),
    accessible: Type.Optional(Type.Boolean()),
    group: Type.Optional(Literals(TARGET_GROUPS)),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: BOARD_PAGE_SIZE }),
  }),
  response: Page(PublicVacancy),
});

export const BoardVacancy = Type.Object({
  ...PublicVacancy.properties,
  registerWith: Type.String({
    description: 'The id, as GET /public/organisations gives it, of the organisation handling applications',
  }),
});
export type BoardVacancy = Static<typeof BoardVacancy>;

export const getBoardVacancy = defineOp({
  method: 'GET',
  path: '/public/vacancies/:id',
  tags,
  summary: 'One open vacancy (404 when it is unknown, closed or its employer suspended)',
  description:
    'With registerWith: the organisation to register with (POST /public/registrations, an office of one of the ' +
    'organisations GET /public/organisations lists) for the registration to carry an application to this vacancy.',
  access: 'public',
  params: IdParams,
  response: BoardVacancy,
});

export const applyToVacancy = defineOp({
  method: 'POST',
  path: '/public/vacancies/:id/apply',
  tags,
  summary: 'Apply: propose myself for this vacancy; a counsellor pre-screens before the employer sees anything',
  description:
    'Creates a referral proposal with source "person". 409 errors.portal.alreadyApplied when I already have an open ' +
    'application or referral for the vacancy; 409 errors.portal.applyOtherOrganisation when the vacancy is offered ' +
    'by another organisation than the one I am registered with.',
  access: 'seeker-self',
  params: IdParams,
  response: Type.Object({ id: Type.String(), status: Type.Literal('proposed'), vacancyId: Type.String() }),
  status: 201,
});
