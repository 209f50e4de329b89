/**
 * Reading persons: likely duplicates, one person in the actor's scope (`loadPerson`, `getPerson`), the
 * list and the Turkish-aware search, and the profile an employer may see of a consenting referred person.
 */
import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { cases, consents, offices, persons, personTargetGroups, users, workHistory } from '../../../db/schema/index.ts';
import type { TargetGroup } from '../../../../common/enums.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { problems } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { blindIndexes, decrypt } from '../../../lib/crypto.ts';
import { searchKey } from '../../../../common/text.ts';
import { normaliseIdNumber, type IdKind } from '../../../../common/identity-number.ts';
import { normalisePhone } from '../../../../common/contact.ts';
import { ageOn } from '../../../../common/people.ts';
import { iscoFilter } from './occupation-codes.service.ts';
import { containsPattern } from '../../../lib/search.ts';
import { canReadSpecial, isSpecial, today, type PersonRow } from './persons.validation.ts';
import { correctedQueries, wordAlternatives } from './name-words.ts';

export interface DuplicateCandidate {
  id: string;
  officeId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  district: string;
  idNumberMasked: string | null;
  reasons: ('same-name-and-birth-date' | 'similar-name-and-birth-date' | 'same-phone')[];
}

/**
 * Likely duplicates in the organisation: a name similar after Turkish case and diacritic folding
 * (trigram similarity) with the same birth date, or the same phone number. No access check: callers
 * show only what the actor's scope allows.
 */
export async function findLikelyDuplicates(
  db: Db,
  organisationId: string,
  probe: { nameKey: string; birthDate: string; phone: string | null },
  exceptId?: string,
): Promise<DuplicateCandidate[]> {
  const conditions: SQL[] = [
    and(eq(persons.birthDate, probe.birthDate), sql`similarity(${persons.nameKey}, ${probe.nameKey}) >= 0.45`)!,
  ];
  if (probe.phone) conditions.push(eq(persons.phone, probe.phone));
  const rows = await db
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.organisationId, organisationId),
        isNull(persons.mergedIntoId),
        or(...conditions),
        exceptId ? ne(persons.id, exceptId) : undefined,
      ),
    )
    .limit(10);
  return rows
    .map((r) => {
      const reasons: DuplicateCandidate['reasons'] = [];
      if (r.birthDate === probe.birthDate)
        reasons.push(r.nameKey === probe.nameKey ? 'same-name-and-birth-date' : 'similar-name-and-birth-date');
      if (probe.phone && r.phone === probe.phone) reasons.push('same-phone');
      return {
        id: r.id,
        officeId: r.officeId,
        givenName: r.givenName,
        familyName: r.familyName,
        birthDate: r.birthDate,
        district: r.district,
        idNumberMasked: r.idNumberMasked,
        reasons,
      };
    })
    .filter((c) => c.reasons.length > 0);
}

/**
 * How many likely duplicates (findLikelyDuplicates' rule, at most 10) the organisation holds for each
 * probe, in one statement: the batch import checks hundreds of rows at once. 0 means none.
 */
export async function countLikelyDuplicates(
  db: Db,
  organisationId: string,
  probes: readonly { nameKey: string; birthDate: string; phone: string | null }[],
): Promise<number[]> {
  if (probes.length === 0) return [];
  const json = JSON.stringify(
    probes.map((p, i) => ({ i, name_key: p.nameKey, birth_date: p.birthDate, phone: p.phone })),
  );
  const rows = await db
    .select({
      i: sql<number>`u.i`,
      n: sql<number>`(SELECT count(*)::int FROM (
          SELECT 1 FROM ${persons} p
          WHERE p.organisation_id = ${organisationId} AND p.merged_into_id IS NULL
            AND ((p.birth_date = u.birth_date AND similarity(p.name_key, u.name_key) >= 0.45) OR p.phone = u.phone)
          LIMIT 10) x)`,
    })
    .from(sql`jsonb_to_recordset(${json}::jsonb) AS u(i int, name_key text, birth_date date, phone text)`);
  const counts = probes.map(() => 0);
  for (const r of rows) counts[Number(r.i)] = Number(r.n);
  return counts;
}

