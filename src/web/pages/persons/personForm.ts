import i18next from 'i18next';
import type { useForm } from '@mantine/form';
import { looksLikeEmail } from '../../../common/contact.ts';
import { isValidIdNumber } from '../../../common/identity-number.ts';
import type { Locale } from '../../../common/locales.ts';
import {
  ageOn,
  CONSENT_TEXT_VERSION,
  MIN_DISABILITY_PERCENT,
  MIN_REGISTRATION_AGE,
  NOTICE_VERSION,
} from '../../../common/people.ts';
import { turkiyeToday } from '../../components/format.ts';
import type {
  Channel,
  ConsentPurpose,
  IdKind,
  Language,
  Person,
  Shift,
  TargetGroup,
} from '../../components/people/types.ts';

export interface WorkRow {
  occupation: string;
  /** The ISCO-08 unit group chosen in the autocomplete (null: linked by the server). */
  iscoCode?: string | null;
  employer: string;
  startDate: string;
  endDate: string;
  registered: boolean;
}

/** The fields of the person form, flat where the API nests (group details, constraints) so that each has one path. */
export interface PersonFormValues {
  givenName: string;
  familyName: string;
  idKind: IdKind | '';
  idNumber: string;
  passportCountry: string;
  birthDate: string;
  sex: 'female' | 'male' | '';
  nationality: string;
  languages: Language[];
  phone: string;
  email: string;
  address: string;
  province: string;
  district: string;
  officeId: string | null;
  groups: TargetGroup[];
  childrenUnder6: number | string;
  refugeeStatus: string;
  registrationProvince: string;
  registrationDate: string;
  reportPercentage: number | string;
  reportDate: string;
  accessibilityNeeds: string;
  informalKind: string;
  unemployedMonths: number | string;
  iskurRegistered: 'yes' | 'no' | '';
  iskurNumber: string;
  iscedLevel: string | null;
  iscedField: string | null;
  graduationYear: number | string;
  skills: string;
  desiredOccupations: string[];
  /** The desired occupations with their unit groups (what the form edits; desiredOccupations follows the titles). */
  desiredOccupationCodes: { title: string; iscoCode: string | null }[];
  skillIds: string[];
  licences: string[];
  certificates: string[];
  /** Expiry dates of the licences ('l:B') and certificates ('c:forklift') held, kept as recorded. */
  qualificationExpiry: Record<string, string | null>;
  workHistory: WorkRow[];
  hoursPerWeek: number | string;
  shifts: Shift[];
  constraintDistricts: string[];
  maxCommuteMinutes: number | string;
  childcareNeed: boolean;
  earliestStart: string;
  noticeGiven: boolean;
  noticeChannel: Channel;
  noticeLocale: Locale;
  consents: ConsentPurpose[];
  partner: string;
}

export type PersonForm = ReturnType<typeof useForm<PersonFormValues>>;

