import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { shanghaiMidnight } from '@petitions/domain';
import { layoutCjkParagraph } from './cjk-lines';
import { composeLetter, type LetterContent } from './letter-content';
import { shanghaiDay } from './letter-dates';
import { LetterError } from './letter-error';
import { type LetterFont, type LetterFontFace, resolveLetterFont } from './letter-font';
import type { SupervisionLetter } from './letter.model';
import { type LetterWithdrawalMark, WITHDRAWN_TITLE_EN, WITHDRAWN_TITLE_ZH } from './letter-withdrawn';

export interface RenderLetterPdfOptions {
  /** Defaults to resolveLetterFont(): $PETITIONS_LETTER_FONT, then the known locations. */
  font?: LetterFont;
  /** A withdrawn letter: every page is stamped 已撤回 / WITHDRAWN with the reason. */
  withdrawal?: LetterWithdrawalMark;
}

// GB/T 9704-2012 page: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 三号 (16pt)
// body at 22 lines a page (28.9pt pitch); 二号 (22pt) title; 四号 (14pt) 抄送 and page number.
const MM = 72 / 25.4;
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const BODY_SIZE = 16;
const TITLE_SIZE = 22;
const SMALL_SIZE = 14;
const LINE_PITCH = 28.9;
const RED = '#d40000';
const REGULAR = 'letter-regular';
const BOLD = 'letter-bold';

// A CJK font is 10–20 MB: read each file once per process.
const fontBytes = new Map<string, Buffer>();

function loadFace(face: LetterFontFace): Buffer {
  let bytes = fontBytes.get(face.path);
  if (!bytes) {
    try {
      bytes = readFileSync(face.path);
    } catch (e) {
      throw fontInvalid(face, e);
    }
    fontBytes.set(face.path, bytes);
  }
  return bytes;
}

function fontInvalid(face: LetterFontFace, cause: unknown): LetterError {
  const what = face.postscriptName ? `${face.path}#${face.postscriptName}` : face.path;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LetterError(
    'LETTER_FONT_INVALID',
    `字体文件无法使用：${what}（需为 TTF/OTF 字体，字体集合须指明字体名）`,
    `Cannot use font ${what}: ${reason} (expected a TTF/OTF file; a .ttc needs '#PostScriptName')`,
    [{ path: what, message: reason }],
  );
}

function registerFace(doc: PDFKit.PDFDocument, name: string, face: LetterFontFace): void {
  try {
    const bytes = loadFace(face);
    if (face.postscriptName) doc.registerFont(name, bytes, face.postscriptName);
    else doc.registerFont(name, bytes);
    doc.font(name); // opens it now, so a bad file fails here with a clear error
  } catch (e) {
    throw e instanceof LetterError ? e : fontInvalid(face, e);
  }
}

/**
 * The letter as a PDF (A4, Chinese font embedded as a subset with a ToUnicode map, so the text can
 * be searched and copied). Throws LetterError for an invalid letter or a missing/unusable font.
 */
export async function renderLetterPdf(letter: SupervisionLetter, options: RenderLetterPdfOptions = {}): Promise<Buffer> {
  const content = composeLetter(letter);
  const font = options.font ?? resolveLetterFont();
  // The document's dates are the letter's own, so rendering the same letter twice reads the same.
  const issued = new Date(shanghaiMidnight(shanghaiDay(letter.issuedAt)));
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: content.titleZh,
      Author: content.issuerZh,
      Subject: `${content.kindTitleEn} (${content.kindTitleZh}) ${content.letterNo}`,
      Keywords: `${content.kindTitleZh}, ${content.letterNo}`,
      Creator: 'petitions letters',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    registerFace(doc, REGULAR, font.regular);
    if (font.bold) registerFace(doc, BOLD, font.bold);
    layOut(doc, content, font.bold !== undefined);
    if (options.withdrawal) stampWithdrawn(doc, options.withdrawal);
  } finally {
    doc.end();
  }
  return done;
}

