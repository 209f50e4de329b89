/**
 * Cooperatives (issue 17, docs/COOPERATIVES.md): the value sets of the registry and the warning signs of a
 * sham cooperative, computed by a pure function so that the server, the tests and the documentation agree.
 */

/**
 * The type of cooperative as the guidelines concerning statistics of cooperatives of the 20th ICLS (2018)
 * classify it, by the members' interest: producers, workers, consumers or users, or several kinds of
 * member together. Kept apart from the legal type and the sector.
 */
export const ICLS_TYPES = ['producer', 'worker', 'consumer-user', 'multi-stakeholder'] as const;
export type IclsType = (typeof ICLS_TYPES)[number];

/**
 * The legal type of cooperative founded under the Cooperatives Law no. 1163 (the type named in its
 * articles of association: "S.S. … Kooperatifi"); `other` for any type the list does not carry.
 */
export const LEGAL_TYPES = [
  'housing-construction',
  'consumer',
  'production-marketing',
  'small-crafts',
  'motor-carriers',
  'womens-enterprise',
  'agricultural-development',
  'fisheries',
  'irrigation',
  'education',
  'tourism-development',
  'other',
] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];

export const FOCUS_TAGS = ['women', 'care', 'agricultural', 'housing', 'refugee-inclusion'] as const;
export type FocusTag = (typeof FOCUS_TAGS)[number];

/** Annual turnover bands in Turkish lira. */
export const TURNOVER_BANDS = ['none', 'under-1m', '1m-5m', '5m-25m', '25m-plus'] as const;
export type TurnoverBand = (typeof TURNOVER_BANDS)[number];

/** Members' age bands (members of a cooperative are adults). */
export const MEMBER_AGE_BANDS = ['18-29', '30-44', '45-64', '65+'] as const;
export type MemberAgeBand = (typeof MEMBER_AGE_BANDS)[number];

/** Target groups whose member counts are restricted like the groups themselves (`special-category:read`). */
export const RESTRICTED_GROUPS = ['refugees', 'roma', 'disability'] as const;
export type RestrictedGroup = (typeof RESTRICTED_GROUPS)[number];

/**
 * How a registered person takes part: a member who does not work in it, a member who works in it
 * (a member-worker), or an employee who is not a member. Member-worker and employee are employment
 * outcomes, like a placement.
 */
export const LINK_ROLES = ['member', 'member-worker', 'employee'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const SUPPORT_KINDS = ['training', 'grant', 'advice'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const ASSEMBLY_KINDS = ['ordinary', 'extraordinary'] as const;
export type AssemblyKind = (typeof ASSEMBLY_KINDS)[number];

export const WARNING_SIGNS = [
  'single-client',
  'uninsured-dependent-work',
  'no-general-assembly',
  'employer-tied-membership',
] as const;
export type WarningSign = (typeof WARNING_SIGNS)[number];

export const REVIEW_STATUSES = ['open', 'resolved'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Statistics: what is counted and by what. */
export const STAT_MEASURES = ['cooperatives', 'members', 'workers'] as const;
export type StatMeasure = (typeof STAT_MEASURES)[number];
export const STAT_DIMENSIONS = ['type', 'sex', 'district'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];
export const STAT_SEXES = ['women', 'men'] as const;

// ---- warning signs -------------------------------------------------------------------------------------

/** A client's share of the cooperative's income at or above this (per cent) is "nearly all". */
export const SINGLE_CLIENT_SHARE = 80;
/** An ordinary general assembly is due every year (Law 1163 art. 44): no assembly for this many months is a sign. */
export const ASSEMBLY_MONTHS = 12;
/** Membership changes in the window; at least this many, and this share tied to one employer, is a sign. */
export const EMPLOYER_TIED_MIN_CHANGES = 3;
export const EMPLOYER_TIED_SHARE = 75;
export const EMPLOYER_TIED_MONTHS = 12;

export interface WarningFacts {
  /** Today by the application clock (ISO date). */
  today: string;
  /** The registration date: a cooperative younger than the assembly period is not yet late. */
  registrationDate: string | null;
  /** Dates of the general assemblies held. */
  assemblies: readonly string[];
  /** The clients and their shares of income (per cent) in the most recent year recorded. */
  clients: readonly { name: string; sharePercent: number }[];
  /** Member-workers who work as dependent employees (fixed hours under one client's direction) without social security. */
  dependentUninsured: number;
  /** Joins and leaves of members, each with the employer whose staff the member came from or works for. */
  membershipChanges: readonly { date: string; employerId: string | null; employerName: string | null }[];
}

export interface WarningFlag {
  sign: WarningSign;
  /** The facts behind the flag, for the explanation's message (`cooperatives.signs.<sign>.explanation`). */
  params: Record<string, string | number>;
}

/** The ISO date `months` months before `date` (end-of-month clamped). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The warning signs of a sham cooperative (a cooperative used to hide dependent employment), each with
 * the facts that explain it. A sign is a reason to look, never a finding: it opens a review task.
 */
export function warningSigns(f: WarningFacts): WarningFlag[] {
  const flags: WarningFlag[] = [];
  const top = [...f.clients].sort((a, b) => b.sharePercent - a.sharePercent)[0];
  if (top && top.sharePercent >= SINGLE_CLIENT_SHARE)
    flags.push({
      sign: 'single-client',
      params: { client: top.name, share: top.sharePercent, limit: SINGLE_CLIENT_SHARE },
    });
  if (f.dependentUninsured > 0)
    flags.push({ sign: 'uninsured-dependent-work', params: { count: f.dependentUninsured } });
  const since = monthsBefore(f.today, ASSEMBLY_MONTHS);
  const last =
    [...f.assemblies]
      .filter((d) => d <= f.today)
      .sort()
      .at(-1) ?? null;
  const oldEnough = f.registrationDate === null || f.registrationDate <= since;
  if (oldEnough && (last === null || last < since))
    flags.push({ sign: 'no-general-assembly', params: { last: last ?? '', months: ASSEMBLY_MONTHS } });
  const window = monthsBefore(f.today, EMPLOYER_TIED_MONTHS);
  const recent = f.membershipChanges.filter((c) => c.date > window && c.date <= f.today);
  if (recent.length >= EMPLOYER_TIED_MIN_CHANGES) {
    const byEmployer = new Map<string, { name: string; n: number }>();
    for (const c of recent) {
      if (!c.employerId) continue;
      const e = byEmployer.get(c.employerId) ?? { name: c.employerName ?? '', n: 0 };
      e.n += 1;
      byEmployer.set(c.employerId, e);
    }
    const [best] = [...byEmployer.values()].sort((a, b) => b.n - a.n);
    if (best && best.n * 100 >= EMPLOYER_TIED_SHARE * recent.length)
      flags.push({
        sign: 'employer-tied-membership',
        params: {
          employer: best.name,
          tied: best.n,
          changes: recent.length,
          months: EMPLOYER_TIED_MONTHS,
        },
      });
  }
  return flags;
}
