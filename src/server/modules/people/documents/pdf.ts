import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../../../common/locales.ts';
import { t } from '../../../lib/i18n.ts';

/**
 * Printable PDFs (information notice, consent form, CV) with pdfkit.
 *
 * Fonts: DejaVu Sans (npm `dejavu-fonts-ttf`; Bitstream Vera / DejaVu licence, free to embed) for
 * Latin text with every Turkish letter, and Noto Naskh Arabic (npm `@expo-google-fonts/noto-naskh-arabic`,
 * SIL Open Font License 1.1) for Arabic. Both are subset and embedded.
 *
 * Arabic: pdfkit hands each string to fontkit, which shapes Arabic (initial, medial, final and isolated
 * forms, lam-alef ligatures) and puts the glyphs of a right-to-left word in visual order; but pdfkit's
 * own line wrapping and spacing know nothing of right-to-left paragraphs (words come out in the wrong
 * order, spaces go missing). So this module lays lines out itself, as the Unicode bidirectional
 * algorithm would for two levels: words are classed Arabic or Latin (digits count as Latin; punctuation
 * takes the class of its neighbours when they agree, else the paragraph's), lines are filled greedily,
 * then each line is put in visual order (rule L2: an Arabic paragraph runs right to left, and a Latin
 * stretch inside it — a name, a number, "KVKK" — keeps its left-to-right order), right-aligned in
 * Arabic. Arabic words are drawn one by one; neighbouring Latin words are drawn as one string, so that
 * copying text out of the PDF keeps their spaces.
 */

const require = createRequire(import.meta.url);

interface FontFiles {
  latin: Buffer;
  latinBold: Buffer;
  arabic: Buffer;
  arabicBold: Buffer;
}

let fontFiles: FontFiles | undefined;

function fonts(): FontFiles {
  fontFiles ??= {
    latin: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    latinBold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    arabic: fs.readFileSync(
      require.resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
    ),
    arabicBold: fs.readFileSync(
      require.resolve('@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf'),
    ),
  };
  return fontFiles;
}

/** An Arabic letter (not Arabic punctuation such as the comma ، that may follow a Latin word). */
const ARABIC = /(?=\p{Script=Arabic})\p{L}/u;
const STRONG = /[\p{L}\p{N}]/u;

type Script = 'arabic' | 'latin';
type FontName = 'latin' | 'latinBold' | 'arabic' | 'arabicBold';

interface TextStyle {
  size?: number;
  bold?: boolean;
  /** Extra indent on the start side (left in Latin text, right in Arabic). */
  indent?: number;
  color?: string;
  /** Space after the paragraph. */
  after?: number;
}

interface Token {
  text: string;
  script: Script;
  /** Whether white space separates it from the token before (logically). */
  gap: boolean;
  width: number;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };

