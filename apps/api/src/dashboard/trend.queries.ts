import type { DataSource } from 'typeorm';
import { SHANGHAI_TIME_ZONE, shanghaiDate, shanghaiMidnightOfDate } from '@petitions/domain';
import { Params, type Rate, likePrefix, rate, where } from '@petitions/read-model';

/** Buckets are calendar days or months in Asia/Shanghai (the bureau's day). */
export type TrendGranularity = 'day' | 'month';

export interface TrendScope {
  /** [from, to) as instants; the API turns dates into 00:00 Asia/Shanghai. */
  from: string;
  to: string;
  granularity: TrendGranularity;
  /** Lead unit of the case; the unit answerable for a breach. */
  unitId?: string;
  regionPrefix?: string;
}

export interface TrendBucket {
  /** 'YYYY-MM-DD' (day) or 'YYYY-MM' (month), Asia/Shanghai. */
  bucket: string;
  registered: number;
  persons: number;
  replied: number;
  closed: number;
  breaches: number;
}

export interface TrendResult {
  buckets: TrendBucket[];
  /** Cases registered in the range by content category, largest first. */
  categories: { category: string | null; cases: number }[];
}

/** One responsible unit in the league table (排名): its cases registered in the period and where they stand now. */
export interface UnitStanding {
  unitId: string;
  cases: number;
  open: number;
  /** Open cases past their earliest unit deadline at asOf. */
  overdue: number;
  breaches: number;
  /** 按期答复率 of the unit's cases, the report's formula: on time / (on time + late + open + open-overdue). */
  onTimeReplyRate: Rate;
}

const TZ = SHANGHAI_TIME_ZONE;
const DAY_MS = 86_400_000;

/** The bucket label of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function bucketOf(instant: string, granularity: TrendGranularity): string {
  const day = shanghaiDate(Date.parse(instant));
  return granularity === 'day' ? day : day.slice(0, 7);
}

/** Every bucket label in [from, to), in order, so days without cases still appear (as zeros). */
export function bucketLabels(from: string, to: string, granularity: TrendGranularity): string[] {
  const labels: string[] = [];
  const end = Date.parse(to);
  if (granularity === 'day') {
    for (let t = Date.parse(from); t < end; t += DAY_MS) labels.push(bucketOf(new Date(t).toISOString(), 'day'));
    return labels;
  }
  const [y0, m0] = bucketOf(from, 'month').split('-').map(Number);
  for (let i = y0 * 12 + m0 - 1; ; i++) {
    const label = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    if (shanghaiMidnightOfDate(`${label}-01`) >= end) return labels;
    labels.push(label);
  }
}

/**
 * Time series for the supervision dashboard (督查看板): registrations, replies, closures and breaches per day or
 * month, counted from the read model's `cases` and `accountability_ledger` tables like the supervision queries.
 */
export class TrendQueries {
  constructor(private readonly dataSource: DataSource) {}

