/**
 * Shapes of the people, cases, households, appointments and documents API: the enums from
 * src/common/people.ts and the answers' types from the contracts (src/common/contracts/people.ts,
 * cases.ts, person-records.ts, self-service.ts, person-import.ts).
 */
export { TARGET_GROUPS, SHIFTS } from '../../../common/enums.ts';
export type { TargetGroup, Shift } from '../../../common/enums.ts';
export {
  APPOINTMENT_MODES,
  APPOINTMENT_STATUSES,
  CANCEL_REASONS,
  CASE_STATUSES,
  CHANNELS,
  CLOSE_REASONS,
  CONSENT_PURPOSES,
  DOCUMENT_KINDS,
  HOUSEHOLD_RELATIONS,
  ID_KINDS,
  INCOME_SOURCES,
  NOTE_KINDS,
  ONLINE_CONSENT_PURPOSES,
  PERSON_SORTS,
} from '../../../common/people.ts';
export type {
  AppointmentMode,
  AppointmentStatus,
  CancelReason,
  CaseStatus,
  Channel,
  CloseReason,
  ConsentPurpose,
  DocumentKind,
  HouseholdRelation,
  IdKind,
  IncomeSource,
  NoteKind,
  PersonSort,
} from '../../../common/people.ts';
export type {
  CaseSummary,
  ConsentRecord,
  Consents,
  Constraints,
  DuplicateCandidate,
  Duplicates,
  Language,
  Person,
  PersonGroup,
  PersonListItem,
  PersonListQuery as PersonQuery,
  Ref,
  SavedFilter,
  WorkEntry,
} from '../../../common/contracts/people.ts';
export type {
  Appointment,
  AppointmentResult,
  CaseDetail,
  CaseEpisode,
  CaseloadRow,
  CaseNote,
  CaseStep,
  CaseTransfer,
  CounsellorHome,
} from '../../../common/contracts/cases.ts';
export type {
  DocumentMeta,
  Household,
  HouseholdIncome,
  HouseholdMember,
  SocialAid,
} from '../../../common/contracts/person-records.ts';
export type { OwnProfile, PublicOrganisation } from '../../../common/contracts/self-service.ts';

export type { ImportStatus } from '../../../common/people.ts';
export type { ImportChecked, ImportJob, ImportProblem } from '../../../common/contracts/person-import.ts';
