/**
 * The identity module's API: signing in (password, one-time code, second factor), invitations and
 * password resets, the signed-in user (`/me`: preferences, password, sessions, two-factor), and the
 * administration of users, roles, offices and the organisation.
 */
import { Type, type Static, type TLiteral } from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../contact.ts';
import { PERMISSIONS } from '../permissions.ts';
import { defineOp } from './op.ts';
import { IdParams, Literals, LocaleSchema, Nullable, Page, Uuid } from './schema.ts';

export const USER_KINDS = ['staff', 'employer', 'seeker'] as const;
export type UserKind = (typeof USER_KINDS)[number];
export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
/** Where a sign-in stands: complete, waiting for the second factor, or for TOTP enrolment. */
export const SIGN_IN_STAGES = ['active', 'mfa', 'enrol'] as const;
export type Stage = (typeof SIGN_IN_STAGES)[number];
export const USER_SORTS = ['name', '-name', 'lastSignIn', '-lastSignIn', 'created', '-created'] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** Permissions a custom staff role may contain (not the employer's or the job seeker's own). */
export const STAFF_ROLE_PERMISSIONS = PERMISSIONS.filter((p) => p !== 'employer-portal' && p !== 'seeker-self');

const Kind = Literals(USER_KINDS);
const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });
const StageSchema = Literals(SIGN_IN_STAGES);
const Name = Type.String({ minLength: 2, maxLength: 200 });
const Email = Type.String({ format: 'email', maxLength: 320 });
const Phone = Type.String({ minLength: 7, maxLength: 30 });
const Token = Type.String({ minLength: 20, maxLength: 200 });
const SixDigits = Type.String({ pattern: '^\\s*\\d{6}\\s*$' });

export const SignInResult = Type.Object({ stage: StageSchema });
export type SignInResult = Static<typeof SignInResult>;

export const RoleRef = Type.Object({ id: Type.String(), key: Type.String(), name: Type.String() });
export type RoleRef = Static<typeof RoleRef>;

export const Me = Type.Object({
  id: Type.String(),
  kind: Kind,
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  locale: LocaleSchema,
  stage: StageSchema,
  organisation: Type.Object({ id: Type.String(), name: Type.String(), requireMfa: Type.Boolean() }),
  office: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  roles: Type.Array(RoleRef),
  permissions: Type.Array(Type.String()),
  mfaEnabled: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const User = Type.Object({
  id: Type.String(),
  kind: Kind,
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  locale: LocaleSchema,
  status: Literals(USER_STATUSES),
  office: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  roles: Type.Array(RoleRef),
  mfaEnabled: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type User = Static<typeof User>;

export const Office = Type.Object({
  id: Type.String(),
  name: Type.String(),
  province: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
});
export type Office = Static<typeof Office>;

export const OfficeInput = Type.Object(
  {
    name: Name,
    province: Type.String({ minLength: 2, maxLength: 60 }),
    district: Type.String({ minLength: 2, maxLength: 60 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OfficeInput = Static<typeof OfficeInput>;

export const Role = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  userCount: Type.Integer(),
});
export type Role = Static<typeof Role>;

const RoleFields = {
  name: Type.String({ minLength: 2, maxLength: 80 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  permissions: Type.Array(Literals(PERMISSIONS), { minItems: 1, uniqueItems: true }),
};
export const RoleInput = Type.Object(RoleFields, { additionalProperties: false });
export type RoleInput = Static<typeof RoleInput>;

export const Organisation = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  kind: Type.String(),
  province: Type.String(),
  requireMfa: Type.Boolean(),
});
export type Organisation = Static<typeof Organisation>;

export const Session = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  method: Type.String(),
  userAgent: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  expiresAt: Type.String(),
});
export type Session = Static<typeof Session>;

export const MfaStatus = Type.Object({
  enabled: Type.Boolean(),
  enabledAt: Nullable(Type.String()),
  recoveryCodesLeft: Type.Integer(),
  requiredByOrganisation: Type.Boolean(),
});
export type MfaStatus = Static<typeof MfaStatus>;

export const TotpSetup = Type.Object({ secret: Type.String(), uri: Type.String(), qrSvg: Type.String() });
export type TotpSetup = Static<typeof TotpSetup>;

const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

/** The filters of the user list that carry no personal data (they may travel in an address). */
const UserListFields = {
  officeId: Type.Optional(Uuid),
  roleId: Type.Optional(Uuid),
  status: Type.Optional(Literals(USER_STATUSES)),
  kind: Type.Optional(Kind),
  sort: Type.Union(USER_SORTS.map((s) => Type.Literal(s)) as unknown as [TLiteral<UserSort>], { default: 'name' }),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
};
/** The route that takes a user search's words in its body (named by the list's refusal of them). */
export const USER_SEARCH = 'POST /api/v1/users/search';

// ---- operations: signing in ------------------------------------------------------------------------

const authTags = ['auth'] as const;

export const instanceMode = defineOp({
  method: 'GET',
  path: '/public/instance',
  tags: ['system'],
  summary: 'What kind of instance this is: a demo (fictional data, messages not sent) or a real service',
  access: 'public',
  response: Type.Object({ mode: Type.Union([Type.Literal('demo'), Type.Literal('production')]) }),
});

export const signIn = defineOp({
  method: 'POST',
  path: '/auth/sign-in',
  tags: authTags,
  summary: 'Staff and employer users sign in with e-mail and password',
  access: 'public',
  body: Type.Object({
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  }),
  response: SignInResult,
});

export const secondFactor = defineOp({
  method: 'POST',
  path: '/auth/second-factor',
  tags: authTags,
  summary: 'Complete a sign-in with a TOTP code or a recovery code',
  access: 'second-factor',
  body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 20 }) }),
  response: SignInResult,
});