type ElsewhereReason = DuplicateCandidate['reasons'][number] | 'same-id-number';

/**
 * Before saving a person: is the ID number taken, and who looks like the same person? Records the
 * actor may open are described; a record in an office outside the actor's scope is only named by its
 * office — whom to ask — never by its person's id, name, birth date or ID number.
 */
export async function checkDuplicates(
  ctx: Ctx,
  input: {
    givenName: string;
    familyName: string;
    birthDate: string;
    phone?: string | null | undefined;
    idKind?: IdKind | null;
    idNumber?: string | null;
    exceptId?: string | undefined;
  },
) {
  const scope = scopeOf(actorOf(ctx));
  const organisationId = scope.organisationId;
  const visible = (officeId: string) => scope.officeId === null || scope.officeId === officeId;
  const elsewhere = new Map<string, Set<ElsewhereReason>>();
  const addElsewhere = (officeId: string, reasons: readonly ElsewhereReason[]) => {
    const set = elsewhere.get(officeId) ?? new Set<ElsewhereReason>();
    for (const r of reasons) set.add(r);
    elsewhere.set(officeId, set);
  };
  let sameIdNumber = false;
  if (input.idKind && input.idNumber) {
    const number = normaliseIdNumber(input.idKind, input.idNumber);
    const index = blindIndexes(`${input.idKind}:${number}`, ctx.config);
    const [row] = await ctx.db
      .select({ id: persons.id, officeId: persons.officeId })
      .from(persons)
      .where(and(eq(persons.organisationId, organisationId), inArray(persons.idNumberIndex, index)));
    sameIdNumber = !!row && row.id !== input.exceptId;
    if (row && sameIdNumber && !visible(row.officeId)) addElsewhere(row.officeId, ['same-id-number']);
  }
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const found = await findLikelyDuplicates(
    ctx.db,
    organisationId,
    { nameKey: searchKey(`${input.givenName} ${input.familyName}`), birthDate: input.birthDate, phone },
    input.exceptId,
  );
  const candidates = found.filter((c) => visible(c.officeId)).map(({ officeId: _officeId, ...candidate }) => candidate);
  for (const c of found) if (!visible(c.officeId)) addElsewhere(c.officeId, c.reasons);
  const officeRows = elsewhere.size
    ? await ctx.db
        .select({ id: offices.id, name: offices.name, phone: offices.phone })
        .from(offices)
        .where(and(eq(offices.organisationId, organisationId), inArray(offices.id, [...elsewhere.keys()])))
    : [];
  return {
    sameIdNumber,
    candidates,
    elsewhere: officeRows.map((o) => ({
      office: { id: o.id, name: o.name, phone: o.phone },
      reasons: [...elsewhere.get(o.id)!].sort(),
    })),
  };
}

export const ANONYMISED_NAME = '—';

/**
 * A record anonymised by an erasure or a periodic destruction: both names replaced by the mark (no live
 * record can carry it: a name must hold a letter, persons.validation.ts). Both names are columns of the list
 * indexes, so the working lists can leave such records out without reading the rows.
 */
export const isAnonymised = sql<boolean>`(${persons.givenName} = ${ANONYMISED_NAME} and ${persons.familyName} = ${ANONYMISED_NAME})`;

/** The same test on a row already read. */
export const anonymisedRow = (p: Pick<PersonRow, 'givenName' | 'familyName'>) =>
  p.givenName === ANONYMISED_NAME && p.familyName === ANONYMISED_NAME;

// ---- create, read, update ------------------------------------------------------------------------

/** Loads a person the actor may see (organisation, and office unless they see all offices), or 404. */
export async function loadPerson(db: Db, ctx: Ctx, id: string): Promise<PersonRow> {
  const scope = scopeOf(actorOf(ctx));
  const [row] = await db
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.id, id),
        eq(persons.organisationId, scope.organisationId),
        scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

