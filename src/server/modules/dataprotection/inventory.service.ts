/**
 * The personal-data processing inventory for VERBİS (KVKK art. 16; the Regulation on the Data Controllers'
 * Registry): per processing activity, the data subject groups, data categories, purposes, legal bases,
 * recipient groups, retention periods, transfers abroad and security measures. It is generated from the
 * system's own configuration where it can be — the retention rules, the disclosure log's recipients and
 * partners, whether the organisation requires two-factor sign-in, whether SMS and e-mail go through a
 * provider — and what the system cannot know the organisation writes over, column by column
 * (`dp_inventory_entries`). The export is CSV or XLSX in the chosen language (lib/tabular.ts).
 */
import { and, eq } from 'drizzle-orm';
import { dpInventoryEntries, organisations } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable, type TableFormat } from '../../lib/tabular.ts';
import type { Locale } from '../../../common/locales.ts';
import {
  DP_ACTIVITIES,
  DP_INVENTORY_FIELDS,
  type DpActivity,
  type DpInventoryField,
  type InventoryActivity,
  type RetentionRules,
} from '../../../common/contracts/dataprotection.ts';
import { disclosureRecipients } from '../referrals/index.ts';
import { getRetention } from './destruction.service.ts';

type Generated = Omit<InventoryActivity, 'overrides' | 'updatedAt' | 'transfersAbroad'>;

/** What the software itself does for every activity (SECURITY.md). */
const BASE_MEASURES = ['role-based-access', 'audit-log', 'office-scope', 'periodic-destruction', 'access-review'];
const ENCRYPTED = ['encryption-at-rest', 'blind-index', 'sensitive-read-log'];

/** The activities as the system carries them out. */
function generated(options: { employers: number; mfa: boolean; providers: boolean }): Generated[] {
  const measures = (...extra: string[]) => [...BASE_MEASURES, ...(options.mfa ? ['two-factor'] : []), ...extra];
  const rows: Record<DpActivity, Omit<Generated, 'activity'>> = {
    registration: {
      subjectGroups: ['job-seekers'],
      categories: ['identity', 'contact', 'id-number', 'education', 'work-history'],
      purposes: ['employment-services', 'statistics'],
      legalBases: ['law', 'legal-obligation', 'public-duty-notice'],
      recipients: ['public-authorities'],
      retention: 'case-rules',
      securityMeasures: measures(...ENCRYPTED),
    },
    'special-categories': {
      subjectGroups: ['job-seekers'],
      categories: ['health-and-disability', 'ethnic-origin'],
      purposes: ['priority-services', 'disability-quota'],
      legalBases: ['law-special', 'explicit-consent'],
      recipients: [],
      retention: 'case-rules',
      securityMeasures: measures(...ENCRYPTED, 'restricted-permission'),
    },
    'protection-status': {
      subjectGroups: ['job-seekers'],
      categories: ['protection-status', 'id-number'],
      purposes: ['work-permits', 'employment-services'],
      legalBases: ['law', 'legal-obligation'],
      recipients: ['public-authorities'],
      retention: 'case-rules',
      securityMeasures: measures(...ENCRYPTED, 'restricted-permission'),
    },
    'household-aid': {
      subjectGroups: ['job-seekers', 'household-members'],
      categories: ['household-and-aid', 'identity'],
      purposes: ['social-aid-coordination'],
      legalBases: ['law', 'legal-obligation'],
      recipients: [],
      retention: 'case-rules',
      securityMeasures: measures(),
    },
    referrals: {
      subjectGroups: ['job-seekers'],
      categories: ['identity', 'contact', 'education', 'work-history'],
      purposes: ['job-placement'],
      legalBases: ['explicit-consent'],
      recipients: options.employers > 0 ? ['employers'] : [],
      retention: 'case-rules',
      securityMeasures: measures('disclosure-log'),
    },
    placements: {
      subjectGroups: ['job-seekers'],
      categories: ['identity', 'work-history', 'employer'],
      purposes: ['retention-follow-up', 'statistics'],
      legalBases: ['law', 'legal-obligation'],
      recipients: ['public-authorities'],
      retention: 'case-rules',
      securityMeasures: measures(),
    },
    courses: {
      subjectGroups: ['job-seekers', 'trainers'],
      categories: ['identity', 'contact', 'education'],
      purposes: ['vocational-training'],
      legalBases: ['law', 'public-duty-notice'],
      recipients: [],
      retention: 'case-rules',
      securityMeasures: measures(),
    },
    messages: {
      subjectGroups: ['job-seekers', 'employer-contacts'],
      categories: ['contact'],
      purposes: ['service-messages'],
      legalBases: ['legal-obligation', 'explicit-consent'],
      recipients: options.providers ? ['data-processors'] : [],
      retention: 'case-rules',
      securityMeasures: measures(),
    },
    accounts: {
      subjectGroups: ['job-seekers', 'employer-contacts', 'staff'],
      categories: ['account', 'contact'],
      purposes: ['service-access-security'],
      legalBases: ['legitimate-interest', 'legal-obligation'],
      recipients: [],
      retention: 'account',
      securityMeasures: measures('password-hashing'),
    },
    'employer-relations': {
      subjectGroups: ['employer-contacts'],
      categories: ['employer', 'contact'],
      purposes: ['employer-relations', 'decent-work'],
      legalBases: ['law', 'legitimate-interest'],
      recipients: [],
      retention: 'employer-relationship',
      securityMeasures: measures(...ENCRYPTED.slice(0, 1)),
    },
    // Job fairs (FAIRS.md): walk-ins register on their phone with the notice; applications become referrals
    // (their disclosure to employers is the referrals activity's).
    'job-fairs': {
      subjectGroups: ['job-seekers', 'fair-visitors'],
      categories: ['identity', 'contact'],
      purposes: ['job-fairs', 'statistics'],
      legalBases: ['public-duty-notice'],
      recipients: [],
      retention: 'fair-walk-ins',
      securityMeasures: measures(),
    },
  };
  return DP_ACTIVITIES.map((activity) => ({ activity, ...rows[activity] }));
}

