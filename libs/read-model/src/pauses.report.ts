import type { EntityManager } from 'typeorm';
import { Params, payloadRegionCondition, regionCondition } from './supervision.filters';

/** Clock pauses of one reason code in a report period. */
export interface PauseReasonCount {
  /** Pauses started in the period. */
  pauses: number;
  /** Of which still running at the report's asOf. */
  ongoing: number;
  /** Time stopped: ended pauses in full, running ones up to asOf. */
  pausedMs: number;
  /** pausedMs in days, one decimal. */
  pausedDays: number;
}

interface Scope { from: string; to: string; regionPrefix?: string; asOf: string }

const MS = (interval: string): string => `greatest(0, extract(epoch FROM ${interval}) * 1000)`;

/** From the read model's cases.pauses (case-pauses.projection.ts). */
function casesSql(s: Scope, p: Params): string {
  const asOf = `${p.add(s.asOf)}::timestamptz`;
  return `SELECT pz->>'reasonCode' AS code, count(*)::int AS n, count(*) FILTER (WHERE pz->>'endedAt' IS NULL)::int AS ongoing,
      coalesce(sum(CASE WHEN pz->>'endedAt' IS NULL THEN ${MS(`${asOf} - (pz->>'startedAt')::timestamptz`)}
        ELSE (pz->>'pausedMs')::numeric END), 0)::float8 AS ms
    FROM cases c CROSS JOIN LATERAL jsonb_array_elements(c.pauses) pz
    WHERE c.pauses <> '[]'::jsonb AND (pz->>'startedAt')::timestamptz >= ${p.add(s.from)} AND (pz->>'startedAt')::timestamptz < ${p.add(s.to)}
      ${s.regionPrefix ? `AND ${regionCondition(s.regionPrefix, p, 'c')}` : ''}
    GROUP BY 1`;
}

/**
 * The same from case_events alone: each ClockPaused / HearingStarted ends at the first later ClockResumed of its clock
 * (HearingEnded for a hearing) or at the closure of the case, as the projection folds it.
 */
function eventsSql(s: Scope, p: Params): string {
  const asOf = `${p.add(s.asOf)}::timestamptz`;
  return `WITH starts AS (
      SELECT e.case_id, e.seq, e.occurred_at AS started_at,
        CASE e.type WHEN 'HearingStarted' THEN 'hearing' ELSE e.payload->>'pauseReason' END AS code,
        CASE e.type WHEN 'HearingStarted' THEN 'decideReReview' ELSE e.payload->>'deadlineKey' END AS key
      FROM case_events e
      WHERE e.type IN ('ClockPaused', 'HearingStarted') AND e.occurred_at >= ${p.add(s.from)} AND e.occurred_at < ${p.add(s.to)}
        ${s.regionPrefix ? `AND EXISTS (SELECT 1 FROM case_events r WHERE r.case_id = e.case_id AND r.type = 'PetitionRegistered'
          AND ${payloadRegionCondition(s.regionPrefix, p, 'r.payload')})` : ''}
    )
    SELECT s.code, count(*)::int AS n, count(*) FILTER (WHERE x.type IS NULL)::int AS ongoing,
      coalesce(sum(CASE WHEN x.type IS NULL THEN ${MS(`${asOf} - s.started_at`)}
        WHEN x.type = 'CaseClosed' THEN ${MS('x.occurred_at - s.started_at')}
        ELSE (x.payload->>'pausedMs')::numeric END), 0)::float8 AS ms
    FROM starts s LEFT JOIN LATERAL (
      SELECT x.type, x.occurred_at, x.payload FROM case_events x
      WHERE x.case_id = s.case_id AND x.seq > s.seq AND (x.type = 'CaseClosed'
        OR (x.type = 'ClockResumed' AND s.code <> 'hearing' AND x.payload->>'deadlineKey' = s.key)
        OR (x.type = 'HearingEnded' AND s.code = 'hearing'))
      ORDER BY x.seq LIMIT 1) x ON true
    GROUP BY 1`;
}

/** Pauses started in [from, to) per reason code (hearing included), sorted by code. */
export async function pausesByReason(m: EntityManager, s: Scope, source: 'cases' | 'events'): Promise<Record<string, PauseReasonCount>> {
  const p = new Params();
  const rows: { code: string; n: number; ongoing: number; ms: number }[] = await m.query(source === 'cases' ? casesSql(s, p) : eventsSql(s, p), p.values);
  return Object.fromEntries(rows.sort((a, b) => a.code.localeCompare(b.code)).map((r) => {
    const ms = Math.round(Number(r.ms));
    return [r.code, { pauses: r.n, ongoing: r.ongoing, pausedMs: ms, pausedDays: Math.round((ms / 86_400_000) * 10) / 10 }];
  }));
}
