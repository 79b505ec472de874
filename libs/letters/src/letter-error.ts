export type LetterErrorCode =
  /** formatLetterNo: the issuing body's abbreviation is empty or not Chinese characters. */
  | 'LETTER_NO_INVALID_ABBREV'
  /** formatLetterNo: the year is not a four-digit year. */
  | 'LETTER_NO_INVALID_YEAR'
  /** formatLetterNo: the sequence number is not a positive integer. */
  | 'LETTER_NO_INVALID_SEQ'
  /** parseLetterNo: the text is not of the form 机关代字〔年份〕序号号. */
  | 'LETTER_NO_UNPARSEABLE'
  /** The letter model is incomplete or inconsistent; see problems. */
  | 'LETTER_INVALID'
  /** A free-text field looks like it carries an ID-card or phone number. */
  | 'LETTER_PERSONAL_DATA_SUSPECTED'
  /** No Chinese font was found for the PDF. */
  | 'LETTER_FONT_MISSING'
  /** A font file was found but cannot be used (unreadable, not TTF/OTF, face not in collection). */
  | 'LETTER_FONT_INVALID';

export interface LetterProblem {
  path: string;
  message: string;
}

/** Bilingual error with a stable code: callers show Chinese to users and log English. */
export class LetterError extends Error {
  readonly code: LetterErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly problems: LetterProblem[];

  constructor(code: LetterErrorCode, messageZh: string, messageEn: string, problems: LetterProblem[] = []) {
    super(`${messageZh} / ${messageEn}`);
    this.name = 'LetterError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.problems = problems;
  }
}

export function isLetterError(e: unknown): e is LetterError {
  return e instanceof LetterError;
}