export const requestSignInCode = defineOp({
  method: 'POST',
  path: '/auth/code',
  tags: authTags,
  summary: 'Job seekers and employer users: send a one-time sign-in code by SMS or e-mail',
  description:
    'Answers 202 whether or not an account exists. On a demo instance only, the code of a demo job ' +
    'seeker (fictional people) comes back as demoCode, for the sign-in page.',
  access: 'public',
  body: Type.Object({ identifier: Type.String({ minLength: 3, maxLength: 320 }) }),
  response: Type.Object({ accepted: Type.Boolean(), demoCode: Type.Optional(Type.String()) }),
  status: 202,
});

export const signInWithCode = defineOp({
  method: 'POST',
  path: '/auth/code/verify',
  tags: authTags,
  summary: 'Sign in with a one-time code',
  access: 'public',
  body: Type.Object({ identifier: Type.String({ minLength: 3, maxLength: 320 }), code: SixDigits }),
  response: SignInResult,
});

export const signOut = defineOp({
  method: 'POST',
  path: '/auth/sign-out',
  tags: authTags,
  summary: 'Sign out (ends this session)',
  access: 'public',
  response: Type.Null(),
  status: 204,
});

export const requestPasswordReset = defineOp({
  method: 'POST',
  path: '/auth/password-reset',
  tags: authTags,
  summary: 'Send a password-reset link by e-mail',
  description: 'Answers 202 whether or not an account exists.',
  access: 'public',
  body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }),
  response: Type.Object({ accepted: Type.Boolean() }),
  status: 202,
});

export const resetPassword = defineOp({
  method: 'POST',
  path: '/auth/password-reset/confirm',
  tags: authTags,
  summary: 'Set a new password with the link sent by e-mail; ends every session of the account',
  access: 'public',
  body: Type.Object({ token: Token, password: Password }),
  response: Type.Null(),
  status: 204,
  gone: true,
});

export const inspectInvitation = defineOp({
  method: 'POST',
  path: '/auth/invitation',
  tags: authTags,
  summary: 'Read an invitation (who is invited, by which organisation)',
  access: 'public',
  body: Type.Object({ token: Token }),
  response: Type.Object({ fullName: Type.String(), email: Type.String(), organisation: Type.String() }),
  gone: true,
});

export const acceptInvitation = defineOp({
  method: 'POST',
  path: '/auth/invitation/accept',
  tags: authTags,
  summary: 'Accept an invitation by choosing a password',
  access: 'public',
  body: Type.Object({ token: Token, password: Password }),
  response: Type.Null(),
  status: 204,
  gone: true,
});