export const STEPS = ['identity', 'contact', 'groups', 'education', 'constraints', 'consent'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_FIELDS: Record<Step, readonly (keyof PersonFormValues)[]> = {
  identity: [
    'givenName',
    'familyName',
    'idKind',
    'idNumber',
    'passportCountry',
    'birthDate',
    'sex',
    'nationality',
    'languages',
  ],
  contact: ['phone', 'email', 'address', 'province', 'district', 'officeId'],
  groups: [
    'groups',
    'childrenUnder6',
    'refugeeStatus',
    'registrationProvince',
    'registrationDate',
    'reportPercentage',
    'reportDate',
    'accessibilityNeeds',
    'informalKind',
    'unemployedMonths',
  ],
  education: [
    'iskurRegistered',
    'iskurNumber',
    'iscedLevel',
    'iscedField',
    'graduationYear',
    'skills',
    'desiredOccupations',
    'desiredOccupationCodes',
    'skillIds',
    'licences',
    'certificates',
    'workHistory',
  ],
  constraints: ['hoursPerWeek', 'shifts', 'constraintDistricts', 'maxCommuteMinutes', 'childcareNeed', 'earliestStart'],
  consent: ['noticeGiven', 'noticeChannel', 'noticeLocale', 'consents', 'partner'],
};

/** The step that shows a form path ("workHistory.0.endDate" → education). */
export function stepOfPath(path: string): number {
  const field = path.split('.')[0];
  const index = STEPS.findIndex((s) => (STEP_FIELDS[s] as readonly string[]).includes(field ?? ''));
  return index;
}

export function emptyPersonValues(locale: Locale): PersonFormValues {
  return {
    givenName: '',
    familyName: '',
    idKind: 'tckn',
    idNumber: '',
    passportCountry: '',
    birthDate: '',
    sex: '',
    nationality: 'TR',
    languages: [],
    phone: '',
    email: '',
    address: '',
    province: '',
    district: '',
    officeId: null,
    groups: [],
    childrenUnder6: '',
    refugeeStatus: '',
    registrationProvince: '',
    registrationDate: '',
    reportPercentage: '',
    reportDate: '',
    accessibilityNeeds: '',
    informalKind: '',
    unemployedMonths: '',
    iskurRegistered: '',
    iskurNumber: '',
    iscedLevel: null,
    iscedField: null,
    graduationYear: '',
    skills: '',
    desiredOccupations: [],
    desiredOccupationCodes: [],
    skillIds: [],
    licences: [],
    certificates: [],
    qualificationExpiry: {},
    workHistory: [],
    hoursPerWeek: '',
    shifts: [],
    constraintDistricts: [],
    maxCommuteMinutes: '',
    childcareNeed: false,
    earliestStart: '',
    noticeGiven: false,
    noticeChannel: 'in-person',
    noticeLocale: locale,
    consents: [],
    partner: '',
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | string => (typeof v === 'number' ? v : '');

/** A stored person as form values (for editing a part of the profile). */
export function personToValues(p: Person, locale: Locale): PersonFormValues {
  const d = (g: TargetGroup) => p.targetGroups.find((x) => x.group === g)?.details ?? {};
  const c = p.constraints;
  return {
    ...emptyPersonValues(locale),
    givenName: p.givenName,
    familyName: p.familyName,
    idKind: p.idKind ?? '',
    passportCountry: p.passportCountry ?? '',
    birthDate: p.birthDate,
    sex: p.sex,
    nationality: p.nationality,
    languages: p.languages,
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: p.address ?? '',
    province: p.province,
    district: p.district,
    officeId: p.office.id,
    groups: p.targetGroups.map((g) => g.group),
    childrenUnder6: num(d('woman-care').childrenUnder6),
    refugeeStatus: str(d('refugee').status),
    registrationProvince: str(d('refugee').registrationProvince),
    registrationDate: str(d('refugee').registrationDate),
    reportPercentage: num(d('disability').reportPercentage),
    reportDate: str(d('disability').reportDate),
    accessibilityNeeds: str(d('disability').accessibilityNeeds),
    informalKind: str(d('informal-worker').kind),
    unemployedMonths: num(d('long-term-unemployed').unemployedMonths),
    iskurRegistered: p.iskurRegistered === null ? '' : p.iskurRegistered ? 'yes' : 'no',
    iskurNumber: p.iskurNumber ?? '',
    iscedLevel: p.iscedLevel === null ? null : String(p.iscedLevel),
    iscedField: p.iscedField,
    graduationYear: p.graduationYear ?? '',
    skills: p.skills ?? '',
    desiredOccupations: p.desiredOccupations,
    desiredOccupationCodes: (p.desiredOccupationCodes ?? []).map((o) => ({ title: o.title, iscoCode: o.iscoCode })),
    skillIds: p.skillIds ?? [],
    licences: (p.licences ?? []).map((l) => l.code),
    certificates: (p.certificates ?? []).map((c) => c.code),
    qualificationExpiry: Object.fromEntries<string | null>([
      ...(p.licences ?? []).map((l): [string, string | null] => [`l:${l.code}`, l.expiresOn]),
      ...(p.certificates ?? []).map((c): [string, string | null] => [`c:${c.code}`, c.expiresOn]),
    ]),
    workHistory: p.workHistory.map((w) => ({
      occupation: w.occupation,
      iscoCode: w.iscoCode ?? null,
      employer: w.employer ?? '',
      startDate: w.startDate ?? '',
      endDate: w.endDate ?? '',
      registered: w.registered,
    })),
    hoursPerWeek: c?.hoursPerWeek ?? '',
    shifts: c?.shifts ?? [],
    constraintDistricts: c?.districts ?? [],
    maxCommuteMinutes: c?.maxCommuteMinutes ?? '',
    childcareNeed: c?.childcareNeed ?? false,
    earliestStart: c?.earliestStart ?? '',
  };
}

const t = (key: string, options: Record<string, unknown> = {}): string => i18next.t(key, options);
const required = (v: unknown) => (v === '' || v === null || v === undefined ? t('errors.validation.required') : null);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Client-side checks of one step (the server decides; these save a round trip for the obvious ones). */
export function validateStep(
  step: Step,
  v: PersonFormValues,
  options: { requireNotice: boolean },
): Record<string, string> {
  const errors: Record<string, string | null> = {};
  switch (step) {
    case 'identity': {
      errors.givenName = v.givenName.trim() ? null : t('errors.validation.required');
      errors.familyName = v.familyName.trim() ? null : t('errors.validation.required');
      if (v.idKind && !v.idNumber.trim()) errors.idNumber = t('errors.validation.required');
      // A wrong TCKN/YKN checksum (or passport format) stops here, where the number is typed, not at saving.
      else if (v.idKind) errors.idNumber = idNumberError(v.idKind, v.idNumber);
      if (v.idKind === 'passport' && v.idNumber.trim() && !v.passportCountry)
        errors.passportCountry = t('errors.validation.required');
      if (!v.birthDate) errors.birthDate = t('errors.validation.required');
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) errors.birthDate = t('errors.validation.format.date');
      else if (v.birthDate > turkiyeToday()) errors.birthDate = t('errors.persons.birthDateFuture');
      else if (ageOn(v.birthDate, turkiyeToday()) < MIN_REGISTRATION_AGE)
        errors.birthDate = t('errors.persons.tooYoung', { age: MIN_REGISTRATION_AGE });
      errors.sex = required(v.sex);
      errors.nationality = required(v.nationality);
      if (v.languages.some((l) => !l.code)) errors.languages = t('persons.languageMissing');
      break;
    }
    case 'contact':
      errors.province = required(v.province);
      errors.district = required(v.district);
      if (v.email.trim() && !looksLikeEmail(v.email)) errors.email = t('errors.validation.format.email');
      break;
    case 'groups':
      if (v.groups.includes('woman-care') && !isNumber(v.childrenUnder6))
        errors.childrenUnder6 = t('errors.validation.required');
      if (v.groups.includes('refugee')) {
        errors.refugeeStatus = required(v.refugeeStatus);
        if (v.refugeeStatus === 'temporary-protection') errors.registrationProvince = required(v.registrationProvince);
      }
      if (
        v.groups.includes('disability') &&
        (!isNumber(v.reportPercentage) || v.reportPercentage < MIN_DISABILITY_PERCENT)
      )
        errors.reportPercentage = t('errors.persons.disabilityPercentage', { min: MIN_DISABILITY_PERCENT });
      if (v.groups.includes('informal-worker')) errors.informalKind = required(v.informalKind);
      if (v.groups.includes('long-term-unemployed') && v.unemployedMonths !== '' && Number(v.unemployedMonths) < 12)
        errors.unemployedMonths = t('errors.persons.longTermMonths');
      break;
    case 'education':
      v.workHistory.forEach((w, i) => {
        if (!w.occupation.trim()) errors[`workHistory.${i}.occupation`] = t('errors.validation.required');
        if (w.startDate && w.endDate && w.endDate < w.startDate)
          errors[`workHistory.${i}.endDate`] = t('errors.persons.endBeforeStart');
      });
      break;
    case 'constraints':
      break;
    case 'consent':
      if (options.requireNotice && !v.noticeGiven) errors.noticeGiven = t('persons.notice.required');
      if (v.groups.includes('roma') && !v.consents.includes('roma-self-identification'))
        errors.consents = t('errors.persons.romaNeedsConsent');
      if (v.consents.includes('share-with-partners') && !v.partner.trim())
        errors.partner = t('errors.validation.required');
      break;
  }
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => e[1] !== null));
}

