import { z } from 'zod';
import { CASE_STATUSES, CASE_STEPS, CHANNELS, DEADLINE_KEYS, PETITION_KINDS, shanghaiMidnightIso, shanghaiMidnightText } from '@petitions/domain';
import { MAX_PAGE } from '@petitions/read-model';

// Query strings only: every value arrives as text, is bounded here and converted once.
const id = z.string().trim().min(1).max(64).regex(/^[\w.:\-]+$/, 'letters, digits, . _ : - only');
const MIN = Date.parse('2000-01-01T00:00:00Z');
const MAX = Date.parse('2100-01-01T00:00:00Z');
const inRange = (s: string): boolean => { const t = Date.parse(s); return t >= MIN && t < MAX; };
/** An instant with offset, or a date (00:00 Asia/Shanghai that day). */
export const instantOrDate = z.string().max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 instant with offset')
  .transform((s) => (s.length === 10 ? shanghaiMidnightText(s) : s))
  .refine(inRange, 'date out of range 2000–2099')
  .transform((s) => new Date(Date.parse(s)).toISOString());
const bool = z.enum(['true', 'false']).transform((s) => s === 'true');
export const int = (min: number, max: number) => z.string().regex(/^\d{1,6}$/, 'a whole number').transform(Number)
  .refine((n) => n >= min && n <= max, `between ${min} and ${max}`);
/** 'YYYY' or 'YYYY-MM': a calendar year or month in Asia/Shanghai. */
export const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'YYYY or YYYY-MM');

export function periodBounds(p: string): { from: string; to: string } {
  const [y, m] = p.split('-').map(Number);
  const start = m ? `${y}-${String(m).padStart(2, '0')}-01` : `${y}-01-01`;
  const end = m ? (m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`) : `${y + 1}-01-01`;
  return { from: shanghaiMidnightIso(start), to: shanghaiMidnightIso(end) };
}

const filterShape = {
  unit: id.optional(),
  region: z.string().regex(/^\d{1,12}$/, 'administrative division code prefix (digits)').optional(),
  category: id.optional(),
  channel: z.enum(CHANNELS).optional(),
  kind: z.enum(PETITION_KINDS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  step: z.enum(CASE_STEPS).optional(),
  handler: id.optional(),
  from: instantOrDate.optional(),
  to: instantOrDate.optional(),
  period: period.optional(),
};
const cursorPage = { limit: int(1, MAX_PAGE).default(50), cursor: z.string().max(400).regex(/^[\w-]+$/, 'opaque cursor').optional() };
const offsetPage = { limit: int(1, MAX_PAGE).default(50), offset: int(0, 10_000).default(0) };
const asOf = { asOf: instantOrDate.optional() };

const periodRule = <T extends { from?: string; to?: string; period?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.period && (v.from || v.to)) ctx.addIssue({ code: 'custom', path: ['period'], message: 'use either period or from/to' });
  if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
};

export const dueListQuery = z.object({ ...filterShape, ...cursorPage, ...asOf }).strict().superRefine(periodRule);
export const dueSoonQuery = z.object({ ...filterShape, ...cursorPage, ...asOf, days: int(1, 366).default(7), working: bool.default(false) })
  .strict().superRefine(periodRule);
export const ledgerListQuery = z.object({ ...filterShape, ...cursorPage, deadlineKey: z.enum(DEADLINE_KEYS).optional(), open: bool.optional() })
  .strict().superRefine(periodRule);
export const ledgerUnitsQuery = z.object({ ...filterShape, ...offsetPage, deadlineKey: z.enum(DEADLINE_KEYS).optional() })
  .strict().superRefine(periodRule);
export const unitsQuery = z.object({ ...filterShape, ...offsetPage }).strict().superRefine(periodRule);
export const workloadQuery = z.object({ ...filterShape, ...offsetPage, ...asOf, days: int(1, 366).default(7) }).strict().superRefine(periodRule);
export const repeatsQuery = z.object({ ...filterShape, ...cursorPage }).strict().superRefine(periodRule);

const source = z.enum(['cases', 'events']).default('cases');
export const reportQuery = z.object({ from: instantOrDate.optional(), to: instantOrDate.optional(), period: period.optional(),
  region: filterShape.region, ...asOf, source }).strict().superRefine((v, ctx) => {
  periodRule(v, ctx);
  if (!v.period && !(v.from && v.to)) ctx.addIssue({ code: 'custom', path: ['period'], message: 'give period (YYYY or YYYY-MM) or both from and to' });
});
export const annualQuery = z.object({ year: int(2000, 2099), format: z.enum(['json', 'csv', 'xlsx']).default('json'), region: filterShape.region,
  ...asOf, source, top: int(1, 100).default(10) }).strict();

export type FilterInput = { unit?: string; region?: string; category?: string; channel?: string; kind?: string; status?: string;
  step?: string; handler?: string; from?: string; to?: string; period?: string };
