import { z } from 'zod';
import { instantOrDate, int, period } from './supervision.schemas';

const region = z.string().regex(/^\d{2,9}$/, 'administrative division code prefix: 4 digits a city, 6 a county, 9 a township');

export const regionsListQuery = z.object({
  /** Only the children of this place: a city (4 digits) → its counties, a county (6) → its townships. */
  parent: z.string().regex(/^(\d{4}|\d{6})$/, 'a city (4 digits) or a county (6 digits)').optional(),
  asOf: instantOrDate.optional(),
}).strict();

export const regionsReportQuery = z.object({
  period: period.optional(),
  year: int(2000, 2099).optional(),
  from: instantOrDate.optional(),
  to: instantOrDate.optional(),
  region: region.optional(),
  level: z.enum(['city', 'county', 'township']).optional(),
  asOf: instantOrDate.optional(),
  source: z.enum(['cases', 'events']).default('cases'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
}).strict().superRefine((v, ctx) => {
  const given = [v.period, v.year, v.from ?? v.to].filter((x) => x !== undefined).length;
  if (given !== 1 || (!v.period && !v.year && !(v.from && v.to))) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: 'give one of period (YYYY or YYYY-MM), year, or both from and to' });
  }
  if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
});
