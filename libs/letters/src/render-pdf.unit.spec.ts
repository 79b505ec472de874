import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LetterError } from './letter-error';
import { LETTER_FONT_ENV, parseFontSpec, resolveLetterFont } from './letter-font';
import type { SupervisionLetter } from './letter.model';
import {
  SAMPLE_ACCOUNTABILITY_RECOMMENDATION,
  SAMPLE_LETTERS,
  SAMPLE_LISTED_SUPERVISION_NOTICE,
  SAMPLE_REMINDER_LETTER,
} from './letter.samples';
import { renderLetterPdf } from './render-pdf';
import { thrown } from '../../../tools/test/thrown';

// Opens the PDF with an independent reader (pdf.js, in a child process: it is an ES module).
const EXTRACT = join(__dirname, 'testing', 'extract-pdf-text.mjs');
function extractPages(pdf: Buffer): string[] {
  const out = execFileSync(process.execPath, [EXTRACT], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  return (JSON.parse(out.toString('utf8')) as { pages: string[] }).pages;
}
/** All text, whitespace removed: lines wrap anywhere in Chinese, so needles are compared without it. */
function flat(pages: string[]): string {
  return pages.join('').replace(/\s+/g, '');
}

async function thrownAsync(p: Promise<unknown>): Promise<LetterError> {
  const e = await p.then(() => { throw new Error('expected a LetterError, but it resolved'); }, (err: unknown) => err);
  expect(e).toBeInstanceOf(LetterError);
  return e as LetterError;
}

jest.setTimeout(60_000);

describe('renderLetterPdf', () => {
  let pdf: Buffer;
  let pages: string[];
  const letter = SAMPLE_LISTED_SUPERVISION_NOTICE;

  beforeAll(async () => {
    pdf = await renderLetterPdf(letter);
    pages = extractPages(pdf);
  });

  it('is a real PDF with an embedded, subset Chinese TrueType font and ToUnicode maps', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
    expect(raw).toContain('/Subtype /CIDFontType2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(pdf.length).toBeLessThan(400_000); // subset, not the 15 MB font
  });

  it('opens, and its text holds the case id, the unit, the letter number and the title', () => {
    const text = flat(pages);
    expect(text).toContain(letter.caseId);
    expect(text).toContain(letter.recipientUnit.nameZh);
    expect(text).toContain(letter.letterNo);
    expect(text).toContain(letter.issuingBody.nameZh);
    expect(text).toContain('关于对“房屋不动产登记更正”信访事项实行挂牌督办的通知');
    expect(text).toContain('应当于2026年2月24日前完成作出受理决定并书面告知信访人');
    expect(text).toContain('一、自收到本通知之日起');
    expect(text).toContain('特此通知。');
    expect(text).toContain('签发人：王建国');
    expect(text).toContain('抄送：徐汇区人民政府办公室，上海市信访工作联席会议办公室。');
    expect(text).toContain('2026年5月6日');
    expect(text).toContain('本通知仅列明案件编号，不载明信访人个人信息');
  });

  it('puts the header first and the date and 抄送 last, with page numbers and the English gloss', () => {
    expect(pages[0].trimStart().startsWith(letter.issuingBody.nameZh)).toBe(true);
    const all = flat(pages);
    expect(all.indexOf(letter.letterNo)).toBeLessThan(all.indexOf('关于对'));
    expect(all.indexOf('特此通知。')).toBeLessThan(all.lastIndexOf('2026年5月6日'));
    pages.forEach((p, i) => {
      expect(p).toContain(`— ${i + 1} —`);
      expect(p).toContain('Listed-supervision notice');
    });
  });

  it('renders every kind and each opens with its own number and unit', async () => {
    for (const l of SAMPLE_LETTERS) {
      const text = flat(extractPages(await renderLetterPdf(l)));
      expect(text).toContain(l.letterNo);
      expect(text).toContain(l.caseId);
      expect(text).toContain(l.recipientUnit.nameZh);
    }
  });

  it('prints nothing but the model, even if a caller slips in personal data', async () => {
    const smuggled = { ...SAMPLE_REMINDER_LETTER, petitionerName: '张小明', petitionerPhone: '13800138000' } as SupervisionLetter;
    const text = flat(extractPages(await renderLetterPdf(smuggled)));
    expect(text).toContain(SAMPLE_REMINDER_LETTER.caseId);
    expect(text).not.toContain('张小明');
    expect(text).not.toContain('13800138000');
  });

  it('still renders extractable text with a single weight (bold is simulated)', async () => {
    const font = resolveLetterFont();
    const text = flat(extractPages(await renderLetterPdf(SAMPLE_ACCOUNTABILITY_RECOMMENDATION, { font: { ...font, bold: undefined } })));
    expect(text).toContain('关于信访事项办理逾期问题的问责建议函');
    expect(text).toContain(SAMPLE_ACCOUNTABILITY_RECOMMENDATION.letterNo);
  });

  it('validates the letter before anything else', async () => {
    const err = await thrownAsync(renderLetterPdf({ ...letter, letterNo: '17号' }));
    expect(err.code).toBe('LETTER_INVALID');
  });
});

describe('letter font', () => {
  it('is found without configuration (npm package @expo-google-fonts/noto-serif-sc)', () => {
    const font = resolveLetterFont({ env: {} });
    expect(font.source).toBe('@expo-google-fonts/noto-serif-sc');
    expect(font.regular.path).toMatch(/NotoSerifSC_400Regular\.ttf$/);
    expect(font.bold?.path).toMatch(/NotoSerifSC_700Bold\.ttf$/);
  });

  it(`${LETTER_FONT_ENV} overrides the known locations`, () => {
    const known = resolveLetterFont({ env: {} });
    const font = resolveLetterFont({ env: { [LETTER_FONT_ENV]: known.regular.path } });
    expect(font).toEqual({ regular: { path: known.regular.path }, bold: undefined, source: 'env' });
  });

  it(`a missing ${LETTER_FONT_ENV} file is an error, not a silent fallback`, () => {
    const e = thrown(() => resolveLetterFont({ env: { [LETTER_FONT_ENV]: '/nonexistent/font.ttf' } }));
    const err = e as LetterError;
    expect(err.code).toBe('LETTER_FONT_MISSING');
    expect(err.messageZh).toContain('/nonexistent/font.ttf');
    expect(err.messageEn).toContain(LETTER_FONT_ENV);
  });

  it('no font anywhere gives a typed error that says how to fix it, in Chinese and English', () => {
    const e = thrown(() => resolveLetterFont({ env: {}, candidates: [{ source: 'x', regular: { path: '/nope/a.ttf' } }], fileExists: () => false }));
    const err = e as LetterError;
    expect(err).toBeInstanceOf(LetterError);
    expect(err.code).toBe('LETTER_FONT_MISSING');
    expect(err.messageZh).toContain('找不到生成 PDF 督办文书所需的中文字体');
    expect(err.messageZh).toContain(LETTER_FONT_ENV);
    expect(err.messageEn).toContain('No Chinese font found');
    expect(err.messageEn).toContain('/nope/a.ttf');
  });

  it('a file that is not a font is reported as LETTER_FONT_INVALID', async () => {
    const notAFont = join(__dirname, 'letter.model.ts');
    const err = await thrownAsync(renderLetterPdf(SAMPLE_REMINDER_LETTER, { font: { regular: { path: notAFont }, source: 'test' } }));
    expect(err.code).toBe('LETTER_FONT_INVALID');
    expect(err.messageEn).toContain(notAFont);
  });

  it('parses path#PostScriptName for font collections only', () => {
    expect(parseFontSpec('/f/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular')).toEqual({
      path: '/f/NotoSerifCJK-Regular.ttc',
      postscriptName: 'NotoSerifCJKsc-Regular',
    });
    expect(parseFontSpec('/f/a#b.ttf')).toEqual({ path: '/f/a#b.ttf' });
  });
});
