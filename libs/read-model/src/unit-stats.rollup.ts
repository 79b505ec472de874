import type { EntityManager } from 'typeorm';
import { SHANGHAI_TIME_ZONE, localDate, shanghaiMidnightIso, shanghaiMidnightOfDate } from '@petitions/domain';

/**
 * Per-unit rollups for the whole-province aggregates (most-complained units, ledger per unit) over months and years.
 * They are not folded: after every write the writer recomputes, from the base tables, exactly the rollup rows whose
 * inputs it touched (under a lock per rollup row), so they stay exact, idempotent and independent of delivery order.
 */
export type Granularity = 'month' | 'year';

export interface StatsKey {
  granularity: Granularity;
  /** First day of the month or year, Asia/Shanghai ('YYYY-MM-DD'). */
  periodStart: string;
  unitId: string;
  /** The case's city: the first four digits of its region code ('' when unknown). */
  cityCode: string;
  /** case stats: the case's category; ledger stats: '' (not a dimension). */
  category: string;
}

const keyString = (k: StatsKey): string => `${k.granularity}|${k.periodStart}|${k.unitId}|${k.cityCode}|${k.category}`;

function periodKeys(at: string, unitId: string, cityCode: string, category: string): StatsKey[] {
  const day = localDate(at);
  return [
    { granularity: 'month', periodStart: `${day.slice(0, 7)}-01`, unitId, cityCode, category },
    { granularity: 'year', periodStart: `${day.slice(0, 4)}-01-01`, unitId, cityCode, category },
  ];
}

/** Rollup rows a case contributes to (none before it is registered and routed). */
export function caseStatsKeys(r: { registeredAt: string | null; leadUnitId: string | null; regionCode: string | null; category: string | null }): StatsKey[] {
  if (!r.registeredAt || !r.leadUnitId) return [];
  return periodKeys(r.registeredAt, r.leadUnitId, (r.regionCode ?? '').slice(0, 4), r.category ?? '');
}

/** Rollup rows a ledger entry contributes to (a breach without a unit is kept under unit ''). */
export function ledgerStatsKeys(l: { breachedAt: string; unitId: string | null; regionCode: string | null }): StatsKey[] {
  return periodKeys(l.breachedAt, l.unitId ?? '', (l.regionCode ?? '').slice(0, 4), '');
}

/** [from, to) instants of a rollup period. */
export function periodBoundsOf(k: Pick<StatsKey, 'granularity' | 'periodStart'>): { from: string; to: string } {
  const [y, m] = k.periodStart.split('-').map(Number) as [number, number];
  const next = k.granularity === 'year' ? `${y + 1}-01-01` : m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: shanghaiMidnightIso(k.periodStart), to: shanghaiMidnightIso(next) };
}

/**
 * The rollup rows that cover [from, to) exactly, or null when the period is not made of whole months: whole years
 * use the year rows, otherwise month rows.
 */
export function rollupPeriod(from: string | undefined, to: string | undefined): { granularity: Granularity; starts: string[] } | null {
  if (!from || !to) return null;
  const f = localDate(from);
  const t = localDate(to);
  const midnight = (iso: string, ymd: string) => Date.parse(iso) === shanghaiMidnightOfDate(ymd);
  if (!midnight(from, f) || !midnight(to, t) || !f.endsWith('-01') || !t.endsWith('-01') || f >= t) return null;
  const years = f.slice(5) === '01-01' && t.slice(5) === '01-01';
  const starts: string[] = [];
  for (let cur = f; cur < t;) {
    starts.push(cur);
    const [y, m] = cur.split('-').map(Number) as [number, number];
    cur = years ? `${y + 1}-01-01` : m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    if (starts.length > 1200) return null;
  }
  return { granularity: years ? 'year' : 'month', starts };
}

