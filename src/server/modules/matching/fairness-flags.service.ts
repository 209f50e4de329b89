import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { matchingFairnessFlags, matchingProposalTallies, matchingSeekerTallies, users } from '../../db/schema/index.ts';
import { jobActor, type Actor } from '../../lib/access.ts';
import { auditMany } from '../../lib/audit.ts';
import { inTransaction, type Ctx } from '../../lib/context.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { calendarDate, term, type MessageParam } from '../../../common/message-format.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { permissionHolders } from '../identity/index.ts';
import { enqueue } from '../outbox/index.ts';
import { fairnessReport } from './fairness.service.ts';

/**
 * Fairness flags told to managers (docs/MATCHING.md, "Fairness flags to managers"). The daily
 * `matching-fairness-sweep` reads each organisation's fairness monitor over the last FLAG_WINDOW_DAYS days
 * (every office, every occupation), as a manager does — suppressed, special-category groups left out — and
 * compares its flagged rows with the flags still open: a new flag is stored and told once, by e-mail
 * through the outbox, to every active user holding `matching:fairness`; a flag that no longer holds is
 * cleared (told again only if raised anew). The unique open flag per organisation makes a second run, or
 * two at once, tell nobody twice.
 */

export const FLAG_WINDOW_DAYS = 90;

function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The monitor as a manager of the organisation sees it (offices:all, no special-category:read). */
function monitorActor(organisationId: string): Actor {
  return jobActor({
    job: 'matching-fairness-sweep',
    organisationId,
    permissions: ['matching:fairness', 'offices:all'],
  });
}

interface Flag {
  key: string;
  measure: string;
  dimension: string;
  cell: string;
  ratio: number;
  share: number | null;
  poolShare: number | null;
}

function groupTerm(dimension: string, cell: string): MessageParam {
  if (dimension === 'sex') return term(`fairness.sexes.${cell}`);
  if (dimension === 'group') return cell === 'none' ? term('fairness.noGroup') : term(`groups.names.${cell}`);
  return cell;
}

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

export async function sweepFairnessFlags(ctx: Ctx): Promise<{ raised: number; cleared: number; told: number }> {
  const today = turkishDate(ctx.clock.now());
  const from = daysBefore(today, FLAG_WINDOW_DAYS - 1);
  const orgRows = await ctx.db.execute(sql`
    SELECT DISTINCT organisation_id::text AS id FROM ${matchingProposalTallies} WHERE listed_on >= ${from}
    UNION SELECT DISTINCT organisation_id::text FROM ${matchingSeekerTallies} WHERE listed_on >= ${from}
    UNION SELECT DISTINCT organisation_id::text FROM ${matchingFairnessFlags} WHERE cleared_on IS NULL`);
  const organisations = (orgRows as { rows: { id: string }[] }).rows.map((r) => r.id);
  const outcome = { raised: 0, cleared: 0, told: 0 };
  for (const organisationId of organisations) {
    const report = await fairnessReport({ ...ctx, actor: monitorActor(organisationId) }, { from, to: today });
    const flagged = new Map<string, Flag>();
    for (const table of report.tables)
      for (const row of table.rows)
        if (row.flagged && row.ratio !== null) {
          const key = `${table.measure}|${table.dimension}|${row.cell}`;
          flagged.set(key, {
            key,
            measure: table.measure,
            dimension: table.dimension,
            cell: row.cell,
            ratio: row.ratio,
            share: row.share,
            poolShare: row.poolShare,
          });
        }
    await inTransaction(ctx, async (c) => {
      const open = await c.db
        .select()
        .from(matchingFairnessFlags)
        .where(and(eq(matchingFairnessFlags.organisationId, organisationId), isNull(matchingFairnessFlags.clearedOn)));
      const gone = open.filter((f) => !flagged.has(f.flag)).map((f) => f.id);
      if (gone.length)
        await c.db
          .update(matchingFairnessFlags)
          .set({ clearedOn: today })
          .where(inArray(matchingFairnessFlags.id, gone));
      outcome.cleared += gone.length;
      const fresh = [...flagged.values()].filter((f) => !open.some((o) => o.flag === f.key));
      if (fresh.length === 0) return;
      const raised: (Flag & { id: string })[] = [];
      for (const f of fresh) {
        const [row] = await c.db
          .insert(matchingFairnessFlags)
          .values({ organisationId, flag: f.key, ratio: f.ratio, raisedOn: today })
          .onConflictDoNothing()
          .returning({ id: matchingFairnessFlags.id });
        if (row) raised.push({ ...f, id: row.id });
      }
      if (raised.length === 0) return;
      const holders = (await permissionHolders(c.db, organisationId, ['matching:fairness'])).filter(
        (h) => h.status === 'active',
      );
      const recipients = holders.length
        ? await c.db
            .select({ id: users.id, fullName: users.fullName, email: users.email, locale: users.locale })
            .from(users)
            .where(
              inArray(
                users.id,
                holders.map((h) => h.id),
              ),
            )
        : [];
      let told = 0;
      for (const f of raised) {
        for (const r of recipients) {
          if (!r.email) continue;
          const locale: Locale = r.locale && isLocale(r.locale) ? r.locale : 'tr';
          await enqueue(c, {
            channel: 'email',
            recipient: r.email,
            template: 'matching-fairness-flag',
            locale,
            params: {
              name: r.fullName,
              measure: term(`fairness.measures.${f.measure}`),
              group: groupTerm(f.dimension, f.cell),
              share: percent(f.share),
              poolShare: percent(f.poolShare),
              ratio: f.ratio,
              from: calendarDate(from),
              to: calendarDate(today),
            },
            organisationId,
            userId: r.id,
          });
          told++;
        }
        await c.db.update(matchingFairnessFlags).set({ told }).where(eq(matchingFairnessFlags.id, f.id));
        outcome.told += told;
        told = 0;
      }
      outcome.raised += raised.length;
      await auditMany(
        c.db,
        c,
        raised.map((f) => ({
          action: 'matching.fairness-flag-raised' as const,
          subjectType: 'settings' as const,
          subjectId: f.id,
          organisationId,
          actorKind: 'system' as const,
          fields: [f.measure, f.dimension, f.cell],
          purpose: `ratio:${f.ratio};${from}..${today}`,
        })),
      );
    });
  }
  return outcome;
}
