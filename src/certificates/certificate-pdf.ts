import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import {
  PDFDocument,
  StandardFonts,
  rgb,
  type Color,
  type PDFFont,
  type PDFImage,
  type PDFPage,
} from 'pdf-lib';
import { attachCredential } from '../credentials/pdf-attachment.ts';
import { certificateFacts, type CertificateFacts } from './certificate-facts.ts';
import {
  CERTIFICATE_LABELS,
  certificateDate,
  type CertificateLabels,
  type CertificateLang,
} from './certificate-labels.ts';

export interface CertificatePdfOptions {
  lang: CertificateLang;
  /** Where the QR code leads: the credential's public page (or its id). */
  pageUrl: string;
  /** The institution's logo; without one the certificate shows a monogram of its name. */
  logo?: { mediaType: 'image/png' | 'image/svg+xml'; bytes: Uint8Array } | undefined;
  /**
   * The institution's name in both languages, when the caller knows it (the credential names the issuer in
   * one language only); the credential's issuer name otherwise.
   */
  institutionName?: { nl: string; en: string } | undefined;
}

/** The credential text is not an Open Badges credential a certificate can be printed from. */
export class NotACertificateError extends Error {}

// A4 in points, and the page's grid.
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_TOP = 164;
const LABEL_WIDTH = 176;

// The platform's colours (web/src/styles.css): navy brand, gold accent, muted text.
const BRAND = rgb(0x17 / 255, 0x30 / 255, 0x4f / 255);
const GOLD = rgb(0xe3 / 255, 0xa4 / 255, 0x3a / 255);
const TEXT = rgb(0x1d / 255, 0x23 / 255, 0x2c / 255);
const MUTED = rgb(0x4a / 255, 0x53 / 255, 0x61 / 255);
const LINE = rgb(0xdc / 255, 0xd9 / 255, 0xcf / 255);
const TINT = rgb(0xe8 / 255, 0xee / 255, 0xf6 / 255);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  serif: PDFFont;
  serifBold: PDFFont;
}

/**
 * A printable A4 certificate of a signed credential: every EU element the credential carries, in `lang` with
 * the title in the other language beneath, the institution's name and logo (or a monogram), a QR code to
 * `pageUrl` and the credential's id; the signed text itself is attached, so that the PDF alone verifies.
 * Made from the credential only, so it serves micro-credential certificates and credit certificates alike.
 *
 * @example
 * const pdf = await certificatePdf(row.document, { lang: 'nl', pageUrl: credentialId });
 * await writeFile('certificaat.pdf', pdf);
 */
