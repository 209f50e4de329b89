/**
 * Surveys (issue 17, docs/SURVEYS.md): forms with versions, public links, responses and results.
 *
 * A survey has at most one draft and one published version; publishing freezes the draft (the previous
 * published version becomes superseded) and the next edit makes a new draft, so every response keeps the
 * questions it answered. Responses are checked with the shared rules of src/common/surveys.ts; answers to
 * special-category questions are encrypted with the data key and need the respondent's explicit consent.
 */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { surveyLinks, surveyResponses, surveys, surveyVersions, users } from '../../db/schema/index.ts';
import { audit } from '../../lib/audit.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { decrypt, encrypt, randomToken } from '../../lib/crypto.ts';
import { problems } from '../../lib/errors.ts';
import { districtsOf, findProvince } from '../../lib/geography.ts';
import { ageBandOf, ageOn } from '../../../common/indicators.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  checkDefinition,
  splitSpecial,
  validateResponse,
  type Answers,
  type ResponseChannel,
  type SurveyQuestion,
} from '../../../common/surveys.ts';
import type {
  DraftBody,
  EnterResponseBody,
  Link,
  LinkCreate,
  PersonResponse,
  PublicResponseBody,
  PublicSurvey,
  QuestionInput,
  ResponseView,
  Survey,
  SurveyCreate,
  SurveySummary,
  Version,
} from '../../../common/contracts/surveys.ts';
import type { Locale } from '../../../common/locales.ts';
import { hasActiveConsent, loadPerson } from '../people/index.ts';

type SurveyRow = typeof surveys.$inferSelect;
type VersionRow = typeof surveyVersions.$inferSelect;
type LinkRow = typeof surveyLinks.$inferSelect;

export const canReadSpecial = (ctx: Ctx) => actorOf(ctx).permissions.has('special-category:read');

/** Turns the builder's questions into stored ones: district questions get their province's districts. */
function normaliseQuestions(input: readonly QuestionInput[]): SurveyQuestion[] {
  const problemsFound: { pointer: string; code: string }[] = [];
  const out = input.map((q, i): SurveyQuestion => {
    let districts: string[] | null = null;
    let province: string | null = null;
    if (q.type === 'district') {
      const found = q.province ? findProvince(q.province) : null;
      if (!found) problemsFound.push({ pointer: `/questions/${i}/province`, code: 'surveys.definition.province' });
      else {
        province = found.name;
        districts = districtsOf(found.name);
      }
    }
    const choice = q.type === 'single' || q.type === 'multiple';
    const numeric = q.type === 'number' || q.type === 'scale';
    return {
      key: q.key,
      type: q.type,
      text: q.text,
      required: q.required,
      special: q.special,
      options: choice ? (q.options ?? []) : null,
      min: numeric ? (q.min ?? null) : null,
      max: numeric ? (q.max ?? null) : null,
      minLabel: q.type === 'scale' ? (q.minLabel ?? null) : null,
      maxLabel: q.type === 'scale' ? (q.maxLabel ?? null) : null,
      province,
      districts,
      showIf: q.showIf ? { question: q.showIf.question, op: q.showIf.op, value: q.showIf.value ?? null } : null,
    };
  });
  const found = [
    ...problemsFound,
    ...checkDefinition(out).filter((p) => !problemsFound.some((x) => x.pointer === p.pointer)),
  ];
  if (found.length > 0) throw problems.invalidMany(found);
  return out;
}

async function loadSurvey(ctx: Ctx, id: string, lock = false): Promise<SurveyRow> {
  const query = ctx.db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, id), eq(surveys.organisationId, actorOf(ctx).organisationId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw problems.notFound();
  return row;
}

function linkIsOpen(link: LinkRow, responses: number, now: Date): boolean {
  if (link.closedAt) return false;
  if (link.opensAt && link.opensAt > now) return false;
  if (link.closesAt && link.closesAt <= now) return false;
  if (link.maxResponses !== null && responses >= link.maxResponses) return false;
  return true;
}

