import { CalendarError, type CalendarProblem } from './calendar-error';
import { formatYmd, isWeekend, parseYmd } from './civil-date';
import { type HolidayYear, validateHolidayYear } from './holiday-year.schema';
import { formatInstant, isRepresentable, parseInstant } from './instant';
import { SHANGHAI_TIME_ZONE, shanghaiDayNumber, shanghaiMidnight } from '../time/shanghai-time';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';

/** Plain JSON-serializable data: it travels in Temporal workflow inputs. */
export interface BusinessCalendar {
  timeZone: typeof SHANGHAI_TIME_ZONE;
  years: HolidayYear[];
}

export type LimitUnit = 'calendar_days' | 'working_days' | 'hours' | 'minutes' | 'seconds';

export interface Limit {
  amount: number;
  unit: LimitUnit;
  /** Calendar days only: move a deadline ending on a rest day to the next working day (default true). */
  rollToWorkingDay?: boolean;
}

const TIME_UNIT_MS: Partial<Record<LimitUnit, number>> = { hours: 3_600_000, minutes: 60_000, seconds: 1000 };
const LIMIT_UNITS: readonly LimitUnit[] = ['calendar_days', 'working_days', 'hours', 'minutes', 'seconds'];
// Bounds day loops so a mistyped policy cannot hang a workflow task (≈10 years).
export const MAX_LIMIT_DAYS = 3660;

/** Validates every year, rejects duplicates and returns the years sorted. */
export function createCalendar(years: HolidayYear[]): BusinessCalendar {
  if (!Array.isArray(years)) {
    throw new CalendarError('CALENDAR_INVALID_YEAR_DATA', '节假日数据必须是数组', 'Holiday data must be an array');
  }
  const problems: CalendarProblem[] = [];
  const valid: HolidayYear[] = [];
  years.forEach((y, i) => {
    const r = validateHolidayYear(y);
    if (r.ok) valid.push(r.value);
    else problems.push(...r.problems.map((p) => ({ path: p.path ? `years[${i}].${p.path}` : `years[${i}]`, message: p.message })));
  });
  if (problems.length > 0) {
    throw new CalendarError('CALENDAR_INVALID_YEAR_DATA', '节假日安排数据无效', 'Invalid holiday arrangement data', problems);
  }
  const seen = new Set<number>();
  for (const y of valid) {
    if (seen.has(y.year)) {
      throw new CalendarError('CALENDAR_DUPLICATE_YEAR', `${y.year}年的节假日安排重复`, `Duplicate holiday arrangement for ${y.year}`);
    }
    seen.add(y.year);
  }
  return { timeZone: SHANGHAI_TIME_ZONE, years: valid.sort((a, b) => a.year - b.year) };
}

function requireDay(ymd: string): number {
  const day = parseYmd(ymd);
  if (day === null) {
    throw new CalendarError('CALENDAR_INVALID_DATE', `日期无效: ${String(ymd)}`, `Invalid date (expected YYYY-MM-DD): ${String(ymd)}`);
  }
  return day;
}

function requireInstant(iso: string): number {
  const ms = parseInstant(iso);
  if (ms === null) {
    throw new CalendarError(
      'CALENDAR_INVALID_INSTANT',
      `时间无效（须为带时区的ISO 8601）: ${String(iso)}`,
      `Invalid instant (expected ISO 8601 with Z or offset): ${String(iso)}`,
    );
  }
  return ms;
}

function invalidLimit(reasonZh: string, reasonEn: string): CalendarError {
  return new CalendarError('CALENDAR_INVALID_LIMIT', `期限无效: ${reasonZh}`, `Invalid limit: ${reasonEn}`);
}

function yearOf(cal: BusinessCalendar, year: number): HolidayYear | undefined {
  return cal.years.find((y) => y.year === year);
}

function isWorkingDayNumber(day: number, cal: BusinessCalendar): boolean {
  const ymd = formatYmd(day);
  const data = yearOf(cal, Number(ymd.slice(0, 4)));
  if (data) {
    if (data.adjustedWorkdays.includes(ymd)) return true;
    if (data.holidays.some((h) => h.restDays.includes(ymd))) return false;
  }
  return !isWeekend(day);
}

/** True when the year of `ymd` has holiday data; outside it working days are plain Mon–Fri. */
export function calendarCovers(cal: BusinessCalendar, ymd: string): boolean {
  requireDay(ymd);
  return yearOf(cal, Number(ymd.slice(0, 4))) !== undefined;
}