export async function getPerson(ctx: Ctx, id: string) {
  const person = await loadPerson(ctx.db, ctx, id);
  const special = canReadSpecial(ctx);
  const [groups, work, [office], [openCase]] = await Promise.all([
    ctx.db
      .select()
      .from(personTargetGroups)
      .where(eq(personTargetGroups.personId, id))
      .orderBy(asc(personTargetGroups.group)),
    ctx.db.select().from(workHistory).where(eq(workHistory.personId, id)).orderBy(desc(workHistory.startDate)),
    ctx.db.select({ id: offices.id, name: offices.name }).from(offices).where(eq(offices.id, person.officeId)),
    ctx.db
      .select({
        id: cases.id,
        status: cases.status,
        counsellorId: cases.counsellorId,
        counsellorName: users.fullName,
        openedAt: cases.openedAt,
      })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.counsellorId))
      .where(and(eq(cases.personId, id), ne(cases.status, 'closed'))),
  ]);
  const visibleGroups = groups.filter((g) => special || !isSpecial(g.group));
  const readsSpecial = visibleGroups.some((g) => g.detailsEnc && isSpecial(g.group));
  if (readsSpecial) {
    await audit(ctx.db, ctx, {
      action: 'person.special-category-read',
      subjectType: 'person',
      subjectId: id,
      purpose: 'profile',
    });
  }
  const now = today(ctx);
  return {
    id: person.id,
    anonymised: anonymisedRow(person),
    givenName: person.givenName,
    familyName: person.familyName,
    idKind: person.idKind,
    idNumberMasked: person.idNumberMasked,
    passportCountry: person.passportCountry,
    birthDate: person.birthDate,
    age: ageOn(person.birthDate, now),
    sex: person.sex,
    nationality: person.nationality,
    languages: person.languages,
    phone: person.phone,
    email: person.email,
    address: person.address,
    province: person.province,
    district: person.district,
    iskurRegistered: person.iskurRegistered,
    iskurNumber: person.iskurNumber,
    iscedLevel: person.iscedLevel,
    iscedField: person.iscedField,
    graduationYear: person.graduationYear,
    skills: person.skills,
    desiredOccupations: person.desiredOccupations,
    desiredOccupationCodes: (person.occupationLinks ?? []).map((l) => ({
      title: l.title,
      iscoCode: l.iscoCode,
      status: l.status,
    })),
    skillIds: person.skillIds,
    licences: person.licences,
    certificates: person.certificates,
    constraints: person.constraints,
    targetGroups: visibleGroups.map((g) => ({
      group: g.group,
      details: {
        ...g.details,
        ...(g.detailsEnc ? (JSON.parse(decrypt(g.detailsEnc, ctx.config)) as Record<string, unknown>) : {}),
      },
    })),
    workHistory: work.map((w) => ({
      id: w.id,
      occupation: w.occupation,
      employer: w.employer,
      startDate: w.startDate,
      endDate: w.endDate,
      registered: w.registered,
      iscoCode: w.iscoCode,
      iscoStatus: w.iscoStatus,
    })),
    office: office ?? { id: person.officeId, name: '' },
    case: openCase
      ? {
          id: openCase.id,
          status: openCase.status,
          counsellor: openCase.counsellorId ? { id: openCase.counsellorId, name: openCase.counsellorName ?? '' } : null,
          openedAt: openCase.openedAt.toISOString(),
        }
      : null,
    registration: person.registration,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}
export type PersonView = Awaited<ReturnType<typeof getPerson>>;

// ---- lists and search ----------------------------------------------------------------------------

export interface PersonFilter {
  q?: string | undefined;
  officeId?: string | undefined;
  counsellorId?: string | undefined;
  group?: TargetGroup | undefined;
  caseStatus?: string | undefined;
  district?: string | undefined;
  occupation?: string | undefined;
  /** An ISCO-08 group of any level (1–4 digits): persons with a desired occupation or work history under it. */
  isco?: string | undefined;
  registration?: 'confirmed' | 'pending' | undefined;
  sort?: 'name' | '-name' | 'created' | '-created' | 'birthDate' | '-birthDate' | undefined;
  page: number;
  pageSize: number;
}