/** What is wrong with an ID number (the checksum of src/common/identity-number.ts), or null when it is right. */
export function idNumberError(kind: IdKind, value: string): string | null {
  const compact = value.replace(/[\s-]/g, '');
  if (kind === 'tckn' && compact.startsWith('99') && isValidIdNumber('ykn', compact))
    return t('persons.idHint.looksYkn');
  return isValidIdNumber(kind, compact) ? null : t(`errors.persons.idNumberInvalid.${kind}`);
}

/** A hint while typing an ID number, once it is long enough to judge (the step stops on it, see validateStep). */
export function idNumberHint(kind: IdKind | '', value: string): string | null {
  const compact = value.replace(/[\s-]/g, '');
  if (!kind || compact.length < (kind === 'passport' ? 5 : 11)) return null;
  return idNumberError(kind, compact);
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const numOrNull = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function groupDetails(g: TargetGroup, v: PersonFormValues): Record<string, unknown> | undefined {
  switch (g) {
    case 'woman-care':
      return { childrenUnder6: numOrNull(v.childrenUnder6) };
    case 'refugee':
      return {
        status: v.refugeeStatus || null,
        registrationProvince: v.registrationProvince || null,
        registrationDate: v.registrationDate || null,
      };
    case 'disability':
      return {
        reportPercentage: numOrNull(v.reportPercentage),
        reportDate: v.reportDate || null,
        accessibilityNeeds: orNull(v.accessibilityNeeds),
      };
    case 'informal-worker':
      return { kind: v.informalKind || null };
    case 'long-term-unemployed':
      return numOrNull(v.unemployedMonths) === null ? {} : { unemployedMonths: numOrNull(v.unemployedMonths) };
    case 'neet':
    case 'social-aid':
    case 'roma':
      return undefined;
  }
}

/** Which form path each part of the body came from, to put the server's errors back under the right field. */
export interface BodyMap {
  groups: TargetGroup[];
  work: number[];
}

export function identityBody(v: PersonFormValues) {
  const idNumber = v.idNumber.replace(/[\s-]/g, '');
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    idKind: v.idKind && idNumber ? v.idKind : null,
    idNumber: v.idKind && idNumber ? idNumber : null,
    passportCountry: v.idKind === 'passport' && idNumber ? v.passportCountry || null : null,
    birthDate: v.birthDate,
    sex: v.sex || undefined,
    nationality: v.nationality,
    languages: v.languages.filter((l) => l.code),
  };
}

