import { formatYmd, isWeekend, parseYmd } from './civil-date';
import type { CalendarProblem } from './calendar-error';

/** One public holiday of the State Council's yearly arrangement. */
export interface HolidayPeriod {
  name: string;
  nameZh: string;
  /** Every day off of the period, weekend days inside it included ('YYYY-MM-DD'). */
  restDays: string[];
}

/** One year's holiday arrangement (放假调休安排) as plain data. */
export interface HolidayYear {
  year: number;
  /** The notice it comes from, e.g. "国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)". */
  source: string;
  holidays: HolidayPeriod[];
  /** Weekend days that are working days (调休上班). */
  adjustedWorkdays: string[];
}

export type HolidayYearValidation =
  | { ok: true; value: HolidayYear }
  | { ok: false; problems: CalendarProblem[] };

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const YEAR_KEYS = ['year', 'source', 'holidays', 'adjustedWorkdays'];
const HOLIDAY_KEYS = ['name', 'nameZh', 'restDays'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

// Unknown keys are reported: a misspelt "adjustedWorkday" would otherwise silently drop working days.
function checkKeys(obj: Record<string, unknown>, allowed: string[], prefix: string, problems: CalendarProblem[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push({ path: `${prefix}${key}`, message: `unknown field "${key}"` });
  }
}

/** Checks one date entry; returns its day number when it is a usable date of `year`. */
function checkDate(value: unknown, path: string, year: number | null, problems: CalendarProblem[]): number | null {
  const day = parseYmd(value);
  if (day === null) {
    problems.push({ path, message: `expected a real date 'YYYY-MM-DD', got ${JSON.stringify(value)}` });
    return null;
  }
  if (year !== null && !(value as string).startsWith(`${year}-`)) {
    problems.push({ path, message: `${value as string} is outside the year ${year}` });
    return null;
  }
  return day;
}

/** Validates untrusted data (e.g. a JSON file) and lists every problem by path. */
export function validateHolidayYear(data: unknown): HolidayYearValidation {
  const problems: CalendarProblem[] = [];
  if (!isRecord(data)) {
    return { ok: false, problems: [{ path: '', message: 'expected an object' }] };
  }
  checkKeys(data, YEAR_KEYS, '', problems);

  const yearOk = Number.isInteger(data.year) && (data.year as number) >= MIN_YEAR && (data.year as number) <= MAX_YEAR;
  if (!yearOk) {
    problems.push({ path: 'year', message: `expected an integer year ${MIN_YEAR}–${MAX_YEAR}, got ${JSON.stringify(data.year)}` });
  }
  const year = yearOk ? (data.year as number) : null;

  if (!isNonEmptyString(data.source)) {
    problems.push({ path: 'source', message: 'expected a non-empty string naming the State Council notice' });
  }

  const restSeen = new Map<number, string>();
  const holidays: HolidayPeriod[] = [];
  if (!Array.isArray(data.holidays)) {
    problems.push({ path: 'holidays', message: 'expected an array' });
  } else {
    data.holidays.forEach((h: unknown, i: number) => {
      const at = `holidays[${i}]`;
      if (!isRecord(h)) {
        problems.push({ path: at, message: 'expected an object' });
        return;
      }
      checkKeys(h, HOLIDAY_KEYS, `${at}.`, problems);
      if (!isNonEmptyString(h.name)) problems.push({ path: `${at}.name`, message: 'expected a non-empty string' });
      if (!isNonEmptyString(h.nameZh)) problems.push({ path: `${at}.nameZh`, message: 'expected a non-empty string' });
      if (!Array.isArray(h.restDays) || h.restDays.length === 0) {
        problems.push({ path: `${at}.restDays`, message: 'expected a non-empty array of dates' });
      } else {
        h.restDays.forEach((d: unknown, j: number) => {
          const path = `${at}.restDays[${j}]`;
          const day = checkDate(d, path, year, problems);
          if (day === null) return;
          const first = restSeen.get(day);
          if (first !== undefined) problems.push({ path, message: `${d as string} is already listed at ${first}` });
          else restSeen.set(day, path);
        });
      }
      if (Array.isArray(h.restDays)) {
        holidays.push({ name: h.name as string, nameZh: h.nameZh as string, restDays: [...(h.restDays as string[])] });
      }
    });
  }

  const workSeen = new Set<number>();
  if (!Array.isArray(data.adjustedWorkdays)) {
    problems.push({ path: 'adjustedWorkdays', message: 'expected an array (possibly empty)' });
  } else {
    data.adjustedWorkdays.forEach((d: unknown, j: number) => {
      const path = `adjustedWorkdays[${j}]`;
      const day = checkDate(d, path, year, problems);
      if (day === null) return;
      if (workSeen.has(day)) problems.push({ path, message: `${formatYmd(day)} is listed twice` });
      workSeen.add(day);
      if (!isWeekend(day)) problems.push({ path, message: `${formatYmd(day)} is not a Saturday or Sunday` });
      const rest = restSeen.get(day);
      if (rest !== undefined) problems.push({ path, message: `${formatYmd(day)} is both a working day and a rest day (${rest})` });
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      year: data.year as number,
      source: data.source as string,
      holidays,
      adjustedWorkdays: [...(data.adjustedWorkdays as string[])],
    },
  };
}