function linkView(link: LinkRow, responses: number, surveyOpen: boolean, now: Date): Link {
  return {
    id: link.id,
    token: link.token,
    label: link.label,
    maxResponses: link.maxResponses,
    opensAt: link.opensAt?.toISOString() ?? null,
    closesAt: link.closesAt?.toISOString() ?? null,
    closedAt: link.closedAt?.toISOString() ?? null,
    responses,
    open: surveyOpen && linkIsOpen(link, responses, now),
  };
}

function versionView(v: VersionRow, responses: number): Version {
  return {
    id: v.id,
    number: v.number,
    status: v.status,
    questions: v.questions.map(questionView),
    publishedAt: v.publishedAt?.toISOString() ?? null,
    responses,
  };
}

const questionView = (q: SurveyQuestion) => ({
  key: q.key,
  type: q.type,
  text: q.text,
  required: q.required,
  special: q.special,
  options: q.options ?? null,
  min: q.min ?? null,
  max: q.max ?? null,
  minLabel: q.minLabel ?? null,
  maxLabel: q.maxLabel ?? null,
  province: q.province ?? null,
  districts: q.districts ?? null,
  showIf: q.showIf ?? null,
});

async function responseCounts(ctx: Ctx, surveyId: string) {
  const orgId = actorOf(ctx).organisationId;
  const byVersion = await ctx.db
    .select({ versionId: surveyResponses.versionId, n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.organisationId, orgId), eq(surveyResponses.surveyId, surveyId)))
    .groupBy(surveyResponses.versionId);
  const byLink = await ctx.db
    .select({ linkId: surveyResponses.linkId, n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.organisationId, orgId), eq(surveyResponses.surveyId, surveyId)))
    .groupBy(surveyResponses.linkId);
  return {
    version: new Map(byVersion.map((r) => [r.versionId, r.n])),
    link: new Map(byLink.map((r) => [r.linkId ?? '', r.n])),
  };
}

export async function getSurvey(ctx: Ctx, id: string): Promise<Survey> {
  const survey = await loadSurvey(ctx, id);
  const orgId = actorOf(ctx).organisationId;
  const versions = await ctx.db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.organisationId, orgId), eq(surveyVersions.surveyId, id)))
    .orderBy(desc(surveyVersions.number));
  const links = await ctx.db
    .select()
    .from(surveyLinks)
    .where(and(eq(surveyLinks.organisationId, orgId), eq(surveyLinks.surveyId, id)))
    .orderBy(asc(surveyLinks.createdAt));
  const counts = await responseCounts(ctx, id);
  const published = versions.find((v) => v.status === 'published');
  const draft = versions.find((v) => v.status === 'draft');
  const now = ctx.clock.now();
  return {
    id: survey.id,
    title: survey.title,
    description: survey.description,
    status: survey.status,
    published: published ? versionView(published, counts.version.get(published.id) ?? 0) : null,
    draft: draft ? versionView(draft, 0) : null,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      status: v.status,
      responses: counts.version.get(v.id) ?? 0,
    })),
    links: links.map((l) => linkView(l, counts.link.get(l.id) ?? 0, survey.status === 'published', now)),
    responses: [...counts.version.values()].reduce((a, b) => a + b, 0),
    createdAt: survey.createdAt.toISOString(),
    updatedAt: survey.updatedAt.toISOString(),
  };
}

