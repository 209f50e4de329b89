import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  consents,
  organisations,
  persons,
  surveyLinks,
  surveyResponses,
  surveys,
  surveyVersions,
  users,
} from '../schema/index.ts';
import { encrypt, randomToken } from '../../lib/crypto.ts';
import { districtsOf } from '../../lib/geography.ts';
import { ageBandOf, ageOn } from '../../../common/indicators.ts';
import { splitSpecial, validateResponse, type Answers, type SurveyQuestion } from '../../../common/surveys.ts';
import type { DemoKeys } from './demo-people.ts';

const DAY_MS = 86_400_000;
const tx3 = (tr: string, en: string, ar: string) => ({ tr, en, ar });
const yesNo = [
  { value: 'yes', label: tx3('Evet', 'Yes', 'نعم') },
  { value: 'no', label: tx3('Hayır', 'No', 'لا') },
];

/** The market-vendor COVID-19 impact survey (issue 17): the demo's published survey with a public link. */
export const MARKET_VENDOR_QUESTIONS: SurveyQuestion[] = [
  {
    key: 'goods',
    type: 'multiple',
    text: tx3('Pazarda ne satıyorsunuz?', 'What do you sell at the market?', 'ماذا تبيع في السوق؟'),
    required: true,
    special: false,
    options: [
      { value: 'produce', label: tx3('Meyve ve sebze', 'Fruit and vegetables', 'فواكه وخضروات') },
      { value: 'clothing', label: tx3('Giyim', 'Clothing', 'ملابس') },
      { value: 'household', label: tx3('Ev eşyası', 'Household goods', 'أدوات منزلية') },
      { value: 'food', label: tx3('Hazır gıda', 'Prepared food', 'أطعمة جاهزة') },
    ],
  },
  {
    key: 'closed',
    type: 'single',
    text: tx3(
      'Salgın sırasında pazar yeriniz kapandı mı?',
      'Was your market closed during the pandemic?',
      'هل أُغلق سوقك خلال الجائحة؟',
    ),
    required: true,
    special: false,
    options: yesNo,
  },
  {
    key: 'weeks-closed',
    type: 'number',
    text: tx3('Kaç hafta kapalı kaldı?', 'For how many weeks was it closed?', 'كم أسبوعاً بقي مغلقاً؟'),
    required: true,
    special: false,
    min: 0,
    max: 104,
    showIf: { question: 'closed', op: 'is', value: 'yes' },
  },
  {
    key: 'income-change',
    type: 'scale',
    text: tx3(
      'Salgından bu yana geliriniz nasıl değişti?',
      'How has your income changed since the pandemic?',
      'كيف تغيّر دخلك منذ الجائحة؟',
    ),
    required: true,
    special: false,
    min: 1,
    max: 5,
    minLabel: tx3('Çok azaldı', 'Fell a lot', 'انخفض كثيراً'),
    maxLabel: tx3('Arttı', 'Rose', 'ارتفع'),
  },
  {
    key: 'covid-illness',
    type: 'single',
    text: tx3('COVID-19 geçirdiniz mi?', 'Have you had COVID-19?', 'هل أُصبت بكوفيد-19؟'),
    required: false,
    special: true,
    options: yesNo,
  },
  {
    key: 'social-security',
    type: 'single',
    text: tx3(
      'Sosyal güvenlik kaydınız var mı?',
      'Are you registered for social security?',
      'هل أنت مسجّل في الضمان الاجتماعي؟',
    ),
    required: true,
    special: false,
    options: yesNo,
  },
  {
    key: 'market-district',
    type: 'district',
    text: tx3('Hangi ilçede satış yapıyorsunuz?', 'In which district do you sell?', 'في أي قضاء تبيع؟'),
    required: false,
    special: false,
    province: 'İstanbul',
    districts: districtsOf('İstanbul'),
  },
  {
    key: 'support-needed',
    type: 'text',
    text: tx3('En çok hangi desteğe ihtiyacınız var?', 'What support do you need most?', 'ما الدعم الذي تحتاجه أكثر؟'),
    required: false,
    special: false,
  },
];

const DISTRICTS = ['Fatih', 'Esenyurt', 'Bağcılar', 'Sultanbeyli', 'Küçükçekmece'];
const GOODS = ['produce', 'clothing', 'household', 'food'];
const SUPPORT = ['Tezgâh kirası desteği', 'Kısa vadeli kredi', 'Mesleki eğitim', 'Çocuk bakımı'];

