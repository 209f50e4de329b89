/** Every kind of audit event. Adding a module adds its actions here, so the log stays typed. */
export const AUDIT_ACTIONS = [
  'auth.signed-in',
  'auth.signed-out',
  'auth.sign-in-failed',
  'auth.locked-out',
  'auth.code-requested',
  'session.revoked',
  'mfa.enrolled',
  'mfa.disabled',
  'mfa.recovery-code-used',
  'mfa.recovery-codes-regenerated',
  'password.changed',
  'password.reset-requested',
  'password.reset',
  'user.created',
  'user.invited',
  'user.invitation-accepted',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.preferences-updated',
  'role.created',
  'role.updated',
  'role.deleted',
  'office.created',
  'office.updated',
  'organisation.updated',
  'holiday.created',
  'holiday.updated',
  'holiday.deleted',
  'minimum-wage.created',
  'minimum-wage.updated',
  'minimum-wage.deleted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECT_TYPES = [
  'user',
  'session',
  'role',
  'office',
  'organisation',
  'holiday',
  'minimum-wage',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