export async function getInventory(ctx: Ctx): Promise<{ items: InventoryActivity[]; rules: RetentionRules }> {
  const organisationId = actorOf(ctx).organisationId;
  const [org] = await ctx.db
    .select({ requireMfa: organisations.requireMfa })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const disclosed = await disclosureRecipients(ctx.db, organisationId);
  const { rules } = await getRetention(ctx);
  const entries = await ctx.db
    .select()
    .from(dpInventoryEntries)
    .where(eq(dpInventoryEntries.organisationId, organisationId));
  const providers = Boolean(ctx.config.smtpUrl) || ctx.config.sms.provider !== 'none';
  const items = generated({ employers: disclosed.employers, mfa: org?.requireMfa ?? false, providers }).map((g) => {
    const entry = entries.find((e) => e.activity === g.activity);
    const partners = g.activity === 'referrals' ? disclosed.partners : [];
    return {
      ...g,
      recipients: partners.length ? [...g.recipients, 'partners'] : g.recipients,
      transfersAbroad: partners,
      overrides: entry?.overrides ?? {},
      updatedAt: entry?.updatedAt.toISOString() ?? null,
    };
  });
  return { items, rules };
}

export async function updateActivity(
  ctx: Ctx,
  activity: DpActivity,
  input: Partial<Record<DpInventoryField, string>>,
): Promise<void> {
  const actor = actorOf(ctx);
  const overrides: Record<string, string> = {};
  for (const field of DP_INVENTORY_FIELDS) {
    const text = input[field]?.trim();
    if (text) overrides[field] = text;
  }
  await inTransaction(ctx, async (c) => {
    const [before] = await c.db
      .select()
      .from(dpInventoryEntries)
      .where(
        and(eq(dpInventoryEntries.organisationId, actor.organisationId), eq(dpInventoryEntries.activity, activity)),
      );
    const old = before?.overrides ?? {};
    const fields = DP_INVENTORY_FIELDS.filter((f) => (old[f] ?? '') !== (overrides[f] ?? ''));
    if (!fields.length) return;
    const values = { overrides, updatedBy: actor.userId, updatedAt: ctx.clock.now() };
    await c.db
      .insert(dpInventoryEntries)
      .values({ organisationId: actor.organisationId, activity, ...values })
      .onConflictDoUpdate({ target: [dpInventoryEntries.organisationId, dpInventoryEntries.activity], set: values });
    await audit(c.db, c, {
      action: 'dp-inventory.updated',
      subjectType: 'dp-inventory',
      subjectId: null,
      fields,
      purpose: activity,
    });
  });
}

