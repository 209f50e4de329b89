/**
 * The childcare module's API (issue 11, docs/CHILDCARE.md): care providers (municipal nurseries and
 * partners), care places for the children of mothers in a programme or newly placed, the waiting list
 * in its visible order, and the report linking a care place to the mother's employment.
 */
import { Type, type Static } from 'typebox';
import { CARE_END_REASONS, CARE_PRIORITIES, CARE_STATUSES, PROVIDER_KINDS } from '../childcare.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['childcare'] as const;
const readers = 'childcare:read' as const;
const writers = 'childcare:write' as const;
const managers = 'childcare:manage' as const;

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
const Months = Type.Integer({ minimum: 0, maximum: 84 });

const providerFields = {
  name: Type.String({ minLength: 3, maxLength: 200 }),
  kind: Literals(PROVIDER_KINDS),
  capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
  minAgeMonths: Months,
  maxAgeMonths: Months,
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.String({ minLength: 2, maxLength: 60 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +()-]*$' }))),
  opensAt: Time,
  closesAt: Time,
  saturdays: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
};

export const ProviderCreate = Type.Object(providerFields, { additionalProperties: false });
export type ProviderCreate = Static<typeof ProviderCreate>;
export const ProviderPatch = Type.Partial(Type.Object(providerFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type ProviderPatch = Static<typeof ProviderPatch>;

export const Provider = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Known(PROVIDER_KINDS),
  capacity: Type.Integer(),
  minAgeMonths: Type.Integer(),
  maxAgeMonths: Type.Integer(),
  province: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  opensAt: Type.String(),
  closesAt: Type.String(),
  saturdays: Type.Boolean(),
  active: Type.Boolean(),
  allocated: Type.Integer(),
  waiting: Type.Integer(),
  free: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Provider = Static<typeof Provider>;

export const PROVIDER_SORTS = ['name', 'district', 'capacity', 'free', 'waiting'] as const;

/**
 * A child's place or position in line. `mother` and `child` are null for a mother of an office the
 * reader cannot see: the line stays visible (positions and reasons), the names do not.
 */
export const CareEntry = Type.Object({
  id: Type.String(),
  provider: Type.Object({ id: Type.String(), name: Type.String(), district: Type.String() }),
  status: Known(CARE_STATUSES),
  /** Today's priority (waiting) or the priority the place was given by (allocated, ended). */
  priority: Known(CARE_PRIORITIES),
  /** 1-based position in the waiting list (waiting only). */
  position: Nullable(Type.Integer()),
  mother: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  child: Nullable(Type.Object({ initials: Type.String(), ageMonths: Type.Integer() })),
  /** For a waiting entry whose child will be outside the provider's age range on the requested start. */
  ageFits: Type.Boolean(),
  appliedAt: Type.String(),
  requestedStart: Type.String(),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  endReason: Nullable(Known(CARE_END_REASONS)),
  /** Whether the reader may end or withdraw it (their office, childcare:write). */
  canManage: Type.Boolean(),
});
export type CareEntry = Static<typeof CareEntry>;

export const ProviderPlaces = Type.Object({
  provider: Provider,
  allocated: Type.Array(CareEntry),
  waiting: Type.Array(CareEntry),
});
export type ProviderPlaces = Static<typeof ProviderPlaces>;

/** A household member who could hold a place (not the mother herself, with a known birth date). */
export const CareChild = Type.Object({
  memberId: Type.String(),
  initials: Type.String(),
  birthDate: Type.String(),
  ageMonths: Type.Integer(),
});

export const PersonChildcare = Type.Object({
  /** Whether the mother may apply: in work now (a current placement) or in a programme (enrolled on a course). */
  priority: Known(CARE_PRIORITIES),
  children: Type.Array(CareChild),
  entries: Type.Array(CareEntry),
});
export type PersonChildcare = Static<typeof PersonChildcare>;

export const CareApplication = Type.Object(
  {
    providerId: Uuid,
    /** The child: a member of the mother's household (GET /persons/:id/household). */
    childMemberId: Uuid,
    /** The first day the place is needed: the child's age is checked on it. */
    requestedStart: IsoDate,
  },
  { additionalProperties: false },
);
export type CareApplication = Static<typeof CareApplication>;

export const CareEnd = Type.Object(
  {
    reason: Literals(CARE_END_REASONS),
    /** The last day of the place (allocated only); today when left out. */
    endDate: Type.Optional(Nullable(IsoDate)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
  },
  { additionalProperties: false },
);
export type CareEnd = Static<typeof CareEnd>;

export const OutcomeRow = Type.Object({
  /** A provider's id, or a district's name. */
  key: Type.String(),
  label: Type.String(),
  district: Type.String(),
  /** Mothers who held a place during the period. */
  mothers: Type.Integer(),
  /** Of whom in work (a placement) while the child was in care. */
  placed: Type.Integer(),
  /** Of whom in registered work verified with SGK evidence. */
  verified: Type.Integer(),
});
export type OutcomeRow = Static<typeof OutcomeRow>;

export const OutcomeReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  byProvider: Type.Array(OutcomeRow),
  byDistrict: Type.Array(OutcomeRow),
  total: OutcomeRow,
});
export type OutcomeReport = Static<typeof OutcomeReport>;

// ---- operations ------------------------------------------------------------------------------------------

export const listProviders = defineOp({
  method: 'GET',
  path: '/childcare/providers',
  tags,
  summary: "The organisation's care providers with their free places and waiting lists",
  access: readers,
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    district: Type.Optional(Type.String({ maxLength: 60 })),
    kind: Type.Optional(Literals(PROVIDER_KINDS)),
    active: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Literals(PROVIDER_SORTS)),
    order: Type.Optional(Literals(['asc', 'desc'] as const)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Provider),
});

export const createProvider = defineOp({
  method: 'POST',
  path: '/childcare/providers',
  tags,
  summary: 'Add a care provider (a municipal nursery or a partner)',
  access: managers,
  body: ProviderCreate,
  response: Provider,
  status: 201,
});

export const getProvider = defineOp({
  method: 'GET',
  path: '/childcare/providers/:id',
  tags,
  summary: 'A care provider',
  access: readers,
  params: IdParams,
  response: Provider,
});

export const updateProvider = defineOp({
  method: 'PATCH',
  path: '/childcare/providers/:id',
  tags,
  summary: 'Change a provider (capacity not below its allocated places; a larger capacity goes to the line)',
  access: managers,
  params: IdParams,
  body: ProviderPatch,
  response: Provider,
});

export const providerPlaces = defineOp({
  method: 'GET',
  path: '/childcare/providers/:id/places',
  tags,
  summary: "A provider's allocated places and its waiting list in order, with each position's reason",
  access: readers,
  params: IdParams,
  response: ProviderPlaces,
});

export const personChildcare = defineOp({
  method: 'GET',
  path: '/persons/:id/childcare',
  tags,
  summary: "A mother's care places and positions in line, her priority and the children who could hold a place",
  access: readers,
  params: IdParams,
  response: PersonChildcare,
});

export const applyForPlace = defineOp({
  method: 'POST',
  path: '/persons/:id/childcare',
  tags,
  summary: 'Apply for a care place for a child of the household (allocated at once when a place is free)',
  access: writers,
  params: IdParams,
  body: CareApplication,
  response: CareEntry,
  status: 201,
});

export const endPlace = defineOp({
  method: 'POST',
  path: '/childcare/places/:id/end',
  tags,
  summary: 'End a place (it goes to the next in line) or withdraw from the waiting list',
  access: writers,
  params: IdParams,
  body: CareEnd,
  response: CareEntry,
});

export const outcomeReport = defineOp({
  method: 'GET',
  path: '/childcare/report',
  tags,
  summary: 'Mothers with a care place in a period, of whom in work and in verified registered work',
  access: managers,
  query: Type.Object({ from: IsoDate, to: IsoDate }),
  response: OutcomeReport,
});
