import type { Permission } from '../../common/permissions.ts';
import type { AccessPolicy } from '../../common/contracts/op.ts';
import type { Locale } from '../../common/locales.ts';
import { problems } from './errors.ts';

export type UserKind = 'staff' | 'employer' | 'seeker';
export type SessionStage = 'active' | 'mfa' | 'enrol';

/** Who is calling: resolved from the session cookie on every request. */
export interface Actor {
  userId: string;
  sessionId: string;
  organisationId: string;
  officeId: string | null;
  kind: UserKind;
  fullName: string;
  locale: Locale;
  stage: SessionStage;
  permissions: ReadonlySet<Permission>;
}

/**
 * The actor a background job acts as: no user (the nil id), a session named after the job, staff of the
 * organisation (one office of it, or all with `offices:all` among the permissions), Turkish texts.
 */
export function jobActor(input: {
  job: string;
  organisationId: string;
  officeId?: string | null;
  permissions: readonly Permission[];
}): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    sessionId: `job:${input.job}`,
    organisationId: input.organisationId,
    officeId: input.officeId ?? null,
    kind: 'staff',
    fullName: 'Köprü',
    locale: 'tr',
    stage: 'active',
    permissions: new Set(input.permissions),
  };
}

/** The access policy every route declares (route option `config.access`; see src/common/contracts/op.ts). */
export type { AccessPolicy };

export function describePolicy(policy: AccessPolicy): string {
  if (typeof policy === 'string') return policy;
  return `any of: ${policy.join(', ')}`;
}

/** Whether an actor passes a policy. Object-level checks (organisation, office) happen in services. */
export function allows(policy: AccessPolicy, actor: Actor | null): boolean {
  if (policy === 'public') return true;
  if (!actor) return false;
  if (policy === 'second-factor') return true;
  if (actor.stage !== 'active') return false;
  if (policy === 'signed-in') return true;
  const needed: readonly Permission[] = typeof policy === 'string' ? [policy] : policy;
  return needed.some((p) => actor.permissions.has(p));
}

/** Throws the right problem when the actor fails the policy (401 when not signed in, 403 otherwise). */
export function enforce(policy: AccessPolicy, actor: Actor | null): void {
  if (allows(policy, actor)) return;
  if (!actor) throw problems.unauthenticated();
  if (actor.stage !== 'active') throw problems.mfaRequired();
  throw problems.forbidden();
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw problems.unauthenticated();
  return actor;
}

/**
 * The records a staff member may see: their organisation, and their own office unless they hold
 * `offices:all`. `officeId: null` means every office of the organisation.
 */
export interface Scope {
  organisationId: string;
  officeId: string | null;
}

export function scopeOf(actor: Actor): Scope {
  return {
    organisationId: actor.organisationId,
    officeId: actor.permissions.has('offices:all') ? null : actor.officeId,
  };
}

export function inScope(scope: Scope, record: { organisationId: string; officeId?: string | null }): boolean {
  if (record.organisationId !== scope.organisationId) return false;
  if (scope.officeId === null || record.officeId === undefined) return true;
  return record.officeId === scope.officeId;
}
