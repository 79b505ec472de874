import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { UnitDirectory } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import { readAuthConfig } from '../auth/auth.config';
import { CONTENT_CATEGORIES, ESCALATION_RUNG_NAMES, shanghaiDate, shanghaiMidnightIso, shanghaiMidnightOfDate } from '@petitions/domain';
import { PERSON_ROLES } from '../auth/token';
import { periodBounds } from '../supervision/supervision.schemas';
import { TrendQueries } from './trend.queries';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => { const t = shanghaiMidnightOfDate(s); return t >= Date.parse('2000-01-01T00:00:00Z') && t < Date.parse('2100-01-01T00:00:00Z'); }, 'date out of range 2000–2099');
export const trendQuery = z.object({
  granularity: z.enum(['day', 'month']).default('day'),
  from: date.optional(),
  to: date.optional(),
  unit: z.string().trim().min(1).max(64).regex(/^[\w.:\-]+$/, 'letters, digits, . _ : - only').optional(),
  region: z.string().regex(/^\d{1,12}$/, 'administrative division code prefix (digits)').optional(),
}).strict();

export const dashboardUnitsQuery = z.object({
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'YYYY or YYYY-MM').optional(),
  region: z.string().regex(/^\d{1,12}$/, 'administrative division code prefix (digits)').optional(),
}).strict();

const MOVED_PAGE = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
  + '<meta http-equiv="refresh" content="0; url=/workbench/#/overview"><title>督查看板已并入信访工作台</title></head>'
  + '<body><p>督查看板已并入信访工作台 · The dashboard is now part of the workbench: <a href="/workbench/#/overview">/workbench</a></p></body></html>';

/** Most buckets one request may ask for (a year of days, ten years of months). */
const MAX_BUCKETS = { day: 366, month: 120 } as const;
const DAY_MS = 86_400_000;
const startOf = shanghaiMidnightIso;
/** The first day of the month `n` months before the month of `d` ('YYYY-MM-DD'). */
const monthsBefore = (d: string, n: number) => {
  const i = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
};

/**
 * What the supervision pages need besides the supervision endpoints: whether the demo sign-in with X-Actor-* headers is
 * available, and two read-only series (the trend per day or month, the unit league with on-time reply rates). The
 * pages themselves are the workbench's (apps/web); the old address redirects there.
 */
@Controller('dashboard')
export class DashboardController {
  /** Fixed when the app is built, as the guard's settings are. */
  private readonly allowDevHeaders = readAuthConfig().allowDevHeaders;

  constructor(private readonly trends: TrendQueries, private readonly directory: UnitDirectory) {}

  /**
   * The old address: the supervision pages now live in the workbench (apps/web), served at /workbench. A page that
   * sends the browser on (a hash route cannot be an HTTP redirect target every client keeps) and says where.
   */
  @Get()
  page(@Res() res: Response) {
    res.type('text/html; charset=utf-8').send(MOVED_PAGE);
  }

  /** What the sign-in panel may offer: a token always; demo identities only when the API accepts dev headers. */
  @Get('config')
  config() {
    return { allowDevHeaders: this.allowDevHeaders, roles: PERSON_ROLES, categories: CONTENT_CATEGORIES, rungs: ESCALATION_RUNG_NAMES };
  }

  /** Registrations, replies, closures and breaches per day or month; unit staff see only their unit (?unit=). */
  @Get('api/trend')
  async trend(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req);
    const q = parseOrThrow(trendQuery, query, { zh: '查询参数', en: 'query parameters' });
    const today = shanghaiDate(Date.now());
    const to = q.to ?? today;
    const from = q.from ?? (q.granularity === 'day'
      ? shanghaiDate(Date.parse(startOf(to)) - 29 * DAY_MS)
      : monthsBefore(to, 11));
    // Both ends are whole days: the range runs to 00:00 after `to`.
    const range = { from: startOf(from), to: new Date(Date.parse(startOf(to)) + DAY_MS).toISOString() };
    const span = q.granularity === 'day' ? (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS
      : (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    if (span < 1 || span > MAX_BUCKETS[q.granularity]) {
      throw new ApiError(400, 'VALIDATION_FAILED', '查询参数校验未通过', 'query parameters failed validation',
        { problems: [{ path: 'from', message: `from must not be after to, and at most ${MAX_BUCKETS[q.granularity]} ${q.granularity}s` }] });
    }
    const result = await this.trends.trend({ ...range, granularity: q.granularity,
      ...(q.unit ? { unitId: q.unit } : {}), ...(q.region ? { regionPrefix: q.region } : {}) });
    return { granularity: q.granularity, from, to, ...result };
  }

  /** The unit league table (责任单位排名) for a period: breaches, overdue and on-time replies per lead unit. */
  @Get('api/units')
  async units(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req);
    const q = parseOrThrow(dashboardUnitsQuery, query, { zh: '查询参数', en: 'query parameters' });
    const asOf = new Date().toISOString();
    const bounds = periodBounds(q.period ?? shanghaiDate(Date.now()).slice(0, 7));
    const items = await this.trends.league({ ...bounds, ...(q.region ? { regionPrefix: q.region } : {}) }, asOf);
    // Each unit by its name as of the period's end (the id when the directory does not know it).
    const names = await this.directory.namesAsOf(items.map((i) => i.unitId), new Date(Math.min(Date.parse(bounds.to) - 1, Date.parse(asOf))).toISOString());
    return { period: q.period ?? shanghaiDate(Date.now()).slice(0, 7), asOf, items: items.map((i) => ({ ...i, unitName: names.get(i.unitId) ?? i.unitId })) };
  }

}