/** A response of the demo, varied by its number (no randomness: the demo is the same everywhere). */
function demoAnswers(i: number): { answers: Answers; consent: boolean } {
  const closed = i % 3 !== 0 ? 'yes' : 'no';
  const answers: Answers = {
    goods: GOODS.filter((_, g) => (i + g) % 3 === 0 || g === i % 4),
    closed,
    'income-change': 1 + ((i * 7) % 4),
    'social-security': i % 4 === 0 ? 'yes' : 'no',
    'market-district': DISTRICTS[i % DISTRICTS.length]!,
  };
  if (closed === 'yes') answers['weeks-closed'] = 4 + ((i * 5) % 20);
  const consent = i % 2 === 0;
  if (consent) answers['covid-illness'] = i % 6 === 0 ? 'yes' : 'no';
  if (i % 5 === 0) answers['support-needed'] = SUPPORT[i % SUPPORT.length]!;
  return { answers, consent };
}

/**
 * Demo surveys (issue 17, docs/SURVEYS.md): İBB's market-vendor COVID-19 impact survey, published with
 * a public link, and 30 responses: from registered persons who gave survey consent (entered by a
 * counsellor), through the public link, and by phone.
 */
export async function seedDemoSurveys(tx: Db, keys: DemoKeys, now: Date = new Date()): Promise<void> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  if (!org) return;
  const [manager] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, org.id), eq(users.email, 'manager@ibb.example')));
  const [counsellor] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, org.id), eq(users.email, 'counsellor@ibb.example')));
  const created = new Date(now.getTime() - 45 * DAY_MS);
  const [survey] = await tx
    .insert(surveys)
    .values({
      organisationId: org.id,
      title: tx3(
        'Pazar esnafı COVID-19 etki anketi',
        'Market vendors: COVID-19 impact survey',
        'استبيان أثر كوفيد-19 على باعة الأسواق',
      ),
      description: tx3(
        'Salgının semt pazarlarında çalışan kayıt dışı esnafın geliri ve işi üzerindeki etkisi.',
        'How the pandemic affected the income and work of informal vendors at district markets.',
        'كيف أثرت الجائحة على دخل وعمل الباعة غير الرسميين في الأسواق الشعبية.',
      ),
      status: 'published',
      createdBy: manager?.id ?? null,
      createdAt: created,
      updatedAt: created,
    })
    .returning();
  const [version] = await tx
    .insert(surveyVersions)
    .values({
      organisationId: org.id,
      surveyId: survey!.id,
      number: 1,
      status: 'published',
      questions: MARKET_VENDOR_QUESTIONS,
      publishedAt: created,
      publishedBy: manager?.id ?? null,
      createdBy: manager?.id ?? null,
      createdAt: created,
      updatedAt: created,
    })
    .returning();
  const [link] = await tx
    .insert(surveyLinks)
    .values({
      organisationId: org.id,
      surveyId: survey!.id,
      token: randomToken(24),
      label: 'Semt pazarları',
      maxResponses: 500,
      closesAt: new Date(now.getTime() + 60 * DAY_MS),
      createdBy: manager?.id ?? null,
      createdAt: created,
    })
    .returning();

  // Registered persons of İBB who gave survey consent.
  const consenting = await tx
    .select({ person: persons })
    .from(consents)
    .innerJoin(persons, eq(persons.id, consents.personId))
    .where(and(eq(consents.organisationId, org.id), eq(consents.purpose, 'surveys'), isNull(consents.withdrawnAt)));
  const registered = consenting.map((c) => c.person).slice(0, 8);
  const today = now.toISOString().slice(0, 10);
  for (let i = 0; i < 30; i++) {
    const { answers, consent } = demoAnswers(i);
    if (validateResponse(version!.questions, answers, consent).length > 0) throw new Error(`demo survey answer ${i}`);
    const { plain, special } = splitSpecial(version!.questions, answers);
    const person = i < registered.length ? registered[i]! : null;
    const channel = person ? 'registered' : i % 4 === 0 ? 'interviewer' : 'public-link';
    const at = new Date(created.getTime() + (i + 1) * DAY_MS);
    await tx.insert(surveyResponses).values({
      organisationId: org.id,
      surveyId: survey!.id,
      versionId: version!.id,
      channel,
      linkId: channel === 'public-link' ? link!.id : null,
      personId: person?.id ?? null,
      enteredBy: channel === 'public-link' ? null : (counsellor?.id ?? null),
      respondentSex: person?.sex ?? null,
      respondentAgeBand: person ? ageBandOf(ageOn(person.birthDate, today)) : null,
      respondentDistrict: person?.district ?? null,
      answers: plain,
      specialEnc: Object.keys(special).length > 0 ? encrypt(JSON.stringify(special), keys.dataKey) : null,
      specialConsentAt: Object.keys(special).length > 0 ? at : null,
      locale: i % 3 === 1 ? 'ar' : 'tr',
      submittedAt: at,
    });
  }
}