const CASE_STATS_VALUES = `count(*)::int, coalesce(sum(persons), 0)::int, count(*) FILTER (WHERE is_repeat)::int,
  count(*) FILTER (WHERE supervised)::int, coalesce(sum(breach_count), 0)::int,
  count(*) FILTER (WHERE evaluation_value = 'dissatisfied')::int`;

const LEDGER_STATS_VALUES = `count(*)::int, count(*) FILTER (WHERE resolved_at IS NULL)::int,
  count(*) FILTER (WHERE resolution = 'fulfilled_late')::int, coalesce(sum(escalation_count), 0)::int, count(letter_id)::int,
  count(feedback_at)::int, count(*) FILTER (WHERE deadline_key = 'route')::int, count(*) FILTER (WHERE deadline_key = 'notify')::int,
  count(*) FILTER (WHERE deadline_key = 'acceptance')::int, count(*) FILTER (WHERE deadline_key = 'handling')::int,
  count(*) FILTER (WHERE deadline_key = 'decideReview')::int, count(*) FILTER (WHERE deadline_key = 'decideReReview')::int,
  count(*) FILTER (WHERE deadline_key = 'receive')::int`;

/**
 * Locks the rollup rows a write touches, in one round trip: sorted key strings, locked in array order (unnest keeps
 * it), so two writers touching the same rollup rows take the locks in the same order.
 */
async function lockKeys(tx: EntityManager, table: string, keys: readonly StatsKey[]): Promise<StatsKey[]> {
  const unique = [...new Map(keys.map((k) => [keyString(k), k])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (unique.length === 0) return [];
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 2)) FROM unnest($1::text[]) AS k', [unique.map(([s]) => `${table}|${s}`)]);
  return unique.map(([, k]) => k);
}

/** The keys with their period bounds, as the JSON one statement reads them with jsonb_to_recordset. */
const keysJson = (keys: readonly StatsKey[]): string => JSON.stringify(keys.map((k) => ({
  granularity: k.granularity, period_start: k.periodStart, unit_id: k.unitId, city_code: k.cityCode, category: k.category,
  from_at: periodBoundsOf(k).from, to_at: periodBoundsOf(k).to,
})));
const KEYS_RECORDSET = `jsonb_to_recordset($1::jsonb) AS k(granularity text, period_start date, unit_id text, city_code text,
  category text, from_at timestamptz, to_at timestamptz)`;
const CASE_STATS_COLS = ['cases', 'persons', 'repeat_cases', 'supervised_cases', 'breaches', 'dissatisfied'];
const LEDGER_STATS_COLS = ['breaches', 'open', 'fulfilled_late', 'escalations', 'letters', 'feedbacks', 'k_route', 'k_notify',
  'k_acceptance', 'k_handling', 'k_decide_review', 'k_decide_re_review', 'k_receive'];
const upsertSet = (cols: readonly string[]): string => cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ');

/**
 * Recomputes case_unit_stats rows from `cases` (the caller has already written the rows they depend on): every key
 * in one statement; a key whose recomputed count is 0 loses its row, the others are upserted.
 */
export async function refreshCaseStats(tx: EntityManager, keys: readonly StatsKey[]): Promise<void> {
  const locked = await lockKeys(tx, 'case_unit_stats', keys);
  if (locked.length === 0) return;
  await tx.query(`
    WITH agg AS (
      SELECT k.granularity, k.period_start, k.unit_id, k.city_code, k.category, s.*
      FROM ${KEYS_RECORDSET}
      CROSS JOIN LATERAL (SELECT ${CASE_STATS_VALUES} FROM cases
        WHERE lead_unit_id = k.unit_id AND registered_at >= k.from_at AND registered_at < k.to_at
          AND left(coalesce(region_code, ''), 4) = k.city_code AND coalesce(category, '') = k.category) AS s(${CASE_STATS_COLS.join(', ')})
    ), gone AS (
      DELETE FROM case_unit_stats t USING agg
      WHERE agg.cases = 0 AND t.granularity = agg.granularity AND t.period_start = agg.period_start AND t.lead_unit_id = agg.unit_id
        AND t.city_code = agg.city_code AND t.category = agg.category
    )
    INSERT INTO case_unit_stats (granularity, period_start, lead_unit_id, city_code, category, ${CASE_STATS_COLS.join(', ')})
    SELECT granularity, period_start, unit_id, city_code, category, ${CASE_STATS_COLS.join(', ')} FROM agg WHERE cases > 0
    ON CONFLICT (granularity, period_start, lead_unit_id, city_code, category) DO UPDATE SET ${upsertSet(CASE_STATS_COLS)}`,
  [keysJson(locked)]);
}

