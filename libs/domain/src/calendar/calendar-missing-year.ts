import { localDate } from './business-calendar';

/**
 * The December warning (docs/calendar-years.md): the State Council publishes next year's arrangement late in the
 * year, and every deadline reaching a year without one is provisional. From `warnFrom` (month-day, Asia/Shanghai;
 * default 12-01) the coming year is reported missing until it is loaded; the current year is reported missing
 * whatever the date (the warning was missed).
 */
export interface MissingYearWarning {
  /** Years without an arrangement that should have one by now, earliest first. */
  missingYears: number[];
  /** The month-day from which the coming year is expected (the setting in force). */
  warnFrom: string;
  messageZh: string;
  messageEn: string;
}

export const DEFAULT_CALENDAR_WARN_FROM = '12-01';
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonthDay(value: string): boolean {
  return MONTH_DAY.test(value);
}

/** null when nothing is missing (or it is not yet time to expect the coming year). */
export function missingYearWarning(now: string, coveredYears: readonly number[], warnFrom: string = DEFAULT_CALENDAR_WARN_FROM): MissingYearWarning | null {
  if (!isMonthDay(warnFrom)) throw new RangeError(`warnFrom must be MM-DD, got ${warnFrom}`);
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const expected = today.slice(5) >= warnFrom ? [year, year + 1] : [year];
  const missingYears = expected.filter((y) => !coveredYears.includes(y));
  if (missingYears.length === 0) return null;
  const list = missingYears.join('、');
  return {
    missingYears,
    warnFrom,
    messageZh: `${list}年节假日安排尚未发布：涉及该年的期限均为暂定，请在国务院办公厅通知发布后尽快导入（petitions calendar import）`,
    messageEn: `The holiday arrangement for ${missingYears.join(', ')} is not loaded: deadlines reaching it are provisional; publish it `
      + 'as soon as the State Council notice is out (petitions calendar import)',
  };
}
