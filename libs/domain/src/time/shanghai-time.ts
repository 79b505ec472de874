import { MS_PER_DAY, civilFromDays, formatYmd } from '../calendar/civil-date';

/**
 * THE Asia/Shanghai time module: the bureau's calendar day, its midnight, its year. Shanghai has been UTC+8 without
 * daylight saving since 1991, so the offset is fixed, and written here only (a rule of the codebase: nowhere else
 * adds 8 hours or writes +08:00 by hand). Pure and deterministic, with no clock and no host time zone: the domain
 * and the workflow count deadlines with it, and the read model, letters, API, CLI and tools use the same functions.
 */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** The offset as ISO 8601 writes it. */
export const SHANGHAI_OFFSET = '+08:00';

/** Day number (days since 1970-01-01) of the Shanghai calendar day containing the instant. */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The instant (epoch ms) 00:00 Asia/Shanghai of the given day number. */
export function shanghaiMidnight(dayNumber: number): number {
  return dayNumber * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** 'YYYY-MM-DD' of the Shanghai day containing the instant. */
export function shanghaiDate(ms: number): string {
  return formatYmd(shanghaiDayNumber(ms));
}

/** The year of the Shanghai day containing the instant. */
export function shanghaiYear(ms: number): number {
  return civilFromDays(shanghaiDayNumber(ms)).year;
}

/** The Shanghai wall-clock hour (0–23) and minute of the instant. */
export function shanghaiClock(ms: number): { hour: number; minute: number } {
  const inDay = ms - shanghaiMidnight(shanghaiDayNumber(ms));
  return { hour: Math.floor(inDay / 3_600_000), minute: Math.floor((inDay % 3_600_000) / 60_000) };
}

/** '2026-03-05' → '2026-03-05T00:00:00+08:00': 00:00 Shanghai of a date, as text with its offset. */
export function shanghaiMidnightText(ymd: string): string {
  return `${ymd}T00:00:00${SHANGHAI_OFFSET}`;
}

/** Epoch ms of 00:00 Shanghai of a 'YYYY-MM-DD' date (NaN when the text is not one). */
export function shanghaiMidnightOfDate(ymd: string): number {
  return Date.parse(shanghaiMidnightText(ymd));
}

/** 00:00 Shanghai of a 'YYYY-MM-DD' date as a UTC ISO instant ('2026-03-04T16:00:00.000Z'); throws on an invalid date. */
export function shanghaiMidnightIso(ymd: string): string {
  return new Date(shanghaiMidnightOfDate(ymd)).toISOString();
}
