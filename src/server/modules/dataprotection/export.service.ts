/**
 * The access export (KVKK art. 11(1)(a)–(c)): everything held on a person, gathered through each owner
 * module's index.ts, as JSON and as an XLSX workbook with readable headers in the person's language.
 * `EXPORT_COVERAGE` names every table the export reads; export-coverage.int.test.ts walks the database
 * schema and fails on a table that refers to a person and is neither covered nor excluded with a reason.
 */
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { dpRequests } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { hasKey, t } from '../../lib/i18n.ts';
import { inOrder } from '../../lib/in-order.ts';
import type { Locale } from '../../../common/locales.ts';
import { personDataOf, personTraces } from '../people/index.ts';
import { referralDataOf } from '../referrals/index.ts';
import { messagesOf } from '../outbox/index.ts';
import { accountsOf } from '../identity/index.ts';
import { eventsAbout } from '../audit/index.ts';
import { placementDataOf } from '../placements/index.ts';
import { courseDataOf } from '../courses/index.ts';
import { graduationDataOf } from '../graduation/index.ts';
import { childcareDataOf } from '../childcare/index.ts';
import { surveysDataOf } from '../surveys/index.ts';
import { cooperativesDataOf } from '../cooperatives/index.ts';
import { fairDataOf } from '../fairs/index.ts';

type Row = Record<string, unknown>;

/** Each table that holds data about a person, and the export section that carries it. */
export const EXPORT_COVERAGE: Record<string, string> = {
  persons: 'person',
  person_target_groups: 'targetGroups',
  work_history: 'workHistory',
  notice_acknowledgements: 'noticeAcknowledgements',
  consents: 'consents',
  cases: 'cases',
  case_notes: 'caseNotes',
  case_steps: 'caseSteps',
  case_transfers: 'caseTransfers',
  households: 'households',
  household_members: 'householdMembership',
  social_aid_records: 'socialAid',
  household_incomes: 'householdIncomes',
  appointments: 'appointments',
  person_documents: 'documents',
  work_permits: 'workPermits',
  import_job_rows: 'importRows',
  referrals: 'referrals',
  referral_events: 'referralEvents',
  disclosure_log: 'disclosureLog',
  rectification_notices: 'rectificationNotices',
  outbox_messages: 'messages',
  users: 'account',
  sessions: 'signIns',
  audit_events: 'auditTrail',
  dp_requests: 'requests',
  placements: 'placements',
  placement_follow_ups: 'placementFollowUps',
  graduations: 'graduations',
  course_applications: 'courseApplications',
  course_attendance: 'courseAttendance',
  course_certificates: 'courseCertificates',
  childcare_places: 'childcarePlaces',
  survey_responses: 'surveyResponses',
  cooperative_members: 'cooperativeMemberships',
  fair_visitors: 'fairVisits',
  fair_applications: 'fairApplications',
};

/**
 * Tables that refer to a person but are not in the export, each with the reason (the coverage test
 * fails on any other).
 */
export const EXPORT_EXCLUSIONS: Record<string, string> = {
  dp_exports: 'the record of the exports themselves: their contents list is what the export is',
  dp_destruction_records: 'written when the person has been anonymised; names only a pseudonymous reference',
  dp_destruction_batch_items:
    "a periodic destruction batch: the record's id (pseudonymous once anonymised), the dates the retention rules ran from",
  dp_request_documents: 'files of the requests, listed with them; the person sent or received them',
  one_time_codes: 'hashes of sign-in codes, useless to the person and expired within minutes',
  action_tokens: 'hashes of links (seeker accounts sign in with codes and have none)',
  recovery_codes: 'hashes of second-factor recovery codes (staff only)',
  user_roles: 'the seeker role of the account, implied by the account section',
  employer_users: 'employer portal users, not job seekers',
  saved_filters: 'filters staff saved on the person list: they belong to the staff member',
  person_matching_features:
    'a sealed, keyed copy of the target-group and work-permit facts the export carries, derived for the matcher',
};

