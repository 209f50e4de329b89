/**
 * The value sets that the database schema, the API contracts, the services and the web app share.
 * Each is declared here once; everything else imports it (docs/ARCHITECTURE.md, "Contracts").
 */

/** A job seeker's target groups (refugee, roma and disability are special categories: see people.ts). */
export const TARGET_GROUPS = [
  'woman-care',
  'refugee',
  'neet',
  'roma',
  'disability',
  'social-aid',
  'long-term-unemployed',
  'informal-worker',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** An employer's occupational-safety hazard class (from its NACE code, confirmed by staff). */
export const HAZARD_CLASSES = ['low', 'hazardous', 'very-hazardous'] as const;
export type HazardClass = (typeof HAZARD_CLASSES)[number];

export const EMPLOYER_STATUSES = ['pending', 'verified', 'suspended'] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];

export const VACANCY_STATUSES = ['draft', 'submitted', 'published', 'filled', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'seasonal', 'part-time'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const SHIFTS = ['day', 'evening', 'night', 'weekend'] as const;
export type Shift = (typeof SHIFTS)[number];

/** Whether a stated wage is before (gross) or after (net) tax and contributions. */
export const WAGE_BASES = ['gross', 'net'] as const;
export type WageBasis = (typeof WAGE_BASES)[number];

/** Language levels of the Common European Framework, and "native". */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];
