import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { referralFixture } from '../../test/referral-fixture.ts';
import { auditEvents, surveyResponses } from '../../db/schema/index.ts';
import { decrypt } from '../../lib/crypto.ts';

/** Surveys (issue 17): the form builder, versions, public links, skip logic, special categories, results, access. */

let t: TestContext;
let manager: TestClient; // İBB programme manager: surveys:manage, no special-category:read
let counsellor: TestClient; // Zeynep Kaya: surveys:enter, special-category:read
let analyst: TestClient; // surveys:read only: suppressed results
const fx = referralFixture(740_000_00);

const tx = (tr: string, en = '', ar = '') => ({ tr, en, ar });

const QUESTIONS = [
  {
    key: 'closed',
    type: 'single',
    text: tx('Pazar yeriniz pandemide kapandı mı?', 'Was your market closed during the pandemic?', 'هل أُغلق سوقك؟'),
    required: true,
    special: false,
    options: [
      { value: 'yes', label: tx('Evet', 'Yes', 'نعم') },
      { value: 'no', label: tx('Hayır', 'No', 'لا') },
    ],
  },
  {
    key: 'weeks',
    type: 'number',
    text: tx('Kaç hafta kapalı kaldı?', 'For how many weeks?', 'كم أسبوعاً؟'),
    required: true,
    special: false,
    min: 0,
    max: 104,
    showIf: { question: 'closed', op: 'is', value: 'yes' },
  },
  {
    key: 'covid',
    type: 'single',
    text: tx('COVID-19 geçirdiniz mi?', 'Did you have COVID-19?', 'هل أصبت بكوفيد-19؟'),
    required: false,
    special: true,
    options: [
      { value: 'yes', label: tx('Evet', 'Yes', 'نعم') },
      { value: 'no', label: tx('Hayır', 'No', 'لا') },
    ],
  },
  {
    key: 'income',
    type: 'scale',
    text: tx('Geliriniz ne kadar değişti?', 'How did your income change?', 'كيف تغير دخلك؟'),
    required: true,
    special: false,
    min: 1,
    max: 5,
    minLabel: tx('Çok azaldı', 'Fell a lot', 'انخفض كثيراً'),
    maxLabel: tx('Arttı', 'Rose', 'ارتفع'),
  },
  {
    key: 'district',
    type: 'district',
    text: tx('Hangi ilçede satış yapıyorsunuz?', 'Where do you sell?', 'أين تبيع؟'),
    required: false,
    special: false,
    province: 'İstanbul',
  },
  {
    key: 'comment',
    type: 'text',
    text: tx('Eklemek istedikleriniz', 'Anything else', 'ملاحظات'),
    required: false,
    special: false,
  },
];

let surveyId: string;
let versionId: string;
let token: string;

async function responsesIn(id: string) {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, id));
  return row!.n;
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-03T09:00:00+03:00'));
  ({ manager, counsellor } = await fx.signIn(t));
  analyst = await t.as('ibb', 'analyst');
});
afterAll(async () => t.close());