/** Gathers every section for a person, in a fixed order. */
export async function gatherPersonData(ctx: Ctx, personId: string): Promise<Record<string, Row[]>> {
  const organisationId = actorOf(ctx).organisationId;
  const traces = await personTraces(ctx.db, organisationId, personId);
  const [
    people,
    referrals,
    placementData,
    graduationData,
    courseData,
    childcareData,
    surveyData,
    cooperativeData,
    fairData,
    messages,
    account,
    audit,
    requests,
  ] = await inOrder(
    () => personDataOf(ctx, personId),
    () => referralDataOf(ctx.db, organisationId, traces.personIds),
    () => placementDataOf(ctx.db, organisationId, traces.personIds),
    () => graduationDataOf(ctx.db, organisationId, traces.personIds),
    () => courseDataOf(ctx.db, organisationId, traces.personIds),
    () => childcareDataOf(ctx.db, organisationId, traces.personIds),
    () => surveysDataOf(ctx, organisationId, traces.personIds),
    () => cooperativesDataOf(ctx.db, organisationId, traces.personIds),
    () => fairDataOf(ctx.db, organisationId, traces.personIds),
    () => messagesOf(ctx.db, organisationId, { userIds: traces.userIds, recipients: traces.contacts }),
    () => accountsOf(ctx.db, organisationId, traces.userIds),
    () => eventsAbout(ctx.db, organisationId, traces.personIds),
    () =>
      ctx.db
        .select()
        .from(dpRequests)
        .where(and(eq(dpRequests.organisationId, organisationId), inArray(dpRequests.personId, traces.personIds))),
  );
  return {
    ...people,
    ...referrals,
    ...placementData,
    ...graduationData,
    ...courseData,
    ...childcareData,
    ...surveyData,
    ...cooperativeData,
    ...fairData,
    messages: messages as unknown as Row[],
    account: account.accounts as unknown as Row[],
    signIns: account.sessions as unknown as Row[],
    auditTrail: audit as unknown as Row[],
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      details: r.details,
      identityMethod: r.identityMethod,
      answer: r.answer,
      refusalReason: r.refusalReason,
      answeredAt: r.answeredAt?.toISOString() ?? null,
    })),
  };
}

/** What the DPO sees: each section and its number of rows. */
export function contentsOf(data: Record<string, Row[]>): { section: string; rows: number }[] {
  return Object.entries(data).map(([section, rows]) => ({ section, rows: rows.length }));
}

export function sectionTitle(locale: Locale, section: string): string {
  const key = `dataProtection.sections.${section}`;
  return hasKey(locale, key) ? t(locale, key) : section;
}

function header(locale: Locale, field: string): string {
  const key = `dataProtection.fields.${field}`;
  return hasKey(locale, key) ? t(locale, key) : field;
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** The JSON file: sections keyed by their title in the person's language, fields as they are named in the API. */
export function exportJson(locale: Locale, data: Record<string, Row[]>, madeAt: Date): Buffer {
  const out: Record<string, unknown> = { madeAt: madeAt.toISOString(), locale };
  for (const [section, rows] of Object.entries(data)) out[section] = { title: sectionTitle(locale, section), rows };
  return Buffer.from(JSON.stringify(out, null, 2), 'utf8');
}

/** The workbook: a contents sheet, then one sheet per non-empty section with translated headers. */
export async function exportXlsx(locale: Locale, data: Record<string, Row[]>, madeAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = madeAt;
  const rtl = locale === 'ar';
  const contents = workbook.addWorksheet(t(locale, 'dataProtection.export.contents').slice(0, 31), {
    views: [{ rightToLeft: rtl }],
  });
  contents.addRow([t(locale, 'dataProtection.export.section'), t(locale, 'dataProtection.export.rows')]);
  contents.getRow(1).font = { bold: true };
  const used = new Set<string>();
  for (const [section, rows] of Object.entries(data)) {
    const title = sectionTitle(locale, section);
    contents.addRow([title, rows.length]);
    if (rows.length === 0) continue;
    let name = title.replace(/[[\]*?/\\:]/g, ' ').slice(0, 31);
    for (let n = 2; used.has(name); n++) name = `${title.slice(0, 28)} ${n}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }] });
    const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    sheet.addRow(fields.map((f) => header(locale, f)));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(fields.map((f) => cell(r[f])));
    sheet.columns.forEach((c) => (c.width = 22));
  }
  contents.columns.forEach((c) => (c.width = 36));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
