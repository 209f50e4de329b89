/**
 * The access review (DATA-PROTECTION.md, "the data-protection officer's desk"): who holds the right to
 * read special categories or reveal ID numbers, through which roles, and when they last used it; and the
 * log of those reads, filterable and exportable as CSV. Reads identity and audit through their index.ts.
 */
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { lastSensitiveReads, sensitiveReads, type SensitiveReadFilter } from '../audit/index.ts';
import { permissionHolders } from '../identity/index.ts';
import { REVIEWED_PERMISSIONS } from '../../../common/contracts/dataprotection.ts';

const EXPORT_LIMIT = 50_000;

export async function accessReview(ctx: Ctx) {
  const organisationId = actorOf(ctx).organisationId;
  const [holders, last] = [
    await permissionHolders(ctx.db, organisationId, REVIEWED_PERMISSIONS),
    await lastSensitiveReads(ctx.db, organisationId),
  ];
  const lastOf = (userId: string, actions: string[]) => {
    const times = last.filter((l) => l.actorUserId === userId && actions.includes(l.action) && l.at).map((l) => l.at!);
    return times.length ? new Date(Math.max(...times.map((d) => new Date(d).getTime()))).toISOString() : null;
  };
  return {
    holders: holders
      .map((h) => ({
        id: h.id,
        fullName: h.fullName,
        status: h.status,
        roles: h.roles,
        permissions: h.permissions as (typeof REVIEWED_PERMISSIONS)[number][],
        lastSignInAt: h.lastSignInAt?.toISOString() ?? null,
        lastSpecialCategoryRead: lastOf(h.id, ['person.special-category-read', 'person.special-category-listed']),
        lastIdReveal: lastOf(h.id, ['person.id-number-revealed']),
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'tr')),
  };
}

export function listReads(ctx: Ctx, filter: SensitiveReadFilter) {
  return sensitiveReads(ctx.db, actorOf(ctx).organisationId, filter);
}

function csvCell(value: string): string {
  // A cell starting with = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered log as CSV for a spreadsheet in the caller's language; the export itself is audited. */
export async function exportReads(ctx: Ctx, filter: Omit<SensitiveReadFilter, 'page' | 'pageSize'>) {
  const { items } = await sensitiveReads(ctx.db, actorOf(ctx).organisationId, {
    ...filter,
    page: 1,
    pageSize: EXPORT_LIMIT,
  });
  const l = ctx.locale;
  const header = ['at', 'actor', 'action', 'subjectId', 'purpose'].map((f) =>
    t(l, `dataProtection.reads.columns.${f}`),
  );
  const lines = [
    header,
    ...items.map((r) => [
      r.at,
      r.actor?.name ?? '',
      t(l, `audit.actions.${r.action}`),
      r.subjectId ?? '',
      r.purpose ?? '',
    ]),
  ].map((cells) => cells.map(csvCell).join(';'));
  await audit(ctx.db, ctx, {
    action: 'data.exported',
    subjectType: 'export',
    subjectId: null,
    purpose: `sensitive-reads:${items.length}`,
  });
  return {
    fileName: `hassas-okumalar-${ctx.clock.now().toISOString().slice(0, 10)}.csv`,
    mediaType: 'text/csv; charset=utf-8',
    content: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
  };
}