export async function listSurveys(ctx: Ctx): Promise<{ items: SurveySummary[] }> {
  const orgId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select()
    .from(surveys)
    .where(eq(surveys.organisationId, orgId))
    .orderBy(desc(surveys.updatedAt));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { items: [] };
  const versions = await ctx.db
    .select({ surveyId: surveyVersions.surveyId, number: surveyVersions.number })
    .from(surveyVersions)
    .where(
      and(
        eq(surveyVersions.organisationId, orgId),
        inArray(surveyVersions.surveyId, ids),
        eq(surveyVersions.status, 'published'),
      ),
    );
  const counts = await ctx.db
    .select({ surveyId: surveyResponses.surveyId, n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.organisationId, orgId), inArray(surveyResponses.surveyId, ids)))
    .groupBy(surveyResponses.surveyId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      version: versions.find((v) => v.surveyId === r.id)?.number ?? null,
      responses: counts.find((c) => c.surveyId === r.id)?.n ?? 0,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

export async function createSurvey(ctx: Ctx, body: SurveyCreate): Promise<Survey> {
  const actor = actorOf(ctx);
  const questions = normaliseQuestions(body.questions);
  const id = await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [survey] = await tx.db
      .insert(surveys)
      .values({
        organisationId: actor.organisationId,
        title: body.title,
        description: body.description ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: surveys.id });
    await tx.db.insert(surveyVersions).values({
      organisationId: actor.organisationId,
      surveyId: survey!.id,
      number: 1,
      questions,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx.db, tx, { action: 'survey.created', subjectType: 'survey', subjectId: survey!.id });
    return survey!.id;
  });
  return getSurvey(ctx, id);
}

export async function saveDraft(ctx: Ctx, id: string, body: DraftBody): Promise<Survey> {
  const actor = actorOf(ctx);
  const questions = normaliseQuestions(body.questions);
  await inTransaction(ctx, async (tx) => {
    const survey = await loadSurvey(tx, id, true);
    if (survey.status === 'closed') throw problems.conflict('surveys.closed');
    const now = tx.clock.now();
    const versions = await tx.db
      .select()
      .from(surveyVersions)
      .where(and(eq(surveyVersions.organisationId, actor.organisationId), eq(surveyVersions.surveyId, id)));
    const draft = versions.find((v) => v.status === 'draft');
    if (draft) {
      await tx.db
        .update(surveyVersions)
        .set({ questions, updatedAt: now })
        .where(and(eq(surveyVersions.id, draft.id), eq(surveyVersions.organisationId, actor.organisationId)));
    } else {
      // A published version is frozen: the edit becomes the next draft.
      await tx.db.insert(surveyVersions).values({
        organisationId: actor.organisationId,
        surveyId: id,
        number: Math.max(0, ...versions.map((v) => v.number)) + 1,
        questions,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.db
      .update(surveys)
      .set({ title: body.title, description: body.description ?? null, updatedAt: now })
      .where(and(eq(surveys.id, id), eq(surveys.organisationId, actor.organisationId)));
    await audit(tx.db, tx, { action: 'survey.updated', subjectType: 'survey', subjectId: id, fields: ['questions'] });
  });
  return getSurvey(ctx, id);
}

export async function publishSurvey(ctx: Ctx, id: string): Promise<Survey> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (tx) => {
    const survey = await loadSurvey(tx, id, true);
    if (survey.status === 'closed') throw problems.conflict('surveys.closed');
    const [draft] = await tx.db
      .select()
      .from(surveyVersions)
      .where(
        and(
          eq(surveyVersions.organisationId, actor.organisationId),
          eq(surveyVersions.surveyId, id),
          eq(surveyVersions.status, 'draft'),
        ),
      );
    if (!draft) throw problems.conflict('surveys.noDraft');
    if (draft.questions.length === 0) throw problems.invalid('/questions', 'surveys.definition.empty');
    const now = tx.clock.now();
    await tx.db
      .update(surveyVersions)
      .set({ status: 'superseded', updatedAt: now })
      .where(
        and(
          eq(surveyVersions.organisationId, actor.organisationId),
          eq(surveyVersions.surveyId, id),
          eq(surveyVersions.status, 'published'),
        ),
      );
    await tx.db
      .update(surveyVersions)
      .set({ status: 'published', publishedAt: now, publishedBy: actor.userId, updatedAt: now })
      .where(and(eq(surveyVersions.id, draft.id), eq(surveyVersions.organisationId, actor.organisationId)));
    await tx.db
      .update(surveys)
      .set({ status: 'published', updatedAt: now })
      .where(and(eq(surveys.id, id), eq(surveys.organisationId, actor.organisationId)));
    await audit(tx.db, tx, { action: 'survey.published', subjectType: 'survey', subjectId: id });
  });
  return getSurvey(ctx, id);
}

export async function closeSurvey(ctx: Ctx, id: string): Promise<Survey> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (tx) => {
    await loadSurvey(tx, id, true);
    await tx.db
      .update(surveys)
      .set({ status: 'closed', updatedAt: tx.clock.now() })
      .where(and(eq(surveys.id, id), eq(surveys.organisationId, actor.organisationId)));
    await audit(tx.db, tx, { action: 'survey.closed', subjectType: 'survey', subjectId: id });
  });
  return getSurvey(ctx, id);
}

