import { and, eq } from 'drizzle-orm';
import { persons, users } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { problems } from '../../lib/errors.ts';
import { formatParams, calendarDate, money } from '../../../common/message-format.ts';
import { PdfWriter } from '../people/index.ts';
import { loadGraduation, organisationName } from './graduation.service.ts';

/**
 * The letter to the unit that pays the aid (the municipality's social services or the SYDV), in Turkish:
 * what the e-mail says, on paper, with a reference and a signature line. Available once approved; each
 * download is audited.
 */
export async function graduationLetter(
  ctx: Ctx,
  id: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const g = await loadGraduation(ctx.db, ctx, id);
  if (!g.payer || g.status === 'declined') throw problems.conflict('errors.graduation.notApproved', '/status');
  const [person] = await ctx.db
    .select({ given: persons.givenName, family: persons.familyName })
    .from(persons)
    .where(and(eq(persons.id, g.personId), eq(persons.organisationId, g.organisationId)));
  const [approver] = g.decidedBy
    ? await ctx.db
        .select({ name: users.fullName })
        .from(users)
        .where(and(eq(users.id, g.decidedBy), eq(users.organisationId, g.organisationId)))
    : [];
  const organisation = await organisationName(ctx.db, g.organisationId);
  const f = g.facts;
  const tr = (key: string, params: Record<string, string> = {}) => t('tr', key, params);
  const values = formatParams(
    'tr',
    {
      monthlyAid: money(f.monthlyAid),
      incomePerMember: money(f.incomePerMember),
      threshold: money(f.threshold ?? 0),
      since: calendarDate(f.work?.startDate ?? g.recommendedOn),
      decidedOn: calendarDate(g.decidedOn ?? g.recommendedOn),
    },
    (key, params) => t('tr', key, params),
  );
  const reference = g.id.slice(0, 8).toUpperCase();
  const pdf = new PdfWriter({
    locale: 'tr',
    title: tr('graduation.letter.title'),
    author: organisation,
    createdAt: ctx.clock.now(),
  });
  pdf.paragraph(organisation, { size: 11, bold: true, after: 2 });
  pdf.paragraph(tr('graduation.letter.dateRef', { date: values.decidedOn!, reference }), {
    size: 9,
    color: '#555555',
    after: 10,
  });
  pdf.paragraph(tr(`graduation.letter.to.${g.payer}`), { bold: true, after: 8 });
  pdf.heading(tr('graduation.letter.title'));
  pdf.paragraph(tr('graduation.letter.intro', { district: g.district ?? '' }));
  pdf.field(tr('graduation.letter.person'), `${person?.given ?? ''} ${person?.family ?? ''}`);
  pdf.field(tr('graduation.letter.district'), g.district ?? '');
  pdf.field(tr('graduation.letter.aid'), `${(f.aid ?? []).map((a) => a.programme).join(', ')} — ${values.monthlyAid}`);
  pdf.field(
    tr('graduation.letter.work'),
    tr('graduation.letter.workValue', { months: String(f.work?.months ?? 0), since: values.since! }),
  );
  pdf.field(
    tr('graduation.letter.income'),
    tr('graduation.letter.incomeValue', {
      perMember: values.incomePerMember!,
      threshold: values.threshold!,
      members: String(f.members),
    }),
  );
  pdf.rule();
  pdf.paragraph(tr('graduation.letter.request'));
  pdf.space(16);
  pdf.field(tr('graduation.letter.approvedBy'), approver?.name ?? '');
  pdf.field(tr('pdf.common.signatureLabel'));
  const content = await pdf.finish();
  await audit(ctx.db, ctx, {
    action: 'graduation.letter-downloaded',
    subjectType: 'graduation',
    subjectId: g.id,
    organisationId: g.organisationId,
  });
  return { fileName: `mezuniyet-${reference}.pdf`, mediaType: 'application/pdf', content };
}
