/**
 * Dates in letters are Asia/Shanghai calendar days written 2026年3月5日.
 * The Shanghai day comes from libs/domain's time module (shanghai-time.ts), the one deadlines are counted
 * with, so a letter and the case agree on which day a deadline falls.
 */
import { shanghaiClock, shanghaiDayNumber, shanghaiMidnight } from '@petitions/domain';

const MS_PER_DAY = 86_400_000;

// An offset is required, as in libs/domain: without one Date would read the host's zone.
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a Shanghai calendar day. */
export type DayNumber = number;

function civilDay(y: number, m: number, d: number): DayNumber | null {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

type ParsedTime = { kind: 'instant'; ms: number } | { kind: 'date'; day: DayNumber };

/** Parses an ISO instant with offset or a plain 'YYYY-MM-DD' (already a Shanghai day); null when invalid. */
export function parseLetterTime(value: unknown): ParsedTime | null {
  if (typeof value !== 'string') return null;
  const d = DATE_PATTERN.exec(value);
  if (d) {
    const day = civilDay(Number(d[1]), Number(d[2]), Number(d[3]));
    return day === null ? null : { kind: 'date', day };
  }
  const m = INSTANT_PATTERN.exec(value);
  if (!m) return null;
  if (civilDay(Number(m[1]), Number(m[2]), Number(m[3])) === null) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? { kind: 'instant', ms } : null;
}

function required(value: string): ParsedTime {
  const t = parseLetterTime(value);
  if (!t) throw new RangeError(`Invalid letter date: ${value}`);
  return t;
}

/** The Shanghai day on which the instant falls. */
export function shanghaiDay(value: string): DayNumber {
  const t = required(value);
  return t.kind === 'date' ? t.day : shanghaiDayNumber(t.ms);
}

/**
 * The last Shanghai day still in time for a deadline. The domain ends a day limit at 00:00 after
 * its last day, so the instant just before dueAt is the one to print; a plain date is that day.
 */
export function lastDayInTime(dueAt: string): DayNumber {
  const t = required(dueAt);
  return t.kind === 'date' ? t.day : shanghaiDayNumber(t.ms - 1);
}

/** 2026年3月5日 (no leading zeros, as official documents write dates). */
export function formatDayZh(day: DayNumber): string {
  const d = new Date(day * MS_PER_DAY);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The Shanghai date of an instant (or plain date), e.g. '2026-03-05T16:30:00Z' → 2026年3月6日. */
export function formatDateZh(value: string): string {
  return formatDayZh(shanghaiDay(value));
}

/** The year of the Shanghai day of an instant: the year in the letter number. */
export function shanghaiYear(value: string): number {
  return new Date(shanghaiDay(value) * MS_PER_DAY).getUTCFullYear();
}

/**
 * Whether a deadline falls on a day boundary (a plain date, or 00:00 Shanghai): day limits do, limits counted in
 * hours or minutes (a supervision office may set them) do not, and a letter then names the time as well.
 */
export function isDayBoundary(value: string): boolean {
  const t = required(value);
  return t.kind === 'date' || shanghaiMidnight(shanghaiDayNumber(t.ms)) === t.ms;
}

/** Milliseconds of an instant; a plain date is its Shanghai midnight. */
export function letterTimeMs(value: string): number {
  const t = required(value);
  return t.kind === 'date' ? shanghaiMidnight(t.day) : t.ms;
}

/** 2026年3月5日14时05分: the Shanghai date and time of an instant. */
export function formatInstantZh(value: string): string {
  const { hour, minute } = shanghaiClock(letterTimeMs(value));
  return `${formatDayZh(shanghaiDay(value))}${hour}时${String(minute).padStart(2, '0')}分`;
}

/** How a letter writes a deadline: its last day in time (day limits), or the exact time (shorter limits). */
export function formatDeadlineZh(dueAt: string): string {
  return isDayBoundary(dueAt) ? formatDayZh(lastDayInTime(dueAt)) : formatInstantZh(dueAt);
}

/** Whether the deadline has passed at `at`: by calendar day for day limits, by the instant otherwise. */
export function deadlinePassed(dueAt: string, at: string): boolean {
  return isDayBoundary(dueAt) ? shanghaiDay(at) > lastDayInTime(dueAt) : letterTimeMs(at) >= letterTimeMs(dueAt);
}
