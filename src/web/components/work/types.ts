/** The shapes the employers, referrals and portal endpoints answer with (see GET /api/openapi.json). */
import type { PermitDuty, WorkingTimeLimits } from '../../../common/decent-work.ts';
import type { ReferralStatus } from '../../../common/referral-workflow.ts';
import type {
  CefrLevel,
  ContractType,
  EmployerStatus,
  HazardClass,
  Shift,
  TargetGroup,
  VacancyStatus,
  WageBasis,
} from '../../../common/enums.ts';

export {
  CEFR_LEVELS as LANGUAGE_LEVELS,
  CONTRACT_TYPES,
  EMPLOYER_STATUSES,
  HAZARD_CLASSES,
  SHIFTS,
  TARGET_GROUPS,
  VACANCY_STATUSES,
} from '../../../common/enums.ts';
export type { ContractType, EmployerStatus, HazardClass, Shift, TargetGroup, VacancyStatus, WageBasis };
export type { ReferralStatus, WorkingTimeLimits };
export type LanguageLevel = CefrLevel;
export {
  CONCERN_KINDS,
  IDENTITY_FIELDS,
  type ChangeRequest,
  type Concern,
  type ConcernKind,
  type ConcernStatus,
  type Contact as EmployerContact,
  type Employer,
  type EmployerDetail,
  type IdentityField,
  type ResponseRecord,
  type TaxKind,
} from '../../../common/contracts/employers.ts';

export interface PortalUser {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: string;
  status: string;
  manager: boolean;
  lastSignInAt: string | null;
  addedAt: string;
}

export interface ReferralEvent {
  from: string | null;
  to: string;
  actorKind: string;
  /** The staff member who made the step (for staff; null for the employer's view and other actors). */
  actorName?: string | null;
  reason: string | null;
  at: string;
}

export interface SharedProfile {
  givenName: string;
  familyName: string;
  phone: string | null;
  email: string | null;
  district: string;
  province: string;
  languages: { code: string; level: string }[];
  iscedLevel: number | null;
  graduationYear: number | null;
  skills: string | null;
  desiredOccupations: string[];
  workHistory: { occupation: string; employer: string | null; startDate: string | null; endDate: string | null }[];
}

export interface Referral {
  id: string;
  status: ReferralStatus;
  source: string;
  vacancy: { id: string; title: string };
  employer: { id: string; name: string };
  person: { id: string; name: string };
  reason: string | null;
  reasonText: string | null;
  /** What the employer was told it must request before the person can start. */
  permitDuty: PermitDuty | null;
  interviewAt: string | null;
  sentAt: string | null;
  answeredAt: string | null;
  responseWorkingDays: number | null;
  waitingWorkingDays: number | null;
  overdue: boolean;
  createdAt: string;
}

export interface ReferralDetail extends Referral {
  prescreen: Record<string, boolean> | null;
  prescreenNote: string | null;
  events: ReferralEvent[];
  sharedProfile: SharedProfile | null;
}

/** A row of GET /persons, as much as picking a person for a referral needs. */
export interface PersonPick {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  idNumberMasked: string | null;
  age: number;
  district: string;
  office: { id: string; name: string };
  desiredOccupations: string[];
  targetGroups: string[];
  /** The consent to share the profile with employers is in force (a referral cannot be sent without it). */
  sharesWithEmployers: boolean;
}