  async trend(s: TrendScope): Promise<TrendResult> {
    const unit = s.granularity === 'day' ? 'day' : 'month';
    const fmt = s.granularity === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
    const byCaseTime = async (column: 'registered_at' | 'replied_at' | 'closed_at') => {
      const p = new Params();
      const conds = [`c.${column} >= ${p.add(s.from)}`, `c.${column} < ${p.add(s.to)}`];
      if (s.unitId) conds.push(`c.lead_unit_id = ${p.add(s.unitId)}`);
      if (s.regionPrefix) conds.push(`c.region_code LIKE ${p.add(likePrefix(s.regionPrefix))}`);
      const rows: { b: string; n: number; persons: number }[] = await this.dataSource.query(
        `SELECT to_char(date_trunc('${unit}', c.${column} AT TIME ZONE '${TZ}'), '${fmt}') AS b, count(*)::int AS n,
           coalesce(sum(c.persons), 0)::int AS persons
         FROM cases c ${where(conds)} GROUP BY 1`, p.values);
      return new Map(rows.map((r) => [r.b, r]));
    };
    const breaches = async () => {
      const p = new Params();
      const conds = [`l.breached_at >= ${p.add(s.from)}`, `l.breached_at < ${p.add(s.to)}`];
      if (s.unitId) conds.push(`l.unit_id = ${p.add(s.unitId)}`);
      if (s.regionPrefix) conds.push(`l.region_code LIKE ${p.add(likePrefix(s.regionPrefix))}`);
      const rows: { b: string; n: number }[] = await this.dataSource.query(
        `SELECT to_char(date_trunc('${unit}', l.breached_at AT TIME ZONE '${TZ}'), '${fmt}') AS b, count(*)::int AS n
         FROM accountability_ledger l ${where(conds)} GROUP BY 1`, p.values);
      return new Map(rows.map((r) => [r.b, r.n]));
    };
    const categories = async () => {
      const p = new Params();
      const conds = [`c.registered_at >= ${p.add(s.from)}`, `c.registered_at < ${p.add(s.to)}`];
      if (s.unitId) conds.push(`c.lead_unit_id = ${p.add(s.unitId)}`);
      if (s.regionPrefix) conds.push(`c.region_code LIKE ${p.add(likePrefix(s.regionPrefix))}`);
      const rows: { category: string | null; cases: number }[] = await this.dataSource.query(
        `SELECT c.category, count(*)::int AS cases FROM cases c ${where(conds)} GROUP BY c.category ORDER BY cases DESC, c.category`, p.values);
      return rows;
    };
    const [registered, replied, closed, breached, cats] = await Promise.all([
      byCaseTime('registered_at'), byCaseTime('replied_at'), byCaseTime('closed_at'), breaches(), categories()]);
    const buckets = bucketLabels(s.from, s.to, s.granularity).map((bucket) => ({
      bucket,
      registered: registered.get(bucket)?.n ?? 0,
      persons: registered.get(bucket)?.persons ?? 0,
      replied: replied.get(bucket)?.n ?? 0,
      closed: closed.get(bucket)?.n ?? 0,
      breaches: breached.get(bucket) ?? 0,
    }));
    return { buckets, categories: cats };
  }

  /** Per lead unit, for cases registered in [from, to): counts and the on-time reply rate, worst first. */
  async league(s: Omit<TrendScope, 'granularity'>, asOf: string): Promise<UnitStanding[]> {
    const p = new Params();
    const now = p.add(asOf);
    const conds = ['c.lead_unit_id IS NOT NULL', `c.registered_at >= ${p.add(s.from)}`, `c.registered_at < ${p.add(s.to)}`];
    if (s.unitId) conds.push(`c.lead_unit_id = ${p.add(s.unitId)}`);
    if (s.regionPrefix) conds.push(`c.region_code LIKE ${p.add(likePrefix(s.regionPrefix))}`);
    const rows: Record<string, number | string>[] = await this.dataSource.query(
      `SELECT c.lead_unit_id, count(*)::int AS cases, count(*) FILTER (WHERE c.status = 'open')::int AS open,
         count(*) FILTER (WHERE c.status = 'open' AND c.unit_due_at < ${now})::int AS overdue,
         coalesce(sum(c.breach_count), 0)::int AS breaches,
         count(*) FILTER (WHERE c.acceptance_outcome = 'accepted' AND c.replied_at IS NOT NULL AND c.replied_on_time)::int AS on_time,
         count(*) FILTER (WHERE c.acceptance_outcome = 'accepted' AND c.replied_at IS NOT NULL AND NOT c.replied_on_time)::int AS late,
         count(*) FILTER (WHERE c.acceptance_outcome = 'accepted' AND c.replied_at IS NULL AND c.status <> 'closed')::int AS unreplied
       FROM cases c ${where(conds)} GROUP BY c.lead_unit_id`, p.values);
    return rows.map((r) => ({
      unitId: r.lead_unit_id as string, cases: r.cases as number, open: r.open as number, overdue: r.overdue as number,
      breaches: r.breaches as number,
      onTimeReplyRate: rate(r.on_time as number, (r.on_time as number) + (r.late as number) + (r.unreplied as number)),
    })).sort((a, b) => b.breaches - a.breaches || b.overdue - a.overdue
      || (a.onTimeReplyRate.rate ?? 1) - (b.onTimeReplyRate.rate ?? 1) || b.cases - a.cases || a.unitId.localeCompare(b.unitId));
  }
}