describe('the form builder', () => {
  it('refuses skip logic on a question asked later, pointing at it', async () => {
    const bad = await manager.post('/api/v1/surveys', {
      title: tx('Bozuk'),
      questions: [QUESTIONS[1], QUESTIONS[0]],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/questions/0/showIf/question' });
    expect(bad.body.errors[0].message).toBeTruthy();
  });

  it('refuses skip logic that depends on a special-category answer', async () => {
    const bad = await manager.post('/api/v1/surveys', {
      title: tx('Bozuk'),
      questions: [QUESTIONS[2], { ...QUESTIONS[3], showIf: { question: 'covid', op: 'is', value: 'yes' } }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/questions/1/showIf/question' });
  });

  it('creates, publishes (frozen) and edits into a new draft version', async () => {
    const created = await manager.post('/api/v1/surveys', {
      title: tx('Pazar esnafı COVID-19 etki anketi', 'Market vendors COVID-19 impact survey', 'استبيان'),
      questions: QUESTIONS,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    surveyId = created.body.id;
    expect(created.body.draft.number).toBe(1);
    const district = created.body.draft.questions.find((q: { key: string }) => q.key === 'district');
    expect(district.districts).toContain('Fatih');

    const published = await manager.post(`/api/v1/surveys/${surveyId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.published.number).toBe(1);
    expect(published.body.draft).toBeNull();
    versionId = published.body.published.id;

    const edited = await manager.put(`/api/v1/surveys/${surveyId}/draft`, {
      title: created.body.title,
      questions: [...QUESTIONS, { key: 'extra', type: 'date', text: tx('Tarih'), required: false, special: false }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.published.number).toBe(1);
    expect(edited.body.published.questions).toHaveLength(QUESTIONS.length);
    expect(edited.body.draft.number).toBe(2);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'survey.published'), eq(auditEvents.subjectId, surveyId)));
    expect(event).toBeDefined();
  });
});

describe('the public link', () => {
  it('serves the form without sign-in', async () => {
    const link = await manager.post(`/api/v1/surveys/${surveyId}/links`, { label: 'Pazar', maxResponses: 3 });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    token = link.body.token;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const form = await t.anonymous.get(`/api/v1/public/surveys/${token}`);
    expect(form.status).toBe(200);
    expect(form.body.versionId).toBe(versionId);
    expect(form.body.questions.map((q: { key: string }) => q.key)).toEqual(QUESTIONS.map((q) => q.key));
  });

  it('refuses an answer that skip logic hides, a missing required answer and a value out of range: nothing written', async () => {
    const before = await responsesIn(surveyId);
    const hidden = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
      versionId,
      locale: 'ar',
      answers: { closed: 'no', weeks: 4, income: 2 },
    });
    expect(hidden.status).toBe(422);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect(hidden.body.errors).toEqual([
      expect.objectContaining({ pointer: '/answers/weeks', code: 'surveys.answer.hidden' }),
    ]);
    expect(hidden.body.errors[0].message).not.toBe('surveys.answer.hidden');

    const missing = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
      versionId,
      locale: 'tr',
      answers: { closed: 'yes', income: 2 },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ pointer: '/answers/weeks', code: 'surveys.answer.required' }),
    ]);

    const range = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
      versionId,
      locale: 'tr',
      answers: { closed: 'yes', weeks: 300, income: 9 },
    });
    expect(range.status).toBe(422);
    expect(range.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/answers/weeks', '/answers/income']);

    const noConsent = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
      versionId,
      locale: 'tr',
      answers: { closed: 'no', income: 3, covid: 'yes' },
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.errors).toEqual([expect.objectContaining({ pointer: '/specialConsent' })]);
    expect(await responsesIn(surveyId)).toBe(before);
  });

  it('takes answers up to its limit, special-category answers encrypted at rest', async () => {
    const ok = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
      versionId,
      locale: 'ar',
      answers: { closed: 'yes', weeks: 8, income: 1, covid: 'yes', district: 'Fatih', comment: 'Zor günler' },
      specialConsent: true,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const [row] = await t.database.db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.channel, 'public-link')));
    expect(row!.answers).not.toHaveProperty('covid');
    expect(row!.specialEnc).toMatch(/^v2\./);
    expect(row!.specialEnc).not.toContain('yes');
    expect(JSON.parse(decrypt(row!.specialEnc!, t.config.dataKey))).toEqual({ covid: 'yes' });
    expect(row!.specialConsentAt).not.toBeNull();
    expect(row!.personId).toBeNull();

    for (const closed of ['no', 'no'])
      expect(
        (
          await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
            versionId,
            locale: 'tr',
            answers: { closed, income: 2 },
          })
        ).status,
      ).toBe(201);
    const full = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, {
      versionId,
      locale: 'tr',
      answers: { closed: 'no', income: 2 },
    });
    expect(full.status).toBe(410);
    expect(full.body.code).toBe('surveys.link.full');
    expect((await t.anonymous.get(`/api/v1/public/surveys/${token}`)).status).toBe(410);
  });

  it('a link past its closing date, or closed, takes nothing; an unknown token is 404', async () => {
    const past = await manager.post(`/api/v1/surveys/${surveyId}/links`, {
      closesAt: '2026-12-01T00:00:00Z',
    });
    expect(past.status).toBe(201);
    expect(past.body.open).toBe(false);
    const late = await t.anonymous.post(`/api/v1/public/surveys/${past.body.token}/responses`, {
      versionId,
      locale: 'tr',
      answers: { closed: 'no', income: 2 },
    });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('surveys.link.closed');

    const open = await manager.post(`/api/v1/surveys/${surveyId}/links`, {});
    expect((await manager.post(`/api/v1/surveys/${surveyId}/links/${open.body.id}/close`)).body.open).toBe(false);
    expect((await t.anonymous.get(`/api/v1/public/surveys/${open.body.token}`)).status).toBe(410);
    expect((await t.anonymous.get(`/api/v1/public/surveys/${'x'.repeat(32)}`)).status).toBe(404);
  });
});

describe('staff entry', () => {
  let personId: string;

  it('an interviewer records a phone survey; a registered person needs survey consent', async () => {
    const phone = await counsellor.post(`/api/v1/surveys/${surveyId}/responses`, {
      answers: { closed: 'no', income: 4 },
    });
    expect(phone.status, JSON.stringify(phone.body)).toBe(201);
    expect(phone.body.channel).toBe('interviewer');
    expect(phone.body.enteredBy.name).toBeTruthy();

    const noConsent = await fx.person();
    const refused = await counsellor.post(`/api/v1/surveys/${surveyId}/responses`, {
      personId: noConsent,
      answers: { closed: 'no', income: 4 },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/personId', code: 'surveys.response.noConsent' });

    personId = await fx.person({
      consents: [{ purpose: 'surveys', textVersion: '2026-01', channel: 'in-person' }],
    });
    const linked = await counsellor.post(`/api/v1/surveys/${surveyId}/responses`, {
      personId,
      answers: { closed: 'yes', weeks: 12, income: 1, covid: 'no', comment: 'Tezgâhımı kaybettim' },
      specialConsent: true,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(linked.body.channel).toBe('registered');
    expect(linked.body.person.id).toBe(personId);
    // The counsellor holds special-category:read: the answer is shown to her, and the read is recorded.
    expect(linked.body.answers.covid).toBe('no');
    const [row] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.personId, personId));
    expect([row!.respondentSex, row!.respondentAgeBand, row!.respondentDistrict]).toEqual(['female', '30-44', 'Fatih']);
  });

  it('moves a response to the kept record when duplicates are merged', async () => {
    const consent = [{ purpose: 'surveys', textVersion: '2026-01', channel: 'in-person' }];
    const kept = await fx.person({ givenName: 'Birleşen', consents: consent });
    const duplicate = await fx.person({ givenName: 'Birleşen', idKind: null, idNumber: null, consents: consent });
    const entered = await counsellor.post(`/api/v1/surveys/${surveyId}/responses`, {
      personId: duplicate,
      answers: { closed: 'no', income: 3 },
    });
    expect(entered.status).toBe(201);
    const merged = await counsellor.post(`/api/v1/persons/${kept}/merge`, { duplicateId: duplicate });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved.surveyResponses).toBe(1);
    const [row] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.id, entered.body.id));
    expect(row!.personId).toBe(kept);
  });

  it('withholds special-category answers from a reader without special-category:read', async () => {
    const list = await manager.get(`/api/v1/surveys/${surveyId}/responses`);
    expect(list.status).toBe(200);
    const withCovid = list.body.items.filter((r: { withheld: string[] }) => r.withheld.includes('covid'));
    expect(withCovid).toHaveLength(2);
    for (const r of list.body.items) expect(r.answers).not.toHaveProperty('covid');
  });

  it("shows a person's responses on their page, special answers only with special-category:read, read audited", async () => {
    const url = `/api/v1/persons/${personId}/survey-responses`;
    const seen = await counsellor.get(url);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body.items).toHaveLength(1);
    const [response] = seen.body.items;
    expect(response.withheld).toEqual([]);
    const covid = response.answers.find((a: { key: string }) => a.key === 'covid');
    expect(covid).toMatchObject({ special: true, value: 'no' });
    expect(covid.labels).toHaveLength(1);
    expect(response.answers.find((a: { key: string }) => a.key === 'weeks')).toMatchObject({ value: 12, labels: null });
    const [read] = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'survey.response-special-read'),
          eq(auditEvents.subjectId, response.id),
          eq(auditEvents.purpose, 'person-page'),
        ),
      );
    expect(read!.n).toBe(1);

    // Without special-category:read the question is named as withheld, its answer never sent.
    const withheld = await manager.get(url);
    expect(withheld.status, JSON.stringify(withheld.body)).toBe(200);
    expect(withheld.body.items[0].answers.map((a: { key: string }) => a.key)).not.toContain('covid');
    expect(withheld.body.items[0].withheld).toHaveLength(1);
    expect(JSON.stringify(withheld.body)).not.toContain('"no"');
    // Another organisation does not find the person.
    const izmir = await t.as('izmir', 'manager');
    expect((await izmir.get(url)).status).toBe(404);
  });

  it('exports the person’s responses and anonymises them on erasure', async () => {
    const dpo = await t.as('ibb', 'dpo');
    const req = await dpo.post('/api/v1/data-protection/requests', { kind: 'access', channel: 'counter' });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    await dpo.post(`/api/v1/data-protection/requests/${req.body.id}/identity`, { method: 'kep' });
    expect((await dpo.post(`/api/v1/data-protection/requests/${req.body.id}/person`, { personId })).status).toBe(200);
    const made = await dpo.post(`/api/v1/data-protection/requests/${req.body.id}/exports`, { delivery: 'counter' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const sections = Object.fromEntries(
      made.body.contents.map((c: { section: string; rows: number }) => [c.section, c.rows]),
    );
    expect(sections.surveyResponses).toBe(1);

    const erasure = await dpo.post('/api/v1/data-protection/requests', { kind: 'erasure', channel: 'counter' });
    await dpo.post(`/api/v1/data-protection/requests/${erasure.body.id}/identity`, {
      method: 'id-document-at-counter',
    });
    await dpo.post(`/api/v1/data-protection/requests/${erasure.body.id}/person`, { personId });
    expect((await dpo.post(`/api/v1/data-protection/requests/${erasure.body.id}/accept`)).status).toBe(200);
    const erased = await dpo.post(`/api/v1/data-protection/requests/${erasure.body.id}/erase`, { confirm: true });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.destruction.summary.surveyResponses).toBe(1);
    const rows = await t.database.db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), isNotNull(surveyResponses.anonymisedAt)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.personId).toBeNull();
    expect(rows[0]!.anonymisedAt).not.toBeNull();
    expect(rows[0]!.answers).not.toHaveProperty('comment');
    expect(rows[0]!.answers).toMatchObject({ closed: 'yes', income: 1 });
    expect(rows[0]!.respondentSex).toBe('female');
  });
});

describe('results', () => {
  it('suppresses small cells for a reader without exact-figure rights, withholds special questions', async () => {
    const res = await analyst.get(`/api/v1/surveys/${surveyId}/results?breakdown=sex`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.threshold).toBeGreaterThan(1);
    // Six responses in all: every count is below the threshold, so nothing small is published.
    const closed = res.body.questions.find((q: { key: string }) => q.key === 'closed');
    expect(closed.cells.length).toBeGreaterThan(0);
    for (const cell of closed.cells) expect(cell.count === null || cell.count === 0).toBe(true);
    expect(res.body.responses).toBeNull();
    const covid = res.body.questions.find((q: { key: string }) => q.key === 'covid');
    expect(covid.withheld).toBe(true);
    expect(covid.cells).toEqual([]);
    const comment = res.body.questions.find((q: { key: string }) => q.key === 'comment');
    expect(comment.tabulated).toBe(false);
  });

  it('shows exact figures to a reader who may read the rows, special questions with special-category:read', async () => {
    const res = await counsellor.get(`/api/v1/surveys/${surveyId}/results?breakdown=sex`);
    expect(res.status).toBe(200);
    expect(res.body.threshold).toBeNull();
    expect(res.body.responses).toBe(6);
    const closed = res.body.questions.find((q: { key: string }) => q.key === 'closed');
    const total = (v: string) =>
      closed.cells.find((c: { value: string; group: string | null }) => c.value === v && c.group === null).count;
    expect([total('yes'), total('no')]).toEqual([2, 4]);
    const female = closed.cells.find(
      (c: { value: string; group: string | null }) => c.value === 'yes' && c.group === 'female',
    );
    expect(female.count).toBe(1);
    const covid = res.body.questions.find((q: { key: string }) => q.key === 'covid');
    expect(covid.withheld).toBe(false);
    expect(
      covid.cells.find((c: { value: string; group: string | null }) => c.value === 'yes' && c.group === null).count,
    ).toBe(1);
  });

  it('exports CSV and XLSX with small cells suppressed', async () => {
    const csv = await counsellor.get(`/api/v1/surveys/${surveyId}/results/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.raw.body;
    expect(text).toContain('–');
    expect(text).not.toContain('Tezgâhımı');
    const xlsx = await analyst.get(`/api/v1/surveys/${surveyId}/results/export?format=xlsx&breakdown=district`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('access', () => {
  it('403 without the permission, 404 from another organisation', async () => {
    const trainer = await t.as('ibb', 'trainer');
    expect((await trainer.get('/api/v1/surveys')).status).toBe(403);
    expect((await analyst.post('/api/v1/surveys', { title: tx('X'), questions: [] })).status).toBe(403);
    expect((await analyst.post(`/api/v1/surveys/${surveyId}/responses`, { answers: {} })).status).toBe(403);
    expect((await counsellor.get(`/api/v1/surveys/${surveyId}/responses`)).status).toBe(403);
    const izmir = await t.as('izmir', 'counsellor');
    expect((await izmir.get(`/api/v1/surveys/${surveyId}`)).status).toBe(404);
    expect((await izmir.get(`/api/v1/surveys/${surveyId}/results`)).status).toBe(404);
    expect(
      (await izmir.post(`/api/v1/surveys/${surveyId}/responses`, { answers: { closed: 'no', income: 2 } })).status,
    ).toBe(404);
    expect((await t.anonymous.get('/api/v1/surveys')).status).toBe(401);
  });
});