// ---- operations: the signed-in user ----------------------------------------------------------------

const meTags = ['me'] as const;

export const getMe = defineOp({
  method: 'GET',
  path: '/me',
  tags: meTags,
  summary: 'The signed-in user, their roles and permissions',
  access: 'second-factor',
  response: Me,
});

export const updatePreferences = defineOp({
  method: 'PATCH',
  path: '/me/preferences',
  tags: meTags,
  summary: 'Change the interface language (remembered per user)',
  access: 'signed-in',
  body: Type.Object({ locale: LocaleSchema }, { additionalProperties: false }),
  response: Me,
});

export const changePassword = defineOp({
  method: 'POST',
  path: '/me/password',
  tags: meTags,
  summary: 'Change my password',
  access: 'signed-in',
  body: Type.Object({
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Password,
  }),
  response: Type.Null(),
  status: 204,
});

export const listSessions = defineOp({
  method: 'GET',
  path: '/me/sessions',
  tags: meTags,
  summary: 'My open sessions',
  access: 'signed-in',
  response: Type.Object({ items: Type.Array(Session) }),
});

export const revokeSession = defineOp({
  method: 'DELETE',
  path: '/me/sessions/:id',
  tags: meTags,
  summary: 'End one of my sessions',
  access: 'signed-in',
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

export const revokeOtherSessions = defineOp({
  method: 'POST',
  path: '/me/sessions/revoke-others',
  tags: meTags,
  summary: 'End all my sessions but this one',
  access: 'signed-in',
  response: Type.Object({ revoked: Type.Integer() }),
});

export const getMfa = defineOp({
  method: 'GET',
  path: '/me/mfa',
  tags: meTags,
  summary: 'My two-factor status',
  access: 'second-factor',
  response: MfaStatus,
});

export const startTotp = defineOp({
  method: 'POST',
  path: '/me/mfa/totp/setup',
  tags: meTags,
  summary: 'Staff: start TOTP enrolment (returns the secret and a QR code once)',
  access: 'second-factor',
  response: TotpSetup,
});

export const confirmTotp = defineOp({
  method: 'POST',
  path: '/me/mfa/totp/confirm',
  tags: meTags,
  summary: 'Staff: confirm TOTP enrolment with a code; returns ten recovery codes, shown once',
  access: 'second-factor',
  body: Type.Object({ code: SixDigits }),
  response: RecoveryCodes,
});

export const regenerateRecoveryCodes = defineOp({
  method: 'POST',
  path: '/me/mfa/recovery-codes',
  tags: meTags,
  summary: 'Staff: replace my recovery codes',
  access: 'signed-in',
  response: RecoveryCodes,
});

export const disableTotp = defineOp({
  method: 'POST',
  path: '/me/mfa/totp/disable',
  tags: meTags,
  summary: 'Staff: turn TOTP off (not allowed when the organisation requires it)',
  access: 'signed-in',
  body: Type.Object({ password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) }),
  response: Type.Null(),
  status: 204,
});

// ---- operations: users -----------------------------------------------------------------------------

const userReaders = ['users:read', 'users:manage'] as const;

export const listUsers = defineOp({
  method: 'GET',
  path: '/users',
  tags: ['users'],
  summary:
    'Users of my organisation (my office only, unless I may see all offices), filtered by office, role, status and kind',
  access: userReaders,
  query: Type.Object(UserListFields),
  response: Page(User),
});

export const searchUsers = defineOp({
  method: 'POST',
  path: '/users/search',
  tags: ['users'],
  summary: 'Find users of my organisation by name or e-mail address, with the filters of the list',
  description:
    'The search words travel in the body, never in the address (proxies log addresses). ' +
    'Same scope, permissions and answer as GET /users.',
  access: userReaders,
  body: Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100, description: 'A name or an e-mail address' })),
      ...UserListFields,
    },
    { additionalProperties: false },
  ),
  response: Page(User),
});

export const getUser = defineOp({
  method: 'GET',
  path: '/users/:id',
  tags: ['users'],
  summary: 'One user',
  access: userReaders,
  params: IdParams,
  response: User,
});