/** A simple flowing document: headings, paragraphs, bullets, tick boxes and signature lines. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** Right to left (Arabic): from the document's language, changed by `direction` for a passage in another. */
  rtl: boolean;
  private y = PAGE.margin;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(options: {
    locale: Locale;
    title: string;
    author: string;
    createdAt: Date;
    /** Uncompressed content streams (for inspection). */
    compress?: boolean;
  }) {
    this.rtl = options.locale === 'ar';
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      compress: options.compress ?? true,
      lang: options.locale,
      displayTitle: true,
      info: {
        Title: options.title,
        Author: options.author,
        Creator: 'Köprü',
        Producer: 'Köprü',
        CreationDate: options.createdAt,
      },
    });
    const f = fonts();
    this.doc.registerFont('latin', f.latin);
    this.doc.registerFont('latinBold', f.latinBold);
    this.doc.registerFont('arabic', f.arabic);
    this.doc.registerFont('arabicBold', f.arabicBold);
    this.doc.font('latin');
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private fontFor(script: Script, bold: boolean): FontName {
    return script === 'arabic' ? (bold ? 'arabicBold' : 'arabic') : bold ? 'latinBold' : 'latin';
  }

  private measure(text: string, script: Script, size: number, bold: boolean): number {
    return this.doc.font(this.fontFor(script, bold)).fontSize(size).widthOfString(text);
  }

  private get width(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  private lineHeight(size: number): number {
    return size * (this.rtl ? 1.75 : 1.45);
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.y + height > PAGE.height - PAGE.margin) {
      this.doc.addPage();
      this.y = PAGE.margin;
    }
  }

  space(points: number): void {
    this.y += points;
  }

  /** Cuts text into tokens with their script, splitting neutral punctuation off Latin words in Arabic text. */
  private tokens(text: string, size: number, bold: boolean): Token[] {
    const raw: { text: string; gap: boolean }[] = [];
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const m = this.rtl && !ARABIC.test(word) ? /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word) : null;
      if (m && m[2]) {
        if (m[1]) raw.push({ text: m[1], gap: true });
        raw.push({ text: m[2], gap: !m[1] });
        if (m[3]) raw.push({ text: m[3], gap: false });
      } else raw.push({ text: word, gap: true });
    }
    const strong: (Script | null)[] = raw.map((r) =>
      ARABIC.test(r.text) ? 'arabic' : STRONG.test(r.text) ? 'latin' : null,
    );
    const paragraph: Script = this.rtl ? 'arabic' : 'latin';
    return raw.map((r, i) => {
      let script = strong[i];
      if (!script) {
        const before = strong.slice(0, i).reverse().find(Boolean) ?? paragraph;
        const after = strong.slice(i + 1).find(Boolean) ?? paragraph;
        script = before === after ? before : paragraph;
      }
      return { text: r.text, script, gap: r.gap, width: this.measure(r.text, script, size, bold) };
    });
  }

  /** Fills lines greedily (breaking only at white space) and puts each line in visual order. */
  private layout(
    text: string,
    size: number,
    bold: boolean,
    width: number,
  ): { tokens: (Token & { index: number })[]; width: number }[] {
    const space = this.measure(' ', 'latin', size, bold);
    const lines: Token[][] = [];
    let line: Token[] = [];
    let used = 0;
    for (const token of this.tokens(text, size, bold)) {
      const add = (line.length > 0 && token.gap ? space : 0) + token.width;
      if (line.length > 0 && token.gap && used + add > width) {
        lines.push(line);
        line = [];
        used = 0;
      }
      used += line.length > 0 ? add : token.width;
      line.push({ ...token, gap: line.length > 0 && token.gap });
    }
    if (line.length > 0) lines.push(line);
    return lines.map((logical) => {
      // Levels (UBA): Latin 0 and Arabic 1 in a Latin paragraph; Arabic 1 and Latin 2 in an Arabic one.
      const level = (s: Script) => (this.rtl ? (s === 'arabic' ? 1 : 2) : s === 'arabic' ? 1 : 0);
      const items = logical.map((token, index) => ({ token, index, level: level(token.script) }));
      const top = Math.max(...items.map((i) => i.level));
      for (let l = top; l >= 1; l--) {
        for (let i = 0; i < items.length;) {
          if (items[i]!.level < l) {
            i++;
            continue;
          }
          let j = i;
          while (j < items.length && items[j]!.level >= l) j++;
          items.splice(i, j - i, ...items.slice(i, j).reverse());
          i = j;
        }
      }
      const visual = items.map(({ token, index }, k) => {
        const next = items[k + 1];
        // Space to the right: the logical gap when the neighbours were next to each other, else a space.
        const gapRight = next
          ? Math.abs(next.index - index) === 1
            ? logical[Math.max(next.index, index)]!.gap
            : true
          : false;
        return { ...token, gap: gapRight, index };
      });
      const total = visual.reduce((s, t) => s + t.width + (t.gap ? space : 0), 0);
      return { tokens: visual, width: total };
    });
  }

  /** Draws a paragraph. */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const bold = style.bold ?? false;
    const indent = style.indent ?? 0;
    const lineHeight = this.lineHeight(size);
    const space = this.measure(' ', 'latin', size, bold);
    for (const line of this.layout(text, size, bold, this.width - indent)) {
      this.ensure(lineHeight);
      let x = this.rtl ? PAGE.width - PAGE.margin - indent - line.width : PAGE.margin + indent;
      const baseline = this.y + size * 1.1;
      // Neighbouring Latin tokens that were neighbours in the text too are drawn as one string.
      const pieces: { text: string; script: Script; width: number; gap: boolean }[] = [];
      let previous: (Token & { index: number }) | undefined;
      for (const token of line.tokens) {
        const last = pieces[pieces.length - 1];
        if (
          last &&
          previous &&
          token.script === 'latin' &&
          last.script === 'latin' &&
          token.index === previous.index + 1
        ) {
          last.text += (previous.gap ? ' ' : '') + token.text;
          last.width += (previous.gap ? space : 0) + token.width;
          last.gap = token.gap;
        } else pieces.push({ text: token.text, script: token.script, width: token.width, gap: token.gap });
        previous = token;
      }
      for (const piece of pieces) {
        this.doc
          .font(this.fontFor(piece.script, bold))
          .fontSize(size)
          .fillColor(style.color ?? '#000000')
          .text(piece.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
        x += piece.width + (piece.gap ? space : 0);
      }
      this.y += lineHeight;
    }
    this.y += style.after ?? 4;
  }

  heading(text: string, size = 16): void {
    this.ensure(this.lineHeight(size) * 2);
    this.paragraph(text, { size, bold: true, after: 6 });
  }

  subheading(text: string): void {
    this.ensure(this.lineHeight(11) * 3);
    this.space(4);
    this.paragraph(text, { size: 11, bold: true, after: 2 });
  }

  /** A paragraph with a bullet on the start side. */
  bullet(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    this.ensure(this.lineHeight(size));
    const r = size * 0.18;
    const cy = this.y + size * 0.75;
    const cx = this.rtl ? PAGE.width - PAGE.margin - 5 : PAGE.margin + 5;
    this.doc.circle(cx, cy, r).fill('#000000');
    this.paragraph(text, { ...style, indent: (style.indent ?? 0) + 14, after: style.after ?? 2 });
  }

  /** A tick box (empty square) with its label, for a wet signature form. */
  checkbox(label: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    this.ensure(this.lineHeight(size) * 2);
    const box = size * 1.1;
    const x = this.rtl ? PAGE.width - PAGE.margin - box : PAGE.margin;
    this.doc
      .lineWidth(0.8)
      .rect(x, this.y + size * 0.1, box, box)
      .stroke('#000000');
    this.paragraph(label, { ...style, indent: box + 8 });
  }

  /** A label followed by a line to write on (or the given value). */
  field(label: string, value?: string | null, lineLength = 220): void {
    const size = 10;
    this.ensure(this.lineHeight(size) * 2);
    if (value) {
      this.paragraph(`${label} ${value}`, { size, after: 8 });
      return;
    }
    const labelWidth = Math.max(...this.layout(label, size, false, this.width).map((l) => l.width));
    const top = this.y;
    this.paragraph(label, { size, after: 0 });
    const lineY = top + size * 1.3;
    const start = this.rtl ? PAGE.width - PAGE.margin - labelWidth - 8 : PAGE.margin + labelWidth + 8;
    const end = this.rtl ? start - lineLength : start + lineLength;
    this.doc.lineWidth(0.6).moveTo(start, lineY).lineTo(end, lineY).stroke('#000000');
    this.y = Math.max(this.y, lineY + 4) + 10;
  }

  /** Lays out what follows in a language's direction (a certificate's translation beside its Turkish text). */
  direction(locale: Locale): void {
    this.rtl = locale === 'ar';
  }

  /**
   * Draws a square block of `side` points (a QR code, say) centred on the line, `draw` receiving its top
   * left corner, and moves below it.
   */
  block(side: number, draw: (doc: PDFKit.PDFDocument, x: number, y: number) => void): void {
    this.ensure(side + 8);
    draw(this.doc, (PAGE.width - side) / 2, this.y);
    this.y += side + 8;
  }

  rule(): void {
    this.ensure(12);
    this.space(4);
    this.doc
      .lineWidth(0.5)
      .moveTo(PAGE.margin, this.y)
      .lineTo(PAGE.width - PAGE.margin, this.y)
      .stroke('#999999');
    this.space(8);
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

/** Paragraphs of a text from the catalogues: lines starting with "- " become bullets. */
function writeText(pdf: PdfWriter, text: string): void {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('- ')) pdf.bullet(trimmed.slice(2));
    else pdf.paragraph(trimmed, { after: 5 });
  }
}

