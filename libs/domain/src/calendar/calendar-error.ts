export type CalendarErrorCode =
  | 'CALENDAR_INVALID_LIMIT'
  | 'CALENDAR_INVALID_INSTANT'
  | 'CALENDAR_INVALID_DATE'
  | 'CALENDAR_INVALID_YEAR_DATA'
  | 'CALENDAR_DUPLICATE_YEAR';

export interface CalendarProblem {
  path: string;
  message: string;
}

/** Bilingual error so callers can show Chinese to users and log English. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly problems: CalendarProblem[];

  constructor(code: CalendarErrorCode, messageZh: string, messageEn: string, problems: CalendarProblem[] = []) {
    super(messageEn);
    this.name = 'CalendarError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.problems = problems;
  }
}