/** Recomputes ledger_unit_stats rows from `accountability_ledger`, every key in one statement (unit '' = no unit). */
export async function refreshLedgerStats(tx: EntityManager, keys: readonly StatsKey[]): Promise<void> {
  const locked = await lockKeys(tx, 'ledger_unit_stats', keys);
  if (locked.length === 0) return;
  await tx.query(`
    WITH agg AS (
      SELECT k.granularity, k.period_start, k.unit_id, k.city_code, s.*
      FROM ${KEYS_RECORDSET}
      CROSS JOIN LATERAL (SELECT ${LEDGER_STATS_VALUES} FROM accountability_ledger
        WHERE (unit_id = k.unit_id OR (k.unit_id = '' AND unit_id IS NULL)) AND breached_at >= k.from_at AND breached_at < k.to_at
          AND left(coalesce(region_code, ''), 4) = k.city_code) AS s(${LEDGER_STATS_COLS.join(', ')})
    ), gone AS (
      DELETE FROM ledger_unit_stats t USING agg
      WHERE agg.breaches = 0 AND t.granularity = agg.granularity AND t.period_start = agg.period_start AND t.unit_id = agg.unit_id
        AND t.city_code = agg.city_code
    )
    INSERT INTO ledger_unit_stats (granularity, period_start, unit_id, city_code, ${LEDGER_STATS_COLS.join(', ')})
    SELECT granularity, period_start, unit_id, city_code, ${LEDGER_STATS_COLS.join(', ')} FROM agg WHERE breaches > 0
    ON CONFLICT (granularity, period_start, unit_id, city_code) DO UPDATE SET ${upsertSet(LEDGER_STATS_COLS)}`,
  [keysJson(locked)]);
}

const start = (g: Granularity, col: string) => `(date_trunc('${g}', ${col} AT TIME ZONE '${SHANGHAI_TIME_ZONE}'))::date`;

/** Every case_unit_stats row as the base table defines it (column order of the table). */
export function caseStatsSelect(g: Granularity): string {
  return `SELECT '${g}'::text AS granularity, ${start(g, 'registered_at')} AS period_start, lead_unit_id, left(coalesce(region_code, ''), 4) AS city_code,
      coalesce(category, '') AS category, ${CASE_STATS_VALUES}
    FROM cases WHERE lead_unit_id IS NOT NULL AND registered_at IS NOT NULL GROUP BY 2, 3, 4, 5`;
}

/** Every ledger_unit_stats row as the ledger defines it (column order of the table). */
export function ledgerStatsSelect(g: Granularity): string {
  return `SELECT '${g}'::text AS granularity, ${start(g, 'breached_at')} AS period_start, coalesce(unit_id, '') AS unit_id,
      left(coalesce(region_code, ''), 4) AS city_code, ${LEDGER_STATS_VALUES}
    FROM accountability_ledger GROUP BY 2, 3, 4`;
}

/** Recomputes both rollups from scratch (bulk loads, migrations). */
export async function rebuildUnitStats(q: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  await q.query('TRUNCATE case_unit_stats, ledger_unit_stats');
  for (const g of ['month', 'year'] as const) {
    await q.query(`INSERT INTO case_unit_stats ${caseStatsSelect(g)}`);
    await q.query(`INSERT INTO ledger_unit_stats ${ledgerStatsSelect(g)}`);
  }
}