export async function createLink(ctx: Ctx, id: string, body: LinkCreate): Promise<Link> {
  const actor = actorOf(ctx);
  if (body.opensAt && body.closesAt && body.closesAt <= body.opensAt)
    throw problems.invalid('/closesAt', 'surveys.link.closesBeforeOpens');
  const link = await inTransaction(ctx, async (tx) => {
    const survey = await loadSurvey(tx, id);
    if (survey.status === 'closed') throw problems.conflict('surveys.closed');
    const [row] = await tx.db
      .insert(surveyLinks)
      .values({
        organisationId: actor.organisationId,
        surveyId: id,
        token: randomToken(24),
        label: body.label ?? null,
        maxResponses: body.maxResponses ?? null,
        opensAt: body.opensAt ? new Date(body.opensAt) : null,
        closesAt: body.closesAt ? new Date(body.closesAt) : null,
        createdBy: actor.userId,
        createdAt: tx.clock.now(),
      })
      .returning();
    await audit(tx.db, tx, { action: 'survey.link-created', subjectType: 'survey-link', subjectId: row!.id });
    return { row: row!, open: survey.status === 'published' };
  });
  return linkView(link.row, 0, link.open, ctx.clock.now());
}

export async function closeLink(ctx: Ctx, id: string, linkId: string): Promise<Link> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    await loadSurvey(tx, id);
    const [row] = await tx.db
      .update(surveyLinks)
      .set({ closedAt: tx.clock.now() })
      .where(
        and(
          eq(surveyLinks.id, linkId),
          eq(surveyLinks.surveyId, id),
          eq(surveyLinks.organisationId, actor.organisationId),
        ),
      )
      .returning();
    if (!row) throw problems.notFound();
    await audit(tx.db, tx, { action: 'survey.link-closed', subjectType: 'survey-link', subjectId: linkId });
    const [n] = await tx.db
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.organisationId, actor.organisationId), eq(surveyResponses.linkId, linkId)));
    return linkView(row, n?.n ?? 0, false, tx.clock.now());
  });
}

async function publishedVersion(ctx: Pick<Ctx, 'db'>, organisationId: string, surveyId: string) {
  const [v] = await ctx.db
    .select()
    .from(surveyVersions)
    .where(
      and(
        eq(surveyVersions.organisationId, organisationId),
        eq(surveyVersions.surveyId, surveyId),
        eq(surveyVersions.status, 'published'),
      ),
    );
  return v ?? null;
}

/**
 * The link behind a token, with its survey, checked open: 404 for an unknown token, 410 for a closed
 * survey or link, a full one, or one not yet open. `lock` holds the link row (the response limit under
 * concurrent submissions).
 */
