import { LetterError } from './letter-error';

/**
 * Official document numbers (发文字号) as GB/T 9704-2012 writes them: 机关代字 + 年份 in 六角括号
 * 〔〕 + 序号 + 号. The sequence has no padding (1, not 001) and no 第.
 */
export interface LetterNoParts {
  /** 机关代字, e.g. 徐信督 or 沪徐信督. */
  bodyAbbrev: string;
  year: number;
  seq: number;
}

export const MIN_LETTER_YEAR = 1949;
export const MAX_LETTER_YEAR = 9999;
export const MAX_LETTER_SEQ = 999_999;
export const MAX_ABBREV_LENGTH = 16;

const HAN_ONLY = /^\p{Script=Han}+$/u;
const LETTER_NO_PATTERN = /^(\p{Script=Han}{1,16})〔(\d{4})〕([1-9]\d{0,5})号$/u;
// Brackets people type instead of 〔〕: named in the error so the fix is obvious.
const WRONG_BRACKETS = /[[\]【】（）()〈〉［］]/u;

function checkAbbrev(abbrev: unknown): string {
  const a = typeof abbrev === 'string' ? abbrev.trim() : '';
  if (a.length === 0 || [...a].length > MAX_ABBREV_LENGTH || !HAN_ONLY.test(a) || a.endsWith('号')) {
    throw new LetterError(
      'LETTER_NO_INVALID_ABBREV',
      `机关代字无效：应为 1–${MAX_ABBREV_LENGTH} 个汉字（如“徐信督”），实际为“${String(abbrev)}”`,
      `Invalid body abbreviation: expected 1–${MAX_ABBREV_LENGTH} Chinese characters (e.g. 徐信督), got "${String(abbrev)}"`,
      [{ path: 'bodyAbbrev', message: 'must be 1–16 Han characters' }],
    );
  }
  return a;
}

function checkYear(year: unknown): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_LETTER_YEAR || year > MAX_LETTER_YEAR) {
    throw new LetterError(
      'LETTER_NO_INVALID_YEAR',
      `发文年份无效：应为 ${MIN_LETTER_YEAR}–${MAX_LETTER_YEAR} 之间的四位整数，实际为 ${String(year)}`,
      `Invalid letter year: expected a four-digit integer in ${MIN_LETTER_YEAR}–${MAX_LETTER_YEAR}, got ${String(year)}`,
      [{ path: 'year', message: 'must be a four-digit integer' }],
    );
  }
  return year;
}

function checkSeq(seq: unknown): number {
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > MAX_LETTER_SEQ) {
    throw new LetterError(
      'LETTER_NO_INVALID_SEQ',
      `发文序号无效：应为 1–${MAX_LETTER_SEQ} 之间的整数，实际为 ${String(seq)}`,
      `Invalid letter sequence number: expected an integer in 1–${MAX_LETTER_SEQ}, got ${String(seq)}`,
      [{ path: 'seq', message: 'must be a positive integer' }],
    );
  }
  return seq;
}

/** formatLetterNo({ bodyAbbrev: '徐信督', year: 2026, seq: 17 }) === '徐信督〔2026〕17号' */
export function formatLetterNo(parts: LetterNoParts): string {
  const abbrev = checkAbbrev(parts.bodyAbbrev);
  const year = checkYear(parts.year);
  const seq = checkSeq(parts.seq);
  return `${abbrev}〔${year}〕${seq}号`;
}

/** The inverse of formatLetterNo; strict, so a number that parses also formats back identically. */
export function parseLetterNo(text: string): LetterNoParts {
  const raw = typeof text === 'string' ? text : '';
  const m = LETTER_NO_PATTERN.exec(raw);
  if (!m) {
    const hint = WRONG_BRACKETS.test(raw)
      ? { zh: '年份须用六角括号〔〕括入', en: 'the year must be enclosed in 〔〕 (U+3014/U+3015)' }
      : /〕0\d*号$/u.test(raw)
        ? { zh: '序号不编虚位（1 不写作 01）', en: 'the sequence number takes no leading zeros' }
        : { zh: '格式应为“机关代字〔年份〕序号号”，如“徐信督〔2026〕17号”', en: 'expected 机关代字〔YYYY〕N号, e.g. 徐信督〔2026〕17号' };
    throw new LetterError(
      'LETTER_NO_UNPARSEABLE',
      `发文字号“${raw}”无效：${hint.zh}`,
      `Invalid letter number "${raw}": ${hint.en}`,
      [{ path: 'letterNo', message: hint.en }],
    );
  }
  return { bodyAbbrev: m[1], year: checkYear(Number(m[2])), seq: checkSeq(Number(m[3])) };
}

export function isLetterNo(text: string): boolean {
  try {
    parseLetterNo(text);
    return true;
  } catch {
    return false;
  }
}