/**
 * Searches by name (any case, with or without Turkish letters), ID number, or phone, with filters.
 * `pointerBase` is where the filters came from, for the pointer of a refused one: `/querystring` for
 * the list, `` (the body) for the search.
 */
export async function listPersons(ctx: Ctx, filter: PersonFilter, pointerBase: '/querystring' | '' = '') {
  const scope = scopeOf(actorOf(ctx));
  const special = canReadSpecial(ctx);
  // Records merged into another are kept for history, anonymised ones for statistics: neither is listed.
  const conditions: SQL[] = [
    eq(persons.organisationId, scope.organisationId),
    isNull(persons.mergedIntoId),
    sql`not ${isAnonymised}`,
  ];
  if (scope.officeId) conditions.push(eq(persons.officeId, scope.officeId));
  let rankByName: SQL | null = null;
  // The typed words of a name search (folded).
  let byName: string[] | null = null;
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/[\s-]/g, '');
    const phone = normalisePhone(q);
    // What the words are: an ID number is 11 digits and never starts with 0 (RULES.md), so
    // "0532 555 12 34" is a phone; so are "+90 532 555 12 34", "5325551234" and "0(532) 555-1234".
    if (/^[1-9]\d{10}$/.test(digits)) {
      const kind = digits.startsWith('99') ? 'ykn' : 'tckn';
      conditions.push(inArray(persons.idNumberIndex, blindIndexes(`${kind}:${digits}`, ctx.config)));
    } else if (phone && /^\+?[\d\s().-]{10,}$/.test(q)) {
      conditions.push(eq(persons.phone, phone));
    } else if (/^[A-Za-z]{1,3}\d{5,}$/.test(digits)) {
      conditions.push(inArray(persons.idNumberIndex, blindIndexes(`passport:${digits.toUpperCase()}`, ctx.config)));
    } else {
      const key = searchKey(q);
      // Every word of the query must appear; typed words that no name (or few) contains are corrected
      // against the vocabulary when the words alone find less than a page (below, once the other filters
      // are known).
      if (key) byName = key.split(' ');
    }
  }
  if (filter.officeId) conditions.push(eq(persons.officeId, filter.officeId));
  if (filter.district) conditions.push(eq(persons.district, filter.district));
  if (filter.registration) conditions.push(eq(persons.registration, filter.registration));
  if (filter.occupation) {
    const key = searchKey(filter.occupation);
    conditions.push(ilike(persons.occupationKeys, containsPattern(key)));
  }
  if (filter.isco) conditions.push(iscoFilter(filter.isco));
  if (filter.group) {
    if (isSpecial(filter.group) && !special)
      throw problems.invalid(`${pointerBase}/group`, 'errors.persons.specialNotAllowed');
    // The codes on the person's row (kept equal to person_target_groups by migration 0046's triggers), in the
    // GIN index beside the office and district: `IN (members of the group)` joined all 44,017 members of a
    // group to count an office district's 130 (issue 15, bench/README.md "Target groups on the person").
    conditions.push(sql`${persons.targetGroups} @> ARRAY[${filter.group}]::text[]`);
  }
  if (filter.counsellorId || filter.caseStatus) {
    const caseConditions: SQL[] = [eq(cases.organisationId, scope.organisationId)];
    if (filter.counsellorId)
      caseConditions.push(eq(cases.counsellorId, filter.counsellorId), ne(cases.status, 'closed'));
    if (filter.caseStatus) caseConditions.push(eq(cases.status, filter.caseStatus as 'new'));
    conditions.push(
      inArray(
        persons.id,
        ctx.db
          .select({ id: cases.personId })
          .from(cases)
          .where(and(...caseConditions)),
      ),
    );
  }
  let where = and(...conditions)!;
  // A name search counts at most NAME_SEARCH.countCap matches (the page says "1,000+"): a common name would
  // otherwise fetch every match from the table only to count it (issue 15, bench/README.md).
  let nameTotal: { total: number; capped: boolean } | null = null;
  let pageWhere = where;
  if (byName) {
    const base = where;
    // The words on `lower(name_key)` (the same value), for the counts and the unwalked page: only
    // persons_office_name_lower_trgm_idx (GIN) serves them, never the GiST indexes that the walks use.
    const counted = (words: readonly string[]) =>
      and(...words.map((w) => sql`lower(${persons.nameKey}) ILIKE ${containsPattern(w)}`))!;
    let queries = [byName];
    where = and(base, counted(byName))!;
    nameTotal = await cappedCount(ctx, where);
    // Typos only when the exact words find less than a page: each typed word that no name contains, or
    // few do, is corrected against the vocabulary of name words, and the search looks for the corrected
    // words the same way (at most NAME_SEARCH.corrections word lists, best first).
    if (nameTotal.total < NAME_SEARCH.typosBelow) {
      const alternatives = await wordAlternatives(ctx.db, scope.organisationId, byName, {
        rareBelow: NAME_SEARCH.typosBelow,
        perWord: NAME_SEARCH.alternatives,
        rareSimilarity: NAME_SEARCH.rareSimilarity,
        relative: NAME_SEARCH.relativeSimilarity,
      });
      const corrected = correctedQueries(alternatives, NAME_SEARCH.corrections);
      if (corrected.length > 1 || (corrected.length === 1 && corrected[0]!.join(' ') !== byName.join(' '))) {
        queries = corrected;
        where = and(base, or(...corrected.map(counted)))!;
        nameTotal = await cappedCount(ctx, where);
      }
    }
    // Ranked by the best word list: the names containing it whole first, then the most similar.
    const key = queries[0]!.join(' ');
    rankByName = sql`(${persons.nameKey} LIKE ${containsPattern(key)})::int DESC, similarity(${persons.nameKey}, ${key}) DESC`;
    pageWhere = where;
    // Up to the cap, ranking every match is cheap (the count has just read them); past it, the page is
    // read through the GiST index, with the words on name_key so that they prune the walk.
    if (!filter.sort && nameTotal.capped)
      pageWhere = and(
        where,
        sql`${persons.id} IN (${bestNameMatches(base, queries, filter, !!(scope.officeId || filter.officeId))})`,
      )!;
  }
  const sort = filter.sort ?? 'name';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const order = sort.endsWith('name')
    ? [sql.raw(`persons.family_name ${direction}`), sql.raw(`persons.given_name ${direction}`)]
    : sort.endsWith('created')
      ? [sql.raw(`persons.created_at ${direction}`)]
      : [sql.raw(`persons.birth_date ${direction}`)];
  // One round trip (issue 15): the page with each person's office, target groups and open case, and the
  // total as an uncorrelated subquery (computed once). Before, five queries in two steps.
  // Every list's total is capped like a name search's (issue 15): counting all 167,000 persons of an office
  // cost 600–900 ms at 1M persons, the page itself 1–10 ms. One more than the cap says whether there are more.
  const totalOf = nameTotal
    ? sql<number>`${nameTotal.total}::int`.mapWith(Number)
    : sql<number>`(SELECT count(*) FROM (SELECT 1 FROM ${persons} WHERE ${where} LIMIT ${NAME_SEARCH.countCap + 1}) AS m)`.mapWith(
        Number,
      );
  const rows = await ctx.db
    .select({
      // The columns the list shows, not the whole row: its JSON columns (occupation links, languages,
      // registration…) would be read, sent and parsed for nothing, 25 times a page (issue 15).
      person: {
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        birthDate: persons.birthDate,
        sex: persons.sex,
        district: persons.district,
        phone: persons.phone,
        idNumberMasked: persons.idNumberMasked,
        officeId: persons.officeId,
        desiredOccupations: persons.desiredOccupations,
        registration: persons.registration,
      },
      officeName: offices.name,
      groups: sql<TargetGroup[] | null>`(
        SELECT json_agg(ptg."group") FROM ${personTargetGroups} ptg WHERE ptg.person_id = ${persons.id}
      )`,
      openCase: sql<{ id: string; status: string; counsellorId: string | null; counsellorName: string | null } | null>`(
        SELECT json_build_object('id', c.id, 'status', c.status, 'counsellorId', c.counsellor_id,
                                 'counsellorName', u.full_name)
        FROM ${cases} c LEFT JOIN ${users} u ON u.id = c.counsellor_id
        WHERE c.person_id = ${persons.id} AND c.organisation_id = ${scope.organisationId} AND c.status <> 'closed'
        LIMIT 1
      )`,
      // A referral is sent only with this consent in force: pickers say so before one is proposed.
      sharesWithEmployers: sql<boolean>`EXISTS (
        SELECT 1 FROM ${consents} k
        WHERE k.person_id = ${persons.id} AND k.purpose = 'share-with-employers' AND k.withdrawn_at IS NULL
      )`,
      total: totalOf,
    })
    .from(persons)
    .leftJoin(offices, and(eq(offices.id, persons.officeId), eq(offices.organisationId, scope.organisationId)))
    .where(pageWhere)
    .orderBy(...(rankByName && !filter.sort ? [rankByName] : []), ...order, asc(persons.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  // A page past the end has no row to carry the total: count alone then (page 1 empty means none).
  const listed = nameTotal
    ? nameTotal
    : rows.length > 0
      ? { total: Math.min(rows[0]!.total, NAME_SEARCH.countCap), capped: rows[0]!.total > NAME_SEARCH.countCap }
      : filter.page > 1
        ? await cappedCount(ctx, where)
        : { total: 0, capped: false };
  if (filter.group && isSpecial(filter.group)) {
    // Membership of a special category is what the list discloses: one event per list request naming
    // the filter (not the persons, not their details), even when it finds no one.
    await audit(ctx.db, ctx, {
      action: 'person.special-category-listed',
      subjectType: 'person',
      subjectId: null,
      purpose: `list-filter:${filter.group}`,
    });
  }
  const now = today(ctx);
  return {
    items: rows.map(({ person: p, officeName, groups, openCase: c, sharesWithEmployers }) => {
      return {
        id: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        age: ageOn(p.birthDate, now),
        sex: p.sex,
        district: p.district,
        phone: p.phone,
        idNumberMasked: p.idNumberMasked,
        office: { id: p.officeId, name: officeName ?? '' },
        case: c
          ? {
              id: c.id,
              status: c.status as (typeof cases.$inferSelect)['status'],
              counsellor: c.counsellorId ? { id: c.counsellorId, name: c.counsellorName ?? '' } : null,
            }
          : null,
        targetGroups: (groups ?? []).filter((g) => special || !isSpecial(g)),
        desiredOccupations: p.desiredOccupations,
        registration: p.registration,
        sharesWithEmployers,
      };
    }),
    total: listed.total,
    totalCapped: listed.capped,
  };
}

/**
 * `countCap`: a list counts up to this many persons and then says "more than 1,000" (`totalCapped`); past it,
 * a name search's page is read through the GiST index. `typosBelow`: typed words are corrected only when the
 * exact words find fewer persons than this, and only the words that fewer persons' names contain;
 * `alternatives` vocabulary words at most for each, `corrections` word lists at most searched, and a word
 * that some names contain takes only alternatives at least `rareSimilarity` similar, and none below
 * `relativeSimilarity` × the similarity of the word's best correction (`name-words.ts`).
 * (Tests lower the cap to walk the index on a few persons.)
 */
export const NAME_SEARCH = {
  countCap: 1000,
  typosBelow: 25,
  alternatives: 3,
  corrections: 3,
  rareSimilarity: 0.5,
  relativeSimilarity: 0.8,
};

/** How many rows match, counting at most NAME_SEARCH.countCap (one more, to know whether there are more). */
async function cappedCount(ctx: Ctx, where: SQL): Promise<{ total: number; capped: boolean }> {
  const db = ctx.db;
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(persons)
    // `where` carries the caller's scope already; named again here so that no count can cross organisations.
    .where(and(eq(persons.organisationId, actorOf(ctx).organisationId), where))
    .limit(NAME_SEARCH.countCap + 1)
    .as('m');
  const [row] = await db.select({ n: count() }).from(matches);
  const n = row?.n ?? 0;
  return { total: Math.min(n, NAME_SEARCH.countCap), capped: n > NAME_SEARCH.countCap };
}

/**
 * The ids that can be on the requested page of a ranked name search, read through a GiST trigram index
 * (`name_key <-> key` is 1 − similarity, walked closest first) instead of ranking every match: the names
 * containing the whole query (the first word list, `key`), and the others, each up to the page's end *with
 * ties*, so that the ranking of listPersons (whole query first, then similarity, then family and given
 * name) picks exactly the same page from these candidates as it would from every match. One walk per word
 * list (`queries`: the typed words, or their corrections), each pruned by its words.
 *
 * `ofOneOffice` (a counsellor's search, or one office chosen): the walk goes through
 * `persons_office_name_gist_idx` (office, `btrim(name_key)`), which passes only that office's names; through
 * the organisation's index it passed about five other offices' matches for each of its own (`ayse` at
 * 1,000,000 persons: 309 ms, 19,000 pages; now 18–40 ms, 2,200 pages; bench/README.md). The key is stated as
 * `btrim(name_key)` there (the same value: keys are trimmed), so that neither a walk of every office (2–3 times
 * slower through the office's index) nor the counts on `lower(name_key)` can take that index.
 */
function bestNameMatches(base: SQL, queries: readonly string[][], filter: PersonFilter, ofOneOffice: boolean): SQL {
  const upTo = filter.page * filter.pageSize;
  const key = queries[0]!.join(' ');
  const nameKey = ofOneOffice ? sql`btrim(${persons.nameKey})` : sql`${persons.nameKey}`;
  const words = (list: readonly string[]) => and(...list.map((w) => sql`${nameKey} ILIKE ${containsPattern(w)}`))!;
  const tier = (where: SQL) => sql`(SELECT ${persons.id} FROM ${persons} WHERE ${where}
      ORDER BY ${nameKey} <-> ${key}::text FETCH FIRST (${upTo}::int) ROWS WITH TIES)`;
  const whole = sql`(${nameKey} LIKE ${containsPattern(key)})`;
  // Every name containing the whole query contains each of its words: one walk finds them all.
  const walks = [tier(and(base, words(queries[0]!), whole)!)];
  // One word: every match of it contains the whole query, and the walk of the others would find none
  // (reading every match to know it).
  if (queries[0]!.length > 1) walks.push(tier(and(base, words(queries[0]!), sql`NOT ${whole}`)!));
  for (const list of queries.slice(1)) walks.push(tier(and(base, words(list), sql`NOT ${whole}`)!));
  return sql.join(walks, sql` UNION ALL `);
}

/** What an employer may see of a referred person who consented to share their profile. */
export async function sharedProfileOf(db: Db, personId: string) {
  const [person] = await db.select().from(persons).where(eq(persons.id, personId));
  if (!person) throw problems.notFound();
  const work = await db
    .select()
    .from(workHistory)
    .where(eq(workHistory.personId, personId))
    .orderBy(desc(workHistory.startDate));
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    phone: person.phone,
    email: person.email,
    district: person.district,
    province: person.province,
    languages: person.languages,
    iscedLevel: person.iscedLevel,
    graduationYear: person.graduationYear,
    skills: person.skills,
    desiredOccupations: person.desiredOccupations,
    workHistory: work.map((w) => ({
      occupation: w.occupation,
      employer: w.employer,
      startDate: w.startDate,
      endDate: w.endDate,
    })),
  };
}