export function contactBody(v: PersonFormValues) {
  return {
    phone: orNull(v.phone),
    email: orNull(v.email),
    address: orNull(v.address),
    province: v.province,
    district: v.district,
  };
}

export function groupsBody(v: PersonFormValues) {
  return { targetGroups: v.groups.map((g) => ({ group: g, details: groupDetails(g, v) })) };
}

export function educationBody(v: PersonFormValues) {
  const work = v.workHistory.map((w, i) => ({ w, i })).filter(({ w }) => w.occupation.trim() || w.employer.trim());
  return {
    body: {
      iskurRegistered: v.iskurRegistered === '' ? null : v.iskurRegistered === 'yes',
      iskurNumber: orNull(v.iskurNumber),
      iscedLevel: v.iscedLevel === null || v.iscedLevel === '' ? null : Number(v.iscedLevel),
      iscedField: v.iscedField || null,
      graduationYear: numOrNull(v.graduationYear),
      skills: orNull(v.skills),
      desiredOccupationCodes: v.desiredOccupationCodes
        .map((o) => ({ title: o.title.trim(), iscoCode: o.iscoCode }))
        .filter((o) => o.title),
      skillIds: v.skillIds,
      licences: v.licences.map((code) => ({ code, expiresOn: v.qualificationExpiry[`l:${code}`] ?? null })),
      certificates: v.certificates.map((code) => ({ code, expiresOn: v.qualificationExpiry[`c:${code}`] ?? null })),
      workHistory: work.map(({ w }) => ({
        occupation: w.occupation.trim(),
        iscoCode: w.iscoCode ?? null,
        employer: orNull(w.employer),
        startDate: w.startDate || null,
        endDate: w.endDate || null,
        registered: w.registered,
      })),
    },
    work: work.map(({ i }) => i),
  };
}

