import { inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { intlLocaleOf } from '../../../common/message-format.ts';
import { addDays, dueReminder, REMINDER_LEAD_DAYS } from '../../../common/international.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { enqueue } from '../outbox/index.ts';
import { claimReminder, dueReminders } from './international.service.ts';

/** The deadline in words, as the rest of the app writes dates in that language ("4 December 2026", not US order). */
function longDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocaleOf(locale), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/**
 * The daily `international-follow-ups` sweep: the owner of an open follow-up action receives an e-mail
 * (through the outbox, in their language) REMINDER_LEAD_DAYS days before its deadline, and another once
 * it is overdue — each stage once per action, whatever the number of runs (the stage is claimed in the
 * transaction that queues the message). Works by the application clock. Returns the messages queued.
 */
export async function remindFollowUpActions(ctx: Ctx): Promise<number> {
  const day = turkishDate(ctx.clock.now());
  const due = await dueReminders(ctx, day, addDays(day, REMINDER_LEAD_DAYS));
  let sent = 0;
  for (const r of due) {
    const stage = dueReminder(r.deadline, day, { before: r.stage === 'overdue', overdue: false });
    if (stage !== r.stage) continue;
    const queued = await inTransaction(ctx, async (c) => {
      if (!(await claimReminder(c, r))) return false;
      const locale: Locale = r.ownerLocale && isLocale(r.ownerLocale) ? r.ownerLocale : 'tr';
      if (r.ownerEmail)
        await enqueue(c, {
          channel: 'email',
          recipient: r.ownerEmail,
          template: r.stage === 'overdue' ? 'international-action-overdue' : 'international-action-due',
          locale,
          params: { name: r.ownerName, action: r.title, deadline: longDate(r.deadline, locale) },
          organisationId: r.organisationId,
          userId: r.ownerId,
        });
      await audit(c.db, c, {
        action: 'intl-follow-up.reminded',
        subjectType: 'intl-follow-up',
        subjectId: r.followUpId,
        fields: [r.stage],
      });
      return r.ownerEmail !== null;
    });
    if (queued) sent += 1;
  }
  return sent;
}
