import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { employers, vacancies } from '../../db/schema/index.ts';
import { actorOf, type Ctx, inTransaction } from '../../lib/context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { problems } from '../../lib/errors.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { enqueue } from '../outbox/index.ts';
import { getOwnProfile, ownPersonId } from '../people/index.ts';
import {
  findPublished,
  listPublished,
  organisationOfPublished,
  type PublicFilter,
  type PublicVacancy,
} from '../vacancies/index.ts';
import { alreadyApplied, proposeReferral } from '../referrals/index.ts';
import { iscoTitles, searchOccupations } from '../taxonomy/index.ts';
import { LINK_THRESHOLD } from '../../../common/occupation-codes.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';

/**
 * The public job board: published vacancies that are open today (deadline not passed, employer not
 * suspended), across organisations, with no personal data (`presentPublic` in the vacancies module).
 */

export { BOARD_PAGE_SIZE } from '../../../common/contracts/jobboard.ts';
/** A sitemap file holds at most 50,000 addresses. */
export const SITEMAP_LIMIT = 50_000;
export const FEED_SIZE = 50;

export const today = (ctx: Pick<Ctx, 'clock'>) => turkishDate(ctx.clock.now());

/** How many occupations a typed occupation may name (the best matches of the taxonomy's search). */
const OCCUPATIONS_PER_TEXT = 5;

/**
 * Open vacancies by the board's filters. A typed occupation finds, besides vacancies whose own wording
 * contains it, those coded with an ISCO-08 unit group whose title or alias in Turkish, English or Arabic
 * it names (the taxonomy's typo-tolerant search, above the score that links a title without review):
 * "cook" and "طباخ" find the "Aşçı" vacancies coded 5120.
 */
export async function listBoard(
  ctx: Ctx,
  filter: Omit<PublicFilter, 'occupationCodes'>,
  lang: Locale = ctx.locale,
): Promise<{ items: PublicVacancy[]; total: number }> {
  const occupationCodes = filter.occupation ? await occupationsNamed(ctx, filter.occupation, lang) : undefined;
  return listPublished(ctx.db, today(ctx), { ...filter, occupationCodes });
}

async function occupationsNamed(ctx: Ctx, text: string, lang: Locale): Promise<string[]> {
  // A visitor may type the occupation in another language than the page's: each language's titles are searched.
  const codes = new Set<string>();
  for (const l of [lang, ...LOCALES.filter((x) => x !== lang)]) {
    const { items } = await searchOccupations(ctx, { q: text, lang: l, limit: OCCUPATIONS_PER_TEXT });
    for (const h of items) if (h.score >= LINK_THRESHOLD) codes.add(h.iscoCode);
  }
  return [...codes];
}

/** The title of one ISCO-08 group in a language (a vacancy page's "other vacancies in this occupation"). */
export async function occupationTitle(ctx: Ctx, code: string, lang: Locale): Promise<string | undefined> {
  return (await iscoTitles(ctx.db, [code], lang)).get(code);
}

/** ISCO-08 major groups in the order the form offers them (armed forces last). */
const MAJOR_GROUPS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The fields of work (ISCO-08 major groups) and, when given, a narrower group, titled in a language. */
export async function boardFields(ctx: Ctx, lang: Locale, also?: string): Promise<Map<string, string>> {
  const codes = [...new Set(also ? [...MAJOR_GROUPS, also] : MAJOR_GROUPS)];
  const titles = await iscoTitles(ctx.db, codes, lang);
  return new Map(codes.filter((c) => titles.has(c)).map((c) => [c, titles.get(c)!]));
}

export async function findBoardVacancy(ctx: Ctx, id: string): Promise<PublicVacancy | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return findPublished(ctx.db, today(ctx), id);
}

/**
 * One open vacancy for the web app, with `registerWith`: the organisation to register with to apply (one of
 * the ids `GET /public/organisations` lists for the registration form, which pre-selects it after "Apply").
 * Registering with another organisation's office makes no application (self-service `register`).
 */
export async function getBoardVacancy(ctx: Ctx, id: string): Promise<PublicVacancy & { registerWith: string }> {
  const v = await findBoardVacancy(ctx, id);
  const registerWith = v ? await organisationOfPublished(ctx.db, today(ctx), id) : null;
  if (!v || !registerWith) throw problems.notFound();
  return { ...v, registerWith };
}

/** Every open vacancy, newest first (for the sitemap and the feed). */
export async function allOpen(ctx: Ctx, limit: number): Promise<PublicVacancy[]> {
  const out: PublicVacancy[] = [];
  const pageSize = Math.min(limit, 1000);
  for (let page = 1; out.length < limit; page++) {
    const { items } = await listPublished(ctx.db, today(ctx), { page, pageSize });
    out.push(...items);
    if (items.length < pageSize) break;
  }
  return out.slice(0, limit);
}

/**
 * "Apply" on the public board: the signed-in job seeker proposes themselves for a vacancy open to the
 * public. It becomes a referral proposal with source 'person' (`proposeReferral` of the referrals
 * module) that a counsellor pre-screens before anything reaches the employer, and the seeker is told
 * that it arrived.
 */
export async function applyToVacancy(ctx: Ctx, vacancyId: string): Promise<{ id: string; vacancyTitle: string }> {
  const actor = actorOf(ctx);
  if (actor.kind !== 'seeker') throw problems.forbidden();
  const personId = await ownPersonId(ctx);
  const open = await findBoardVacancy(ctx, vacancyId);
  if (!open) throw problems.notFound();
  const [v] = await ctx.db
    .select({ id: vacancies.id, organisationId: vacancies.organisationId, employerId: vacancies.employerId })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(
      and(
        eq(vacancies.id, vacancyId),
        eq(vacancies.status, 'published'),
        or(isNull(vacancies.deadline), gte(vacancies.deadline, today(ctx))),
        sql`${employers.status} <> 'suspended'`,
      ),
    );
  if (!v) throw problems.notFound();
  // A counsellor of the vacancy's organisation pre-screens: they can only see their own organisation's persons.
  if (v.organisationId !== actor.organisationId) {
    throw problems.conflict('errors.portal.applyOtherOrganisation', '/vacancyId');
  }
  const profile = await getOwnProfile(ctx);
  try {
    const id = await inTransaction(ctx, async (txCtx) => {
      const referralId = await proposeReferral(txCtx, { vacancyId: v.id, personId, source: 'person' });
      const channel = profile.phone ? 'sms' : profile.email ? 'email' : null;
      if (channel) {
        await enqueue(txCtx, {
          channel,
          recipient: (channel === 'sms' ? profile.phone : profile.email)!,
          template: 'application-received',
          locale: actor.locale,
          params: { name: profile.givenName, vacancy: open.title, employer: open.employer.name },
          organisationId: v.organisationId,
          userId: actor.userId,
        });
      }
      return referralId;
    });
    return { id, vacancyTitle: open.title };
  } catch (err) {
    // Two applications at the same moment: the unique index on open referrals decides.
    if (isUniqueViolation(err)) throw alreadyApplied();
    throw err;
  }
}