export function constraintsBody(v: PersonFormValues) {
  const empty =
    v.hoursPerWeek === '' &&
    v.shifts.length === 0 &&
    v.constraintDistricts.length === 0 &&
    v.maxCommuteMinutes === '' &&
    !v.childcareNeed &&
    !v.earliestStart;
  return {
    constraints: empty
      ? null
      : {
          hoursPerWeek: numOrNull(v.hoursPerWeek),
          shifts: v.shifts,
          districts: v.constraintDistricts,
          maxCommuteMinutes: numOrNull(v.maxCommuteMinutes),
          childcareNeed: v.childcareNeed,
          earliestStart: v.earliestStart || null,
        },
  };
}

/** The body of POST /persons, and how to map its pointers back to the form. */
/** Which form rows the body's arrays came from (see mapPersonPointer). */
export function bodyMap(v: PersonFormValues): BodyMap {
  return { groups: v.groups, work: educationBody(v).work };
}

export function createBody(v: PersonFormValues, officeId: string | null, confirmNotDuplicate: boolean) {
  const education = educationBody(v);
  const consents = v.consents.map((purpose) => ({
    purpose,
    partner: purpose === 'share-with-partners' ? v.partner.trim() : null,
    textVersion: CONSENT_TEXT_VERSION,
    channel: v.noticeChannel,
  }));
  const body = {
    ...identityBody(v),
    ...contactBody(v),
    ...groupsBody(v),
    ...education.body,
    ...constraintsBody(v),
    ...(officeId ? { officeId } : {}),
    notice: { version: NOTICE_VERSION, locale: v.noticeLocale, channel: v.noticeChannel },
    consents,
    confirmNotDuplicate,
  };
  const map: BodyMap = { groups: v.groups, work: education.work };
  return { body, map, consents };
}

const DETAIL_FIELDS: Partial<Record<TargetGroup, Record<string, keyof PersonFormValues>>> = {
  'woman-care': { childrenUnder6: 'childrenUnder6' },
  refugee: {
    status: 'refugeeStatus',
    registrationProvince: 'registrationProvince',
    registrationDate: 'registrationDate',
  },
  disability: {
    reportPercentage: 'reportPercentage',
    reportDate: 'reportDate',
    accessibilityNeeds: 'accessibilityNeeds',
  },
  'informal-worker': { kind: 'informalKind' },
  'long-term-unemployed': { unemployedMonths: 'unemployedMonths' },
};

const CONSTRAINT_FIELDS: Record<string, keyof PersonFormValues> = {
  hoursPerWeek: 'hoursPerWeek',
  shifts: 'shifts',
  districts: 'constraintDistricts',
  maxCommuteMinutes: 'maxCommuteMinutes',
  childcareNeed: 'childcareNeed',
  earliestStart: 'earliestStart',
};

const DIRECT: readonly string[] = [
  'givenName',
  'familyName',
  'idKind',
  'idNumber',
  'passportCountry',
  'birthDate',
  'sex',
  'nationality',
  'phone',
  'email',
  'address',
  'province',
  'district',
  'iskurRegistered',
  'iskurNumber',
  'iscedLevel',
  'iscedField',
  'graduationYear',
  'skills',
  'desiredOccupations',
  'desiredOccupationCodes',
  'skillIds',
  'licences',
  'certificates',
];

/** A server error's JSON pointer (into the body built above) → the form path that shows it. */
export function mapPersonPointer(pointer: string, map: BodyMap, officeShown: boolean): string | null {
  const parts = pointer.split('/').filter(Boolean);
  const [head, second, third, fourth] = parts;
  if (!head) return null;
  if (DIRECT.includes(head)) return head;
  switch (head) {
    case 'languages':
      return 'languages';
    case 'officeId':
      return officeShown ? 'officeId' : null;
    case 'targetGroups': {
      const group = map.groups[Number(second)];
      if (third === 'details' && group && fourth) return DETAIL_FIELDS[group]?.[fourth] ?? 'groups';
      return 'groups';
    }
    case 'workHistory': {
      const index = map.work[Number(second)];
      if (index === undefined) return 'workHistory';
      return third ? `workHistory.${index}.${third}` : `workHistory.${index}.occupation`;
    }
    case 'constraints':
      return (second && CONSTRAINT_FIELDS[second]) || 'hoursPerWeek';
    case 'notice':
      return 'noticeChannel';
    case 'consents':
      return third === 'partner' ? 'partner' : 'consents';
    default:
      return null;
  }
}