/** A retention code in words, with the organisation's numbers. */
export function retentionText(locale: Locale, code: string, rules: RetentionRules): string {
  if (code === 'case-rules')
    return t(locale, 'dataProtection.inventory.retention.case-rules', {
      followUp: rules.followUpMonths,
      returnToAid: rules.returnToAidMonths,
      years: rules.statutoryYears,
      noCase: rules.noCaseMonths,
      interval: rules.intervalMonths,
    });
  if (code === 'fair-walk-ins')
    return t(locale, 'dataProtection.inventory.retention.fair-walk-ins', { months: rules.fairWalkInMonths });
  return t(locale, `dataProtection.inventory.retention.${code}`);
}

/** One cell of the inventory in words: the organisation's text if it wrote one, the generated one otherwise. */
function cell(locale: Locale, a: InventoryActivity, field: DpInventoryField, rules: RetentionRules): string {
  const own = a.overrides[field];
  if (own) return own;
  const words = (group: string, codes: readonly string[]) =>
    codes.map((c) => t(locale, `dataProtection.inventory.${group}.${c}`)).join('; ');
  switch (field) {
    case 'subjectGroups':
      return words('subjectGroups', a.subjectGroups);
    case 'categories':
      return a.categories.map((c) => t(locale, `dataProtection.breachCategories.${c}`)).join('; ');
    case 'purposes':
      return words('purposes', a.purposes);
    case 'legalBases':
      return words('legalBases', a.legalBases);
    case 'recipients':
      return a.recipients.length ? words('recipients', a.recipients) : t(locale, 'dataProtection.inventory.none');
    case 'retention':
      return retentionText(locale, a.retention, rules);
    case 'transfersAbroad':
      return a.transfersAbroad.length
        ? t(locale, 'dataProtection.inventory.partnersToComplete', { partners: a.transfersAbroad.join(', ') })
        : t(locale, 'dataProtection.inventory.none');
    case 'securityMeasures':
      return words('measures', a.securityMeasures);
  }
}

export async function exportInventory(ctx: Ctx, format: TableFormat, locale: Locale = ctx.locale) {
  const { items, rules } = await getInventory(ctx);
  const file = await writeTable(format, {
    baseName: `${t(locale, 'dataProtection.inventory.fileName')}-${ctx.clock.now().toISOString().slice(0, 10)}`,
    locale,
    sheets: [
      {
        name: t(locale, 'dataProtection.inventory.sheet'),
        minWidth: 18,
        columns: [
          { header: t(locale, 'dataProtection.inventory.columns.activity'), width: 30 },
          ...DP_INVENTORY_FIELDS.map((f) => ({
            header: t(locale, `dataProtection.inventory.columns.${f}`),
            width: 45,
          })),
        ],
        rows: items.map((a) => [
          t(locale, `dataProtection.inventory.activities.${a.activity}`),
          ...DP_INVENTORY_FIELDS.map((f) => cell(locale, a, f, rules)),
        ]),
      },
    ],
  });
  await audit(ctx.db, ctx, {
    action: 'dp-inventory.exported',
    subjectType: 'dp-inventory',
    subjectId: null,
    purpose: `${format}:${locale}`,
  });
  return { fileName: file.fileName, mediaType: file.contentType, content: file.body };
}
