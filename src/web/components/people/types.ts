/** Shapes of the people, cases, households, appointments and documents API (see GET /api/openapi.json). */
import type { Locale } from '../../../common/locales.ts';
import type { Shift, TargetGroup } from '../../../common/enums.ts';

export { TARGET_GROUPS, SHIFTS } from '../../../common/enums.ts';
export type { TargetGroup, Shift } from '../../../common/enums.ts';

export const CASE_STATUSES = ['new', 'active', 'on-hold', 'placed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSE_REASONS = [
  'employed',
  'moved-away',
  'no-contact',
  'declined-service',
  'referred-elsewhere',
  'deceased',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const NOTE_KINDS = ['meeting', 'phone', 'home-visit', 'message', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const CHANNELS = ['in-person', 'phone', 'online', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONSENT_PURPOSES = [
  'share-with-employers',
  'contact-beyond-service',
  'surveys',
  'share-with-partners',
  'transfer-abroad',
  'roma-self-identification',
  'photos',
  'priority-matching',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** What a person may consent to online (the special-category purposes are recorded in person only). */
export const ONLINE_CONSENT_PURPOSES = CONSENT_PURPOSES.filter(
  (p) => p !== 'roma-self-identification' && p !== 'priority-matching',
);

export const HOUSEHOLD_RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'other-relative',
  'other',
] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export const INCOME_SOURCES = ['registered-work', 'informal-work', 'pension', 'other'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const DOCUMENT_KINDS = ['signed-notice', 'signed-consent', 'cv', 'certificate', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const APPOINTMENT_MODES = ['in-person', 'phone', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];
export const APPOINTMENT_STATUSES = ['scheduled', 'attended', 'no-show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const CANCEL_REASONS = ['person-request', 'counsellor-unavailable', 'office-closed', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const ID_KINDS = ['tckn', 'ykn', 'passport'] as const;
export type IdKind = (typeof ID_KINDS)[number];

export const PERSON_SORTS = ['name', '-name', '-created', 'created', 'birthDate', '-birthDate'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export interface Ref {
  id: string;
  name: string;
}

export interface CaseSummary {
  id: string;
  status: CaseStatus;
  counsellor: Ref | null;
  openedAt?: string;
}

export interface PersonListItem {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  age: number;
  sex: string;
  district: string;
  phone: string | null;
  idNumberMasked: string | null;
  office: Ref;
  case: CaseSummary | null;
  targetGroups: TargetGroup[];
  desiredOccupations: string[];
  registration: 'confirmed' | 'pending';
}

export interface Language {
  code: string;
  level: string;
}

export interface Constraints {
  hoursPerWeek: number | null;
  shifts: Shift[];
  districts: string[];
  maxCommuteMinutes: number | null;
  childcareNeed: boolean;
  earliestStart: string | null;
}

export interface WorkEntry {
  id: string;
  occupation: string;
  employer: string | null;
  startDate: string | null;
  endDate: string | null;
  registered: boolean;
  iscoCode?: string | null;
  iscoStatus?: string | null;
}

export interface PersonGroup {
  group: TargetGroup;
  details: Record<string, unknown>;
}

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  idKind: IdKind | null;
  idNumberMasked: string | null;
  passportCountry: string | null;
  birthDate: string;
  age: number;
  sex: 'female' | 'male';
  nationality: string;
  languages: Language[];
  phone: string | null;
  email: string | null;
  address: string | null;
  province: string;
  district: string;
  iskurRegistered: boolean | null;
  iskurNumber: string | null;
  iscedLevel: number | null;
  iscedField: string | null;
  graduationYear: number | null;
  skills: string | null;
  desiredOccupations: string[];
  desiredOccupationCodes?: { title: string; iscoCode: string | null; status: string }[];
  skillIds?: string[];
  licences?: { code: string; expiresOn: string | null }[];
  certificates?: { code: string; expiresOn: string | null }[];
  constraints: Constraints | null;
  targetGroups: PersonGroup[];
  workHistory: WorkEntry[];
  office: Ref;
  case: CaseSummary | null;
  registration: 'confirmed' | 'pending';
  createdAt: string;
  updatedAt: string;
}

export interface DuplicateCandidate {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  district: string;
  idNumberMasked: string | null;
  reasons: string[];
}

export interface Duplicates {
  sameIdNumber: boolean;
  candidates: DuplicateCandidate[];
  /** Offices outside the user's scope holding a record that may be the same person: whom to ask. */
  elsewhere: { office: { id: string; name: string; phone: string | null }; reasons: string[] }[];
}

export interface CaseNote {
  id: string;
  kind: NoteKind;
  body: string;
  occurredAt: string;
  author: string | null;
}

export interface CaseStep {
  id: string;
  title: string;
  ownerKind: 'counsellor' | 'person';
  owner: Ref | null;
  dueDate: string | null;
  doneAt: string | null;
  overdue: boolean;
}

export interface CaseTransfer {
  id: string;
  fromOffice: string | null;
  toOffice: string;
  fromCounsellor: string | null;
  toCounsellor: string | null;
  reason: string | null;
  transferredAt: string;
}

export interface CaseDetail {
  id: string;
  person: { id: string; givenName: string; familyName: string };
  office: Ref;
  counsellor: Ref | null;
  status: CaseStatus;
  allowedStatuses: CaseStatus[];
  closeReason: CloseReason | null;
  closeNote: string | null;
  openedAt: string;
  closedAt: string | null;
  notes: CaseNote[];
  steps: CaseStep[];
  transfers: CaseTransfer[];
}

export interface CaseEpisode {
  id: string;
  status: CaseStatus;
  office: string;
  counsellor: string | null;
  openedAt: string;
  closedAt: string | null;
  closeReason: CloseReason | null;
}

export interface ConsentRecord {
  id: string;
  purpose: ConsentPurpose;
  partner: string | null;
  textVersion: string;
  channel: Channel;
  grantedAt: string;
  recordedBy?: string | null;
  withdrawnAt: string | null;
  active: boolean;
}

export interface NoticeRecord {
  id: string;
  version: string;
  locale: Locale;
  channel: Channel;
  acknowledgedAt: string;
  recordedBy?: string | null;
}

export interface Consents {
  consents: ConsentRecord[];
  notices: NoticeRecord[];
}

export interface HouseholdMember {
  id: string;
  personId: string | null;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  age: number | null;
  sex: 'female' | 'male' | null;
  relation: HouseholdRelation;
}

export interface SocialAid {
  id: string;
  programme: string;
  monthlyAmount: number;
  startDate: string;
  endDate: string | null;
  current: boolean;
}

export interface HouseholdIncome {
  id: string;
  memberId: string | null;
  source: IncomeSource;
  monthlyAmount: number;
  startDate: string;
  endDate: string | null;
  current: boolean;
}

export interface Household {
  id: string;
  office: Ref;
  province: string | null;
  district: string | null;
  address: string | null;
  members: HouseholdMember[];
  socialAid: SocialAid[];
  incomes: HouseholdIncome[];
  totals: { onDate: string; monthlyAid: number; monthlyIncome: number };
}

export interface Appointment {
  id: string;
  caseId: string;
  person: Ref;
  counsellor: Ref;
  office: Ref;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  mode: AppointmentMode;
  status: AppointmentStatus;
  note: string | null;
}

export interface AppointmentResult {
  appointment: Appointment;
  notification: { channel: 'sms' | 'email' | null; locale: string; queued: number; reminders: string[] } | null;
}

export interface DocumentMeta {
  id: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: string | null;
  createdAt: string;
}

export type ImportStatus = 'validated' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportProblem {
  row: number;
  pointer: string;
  column: string | null;
  columnName: string;
  code: string;
  message: string;
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: ImportStatus;
  validRowsOnly: boolean;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  rowsWithProblems: number;
  user: Ref;
  createdAt: string;
  updatedAt: string;
  problems?: ImportProblem[];
  ignoredColumns?: string[];
}

export interface PersonQuery {
  q?: string;
  officeId?: string;
  counsellorId?: string;
  group?: TargetGroup;
  caseStatus?: CaseStatus;
  district?: string;
  occupation?: string;
  registration?: 'confirmed' | 'pending';
  sort?: PersonSort;
  pageSize?: number;
}

export interface SavedFilter {
  id: string;
  scope: string;
  name: string;
  query: PersonQuery;
  createdAt: string;
}

export interface CounsellorHome {
  today: string;
  openCases: number;
  officeOpenCases: number;
  pendingSelfRegistrations: number;
  overdueSteps: number;
  dueSoonSteps: number;
  steps: { id: string; caseId: string; person: Ref; title: string; dueDate: string | null; overdue: boolean }[];
}

export interface CaseloadRow {
  counsellor: Ref | null;
  total: number;
  byStatus: Partial<Record<CaseStatus, number>>;
}

export interface PublicOrganisation {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  province: string;
  offices: { id: string; name: string; province: string; district: string }[];
}

export type OwnProfile = Omit<Person, 'targetGroups' | 'case'> & {
  case: { id: string; status: CaseStatus; counsellor: Ref | null } | null;
} & Consents;
