/**
 * Labour-market insights (issue 16): demand from the vacancies published in a range (occupation at
 * each ISCO level, skills asked, district, wage, contract type) against supply from registrations (the
 * job seekers with an open case on the range's last day: their first desired occupation, skills and
 * residence), and employers' hiring by sector.
 *
 * Disclosure control is the indicators' (src/common/disclosure.ts): counts of persons (job seekers,
 * hires, registrations) are released suppressed for callers who do not read rows. The job seekers'
 * occupation groups at every level and their districts within provinces form one family with one grand
 * total, so the tables a user can request at different ISCO levels agree on what is hidden; skill
 * counts (a person holds several skills, they add up to nothing) are suppressed cell by cell; hires by
 * sector form their own family whose total is the hires indicator's. Demand counts are about
 * employers' advertisements, not persons, and are exact; the median wage is shown only over three
 * employers or more, so that no employer's offer can be read from it.
 */
import { cellKey, suppress, type Relation } from '../../../common/disclosure.ts';
import { indicatorByCode } from '../../../common/indicators.ts';
import { naceSection } from '../../../common/nace.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { LabourMarket, LabourMarketQuery, TableCell } from '../../../common/contracts/indicators.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { t } from '../../lib/i18n.ts';
import { naceCodesOf } from '../employers/index.ts';
import { supplyStatistics } from '../people/index.ts';
import { hiresOfVacancies, placementStatistics } from '../placements/index.ts';
import { iscoTitles, naceTitles, skillTitles } from '../taxonomy/index.ts';
import { demandStatistics } from '../vacancies/index.ts';
import { Release, rangeOf, seesExactFigures, thresholdOf } from './indicators.service.ts';

/** How many of the most asked skills the skills table lists. */
export const SKILL_ROWS = 25;
/** The fewest employers a median wage is shown over. */
export const MIN_WAGE_EMPLOYERS = 3;
const UNKNOWN = 'unknown';

/** Counts released through the suppression rule (or exact for callers who read rows anyway). */
class Counted {
  readonly values = new Map<string, number>();
  readonly relations: Relation[] = [];
  private hidden = new Set<string>();

  add(coordinate: Record<string, string>, n = 1): void {
    const key = cellKey(coordinate);
    this.values.set(key, (this.values.get(key) ?? 0) + n);
  }

  relate(parent: Record<string, string>, children: Record<string, string>[]): void {
    if (children.length > 0) this.relations.push({ parent: cellKey(parent), children: children.map(cellKey) });
  }

  release(threshold: number | null): this {
    if (threshold !== null) this.hidden = suppress(this.values, this.relations, threshold).suppressed;
    return this;
  }