export async function certificatePdf(
  credentialText: string,
  options: CertificatePdfOptions,
): Promise<Uint8Array> {
  let document: unknown;
  try {
    document = JSON.parse(credentialText);
  } catch {
    throw new NotACertificateError('The credential is not JSON.');
  }
  const facts = certificateFacts(document);
  if (!facts) throw new NotACertificateError('The document is not an Open Badges credential.');

  const lang = options.lang;
  const labels = CERTIFICATE_LABELS[lang];
  const other = CERTIFICATE_LABELS[lang === 'nl' ? 'en' : 'nl'];
  const institution = options.institutionName?.[lang] ?? facts.issuer.name;
  const kind = facts.kind ?? 'other';
  const documentTitle = labels.documentTitle[kind] ?? labels.documentTitle.other;

  const pdf = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
    serif: await pdf.embedFont(StandardFonts.TimesRoman),
    serifBold: await pdf.embedFont(StandardFonts.TimesRomanBold),
  };
  const issued = facts.issuedAt ? new Date(facts.issuedAt) : undefined;
  // Metadata strings are UTF-16 in PDF: they keep every letter, where the page's fonts cannot.
  pdf.setTitle(`${documentTitle}: ${facts.title}`, { showInWindowTitleBar: true });
  pdf.setAuthor(institution);
  pdf.setSubject(facts.id);
  pdf.setLanguage(labels.languageTag);
  pdf.setCreator('Stapel');
  pdf.setProducer('Stapel');
  pdf.setKeywords(['Open Badges 3.0', 'verifiable credential', 'micro-credential']);
  if (issued) {
    // The certificate's dates are the credential's: printing it again gives the same document.
    pdf.setCreationDate(issued);
    pdf.setModificationDate(issued);
  }

  const mark = await logoImage(pdf, options.logo);
  const qr = await pdf.embedPng(
    await QRCode.toBuffer(options.pageUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 }),
  );

  const layout = new Layout(pdf, fonts, labels, facts, institution, documentTitle);
  const first = layout.firstPage();
  drawLetterhead(first, fonts, institution, facts, labels, mark);
  layout.y = PAGE.height - 116;
  layout.centred(documentTitle, fonts.bold, 24, BRAND);
  layout.y -= 4;
  layout.centred(other.documentTitle[kind] ?? other.documentTitle.other, fonts.italic, 12, MUTED);
  layout.y -= 16;
  layout.centred(labels.declares(institution), fonts.regular, 11, TEXT);
  layout.y -= 8;
  if (facts.learnerName) layout.centred(facts.learnerName, fonts.serifBold, 24, TEXT);
  else layout.centred(labels.holder, fonts.serif, 18, TEXT);
  layout.y -= 8;
  layout.centred(labels.obtained[kind] ?? labels.obtained.other, fonts.regular, 11, TEXT);
  layout.y -= 8;
  layout.centred(facts.title, fonts.serifBold, 19, BRAND);
  if (facts.description && facts.description !== facts.title) {
    layout.y -= 2;
    layout.centred(facts.description, fonts.italic, 10, MUTED, 3);
  }
  layout.y -= 12;
  layout.rule();
  layout.y -= 6;

  // The learning outcomes first: they say what the learner can do; the table of facts follows.
  if (facts.learningOutcomes.length) {
    layout.heading(labels.learningOutcomes);
    for (const outcome of facts.learningOutcomes) layout.bullet(outcome);
    layout.y -= 8;
  }
  for (const [label, value] of factRows(facts, labels, institution)) layout.row(label, value);

  drawVerification(first, fonts, labels, facts.id, options.pageUrl, qr);
  const pages = pdf.getPages();
  pages.forEach((page, i) => drawPageFooter(page, fonts, labels, facts.id, i + 1, pages.length));

  await attachCredential(pdf, credentialText, 'credential.json');
  // Plain objects rather than object streams (PDF 1.5): older readers and archival checks still find the
  // attachment and the metadata.
  return pdf.save({ useObjectStreams: false });
}

