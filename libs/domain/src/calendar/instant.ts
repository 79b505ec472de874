import { daysFromCivil, daysInMonth, MS_PER_DAY } from './civil-date';

// An explicit offset is required: an ISO string without one is read in the host's
// local zone by Date, which would make deadlines depend on the machine.
const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;


// Limits of the ECMAScript time value, so toISOString never throws.
const MAX_TIME_MS = 8.64e15;

/** Epoch milliseconds of an ISO 8601 instant with offset, or null when invalid. */
export function parseInstant(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const m = INSTANT_PATTERN.exec(iso);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMs = 0;
  if (m[8] !== 'Z') {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return null;
    offsetMs = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return local - offsetMs;
}

export function isRepresentable(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}