  cell(coordinate: Record<string, string>): TableCell {
    const key = cellKey(coordinate);
    if (this.hidden.has(key)) return { value: null, flag: 'suppressed' };
    return { value: this.values.get(key) ?? 0, flag: null };
  }
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** The ISCO group of a unit-group code at a level (1–4), or "unknown". */
const groupAt = (code: string | null, level: number) => (code && code.length >= level ? code.slice(0, level) : UNKNOWN);

/** Whether fewer hold a skill than positions ask for it, judged only from what is released. */
function scarcity(seekers: TableCell, positions: number, threshold: number | null): boolean | null {
  if (seekers.value !== null) return seekers.value < positions;
  // Hidden: between 1 and threshold − 1 holders.
  return threshold !== null && positions >= threshold ? true : null;
}

/**
 * `options.released`: the suppressed release whoever asks (exports); otherwise exact figures for callers who
 * read rows anyway (`seesExactFigures`).
 */
export async function labourMarket(
  ctx: Ctx,
  query: LabourMarketQuery,
  options: { released?: boolean } = {},
): Promise<LabourMarket> {
  const organisationId = actorOf(ctx).organisationId;
  const locale = ctx.locale;
  const level = Number(query.level ?? '1');
  const range = rangeOf(query.from, query.to);
  const threshold = !options.released && seesExactFigures(ctx) ? null : await thresholdOf(ctx);
  const today = turkishDate(ctx.clock.now());
  const seekersOn = range.to < today ? range.to : today;

  const [demand, supply, hires] = await Promise.all([
    demandStatistics(ctx.db, organisationId, range.from, range.to),
    supplyStatistics(ctx.db, organisationId, seekersOn),
    placementStatistics(ctx.db, organisationId, range.from, range.to),
  ]);
  const [filled, naceOf] = await Promise.all([
    hiresOfVacancies(
      ctx.db,
      organisationId,
      demand.map((d) => d.vacancyId),
    ),
    naceCodesOf(
      ctx.db,
      organisationId,
      hires.map((h) => h.employerId),
    ),
  ]);
  const unfilledOf = (v: (typeof demand)[number]) => Math.max(0, v.positions - (filled.get(v.vacancyId) ?? 0));

  // Job seekers: one family over the occupation hierarchy (all four levels) and the geography.
  const seekers = new Counted();
  const groupsSeen = new Set<string>();
  const provincesSeen = new Map<string, Set<string>>();
  for (const s of supply) {
    seekers.add({});
    if (s.iscoCode) {
      for (let l = 1; l <= Math.min(4, s.iscoCode.length); l++) {
        const g = s.iscoCode.slice(0, l);
        seekers.add({ isco: g });
        groupsSeen.add(g);
      }
    } else seekers.add({ isco: UNKNOWN });
    seekers.add({ province: s.province });
    seekers.add({ district: `${s.province}/${s.district}` });
    let districts = provincesSeen.get(s.province);
    if (!districts) provincesSeen.set(s.province, (districts = new Set()));
    districts.add(s.district);
  }
  const tops = [...new Set([...groupsSeen].map((g) => g[0]!))];
  seekers.relate({}, [
    ...tops.map((g) => ({ isco: g })),
    ...(seekers.values.has(cellKey({ isco: UNKNOWN })) ? [{ isco: UNKNOWN }] : []),
  ]);
  for (const g of groupsSeen) {
    if (g.length >= 4) continue;
    const children = [...groupsSeen].filter((c) => c.length === g.length + 1 && c.startsWith(g));
    // A person coded only to this level (shorter codes) keeps the relation exact only when every
    // person below is in a child; unit groups are 4 digits, so each group is the sum of its children.
    seekers.relate(
      { isco: g },
      children.map((c) => ({ isco: c })),
    );
  }
  seekers.relate(
    {},
    [...provincesSeen.keys()].map((p) => ({ province: p })),
  );
  for (const [p, districts] of provincesSeen) {
    seekers.relate(
      { province: p },
      [...districts].map((d) => ({ district: `${p}/${d}` })),
    );
  }
  seekers.release(threshold);

  // Occupations at the chosen level: demand and supply side by side.
  const occupations = new Map<
    string,
    { vacancies: number; positions: number; unfilled: number; wages: Map<string, number[]> }
  >();
  const occupation = (code: string) => {
    let o = occupations.get(code);
    if (!o) occupations.set(code, (o = { vacancies: 0, positions: 0, unfilled: 0, wages: new Map() }));
    return o;
  };
  for (const v of demand) {
    const o = occupation(groupAt(v.iscoCode, level));
    o.vacancies++;
    o.positions += v.positions;
    o.unfilled += unfilledOf(v);
    if (v.wageBasis === 'net') o.wages.set(v.employerId, [...(o.wages.get(v.employerId) ?? []), v.wageMin]);
  }
  for (const g of groupsSeen) if (g.length === level) occupation(g);
  if (seekers.values.has(cellKey({ isco: UNKNOWN }))) occupation(UNKNOWN);
  const titles = await iscoTitles(
    ctx.db,
    [...occupations.keys()].filter((k) => k !== UNKNOWN),
    locale,
  );

  // Skills asked: the most asked, with how many job seekers hold each.
  const asked = new Map<string, { vacancies: number; positions: number }>();
  for (const v of demand) {
    for (const id of new Set(v.requiredSkillIds)) {
      const a = asked.get(id) ?? { vacancies: 0, positions: 0 };
      a.vacancies++;
      a.positions += v.positions;
      asked.set(id, a);
    }
  }
  const topSkills = [...asked.entries()]
    .sort((a, b) => b[1].positions - a[1].positions || b[1].vacancies - a[1].vacancies || a[0].localeCompare(b[0]))
    .slice(0, SKILL_ROWS);
  const holders = new Map(topSkills.map(([id]) => [id, 0]));
  for (const s of supply)
    for (const id of new Set(s.skillIds)) if (holders.has(id)) holders.set(id, holders.get(id)! + 1);
  const skillNames = await skillTitles(
    ctx.db,
    topSkills.map(([id]) => id),
    locale,
  );
  const skillCell = (n: number): TableCell =>
    threshold !== null && n > 0 && n < threshold ? { value: null, flag: 'suppressed' } : { value: n, flag: null };

  // Districts: positions asked there against the job seekers who live there.
  const positionsIn = new Map<string, number>();
  for (const v of demand) {
    if (!v.district) continue;
    const key = `${v.province}/${v.district}`;
    positionsIn.set(key, (positionsIn.get(key) ?? 0) + v.positions);
  }
  const districtKeys = new Set([
    ...positionsIn.keys(),
    ...[...provincesSeen].flatMap(([p, ds]) => [...ds].map((d) => `${p}/${d}`)),
  ]);

  // Contract types asked.
  const contracts = new Map<string, { vacancies: number; positions: number }>();
  for (const v of demand) {
    const c = contracts.get(v.contractType) ?? { vacancies: 0, positions: 0 };
    c.vacancies++;
    c.positions += v.positions;
    contracts.set(v.contractType, c);
  }

  // Hiring by sector (NACE section of the hiring employer): its own family, whose total is the hires count.
  const sectors = new Counted();
  const sections = new Set<string>();
  for (const h of hires) {
    const code = naceOf.get(h.employerId);
    const section = (code && naceSection(code)) ?? UNKNOWN;
    sections.add(section);
    sectors.add({});
    sectors.add({ section });
  }
  sectors.relate(
    {},
    [...sections].map((section) => ({ section })),
  );
  sectors.release(threshold);
  const sectionNames = await naceTitles(
    ctx.db,
    [...sections].filter((s) => s !== UNKNOWN),
    locale,
  );

  // Over time: vacancies and positions published each month beside the registrations indicator,
  // taken from its own released table so that it agrees with the dashboard's.
  const registrations = await new Release(ctx, range, threshold).table(
    indicatorByCode('persons-registered')!,
    'month',
    null,
  );
  const byMonth = new Map(range.months.map((m) => [m, { vacancies: 0, positions: 0 }]));
  for (const v of demand) {
    const m = byMonth.get(v.publishedOn.slice(0, 7));
    if (!m) continue;
    m.vacancies++;
    m.positions += v.positions;
  }

  const sum = (f: (v: (typeof demand)[number]) => number) => demand.reduce((n, v) => n + f(v), 0);
  const hiddenLast = (c: TableCell) => (c.value === null ? -1 : c.value);
  const unknownOccupation = t(locale, 'indicators.unknownOccupation');
  return {
    from: range.months[0]!,
    to: range.months[range.months.length - 1]!,
    level: String(level) as LabourMarket['level'],
    seekersOn,
    threshold,
    totals: {
      vacancies: demand.length,
      positions: sum((v) => v.positions),
      unfilled: sum(unfilledOf),
      seekers: seekers.cell({}),
    },
    occupations: [...occupations.entries()]
      .map(([code, o]) => {
        const wages = [...o.wages.values()].flat();
        return {
          code,
          label: code === UNKNOWN ? unknownOccupation : `${code} ${titles.get(code) ?? ''}`.trim(),
          vacancies: o.vacancies,
          positions: o.positions,
          unfilled: o.unfilled,
          medianWage: o.wages.size >= MIN_WAGE_EMPLOYERS ? median(wages) : null,
          seekers: seekers.cell({ isco: code }),
        };
      })
      .sort(
        (a, b) =>
          b.positions - a.positions || hiddenLast(b.seekers) - hiddenLast(a.seekers) || a.code.localeCompare(b.code),
      ),
    skills: topSkills.map(([id, a]) => {
      const cell = skillCell(holders.get(id) ?? 0);
      return {
        skillId: id,
        label: skillNames.get(id) ?? id,
        vacancies: a.vacancies,
        positions: a.positions,
        seekers: cell,
        scarce: scarcity(cell, a.positions, threshold),
      };
    }),
    districts: [...districtKeys]
      .map((key) => {
        const [province, district] = key.split('/') as [string, string];
        return {
          province,
          district,
          positions: positionsIn.get(key) ?? 0,
          seekers: seekers.cell({ district: key }),
        };
      })
      .sort(
        (a, b) =>
          b.positions - a.positions ||
          hiddenLast(b.seekers) - hiddenLast(a.seekers) ||
          a.district.localeCompare(b.district, 'tr'),
      ),
    contracts: [...contracts.entries()]
      .map(([contractType, c]) => ({ contractType, ...c }))
      .sort((a, b) => b.positions - a.positions),
    sectors: [...sections]
      .map((section) => ({
        section,
        label:
          section === UNKNOWN
            ? t(locale, 'indicatorsUi.labour.unknownSector')
            : `${section} ${sectionNames.get(section) ?? ''}`.trim(),
        hires: sectors.cell({ section }),
      }))
      .sort((a, b) => hiddenLast(b.hires) - hiddenLast(a.hires) || a.section.localeCompare(b.section)),
    months: range.months.map((month) => {
      const line = registrations.lines.find((l) => l.key === month);
      return {
        month,
        ...byMonth.get(month)!,
        registrations: line ? line.total : { value: 0, flag: null },
      };
    }),
  };
}