/** The table of facts, in the order of the EU elements; rows the credential does not carry are left out. */
function factRows(
  facts: CertificateFacts,
  labels: CertificateLabels,
  institution: string,
): Array<[string, string]> {
  const f = labels.fields;
  const word = (table: Readonly<Record<string, string>>, code: string | undefined) =>
    code === undefined ? undefined : (table[code] ?? code);
  const place = [
    word(labels.countries, facts.issuer.countryCode) ?? facts.issuer.country,
    word(labels.regions, facts.issuer.region),
  ]
    .filter(Boolean)
    .join(' · ');
  const levels = [
    facts.vksLevel === undefined ? undefined : `VKS ${facts.vksLevel}`,
    facts.eqfLevel === undefined ? undefined : `EQF ${facts.eqfLevel}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const rows: Array<[string, string | undefined]> = [
    [f.awardingBody, institution],
    [f.countryRegion, place || undefined],
    [f.issuedOn, facts.issuedAt && certificateDate(facts.issuedAt, langOf(labels))],
    [
      f.workload,
      facts.ects === undefined && facts.workloadHours === undefined
        ? undefined
        : labels.workload(facts.ects, facts.workloadHours),
    ],
    [f.level, levels || undefined],
    [f.courseUnit, facts.courseUnitCode],
    [f.fieldOfStudy, facts.fieldOfStudy],
    [f.assessmentType, facts.assessmentType],
    [f.supervision, word(labels.supervisions, facts.supervision)],
    [f.participationForm, word(labels.participationForms, facts.participationForm)],
    [f.qualityAssurance, word(labels.qualityAssurances, facts.qualityAssurance)],
    [f.form, word(labels.forms, facts.form)],
    [f.result, facts.result && labels.result(facts.result.value, facts.result.max)],
    [f.prerequisites, facts.prerequisites],
    [f.stackability, facts.stackability],
    [f.validUntil, facts.expiresAt && certificateDate(facts.expiresAt, langOf(labels))],
    [f.furtherInformation, facts.furtherInformation],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

const langOf = (labels: CertificateLabels): CertificateLang =>
  labels === CERTIFICATE_LABELS.en ? 'en' : 'nl';

/**
 * The flow of the certificate's body: a cursor that moves down the page and starts a continuation page
 * (with a short letterhead) when the next line would run into the footer.
 */
class Layout {
  y = 0;
  private page: PDFPage | undefined;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly labels: CertificateLabels,
    private readonly facts: CertificateFacts,
    private readonly institution: string,
    private readonly documentTitle: string,
  ) {}

  firstPage(): PDFPage {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    return this.page;
  }

  /** Makes room for `height` points, on a new page when this one is full. */
  private room(height: number): PDFPage {
    if (!this.page || this.y - height < this.bottom()) this.continuation();
    return this.page!;
  }

  private bottom(): number {
    // Page 1 keeps its lower part for the QR code and the identifier; later pages only for the page number.
    return this.pdf.getPageCount() === 1 ? FOOTER_TOP : 70;
  }

  private continuation(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    const page = this.page;
    page.drawRectangle({ x: 0, y: PAGE.height - 10, width: PAGE.width, height: 10, color: BRAND });
    const top = PAGE.height - MARGIN + 8;
    draw(page, this.institution, MARGIN, top, this.fonts.bold, 10, BRAND);
    draw(
      page,
      `${this.documentTitle}: ${this.facts.title} (${this.labels.continued})`,
      MARGIN,
      top - 14,
      this.fonts.regular,
      9,
      MUTED,
      CONTENT_WIDTH,
    );
    line(page, top - 26);
    this.y = top - 50;
  }

  centred(text: string, font: PDFFont, size: number, color: Color, maxLines = 4): void {
    const lines = wrap(text, font, size, CONTENT_WIDTH).slice(0, maxLines);
    for (const l of lines) {
      const page = this.room(size * 1.25);
      const width = font.widthOfTextAtSize(l, size);
      this.y -= size;
      page.drawText(l, { x: (PAGE.width - width) / 2, y: this.y, font, size, color });
      this.y -= size * 0.25;
    }
  }

  rule(): void {
    const page = this.room(2);
    line(page, this.y);
  }

  heading(text: string): void {
    const page = this.room(11 + 8 + 12);
    this.y -= 11;
    draw(page, text.toUpperCase(), MARGIN, this.y, this.fonts.bold, 9.5, BRAND);
    this.y -= 8;
  }

  row(label: string, value: string): void {
    const size = 10;
    const valueWidth = CONTENT_WIDTH - LABEL_WIDTH;
    const labelLines = wrap(label, this.fonts.bold, 8.5, LABEL_WIDTH - 12);
    const valueLines = wrap(value, this.fonts.regular, size, valueWidth);
    // A row is kept together unless it alone is longer than a page.
    let page = this.room(Math.min(Math.max(labelLines.length, valueLines.length) * 13, 300));
    const top = this.y;
    labelLines.forEach((l, i) => draw(page, l, MARGIN, top - size - i * 11, this.fonts.bold, 8.5, MUTED));
    this.y = top;
    for (const l of valueLines) {
      page = this.room(13);
      this.y -= size;
      draw(page, l, MARGIN + LABEL_WIDTH, this.y, this.fonts.regular, size, TEXT);
      this.y -= 3;
    }
    this.y = Math.min(this.y, top - labelLines.length * 11 - 3) - 3.5;
  }

  bullet(text: string): void {
    const size = 10;
    const indent = 14;
    const lines = wrap(text, this.fonts.regular, size, CONTENT_WIDTH - indent);
    lines.forEach((l, i) => {
      const page = this.room(i === 0 ? Math.min(lines.length, 3) * 13 : 13);
      this.y -= size;
      if (i === 0) page.drawCircle({ x: MARGIN + 4, y: this.y + 3.3, size: 1.9, color: GOLD });
      draw(page, l, MARGIN + indent, this.y, this.fonts.regular, size, TEXT);
      this.y -= 3;
    });
    this.y -= 4;
  }
}

function drawLetterhead(
  page: PDFPage,
  fonts: Fonts,
  institution: string,
  facts: CertificateFacts,
  labels: CertificateLabels,
  mark: PDFImage | undefined,
): void {
  page.drawRectangle({ x: 0, y: PAGE.height - 10, width: PAGE.width, height: 10, color: BRAND });
  page.drawRectangle({ x: 0, y: PAGE.height - 13, width: PAGE.width, height: 3, color: GOLD });
  const size = 52;
  const x = MARGIN;
  const y = PAGE.height - MARGIN - size + 12;
  if (mark) {
    const scale = Math.min(size / mark.width, size / mark.height);
    const w = mark.width * scale;
    const h = mark.height * scale;
    page.drawImage(mark, { x: x + (size - w) / 2, y: y + (size - h) / 2, width: w, height: h });
  } else {
    drawMonogram(page, fonts, institution, x, y, size);
  }
  const textX = x + size + 14;
  const width = PAGE.width - MARGIN - textX;
  draw(page, institution, textX, y + size - 20, fonts.bold, 15, BRAND, width);
  const place = [
    facts.issuer.locality,
    labels.countries[facts.issuer.countryCode ?? ''] ?? facts.issuer.country,
  ]
    .filter(Boolean)
    .join(', ');
  if (place) draw(page, place, textX, y + size - 36, fonts.regular, 9.5, MUTED, width);
  if (facts.issuer.url) draw(page, facts.issuer.url, textX, y + size - 49, fonts.regular, 9, MUTED, width);
}

/** A neat mark when there is no logo: the initials of the institution's main words in a navy roundel. */
function drawMonogram(page: PDFPage, fonts: Fonts, name: string, x: number, y: number, size: number): void {
  const initials = monogram(name);
  const r = size / 2;
  page.drawCircle({ x: x + r, y: y + r, size: r, color: BRAND });
  page.drawCircle({ x: x + r, y: y + r, size: r - 3, borderColor: GOLD, borderWidth: 1.2 });
  const fontSize = initials.length > 2 ? 15 : 19;
  const width = fonts.serifBold.widthOfTextAtSize(initials, fontSize);
  page.drawText(initials, {
    x: x + r - width / 2,
    y: y + r - fontSize * 0.34,
    font: fonts.serifBold,
    size: fontSize,
    color: rgb(1, 1, 1),
  });
}

const MINOR_WORDS = new Set([
  'de',
  'der',
  'den',
  'het',
  'van',
  'voor',
  'en',
  'of',
  'the',
  'and',
  'for',
  'at',
]);

/**
 * Up to three initials of a name's main words ("Hogeschool Schelde" → "HS"), in WinAnsi letters.
 *
 * @example
 * monogram('Universiteit van de Leie'); // 'UL'
 */
export function monogram(name: string): string {
  const words = clean(name)
    .split(/[\s\-–/]+/)
    .filter((w) => /\p{L}/u.test(w));
  const main = words.filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  const chosen = (main.length ? main : words).slice(0, 3);
  const letters = chosen.map((w) => [...w].find((c) => /\p{L}/u.test(c))!.toUpperCase()).join('');
  return letters || '?';
}

function drawVerification(
  page: PDFPage,
  fonts: Fonts,
  labels: CertificateLabels,
  id: string,
  pageUrl: string,
  qr: PDFImage,
): void {
  const qrSize = 96;
  const top = FOOTER_TOP - 12;
  const bottom = 46;
  page.drawRectangle({
    x: MARGIN - 12,
    y: bottom,
    width: CONTENT_WIDTH + 24,
    height: top - bottom,
    color: TINT,
  });
  const qrY = bottom + (top - bottom - qrSize) / 2;
  page.drawImage(qr, { x: PAGE.width - MARGIN - qrSize, y: qrY, width: qrSize, height: qrSize });
  const width = CONTENT_WIDTH - qrSize - 18;
  let y = top - 14;
  draw(page, labels.verifyHeading, MARGIN, y, fonts.bold, 11, BRAND);
  y -= 15;
  draw(page, labels.verifyHow, MARGIN, y, fonts.regular, 9, MUTED);
  for (const l of wrap(pageUrl, fonts.regular, 9, width).slice(0, 2)) {
    y -= 12;
    draw(page, l, MARGIN, y, fonts.regular, 9, BRAND);
  }
  y -= 17;
  draw(page, labels.credentialId, MARGIN, y, fonts.bold, 8, MUTED);
  for (const l of wrap(id, fonts.regular, 8, width).slice(0, 2)) {
    y -= 11;
    draw(page, l, MARGIN, y, fonts.regular, 8, TEXT);
  }
  y -= 4;
  for (const l of wrap(labels.attachmentNote, fonts.italic, 7.5, width).slice(0, 3)) {
    y -= 9.5;
    draw(page, l, MARGIN, y, fonts.italic, 7.5, MUTED);
  }
}

function drawPageFooter(
  page: PDFPage,
  fonts: Fonts,
  labels: CertificateLabels,
  id: string,
  n: number,
  of: number,
): void {
  const y = 26;
  const number = labels.page(n, of);
  const size = 7.5;
  const numberWidth = fonts.regular.widthOfTextAtSize(number, size);
  draw(page, id, MARGIN, y, fonts.regular, size, MUTED, CONTENT_WIDTH - numberWidth - 16);
  draw(page, number, PAGE.width - MARGIN - numberWidth, y, fonts.regular, size, MUTED);
}

function line(page: PDFPage, y: number): void {
  page.drawLine({
    start: { x: MARGIN, y },
    end: { x: PAGE.width - MARGIN, y },
    thickness: 0.75,
    color: LINE,
  });
}

/** One line of text, cut with an ellipsis when `maxWidth` is given and it would not fit. */
function draw(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  font: PDFFont,
  size: number,
  color: Color,
  maxWidth?: number,
): void {
  let t = clean(text);
  if (maxWidth !== undefined && font.widthOfTextAtSize(t, size) > maxWidth) {
    while (t.length > 1 && font.widthOfTextAtSize(t + '…', size) > maxWidth) t = t.slice(0, -1);
    t += '…';
  }
  page.drawText(t, { x, y, font, size, color });
}

/** Breaks text into lines that fit `width`; words longer than a line (links, ids) are broken anywhere. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of clean(text, true).split('\n')) {
    let current = '';
    for (const word of paragraph.split(' ').filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      while (font.widthOfTextAtSize(current, size) > width) {
        let cut = current.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut--;
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    if (current) lines.push(current);
  }
  return lines;
}

/**
 * Characters the standard PDF fonts can write (WinAnsi, which covers Dutch, French and German letters):
 * letters outside it lose their accents (ő → o), anything else becomes "?", so that a name in another
 * script never breaks the certificate; the attached credential keeps the exact text.
 */
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => c.codePointAt(0)!));

const isWinAnsi = (code: number) =>
  (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

function clean(text: string, keepNewlines = false): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n' && keepNewlines) out += '\n';
    else if (/\s/u.test(char)) out += ' ';
    else if (isWinAnsi(char.codePointAt(0)!)) out += char;
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => isWinAnsi(c.codePointAt(0)!)) ? base : replacement(char);
    }
  }
  return keepNewlines ? out.replace(/ *\n */g, '\n') : out.replace(/ {2,}/g, ' ').trim();
}

/** Common letters and signs without a WinAnsi form, written the way a reader would. */
function replacement(char: string): string {
  const table: Record<string, string> = {
    ł: 'l',
    Ł: 'L',
    đ: 'd',
    Đ: 'D',
    ı: 'i',
    ŀ: 'l',
    '≤': '<=',
    '≥': '>=',
    '−': '-',
    '‐': '-',
    '‑': '-',
    '→': '->',
  };
  return table[char] ?? '?';
}

async function logoImage(
  pdf: PDFDocument,
  logo: CertificatePdfOptions['logo'],
): Promise<PDFImage | undefined> {
  if (!logo) return undefined;
  if (logo.mediaType === 'image/png') return pdf.embedPng(logo.bytes);
  // PDF has no SVG: render it at print resolution (52 pt at about 300 dpi).
  const png = new Resvg(Buffer.from(logo.bytes), { fitTo: { mode: 'width', value: 240 } }).render().asPng();
  return pdf.embedPng(png);
}