async function openLink(ctx: Ctx, token: string, lock: boolean) {
  // The token is the only key a public caller has: the organisation comes from the link itself.
  const query = ctx.db.select().from(surveyLinks).where(eq(surveyLinks.token, token));
  const [link] = lock ? await query.for('update') : await query;
  if (!link) throw problems.notFound();
  const [survey] = await ctx.db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, link.surveyId), eq(surveys.organisationId, link.organisationId)));
  if (!survey) throw problems.notFound();
  const now = ctx.clock.now();
  if (survey.status !== 'published' || link.closedAt || (link.closesAt && link.closesAt <= now))
    throw problems.gone('surveys.link.closed');
  if (link.opensAt && link.opensAt > now) throw problems.gone('surveys.link.notOpen');
  if (link.maxResponses !== null) {
    const [n] = await ctx.db
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.organisationId, link.organisationId), eq(surveyResponses.linkId, link.id)));
    if ((n?.n ?? 0) >= link.maxResponses) throw problems.gone('surveys.link.full');
  }
  const version = await publishedVersion(ctx, link.organisationId, survey.id);
  if (!version) throw problems.gone('surveys.link.closed');
  return { link, survey, version };
}

export async function publicSurvey(ctx: Ctx, token: string): Promise<PublicSurvey> {
  const { survey, version } = await openLink(ctx, token, false);
  return {
    title: survey.title,
    description: survey.description,
    versionId: version.id,
    questions: version.questions.map(questionView),
  };
}

interface NewResponse {
  organisationId: string;
  surveyId: string;
  version: VersionRow;
  channel: ResponseChannel;
  linkId: string | null;
  personId: string | null;
  enteredBy: string | null;
  respondent: { sex: string; ageBand: string; district: string } | null;
  answers: Answers;
  specialConsent: boolean;
  locale: Locale;
}

/** Checks and writes one response (in the caller's transaction). Bad answers: 422, nothing written. */
async function writeResponse(tx: Ctx, r: NewResponse): Promise<string> {
  const found = validateResponse(r.version.questions, r.answers, r.specialConsent);
  if (found.length > 0) throw problems.invalidMany(found);
  const { plain, special } = splitSpecial(r.version.questions, r.answers);
  const hasSpecial = Object.keys(special).length > 0;
  const now = tx.clock.now();
  const [row] = await tx.db
    .insert(surveyResponses)
    .values({
      organisationId: r.organisationId,
      surveyId: r.surveyId,
      versionId: r.version.id,
      channel: r.channel,
      linkId: r.linkId,
      personId: r.personId,
      enteredBy: r.enteredBy,
      respondentSex: r.respondent?.sex ?? null,
      respondentAgeBand: r.respondent?.ageBand ?? null,
      respondentDistrict: r.respondent?.district ?? null,
      answers: plain,
      specialEnc: hasSpecial ? encrypt(JSON.stringify(special), tx.config.dataKey) : null,
      specialConsentAt: hasSpecial ? now : null,
      locale: r.locale,
      submittedAt: now,
    })
    .returning({ id: surveyResponses.id });
  await audit(tx.db, tx, {
    action: 'survey.response-recorded',
    subjectType: 'survey-response',
    subjectId: row!.id,
    organisationId: r.organisationId,
    purpose: r.channel,
    ...(r.personId ? { fields: ['person'] } : {}),
  });
  return row!.id;
}

export async function submitPublicResponse(ctx: Ctx, token: string, body: PublicResponseBody) {
  await inTransaction(ctx, async (tx) => {
    const { link, survey, version } = await openLink(tx, token, true);
    // The form was loaded before a new version was published: the answers belong to questions no longer asked.
    if (body.versionId !== version.id) throw problems.conflict('surveys.versionChanged', '/versionId');
    await writeResponse(tx, {
      organisationId: link.organisationId,
      surveyId: survey.id,
      version,
      channel: 'public-link',
      linkId: link.id,
      personId: null,
      enteredBy: null,
      respondent: null,
      answers: body.answers,
      specialConsent: body.specialConsent ?? false,
      locale: body.locale,
    });
  });
  return { received: true };
}

