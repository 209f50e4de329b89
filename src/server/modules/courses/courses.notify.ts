import { and, eq } from 'drizzle-orm';
import { persons, type courses } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import type { Locale } from '../../../common/locales.ts';
import { calendarDate } from '../../../common/message-format.ts';
import { enqueue, type Template } from '../outbox/index.ts';

type CourseRow = typeof courses.$inferSelect;

/** The person's language for messages: the first of Turkish, English or Arabic they speak (else Turkish). */
function localeOf(person: { languages: { code: string }[] }): Locale {
  for (const l of person.languages) if (l.code === 'tr' || l.code === 'en' || l.code === 'ar') return l.code;
  return 'tr';
}

function titleIn(course: CourseRow, locale: Locale): string {
  return (locale === 'en' ? course.titleEn : locale === 'ar' ? course.titleAr : null) ?? course.titleTr;
}

/**
 * Tells an applicant of a decision (enrolled, on the waiting list, or the course cancelled) by SMS, or e-mail when they have
 * no phone, in their language; queued in the caller's transaction (nothing is sent if it rolls back).
 */
export async function notifyApplicant(
  ctx: Ctx,
  course: CourseRow,
  personId: string,
  template: Extract<Template, 'course-enrolled' | 'course-waiting' | 'course-cancelled'>,
  extra: { place: string; time: string },
): Promise<void> {
  const [person] = await ctx.db
    .select()
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.organisationId, course.organisationId)));
  if (!person) return;
  const channel = person.phone ? 'sms' : person.email ? 'email' : null;
  if (!channel) return;
  const locale = localeOf(person);
  await enqueue(ctx, {
    channel,
    recipient: channel === 'sms' ? person.phone! : person.email!,
    template,
    locale,
    params: {
      name: person.givenName,
      course: titleIn(course, locale),
      date: calendarDate(course.startDate),
      time: extra.time,
      place: extra.place,
    },
    organisationId: course.organisationId,
    userId: person.userId,
    meta: { courseId: course.id, kind: template },
  });
}
