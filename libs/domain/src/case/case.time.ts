import { type BusinessCalendar, type Limit, computeDueAt } from '../calendar';

// An offset is required: without one Date reads the host's zone and replay would differ by machine.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export function toMs(iso: string): number {
  return Date.parse(iso);
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** Strictly before: a due time is the first instant that is late (00:00 after the last day). */
export function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

export function dueFrom(startIso: string, limit: Limit | null, cal: BusinessCalendar): string | null {
  return limit === null ? null : computeDueAt(startIso, limit, cal);
}

/**
 * Extends a due time. Day limits count from the last day of the current limit (the due instant is
 * 00:00 after it), so +30 days on a deadline ending 10 Oct ends on 9 Nov, not 10 Nov.
 */
export function extendDueAt(dueIso: string, limit: Limit, cal: BusinessCalendar): string {
  const dayUnit = limit.unit === 'calendar_days' || limit.unit === 'working_days';
  return computeDueAt(dayUnit ? addMs(dueIso, -1) : dueIso, limit, cal);
}