export function isWorkingDay(ymd: string, cal: BusinessCalendar): boolean {
  return isWorkingDayNumber(requireDay(ymd), cal);
}

/** 'YYYY-MM-DD' of the instant in Asia/Shanghai (UTC+8, no DST). */
export function localDate(iso: string): string {
  return formatYmd(shanghaiDayNumber(requireInstant(iso)));
}

function stepWorkingDays(day: number, n: number, cal: BusinessCalendar): number {
  const step = n < 0 ? -1 : 1;
  let d = day;
  for (let left = Math.abs(n); left > 0; ) {
    d += step;
    if (isWorkingDayNumber(d, cal)) left--;
  }
  return d;
}

/** The n-th working day after `ymd` (before it when n < 0); `ymd` itself is not counted. */
export function addWorkingDays(ymd: string, n: number, cal: BusinessCalendar): string {
  const day = requireDay(ymd);
  if (!Number.isInteger(n) || Math.abs(n) > MAX_LIMIT_DAYS) {
    throw invalidLimit(`工作日数须为不超过${MAX_LIMIT_DAYS}的整数`, `working days must be an integer within ±${MAX_LIMIT_DAYS}, got ${n}`);
  }
  return formatYmd(stepWorkingDays(day, n, cal));
}

/**
 * Working days from the local day of `fromIso` to that of `toIso`, start day not counted and
 * end day counted; negative when `toIso` is earlier, so addWorkingDays and this are inverses.
 */
export function countWorkingDaysBetween(fromIso: string, toIso: string, cal: BusinessCalendar): number {
  const from = shanghaiDayNumber(requireInstant(fromIso));
  const to = shanghaiDayNumber(requireInstant(toIso));
  const [lo, hi] = from <= to ? [from + 1, to] : [to, from - 1];
  let count = 0;
  for (let d = lo; d <= hi; d++) if (isWorkingDayNumber(d, cal)) count++;
  return from <= to ? count : count === 0 ? 0 : -count;
}

function checkLimit(limit: Limit): void {
  if (typeof limit !== 'object' || limit === null) throw invalidLimit('缺少期限', 'limit must be an object');
  const { amount, unit, rollToWorkingDay } = limit;
  if (!LIMIT_UNITS.includes(unit)) throw invalidLimit(`未知单位 ${String(unit)}`, `unknown unit ${String(unit)}`);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw invalidLimit('数量须为非负有限数', `amount must be a finite number >= 0, got ${String(amount)}`);
  }
  if ((unit === 'calendar_days' || unit === 'working_days') && (!Number.isInteger(amount) || amount > MAX_LIMIT_DAYS)) {
    throw invalidLimit(`天数须为不超过${MAX_LIMIT_DAYS}的整数`, `days must be an integer <= ${MAX_LIMIT_DAYS}, got ${amount}`);
  }
  if (rollToWorkingDay !== undefined && typeof rollToWorkingDay !== 'boolean') {
    throw invalidLimit('rollToWorkingDay须为布尔值', 'rollToWorkingDay must be a boolean');
  }
}

/**
 * Deadline as an ISO UTC instant. Day limits end at 00:00 Asia/Shanghai after the last day
 * (start day not counted); time limits are exact elapsed time and never roll.
 */
export function computeDueAt(startIso: string, limit: Limit, cal: BusinessCalendar): string {
  const start = requireInstant(startIso);
  checkLimit(limit);
  const unitMs = TIME_UNIT_MS[limit.unit];
  if (unitMs !== undefined) {
    const due = start + Math.round(limit.amount * unitMs);
    if (!isRepresentable(due)) throw invalidLimit('截止时间超出范围', 'deadline out of range');
    return formatInstant(due);
  }
  const startDay = shanghaiDayNumber(start);
  let lastDay: number;
  if (limit.unit === 'working_days') {
    lastDay = stepWorkingDays(startDay, limit.amount, cal);
  } else {
    lastDay = startDay + limit.amount;
    if (limit.rollToWorkingDay !== false && !isWorkingDayNumber(lastDay, cal)) lastDay = stepWorkingDays(lastDay, 1, cal);
  }
  return formatInstant(shanghaiMidnight(lastDay + 1));
}

/** Mainland China: State Council arrangements for the years in ./data. */
export const CN_CALENDAR: BusinessCalendar = createCalendar([cn2025, cn2026]);
