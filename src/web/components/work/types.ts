/** The shapes the employers, referrals and portal endpoints answer with (see GET /api/openapi.json). */
import type { WorkingTimeLimits } from '../../../common/decent-work.ts';
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
  type PortalUser,
  type ResponseRecord,
  type TaxKind,
} from '../../../common/contracts/employers.ts';

export type { Referral, ReferralDetail, ReferralEvent, SharedProfile } from '../../../common/contracts/referrals.ts';

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