function layOut(doc: PDFKit.PDFDocument, c: LetterContent, hasBold: boolean): void {
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const right = left + width;
  const bottom = () => doc.page.height - MARGINS.bottom;

  // Without a bold face, outline the regular one (text render mode fill+stroke) to thicken it.
  const heading = (text: string, x: number, y: number, opts: PDFKit.Mixins.TextOptions, color: string) => {
    doc.fillColor(color);
    if (hasBold) doc.font(BOLD).text(text, x, y, opts);
    else doc.font(REGULAR).lineWidth(0.6).strokeColor(color).text(text, x, y, { ...opts, fill: true, stroke: true });
  };

  // 发文机关标志: red, centred, as large as fits on one line.
  doc.font(hasBold ? BOLD : REGULAR);
  let issuerSize = 30;
  const spacing = (s: number) => s * 0.08;
  while (issuerSize > 16 && doc.fontSize(issuerSize).widthOfString(c.issuerZh, { characterSpacing: spacing(issuerSize) }) > width) {
    issuerSize -= 1;
  }
  doc.fontSize(issuerSize);
  heading(c.issuerZh, left, MARGINS.top, { width, align: 'center', characterSpacing: spacing(issuerSize) }, RED);

  // Red double rule (thick over thin), then 签发人 left and 发文字号 right.
  const ruleY = doc.y + 6;
  doc.save().strokeColor(RED).lineWidth(2).moveTo(left, ruleY).lineTo(right, ruleY).stroke();
  doc.lineWidth(0.75).moveTo(left, ruleY + 3.5).lineTo(right, ruleY + 3.5).stroke().restore();
  doc.font(REGULAR).fontSize(BODY_SIZE).fillColor('black');
  const noY = ruleY + 10;
  if (c.signatoryLineZh) doc.text(c.signatoryLineZh, left, noY, { lineBreak: false });
  doc.text(c.letterNo, left, noY, { width, align: 'right' });

  // Title, one blank line below the number.
  doc.fontSize(TITLE_SIZE);
  heading(c.titleZh, left, doc.y + LINE_PITCH, { width, align: 'center', lineGap: 8 }, 'black');

  // Body.
  doc.font(REGULAR).fontSize(BODY_SIZE).fillColor('black');
  const measure = (s: string) => doc.widthOfString(s);
  let y = doc.y + LINE_PITCH;
  const lines = [
    ...layoutCjkParagraph(c.salutationZh, measure, width),
    ...c.paragraphsZh.flatMap((p) => layoutCjkParagraph(p.text, measure, width, { indent: 2 * BODY_SIZE, maxSpacing: BODY_SIZE / 2 })),
  ];
  for (const line of lines) {
    if (y + doc.currentLineHeight() > bottom()) {
      doc.addPage();
      y = MARGINS.top;
    }
    doc.text(line.text, left + line.indent, y, { lineBreak: false, characterSpacing: line.characterSpacing });
    y += LINE_PITCH;
  }
  doc.x = left;
  doc.y = y;

  // 发文机关署名 centred over 成文日期; the date ends four characters from the right edge.
  let sigY = doc.y + LINE_PITCH;
  if (sigY + 2 * LINE_PITCH > bottom()) {
    doc.addPage();
    sigY = MARGINS.top;
  }
  const dateW = doc.widthOfString(c.signature.dateZh);
  const nameW = doc.widthOfString(c.signature.issuerZh);
  const dateX = Math.max(left, right - 4 * BODY_SIZE - dateW);
  const nameX = Math.max(left, Math.min(dateX + dateW / 2 - nameW / 2, right - nameW));
  doc.text(c.signature.issuerZh, nameX, sigY, { lineBreak: false });
  doc.text(c.signature.dateZh, dateX, sigY + LINE_PITCH, { lineBreak: false });
  doc.y = sigY + 2 * LINE_PITCH;

  // 抄送 sits between two rules at the foot of the last page (版记).
  if (c.ccLineZh) {
    doc.fontSize(SMALL_SIZE);
    const inner = width - 2 * SMALL_SIZE;
    const ccH = doc.heightOfString(c.ccLineZh, { width: inner }) + 12;
    if (doc.y + LINE_PITCH + ccH > bottom()) doc.addPage();
    const top = bottom() - ccH;
    doc.save().strokeColor('black').lineWidth(0.75).moveTo(left, top).lineTo(right, top).stroke();
    doc.moveTo(left, bottom()).lineTo(right, bottom()).stroke().restore();
    doc.text(c.ccLineZh, left + SMALL_SIZE, top + 6, { width: inner });
  }

  // Page numbers (— 1 —) and the English gloss, in the bottom margin of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.font(REGULAR).fontSize(SMALL_SIZE).fillColor('black');
    doc.text(`— ${i - range.start + 1} —`, left, doc.page.height - savedBottom + 7 * MM, { width, align: 'center', lineBreak: false });
    doc.fontSize(7).fillColor('#777777');
    doc.text(c.glossEn, left, doc.page.height - 14 * MM, { width, align: 'center' });
    doc.page.margins.bottom = savedBottom;
  }
  doc.fillColor('black');
}

/** 已撤回 / WITHDRAWN in red at the top of every page, with the reason under it (the letter's text stays legible). */
function stampWithdrawn(doc: PDFKit.PDFDocument, mark: LetterWithdrawalMark): void {
  const range = doc.bufferedPageRange();
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const top = 10 * MM;
    doc.save();
    doc.lineWidth(1.5).strokeColor(RED).rect(MARGINS.left, top, width, 24 * MM).stroke();
    doc.font(REGULAR).fillColor(RED).fontSize(TITLE_SIZE)
      .text(`${WITHDRAWN_TITLE_ZH}  ${WITHDRAWN_TITLE_EN}`, MARGINS.left + 8, top + 4, { width: width - 16, align: 'center', lineBreak: false });
    doc.fontSize(9).text(mark.reason, MARGINS.left + 8, top + 4 + TITLE_SIZE + 4, { width: width - 16, height: 24 * MM - TITLE_SIZE - 10, ellipsis: true });
    doc.restore();
  }
}
