import type { RightToWork } from '../../common/decent-work.ts';

/**
 * The inputs of the blind indexes of the restricted matching features (people/facts/
 * matching-features.service.ts, docs/MATCHING.md): here, beside the list of encrypted columns, because the
 * key rotation recomputes the tags from the sealed facts with the same functions.
 */

export type LegalClass = RightToWork['status'];

export interface FeaturePermit {
  scope: 'any' | 'employer' | 'seasonal';
  employerId: string | null;
  from: string | null;
  until: string | null;
}

export interface MatchingFeatures {
  legal: LegalClass;
  /** Plate code of the temporary-protection registration province (null: unknown, or not under it). */
  provinceCode: string | null;
  /** Registration date of people under temporary or international protection. */
  registrationDate: string | null;
  accessibilityNeed: boolean;
  permits: FeaturePermit[];
}

export function legalTagInput(f: Pick<MatchingFeatures, 'legal' | 'provinceCode' | 'accessibilityNeed'>): string {
  const province = f.legal === 'temporary-protection' ? (f.provinceCode ?? '-') : '-';
  return `kopru-matching-legal|${f.legal}|${province}|${f.accessibilityNeed ? 'a' : '-'}`;
}

export function registeredTagInput(f: Pick<MatchingFeatures, 'legal' | 'registrationDate'>): string {
  const protectedPerson = f.legal === 'temporary-protection' || f.legal === 'international-protection';
  return `kopru-matching-registered|${protectedPerson ? (f.registrationDate ?? '-') : '-'}`;
}
