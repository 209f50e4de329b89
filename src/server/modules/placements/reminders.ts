import type { Ctx } from '../../lib/context.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { enqueue } from '../outbox/index.ts';
import { remindDueFollowUps } from './placements.service.ts';

function localeOf(languages: { code: string }[]): Locale {
  return languages.map((l) => l.code).find((c) => isLocale(c)) ?? 'tr';
}

/**
 * The `placement-follow-ups` sweep: overdue follow-ups remind the person by SMS (through the outbox, in
 * their language) and become the counsellor's task. Returns how many follow-ups were acted on.
 */
export function remindFollowUps(ctx: Ctx): Promise<number> {
  return remindDueFollowUps(ctx, async (c, m) => {
    await enqueue(c, {
      channel: 'sms',
      recipient: m.phone,
      template: 'placement-follow-up',
      locale: localeOf(m.languages),
      params: { name: m.name, employer: m.employer },
      organisationId: m.organisationId,
      userId: m.userId,
    });
  });
}
