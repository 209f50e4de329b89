import QRCode from 'qrcode';
import { and, eq } from 'drizzle-orm';
import { organisations } from '../../db/schema/index.ts';
import type { courseCertificates, courses, iscoGroups, persons } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { t } from '../../lib/i18n.ts';
import type { Locale } from '../../../common/locales.ts';
import { calendarDate } from '../../../common/message-format.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { PdfWriter } from '../people/index.ts';

interface CertificateData {
  cert: typeof courseCertificates.$inferSelect;
  course: typeof courses.$inferSelect;
  person: typeof persons.$inferSelect;
  occupation: typeof iscoGroups.$inferSelect | null;
}

function localeOfPerson(person: { languages: { code: string }[] }): Locale {
  for (const l of person.languages) if (l.code === 'tr' || l.code === 'en' || l.code === 'ar') return l.code;
  return 'tr';
}

/** The public page that confirms a certificate by its code (what the QR code opens). */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(code)}`;
}

/**
 * The course's own participation certificate: the Turkish text first (authoritative), then the same
 * text in the person's language when it is not Turkish, then the verification code with a QR code of
 * the public check.
 */
export async function certificatePdf(ctx: Ctx, data: CertificateData, options: { compress?: boolean } = {}) {
  const { cert, course, person, occupation } = data;
  const [org] = await ctx.db
    .select({ name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, cert.organisationId)));
  const organisation = org?.name ?? '';
  const personal = localeOfPerson(person);
  const url = verificationUrl(ctx.config.publicUrl, cert.code);
  const pdf = new PdfWriter({
    locale: 'tr',
    title: t('tr', 'pdf.certificate.title'),
    author: organisation,
    createdAt: cert.issuedAt,
    compress: options.compress,
  });
  const passage = (locale: Locale) => {
    pdf.direction(locale);
    const title = (locale === 'en' ? course.titleEn : locale === 'ar' ? course.titleAr : null) ?? course.titleTr;
    const occupationTitle =
      (locale === 'en' ? occupation?.titleEn : locale === 'ar' ? occupation?.titleAr : occupation?.titleTr) ?? '';
    const params = {
      name: `${person.givenName} ${person.familyName}`,
      organisation,
      course: title,
      hours: course.hours,
      start: calendarDate(course.startDate),
      end: calendarDate(course.endDate),
      occupation: occupationTitle,
      isco: course.iscoCode,
    };
    pdf.heading(t(locale, 'pdf.certificate.title'), 20);
    pdf.paragraph(organisation, { size: 11, bold: true, after: 10 });
    pdf.paragraph(t(locale, 'pdf.certificate.body', params), { size: 12, after: 8 });
    pdf.paragraph(t(locale, 'pdf.certificate.occupation', params), { size: 10, after: 4 });
    pdf.paragraph(t(locale, 'pdf.certificate.issued', { date: calendarDate(turkishDate(cert.issuedAt)) }), {
      size: 10,
      after: 8,
    });
  };
  passage('tr');
  if (personal !== 'tr') {
    pdf.rule();
    pdf.direction(personal);
    pdf.paragraph(t(personal, 'pdf.certificate.translationNote'), { size: 8, color: '#555555', after: 6 });
    passage(personal);
  }
  pdf.direction('tr');
  pdf.rule();
  pdf.paragraph(t('tr', 'pdf.certificate.code', { code: cert.code }), { size: 11, bold: true, after: 4 });
  if (personal !== 'tr') {
    pdf.direction(personal);
    pdf.paragraph(t(personal, 'pdf.certificate.code', { code: cert.code }), { size: 10, after: 4 });
    pdf.direction('tr');
  }
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = 110;
  const cell = side / (n + 8);
  pdf.block(side, (doc, x, y) => {
    doc.rect(x, y, side, side).fill('#ffffff');
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++)
        if (qr.modules.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell).fill('#000000');
  });
  pdf.paragraph(t('tr', 'pdf.certificate.verifyAt', { url }), { size: 9, after: 2 });
  return pdf.finish();
}