export async function enterResponse(ctx: Ctx, id: string, body: EnterResponseBody): Promise<ResponseView> {
  const actor = actorOf(ctx);
  const responseId = await inTransaction(ctx, async (tx) => {
    const survey = await loadSurvey(tx, id);
    if (survey.status !== 'published') throw problems.conflict('surveys.notOpen');
    const version = await publishedVersion(tx, actor.organisationId, id);
    if (!version) throw problems.conflict('surveys.notOpen');
    let respondent: NewResponse['respondent'] = null;
    if (body.personId) {
      const person = await loadPerson(tx.db, tx, body.personId);
      if (!(await hasActiveConsent(tx, person.id, 'surveys')))
        throw problems.invalid('/personId', 'surveys.response.noConsent');
      respondent = {
        sex: person.sex,
        ageBand: ageBandOf(ageOn(person.birthDate, turkishDate(tx.clock.now()))),
        district: person.district,
      };
    }
    return writeResponse(tx, {
      organisationId: actor.organisationId,
      surveyId: id,
      version,
      channel: body.personId ? 'registered' : 'interviewer',
      linkId: null,
      personId: body.personId ?? null,
      enteredBy: actor.userId,
      respondent,
      answers: body.answers,
      specialConsent: body.specialConsent ?? false,
      locale: body.locale ?? ctx.locale,
    });
  });
  const { items } = await listResponses(ctx, id, responseId);
  return items[0]!;
}

export async function listResponses(ctx: Ctx, id: string, onlyId?: string): Promise<{ items: ResponseView[] }> {
  const actor = actorOf(ctx);
  await loadSurvey(ctx, id);
  const rows = await ctx.db
    .select()
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.organisationId, actor.organisationId),
        eq(surveyResponses.surveyId, id),
        onlyId ? eq(surveyResponses.id, onlyId) : undefined,
      ),
    )
    .orderBy(desc(surveyResponses.submittedAt));
  const versions = await ctx.db
    .select({ id: surveyVersions.id, number: surveyVersions.number })
    .from(surveyVersions)
    .where(and(eq(surveyVersions.organisationId, actor.organisationId), eq(surveyVersions.surveyId, id)));
  const personIds = [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))];
  const names = new Map<string, string>();
  for (const pid of personIds) {
    try {
      const p = await loadPerson(ctx.db, ctx, pid);
      names.set(pid, `${p.givenName} ${p.familyName}`);
    } catch {
      // A person of another office: the response shows without the name.
    }
  }
  const staffIds = [...new Set(rows.flatMap((r) => (r.enteredBy ? [r.enteredBy] : [])))];
  const staff =
    staffIds.length === 0
      ? []
      : await ctx.db
          .select({ id: users.id, name: users.fullName })
          .from(users)
          .where(and(inArray(users.id, staffIds), eq(users.organisationId, actor.organisationId)));
  const special = canReadSpecial(ctx);
  const items: ResponseView[] = [];
  const read: string[] = [];
  for (const r of rows) {
    let specialAnswers: Answers = {};
    if (r.specialEnc) specialAnswers = JSON.parse(decrypt(r.specialEnc, ctx.config)) as Answers;
    if (r.specialEnc && special) read.push(r.id);
    items.push({
      id: r.id,
      version: versions.find((v) => v.id === r.versionId)?.number ?? 0,
      channel: r.channel,
      person: r.personId && names.has(r.personId) ? { id: r.personId, name: names.get(r.personId)! } : null,
      enteredBy: r.enteredBy ? { id: r.enteredBy, name: staff.find((s) => s.id === r.enteredBy)?.name ?? '' } : null,
      answers: special ? { ...r.answers, ...specialAnswers } : r.answers,
      withheld: special ? [] : Object.keys(specialAnswers),
      specialConsentAt: r.specialConsentAt?.toISOString() ?? null,
      submittedAt: r.submittedAt.toISOString(),
    });
  }
  // Every read of special-category answers is recorded (DATA-PROTECTION.md).
  if (read.length > 0)
    await inTransaction(ctx, async (tx) => {
      for (const rid of read)
        await audit(tx.db, tx, {
          action: 'survey.response-special-read',
          subjectType: 'survey-response',
          subjectId: rid,
          purpose: 'survey',
        });
    });
  return { items };
}

