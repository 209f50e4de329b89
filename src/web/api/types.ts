import type { Locale } from '../../common/locales.ts';
import type { Permission } from '../../common/permissions.ts';

export type UserKind = 'staff' | 'employer' | 'seeker';
export type Stage = 'active' | 'mfa' | 'enrol';
export type UserStatus = 'invited' | 'active' | 'disabled';

export interface RoleRef {
  id: string;
  key: string;
  name: string;
}

export interface Me {
  id: string;
  kind: UserKind;
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  stage: Stage;
  organisation: { id: string; name: string; requireMfa: boolean };
  office: { id: string; name: string } | null;
  roles: RoleRef[];
  permissions: Permission[];
  mfaEnabled: boolean;
}

export interface StageResult {
  stage: Stage;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface User {
  id: string;
  kind: UserKind;
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  status: UserStatus;
  office: { id: string; name: string } | null;
  roles: RoleRef[];
  mfaEnabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface Role {
  id: string;
  key: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  permissions: string[];
  userCount: number;
}

export interface Office {
  id: string;
  name: string;
  province: string;
  district: string;
  address: string | null;
  phone: string | null;
  active: boolean;
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  province: string;
  requireMfa: boolean;
}

export interface Session {
  id: string;
  current: boolean;
  method: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  requiredByOrganisation: boolean;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  locale: string;
  subject: string | null;
  body: string | null;
  /** Why the body is not shown: it carries a sign-in code or a password link, or this is not a demo. */
  bodyWithheld: 'secret' | 'production' | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
