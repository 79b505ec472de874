import { dirname, join } from 'node:path';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
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

const ASSETS_DIR = join(__dirname, 'assets');

/** The only files served under /dashboard/assets: name → where it is and its type (no path is built from input). */
const ASSETS: Readonly<Record<string, { path: () => string; type: string }>> = {
  'app.js': { path: () => join(ASSETS_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'i18n.js': { path: () => join(ASSETS_DIR, 'i18n.js'), type: 'text/javascript; charset=utf-8' },
  'app.css': { path: () => join(ASSETS_DIR, 'app.css'), type: 'text/css; charset=utf-8' },
  'echarts.min.js': { path: () => require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
  // CJK glyphs for machines without a Chinese font (the letters' font, already a dependency); loaded only when needed.
  'cjk.ttf': { path: () => join(dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')), '400Regular', 'NotoSerifSC_400Regular.ttf'),
    type: 'font/ttf' },
};

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
 * The supervision dashboard (督查看板): a static page and its assets (public: they hold no data), whether the demo
 * sign-in with X-Actor-* headers is available, and two read-only series the supervision endpoints do not offer (the
 * trend per day or month, the unit league with on-time reply rates).
 * Everything else the page shows comes from the same JSON API as any client, with the caller's own credentials.
 */
@Controller('dashboard')
export class DashboardController {
  /** Fixed when the app is built, as the guard's settings are. */
  private readonly allowDevHeaders = readAuthConfig().allowDevHeaders;

  constructor(private readonly trends: TrendQueries, private readonly directory: UnitDirectory) {}

  @Get()
  page(@Res() res: Response) {
    this.send(res, join(ASSETS_DIR, 'index.html'), 'text/html; charset=utf-8');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    const found = Object.prototype.hasOwnProperty.call(ASSETS, file) ? ASSETS[file] : undefined;
    if (!found) throw new ApiError(404, 'ASSET_NOT_FOUND', '文件不存在', 'No such file');
    this.send(res, found.path(), found.type);
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

  private send(res: Response, path: string, type: string): void {
    // Static files carry no data: browsers may keep them, but must ask again (ETag) so a new version is seen.
    res.sendFile(path, { headers: { 'content-type': type, 'cache-control': 'no-cache' }, cacheControl: false }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ error: { code: 'ASSET_NOT_FOUND', message: '文件不存在', messageEn: 'No such file' } });
    });
  }
}