/**
 * A registered person's responses for their page, newest first: the questions' texts beside the answers.
 * Special-category answers only with `special-category:read`, each such read audited (as in listResponses).
 */
export async function listPersonResponses(ctx: Ctx, personId: string): Promise<{ items: PersonResponse[] }> {
  const actor = actorOf(ctx);
  if (!actor.permissions.has('surveys:read')) throw problems.forbidden();
  await loadPerson(ctx.db, ctx, personId); // the person in the reader's organisation and offices
  const rows = await ctx.db
    .select({
      response: surveyResponses,
      title: surveys.title,
      version: surveyVersions.number,
      questions: surveyVersions.questions,
      enteredBy: users.fullName,
    })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyResponses.versionId))
    .leftJoin(users, eq(users.id, surveyResponses.enteredBy))
    .where(and(eq(surveyResponses.organisationId, actor.organisationId), eq(surveyResponses.personId, personId)))
    .orderBy(desc(surveyResponses.submittedAt));
  const special = canReadSpecial(ctx);
  const read: string[] = [];
  const items = rows.map(({ response: r, title, version, questions, enteredBy }) => {
    const specialAnswers: Answers = r.specialEnc ? (JSON.parse(decrypt(r.specialEnc, ctx.config)) as Answers) : {};
    if (r.specialEnc && special) read.push(r.id);
    const given: Answers = special ? { ...r.answers, ...specialAnswers } : r.answers;
    const answers = questions.flatMap((q) => {
      const value = given[q.key];
      if (value === undefined || value === null) return [];
      const chosen = Array.isArray(value) ? value : [String(value)];
      const labels = q.options ? q.options.filter((o) => chosen.includes(o.value)).map((o) => o.label) : null;
      return [{ key: q.key, question: q.text, special: q.special, value, labels }];
    });
    const withheld = special ? [] : questions.filter((q) => q.key in specialAnswers).map((q) => q.text);
    return {
      id: r.id,
      survey: { id: r.surveyId, title },
      version,
      channel: r.channel,
      enteredBy: enteredBy ?? null,
      submittedAt: r.submittedAt.toISOString(),
      answers,
      withheld,
    };
  });
  // Every read of special-category answers is recorded (DATA-PROTECTION.md).
  if (read.length > 0)
    await inTransaction(ctx, async (tx) => {
      for (const rid of read)
        await audit(tx.db, tx, {
          action: 'survey.response-special-read',
          subjectType: 'survey-response',
          subjectId: rid,
          purpose: 'person-page',
        });
    });
  return { items };
}

/** The responses of a version, for the results: ordinary answers, and special ones when `withSpecial`. */
export async function responsesForResults(ctx: Ctx, surveyId: string, versionId: string, withSpecial: boolean) {
  const rows = await ctx.db
    .select()
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.organisationId, actorOf(ctx).organisationId),
        eq(surveyResponses.surveyId, surveyId),
        eq(surveyResponses.versionId, versionId),
      ),
    );
  return rows.map((r) => ({
    respondent:
      r.respondentSex || r.respondentAgeBand || r.respondentDistrict
        ? { sex: r.respondentSex, ageBand: r.respondentAgeBand, district: r.respondentDistrict }
        : null,
    answers:
      withSpecial && r.specialEnc
        ? { ...r.answers, ...(JSON.parse(decrypt(r.specialEnc, ctx.config)) as Answers) }
        : r.answers,
  }));
}

export async function versionFor(ctx: Ctx, surveyId: string, versionId: string | undefined) {
  const survey = await loadSurvey(ctx, surveyId);
  const orgId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.organisationId, orgId), eq(surveyVersions.surveyId, surveyId)))
    .orderBy(desc(surveyVersions.number));
  const version = versionId
    ? rows.find((v) => v.id === versionId)
    : (rows.find((v) => v.status === 'published') ?? rows.find((v) => v.status === 'superseded'));
  if (versionId && !version) throw problems.notFound();
  return { survey, version: version ?? null };
}
