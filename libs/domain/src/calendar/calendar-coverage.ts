import { type BusinessCalendar, type Limit, calendarCovers, computeDueAt, createCalendar, localDate } from './business-calendar';
import type { HolidayYear } from './holiday-year.schema';
import { parseInstant } from './instant';
import { shanghaiDayNumber } from '../time/shanghai-time';
import { formatYmd } from './civil-date';

/**
 * Provisional deadlines (domain.md, Precisions): the State Council publishes each year's holiday arrangement late in
 * the year before. A day limit whose counting reaches a day of a year the calendar does not cover is computed by plain
 * weekdays (Mon–Fri working, no holidays: what computeDueAt already does outside the loaded years) and is
 * PROVISIONAL until that year is published; then it is recomputed (CalendarAdopted).
 */
export interface DueWithCoverage {
  dueAt: string;
  /** Years whose arrangement the computation needed and did not have (ascending); empty: the due time is final. */
  uncoveredYears: number[];
}

function yearsMissing(cal: BusinessCalendar, fromDay: number, toDay: number): number[] {
  const out: number[] = [];
  if (toDay < fromDay) return out;
  const first = Number(formatYmd(fromDay).slice(0, 4));
  const last = Number(formatYmd(toDay).slice(0, 4));
  for (let y = first; y <= last; y++) if (!cal.years.some((h) => h.year === y)) out.push(y);
  return out;
}

/**
 * The years a day-limit due time depends on and the calendar lacks. Working days depend on every day counted
 * (start day excluded, last day included); calendar days that roll depend on the last day (and the rest days rolled
 * over, all between the unrolled last day and the due day); calendar days that do not roll and time limits depend on
 * no calendar at all. `dueIso` is the due time actually recorded (it may also carry an extension or a pause).
 */
export function uncoveredYearsOf(startIso: string, dueIso: string, limit: Limit, cal: BusinessCalendar): number[] {
  const start = parseInstant(startIso);
  const due = parseInstant(dueIso);
  if (start === null || due === null) return [];
  if (limit.unit !== 'working_days' && limit.unit !== 'calendar_days') return [];
  if (limit.unit === 'calendar_days' && limit.rollToWorkingDay === false) return [];
  const startDay = shanghaiDayNumber(start);
  const lastDay = shanghaiDayNumber(due - 1);
  const fromDay = limit.unit === 'working_days' ? startDay + 1 : Math.min(lastDay, startDay + limit.amount);
  return yearsMissing(cal, fromDay, lastDay);
}

/** computeDueAt plus the years it had to treat as plain weekdays (see uncoveredYearsOf). */
export function computeDueWithCoverage(startIso: string, limit: Limit, cal: BusinessCalendar): DueWithCoverage {
  const dueAt = computeDueAt(startIso, limit, cal);
  return { dueAt, uncoveredYears: uncoveredYearsOf(startIso, dueAt, limit, cal) };
}

/** The calendar with `years` added; a year already present is replaced (a corrected notice). Validates every year. */
export function withYears(cal: BusinessCalendar, years: readonly HolidayYear[]): BusinessCalendar {
  if (years.length === 0) return cal;
  const byYear = new Map<number, HolidayYear>(cal.years.map((y) => [y.year, y]));
  for (const y of createCalendar([...years]).years) byYear.set(y.year, y);
  return createCalendar([...byYear.values()]);
}

/** True when the calendar covers the year of the instant's local (Asia/Shanghai) day. */
export function coversInstant(cal: BusinessCalendar, iso: string): boolean {
  return calendarCovers(cal, localDate(iso));
}