export const UserCreate = Type.Object(
  {
    kind: Kind,
    fullName: Name,
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
    officeId: Type.Optional(Nullable(Uuid)),
    roleIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const createUser = defineOp({
  method: 'POST',
  path: '/users',
  tags: ['users'],
  summary: 'Create a user; staff and employer users get an e-mail invitation through the outbox',
  access: 'users:manage',
  body: UserCreate,
  response: User,
  status: 201,
});

export const UserUpdate = Type.Object(
  {
    fullName: Type.Optional(Name),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
    officeId: Type.Optional(Nullable(Uuid)),
    roleIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 20 })),
    locale: Type.Optional(LocaleSchema),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserUpdate = Static<typeof UserUpdate>;

export const updateUser = defineOp({
  method: 'PATCH',
  path: '/users/:id',
  tags: ['users'],
  summary: 'Change a user: name, contacts, office, roles, language, or disable/enable',
  access: 'users:manage',
  params: IdParams,
  body: UserUpdate,
  response: User,
});

export const resendInvitation = defineOp({
  method: 'POST',
  path: '/users/:id/invitation',
  tags: ['users'],
  summary: 'Send the invitation again (the earlier link stops working)',
  access: 'users:manage',
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

// ---- operations: roles -----------------------------------------------------------------------------

const roleReaders = ['users:read', 'users:manage', 'roles:manage'] as const;

export const listRoles = defineOp({
  method: 'GET',
  path: '/roles',
  tags: ['roles'],
  summary: 'Built-in and custom roles',
  access: roleReaders,
  response: Type.Object({ items: Type.Array(Role) }),
});

export const listPermissions = defineOp({
  method: 'GET',
  path: '/permissions',
  tags: ['roles'],
  summary: 'Permissions a custom staff role may contain',
  access: roleReaders,
  response: Type.Object({ items: Type.Array(Type.String()) }),
});

export const createRole = defineOp({
  method: 'POST',
  path: '/roles',
  tags: ['roles'],
  summary: 'Define a custom role',
  access: 'roles:manage',
  body: RoleInput,
  response: Role,
  status: 201,
});

export const updateRole = defineOp({
  method: 'PATCH',
  path: '/roles/:id',
  tags: ['roles'],
  summary: 'Change a custom role (built-in roles are read-only)',
  access: 'roles:manage',
  params: IdParams,
  body: Type.Partial(Type.Object(RoleFields), { additionalProperties: false, minProperties: 1 }),
  response: Role,
});

export const deleteRole = defineOp({
  method: 'DELETE',
  path: '/roles/:id',
  tags: ['roles'],
  summary: 'Delete a custom role that no user holds',
  access: 'roles:manage',
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

// ---- operations: offices and the organisation ------------------------------------------------------

export const listOffices = defineOp({
  method: 'GET',
  path: '/offices',
  tags: ['offices'],
  summary: "My organisation's offices (district service points)",
  access: 'signed-in',
  response: Type.Object({ items: Type.Array(Office) }),
});

export const createOffice = defineOp({
  method: 'POST',
  path: '/offices',
  tags: ['offices'],
  summary: 'Open an office',
  access: 'offices:manage',
  body: OfficeInput,
  response: Office,
  status: 201,
});

export const updateOffice = defineOp({
  method: 'PATCH',
  path: '/offices/:id',
  tags: ['offices'],
  summary: 'Change an office, or close it (active: false)',
  access: 'offices:manage',
  params: IdParams,
  body: Type.Partial(OfficeInput, { additionalProperties: false, minProperties: 1 }),
  response: Office,
});

export const getOrganisation = defineOp({
  method: 'GET',
  path: '/organisation',
  tags: ['organisation'],
  summary: 'My organisation',
  access: 'signed-in',
  response: Organisation,
});

export const updateOrganisation = defineOp({
  method: 'PATCH',
  path: '/organisation',
  tags: ['organisation'],
  summary: "Change my organisation's name, or require two-factor sign-in for all staff",
  access: 'organisation:manage',
  body: Type.Object(
    {
      name: Type.Optional(Name),
      shortName: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })),
      requireMfa: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: Organisation,
});
