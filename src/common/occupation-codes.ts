/**
 * Coded occupations, skills, licences and certificates on persons and vacancies (issue 10, "Coded
 * records"), shared by the server and the web app.
 *
 * A title a person or an employer typed is kept and linked to an ISCO-08 unit group (4 digits): picked
 * from the autocomplete (`chosen`), linked automatically by the taxonomy search with a score at or above
 * LINK_THRESHOLD (`auto`), proposed below it and waiting for staff on the review list (`review`), found
 * nowhere (`none`, also on the review list), or confirmed/corrected by staff (`confirmed`).
 */
export const LINK_STATUSES = ['chosen', 'auto', 'review', 'none', 'confirmed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
/** Statuses that put a link on the staff review list. */
export const REVIEW_STATUSES: readonly LinkStatus[] = ['review', 'none'];

/** Statuses of a link sure enough to show or filter on publicly (no doubt left for staff to clear). */
export const SURE_LINKS: readonly LinkStatus[] = ['chosen', 'auto', 'confirmed'];

/** A search score at or above this links a typed title without review. */
export const LINK_THRESHOLD = 0.8;

export const ISCO_UNIT = /^\d{4}$/;
/** An ISCO-08 code of any level: 1 (major) to 4 (unit group) digits. */
export const ISCO_ANY = /^\d{1,4}$/;

/** A unit group and every group above it: '5120' → ['5', '51', '512', '5120']. */
export function iscoPath(code: string): string[] {
  return [1, 2, 3, 4].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** Every group (all levels) of a set of unit groups, sorted and without repeats. */
export function iscoGroupsOf(codes: readonly (string | null | undefined)[]): string[] {
  return [...new Set(codes.filter((c): c is string => !!c && ISCO_UNIT.test(c)).flatMap(iscoPath))].sort();
}

export interface OccupationLink {
  /** The title as typed. */
  title: string;
  iscoCode: string | null;
  score: number | null;
  status: LinkStatus;
}

/** A licence or certificate a person holds, with its expiry where it has one. */
export interface HeldQualification {
  code: string;
  expiresOn: string | null;
}

/** Valid on a day: no expiry, or expiring on or after it. */
export function heldOn(q: HeldQualification, day: string): boolean {
  return q.expiresOn === null || q.expiresOn >= day;
}

/** Decides a link from the best search hit (or none). */
export function linkFromHit(title: string, hit: { iscoCode: string; score: number } | undefined): OccupationLink {
  if (!hit) return { title, iscoCode: null, score: null, status: 'none' };
  const score = Math.round(hit.score * 1000) / 1000;
  return { title, iscoCode: hit.iscoCode, score, status: hit.score >= LINK_THRESHOLD ? 'auto' : 'review' };
}