const LOCALE_TAG: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB', ar: 'ar' };

function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], {
    timeZone: 'Europe/Istanbul',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

// ---- the information notice (KVKK art. 10) ---------------------------------------------------------------

export const NOTICE_SECTIONS = [
  'controller',
  'data',
  'purposes',
  'legalBasis',
  'recipients',
  'retention',
  'rights',
  'apply',
] as const;

export interface FormContext {
  locale: Locale;
  personName: string;
  organisation: string;
  office: { name: string; address: string | null; phone: string | null };
  version: string;
  now: Date;
  compress?: boolean;
}

function officeLine(c: FormContext): string {
  return [c.office.name, c.office.address, c.office.phone].filter(Boolean).join(', ');
}

function signatureBlock(pdf: PdfWriter, c: FormContext): void {
  const tr = (key: string) => t(c.locale, key);
  pdf.space(10);
  pdf.field(tr('pdf.common.nameLabel'), c.personName);
  pdf.field(tr('pdf.common.dateLabel'));
  pdf.field(tr('pdf.common.signatureLabel'));
}

export async function noticePdf(c: FormContext): Promise<Buffer> {
  const tr = (key: string, params: Record<string, string | number> = {}) => t(c.locale, key, params);
  const params = { organisation: c.organisation, office: officeLine(c) };
  const pdf = new PdfWriter({
    locale: c.locale,
    title: tr('pdf.notice.title'),
    author: c.organisation,
    createdAt: c.now,
    compress: c.compress,
  });
  pdf.heading(tr('pdf.notice.title'));
  pdf.paragraph(c.organisation, { size: 11, bold: true, after: 2 });
  pdf.paragraph(tr('pdf.common.version', { version: c.version }), { size: 8, color: '#555555', after: 8 });
  pdf.field(tr('pdf.common.personLabel'), c.personName);
  writeText(pdf, tr('pdf.notice.intro', params));
  for (const section of NOTICE_SECTIONS) {
    pdf.subheading(tr(`pdf.notice.${section}.title`));
    writeText(pdf, tr(`pdf.notice.${section}.body`, params));
  }
  pdf.rule();
  writeText(pdf, tr('pdf.notice.acknowledgement'));
  signatureBlock(pdf, c);
  return pdf.finish();
}

// ---- the explicit consent form ------------------------------------------------------------------------------

export async function consentPdf(c: FormContext, purposes: readonly string[], partner: string | null): Promise<Buffer> {
  const tr = (key: string, params: Record<string, string | number> = {}) => t(c.locale, key, params);
  const pdf = new PdfWriter({
    locale: c.locale,
    title: tr('pdf.consent.title'),
    author: c.organisation,
    createdAt: c.now,
    compress: c.compress,
  });
  pdf.heading(tr('pdf.consent.title'));
  pdf.paragraph(c.organisation, { size: 11, bold: true, after: 2 });
  pdf.paragraph(tr('pdf.common.version', { version: c.version }), { size: 8, color: '#555555', after: 8 });
  pdf.field(tr('pdf.common.personLabel'), c.personName);
  writeText(pdf, tr('pdf.consent.intro', { organisation: c.organisation }));
  pdf.subheading(tr('pdf.consent.purposesTitle'));
  for (const purpose of purposes) {
    pdf.checkbox(tr(`pdf.consent.purposes.${purpose}.title`), { bold: true, after: 1 });
    pdf.paragraph(tr(`pdf.consent.purposes.${purpose}.body`, { partner: partner ?? '……………………' }), {
      indent: 19,
      size: 9,
      after: 8,
    });
  }
  pdf.rule();
  writeText(pdf, tr('pdf.consent.withdraw', { organisation: c.organisation, office: officeLine(c) }));
  signatureBlock(pdf, c);
  return pdf.finish();
}

// ---- the CV ------------------------------------------------------------------------------------------------------

export interface CvData {
  locale: Locale;
  name: string;
  phone: string | null;
  email: string | null;
  place: string;
  languages: { code: string; level: string }[];
  iscedLevel: number | null;
  iscedField: string | null;
  graduationYear: number | null;
  work: { occupation: string; employer: string | null; startDate: string | null; endDate: string | null }[];
  skills: string | null;
  desiredOccupations: string[];
  organisation: string;
  now: Date;
  compress?: boolean;
}

/** +905321234567 → +90 532 123 45 67; other numbers as they are. */
function formatPhone(phone: string): string {
  const m = /^\+90(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return m ? `+90 ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : phone;
}

function monthYear(date: string | null): string {
  if (!date) return '';
  return `${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

function languageName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([LOCALE_TAG[locale]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A CV from the profile, for sharing with employers (needs the person's consent, checked by the
 * caller). It holds only what an employer needs: no ID number, birth date, sex, nationality, address,
 * target groups or anything of a special category.
 */
export async function cvPdf(cv: CvData): Promise<Buffer> {
  const tr = (key: string, params: Record<string, string | number> = {}) => t(cv.locale, key, params);
  const pdf = new PdfWriter({
    locale: cv.locale,
    title: `${tr('pdf.cv.title')} — ${cv.name}`,
    author: cv.organisation,
    createdAt: cv.now,
    compress: cv.compress,
  });
  pdf.heading(cv.name, 20);
  const contact = [cv.phone ? formatPhone(cv.phone) : null, cv.email, cv.place].filter(Boolean).join(' · ');
  if (contact) pdf.paragraph(contact, { size: 10, color: '#333333', after: 6 });
  pdf.rule();
  if (cv.desiredOccupations.length > 0) {
    pdf.subheading(tr('pdf.cv.desiredOccupations'));
    pdf.paragraph(cv.desiredOccupations.join(', '));
  }
  if (cv.work.length > 0) {
    pdf.subheading(tr('pdf.cv.work'));
    for (const w of cv.work) {
      const period = w.startDate
        ? `${monthYear(w.startDate)} – ${w.endDate ? monthYear(w.endDate) : tr('pdf.cv.present')}`
        : '';
      pdf.paragraph([w.occupation, w.employer].filter(Boolean).join(', '), { bold: true, after: 0 });
      if (period) pdf.paragraph(period, { size: 9, color: '#555555', after: 6 });
      else pdf.space(4);
    }
  }
  if (cv.iscedLevel !== null) {
    pdf.subheading(tr('pdf.cv.education'));
    const parts = [tr(`pdf.cv.isced.${cv.iscedLevel}`)];
    if (cv.iscedField) parts.push(tr(`pdf.cv.fields.${cv.iscedField.slice(0, 2)}`));
    if (cv.graduationYear) parts.push(tr('pdf.cv.graduated', { year: cv.graduationYear }));
    pdf.paragraph(parts.join(', '));
  }
  if (cv.languages.length > 0) {
    pdf.subheading(tr('pdf.cv.languages'));
    for (const l of cv.languages) {
      pdf.bullet(`${languageName(cv.locale, l.code)}: ${tr(`pdf.cv.levels.${l.level}`)}`);
    }
  }
  if (cv.skills) {
    pdf.subheading(tr('pdf.cv.skills'));
    writeText(pdf, cv.skills);
  }
  pdf.rule();
  pdf.paragraph(tr('pdf.cv.footer', { organisation: cv.organisation, date: formatDate(cv.locale, cv.now) }), {
    size: 8,
    color: '#555555',
  });
  return pdf.finish();
}
