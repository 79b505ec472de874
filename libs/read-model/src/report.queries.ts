import { notWithdrawnBreach } from './withdrawn.sql';
import type { DataSource, EntityManager } from 'typeorm';
import { NAMED_TOP_CATEGORIES, type ReportCounts, type ReportFigures, computeFigures } from './report.formulas';
import { type PauseReasonCount, pausesByReason } from './pauses.report';
import { type RecommendationCounts, recommendationCounts } from './recommendation.queries';
import { Params, ledgerRegionCondition, payloadRegionCondition, regionCondition } from './supervision.filters';

/** Cases registered in [from, to), optionally in one region (code prefix); deadlines judged at `asOf`. */
export interface ReportScope {
  from: string;
  to: string;
  regionPrefix?: string;
  asOf: string;
}

/** 'cases': the read model's cases table; 'events': case_events alone (the auditors' path). */
export type ReportSource = 'cases' | 'events';

export interface GroupCount {
  key: string | null;
  cases: number;
  persons: number;
  repeatCases: number;
  supervisedCases: number;
  breaches: number;
  dissatisfied: number;
}

export interface ReportResult {
  scope: ReportScope;
  source: ReportSource;
  counts: ReportCounts;
  figures: ReportFigures;
  categories: GroupCount[];
  /** The units handling the cases (lead unit). */
  units: GroupCount[];
  /** The respondents (被反映单位: a respondent of type 'unit', by description): the most complained-about. */
  respondents: GroupCount[];
  channels: GroupCount[];
  kinds: GroupCount[];
  /** Breaches recorded in the period (by breach time), per deadline key. */
  breachesByKey: Record<string, number>;
  /** Clock pauses started in the period (by start time), per reason code (hearing included): count and time stopped. */
  pausesByReason: Record<string, PauseReasonCount>;
  /** Accountability recommendations issued in the period and their adoption (from case_events). */
  recommendations?: RecommendationCounts;
}

/** Per-case columns from the cases table: the shape both sources produce. */
function casesSource(s: ReportScope, p: Params): string {
  const region = s.regionPrefix ? `AND ${regionCondition(s.regionPrefix, p, '')}` : '';
  return `SELECT case_id, region_code, township_code, category, channel, kind, lead_unit_id, respondent_unit, persons, repeat_count, is_repeat, routing_mode,
      acceptance_outcome, acceptance_on_time, acceptance_due_at, handling_due_at, replied_at IS NOT NULL AS replied,
      replied_on_time, closure_type, evaluation_state, evaluation_value, review_requested, breach_count, supervised,
      status = 'closed' AS closed
    FROM cases WHERE registered_at >= ${p.add(s.from)} AND registered_at < ${p.add(s.to)} ${region}`;
}

const DECISIONS = `e.type IN ('CaseAccepted', 'CaseNotAccepted', 'CaseDiverted', 'CaseNotAcceptedAgain')`;
const last = (expr: string, filter: string): string =>
  `(array_agg(${expr} ORDER BY e.seq DESC) FILTER (WHERE ${filter}))[1]`;
const rearmed = (key: string): string =>
  `(SELECT r->>'newDueAt' FROM jsonb_array_elements(e.payload->'rearmed') r WHERE r->>'key' = '${key}' LIMIT 1)`;
/** Events that set a step clock's due time, in the order evolveCaseRow applies them. */
const moves = (key: string): string =>
  `(e.type = 'ClockResumed' AND e.payload->>'deadlineKey' = '${key}') OR (e.type IN ('PolicyAdopted', 'CalendarAdopted') AND e.payload->'rearmed' @> '[{"key":"${key}"}]')`;
const HANDLING_DUE = `CASE e.type WHEN 'CaseAccepted' THEN e.payload->>'handlingDueAt' WHEN 'ExtensionApproved' THEN e.payload->>'newDueAt'
  WHEN 'ClockResumed' THEN e.payload->>'dueAt' WHEN 'PolicyAdopted' THEN ${rearmed('handling')} WHEN 'CalendarAdopted' THEN ${rearmed('handling')} END`;
const ACCEPTANCE_DUE = `CASE e.type WHEN 'CaseReceived' THEN e.payload->>'acceptanceDueAt' WHEN 'ClockResumed' THEN e.payload->>'dueAt'
  WHEN 'PolicyAdopted' THEN ${rearmed('acceptance')} WHEN 'CalendarAdopted' THEN ${rearmed('acceptance')} END`;

/**
 * The same per-case columns folded in SQL from case_events alone. Each column restates the rule evolveCaseRow
 * applies (last routing, last acceptance clock, last handling due time, …); the integration tests prove the two agree.
 */
function eventsSource(s: ReportScope, p: Params): string {
  const region = s.regionPrefix ? `AND ${payloadRegionCondition(s.regionPrefix, p)}` : '';
  return `
    WITH reg AS (
      SELECT case_id, occurred_at AS registered_at, payload,
        lag(case_id) OVER (PARTITION BY payload->>'petitionerRef', payload->>'matterRef' ORDER BY occurred_at, case_id) AS prior_case_id
      FROM case_events WHERE type = 'PetitionRegistered'
    ), sel AS (
      SELECT * FROM reg WHERE registered_at >= ${p.add(s.from)} AND registered_at < ${p.add(s.to)} ${region}
    ), agg AS (
      SELECT e.case_id,
        count(*) FILTER (WHERE e.type = 'RepeatPetitionRecorded')::int AS repeat_count,
        coalesce(sum((e.payload->>'persons')::int) FILTER (WHERE e.type IN ('PetitionRegistered', 'RepeatPetitionRecorded')), 0)::int AS persons,
        ${last(`e.payload->>'mode'`, `e.type = 'PetitionRouted'`)} AS routing_mode,
        ${last(`e.payload->>'leadUnitId'`, `e.type IN ('PetitionRouted', 'ObjectionApproved')`)} AS lead_unit_id,
        ${last('e.type', DECISIONS)} AS decision,
        ${last(`(e.payload->>'onTime')::boolean`, DECISIONS)} AS acceptance_on_time,
        ${last(ACCEPTANCE_DUE, `e.type IN ('CaseReceived', 'ObjectionApproved') OR ${moves('acceptance')}`)}::timestamptz AS acceptance_due_at,
        ${last(HANDLING_DUE, `e.type IN ('CaseAccepted', 'ExtensionApproved') OR ${moves('handling')}`)}::timestamptz AS handling_due_at,
        bool_or(e.type = 'PetitionerReplied') AS replied,
        ${last(`(e.payload->>'onTime')::boolean`, `e.type = 'PetitionerReplied'`)} AS replied_on_time,
        ${last(`e.payload->>'closureType'`, `e.type = 'PetitionerReplied'`)} AS closure_type,
        ${last('e.type', `e.type IN ('PetitionerReplied', 'SatisfactionEvaluated', 'EvaluationLapsed')`)} AS evaluation_event,
        ${last(`e.payload->>'value'`, `e.type = 'SatisfactionEvaluated'`)} AS evaluation_value,
        bool_or(e.type = 'ReviewRequested') AS review_requested,
        count(*) FILTER (WHERE e.type = 'DeadlineBreached' AND ${notWithdrawnBreach('e')})::int AS breach_count,
        count(*) FILTER (WHERE e.type = 'EscalationRaised')::int AS escalation_count,
        bool_or(e.type = 'CaseClosed') AS closed
      FROM case_events e JOIN sel USING (case_id)
      GROUP BY e.case_id
    )
    SELECT sel.case_id, sel.payload->>'regionCode' AS region_code, sel.payload->>'townshipCode' AS township_code,
      sel.payload->>'category' AS category, sel.payload->>'channel' AS channel, sel.payload->>'kind' AS kind,
      agg.lead_unit_id,
      CASE WHEN sel.payload->'respondent'->>'type' = 'unit' THEN nullif(btrim(sel.payload->'respondent'->>'description'), '') END AS respondent_unit,
      agg.persons, agg.repeat_count, (agg.repeat_count > 0 OR sel.prior_case_id IS NOT NULL) AS is_repeat,
      agg.routing_mode,
      CASE agg.decision WHEN 'CaseAccepted' THEN 'accepted' WHEN 'CaseNotAccepted' THEN 'not_accepted'
        WHEN 'CaseDiverted' THEN 'diverted' WHEN 'CaseNotAcceptedAgain' THEN 'not_accepted_again' END AS acceptance_outcome,
      agg.acceptance_on_time, agg.acceptance_due_at, agg.handling_due_at, agg.replied, agg.replied_on_time, agg.closure_type,
      CASE agg.evaluation_event WHEN 'PetitionerReplied' THEN 'pending' WHEN 'SatisfactionEvaluated' THEN 'evaluated'
        WHEN 'EvaluationLapsed' THEN 'lapsed' ELSE 'not_evaluated' END AS evaluation_state,
      agg.evaluation_value, agg.review_requested, agg.breach_count,
      (agg.breach_count > 0 OR agg.escalation_count > 0) AS supervised, agg.closed
    FROM sel JOIN agg USING (case_id)`;
}

/** The per-case relation of a scope (a subquery), from the cases table or folded from the event log. */
export const reportSourceSql = (s: ReportScope, source: ReportSource, p: Params): string => (source === 'cases' ? casesSource(s, p) : eventsSource(s, p));

const DISSATISFIED = `evaluation_state = 'evaluated' AND evaluation_value IS DISTINCT FROM 'satisfied'
        AND evaluation_value IS DISTINCT FROM 'basically_satisfied'`;

/**
 * Every count of countCases (report.formulas.ts), per (category, channel, kind): a few hundred groups, so one scan
 * yields the totals and the category / channel / kind breakdowns (summed in JS).
 */
export function countsSql(src: string, asOf: string, groupKeys = 'category, channel, kind'): string {
  const named = NAMED_TOP_CATEGORIES.map((c) => `'${c}'`).join(', ');
  return `SELECT ${groupKeys}, count(*)::int AS cases, coalesce(sum(persons), 0)::int AS persons, coalesce(sum(1 + repeat_count), 0)::int AS petitions,
      count(*) FILTER (WHERE is_repeat)::int AS repeat_cases,
      count(*) FILTER (WHERE acceptance_outcome IS NOT NULL AND acceptance_on_time)::int AS acc_timely,
      count(*) FILTER (WHERE acceptance_outcome IS NOT NULL AND NOT acceptance_on_time)::int AS acc_late,
      count(*) FILTER (WHERE acceptance_outcome IS NULL AND NOT closed AND acceptance_due_at <= ${asOf})::int AS acc_overdue,
      count(*) FILTER (WHERE acceptance_outcome IS NULL AND NOT closed AND acceptance_due_at > ${asOf})::int AS acc_pending,
      count(*) FILTER (WHERE acceptance_outcome = 'accepted' AND replied AND replied_on_time)::int AS reply_on_time,
      count(*) FILTER (WHERE acceptance_outcome = 'accepted' AND replied AND NOT replied_on_time)::int AS reply_late,
      count(*) FILTER (WHERE acceptance_outcome = 'accepted' AND NOT replied AND NOT closed
        AND (handling_due_at IS NULL OR handling_due_at > ${asOf}))::int AS reply_open,
      count(*) FILTER (WHERE acceptance_outcome = 'accepted' AND NOT replied AND NOT closed AND handling_due_at <= ${asOf})::int AS reply_open_overdue,
      count(*) FILTER (WHERE evaluation_state = 'evaluated' AND evaluation_value = 'satisfied')::int AS ev_satisfied,
      count(*) FILTER (WHERE evaluation_state = 'evaluated' AND evaluation_value = 'basically_satisfied')::int AS ev_basic,
      count(*) FILTER (WHERE ${DISSATISFIED})::int AS ev_dissatisfied,
      count(*) FILTER (WHERE evaluation_state = 'lapsed')::int AS ev_lapsed,
      count(*) FILTER (WHERE evaluation_state = 'pending')::int AS ev_pending,
      count(*) FILTER (WHERE is_repeat AND closure_type = 'substantive')::int AS repeat_applied,
      count(*) FILTER (WHERE NOT is_repeat AND replied AND evaluation_state IN ('evaluated', 'lapsed'))::int AS oneoff_settled,
      count(*) FILTER (WHERE NOT is_repeat AND replied AND closure_type = 'substantive' AND NOT review_requested
        AND evaluation_state = 'evaluated' AND evaluation_value IN ('satisfied', 'basically_satisfied'))::int AS oneoff_resolved,
      count(*) FILTER (WHERE category IN (${named}))::int AS named_top,
      count(*) FILTER (WHERE routing_mode = 'forward')::int AS forwarded,
      count(*) FILTER (WHERE routing_mode = 'assign')::int AS assigned,
      count(*) FILTER (WHERE routing_mode IS NOT NULL AND routing_mode NOT IN ('forward', 'assign'))::int AS redirected,
      count(*) FILTER (WHERE routing_mode IS NULL)::int AS unrouted,
      count(*) FILTER (WHERE supervised)::int AS supervised,
      coalesce(sum(breach_count), 0)::int AS breaches,
      count(*) FILTER (WHERE closed)::int AS closed
    FROM ${src} GROUP BY ${groupKeys}`;
}

function unitsSql(src: string, column: 'lead_unit_id' | 'respondent_unit' = 'lead_unit_id'): string {
  return `SELECT ${column} AS key, count(*)::int AS cases, sum(persons)::int AS persons, count(*) FILTER (WHERE is_repeat)::int AS repeat_cases,
      count(*) FILTER (WHERE supervised)::int AS supervised, sum(breach_count)::int AS breaches,
      count(*) FILTER (WHERE ${DISSATISFIED})::int AS ev_dissatisfied
    FROM ${src} GROUP BY ${column}`;
}

export type Row = Record<string, number>;

const ZERO: Row = Object.fromEntries(['cases', 'persons', 'petitions', 'repeat_cases', 'acc_timely', 'acc_late', 'acc_overdue', 'acc_pending',
  'reply_on_time', 'reply_late', 'reply_open', 'reply_open_overdue', 'ev_satisfied', 'ev_basic', 'ev_dissatisfied', 'ev_lapsed', 'ev_pending',
  'repeat_applied', 'oneoff_settled', 'oneoff_resolved', 'named_top', 'forwarded', 'assigned', 'redirected', 'unrouted', 'supervised',
  'breaches', 'closed'].map((k) => [k, 0]));

export function sumRows(rows: readonly Record<string, unknown>[]): Row {
  const out: Row = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO)) out[k] = (out[k] as number) + Number(r[k] ?? 0);
  return out;
}

/** Sums the per-(category, channel, kind) counts by one of those columns. */
function groupBy(rows: readonly Record<string, unknown>[], col: string): GroupCount[] {
  const by = new Map<string | null, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = r[col] as string | null;
    by.set(k, [...(by.get(k) ?? []), r]);
  }
  return [...by.entries()].map(([key, rs]) => toGroup(key, sumRows(rs))).sort(byCasesDesc);
}

const toGroup = (key: string | null, r: Row): GroupCount => ({ key, cases: r.cases as number, persons: r.persons as number,
  repeatCases: r.repeat_cases as number, supervisedCases: r.supervised as number, breaches: r.breaches as number, dissatisfied: r.ev_dissatisfied as number });

export function toCounts(r: Row): ReportCounts {
  return {
    cases: r.cases, persons: r.persons, petitions: r.petitions, repeatCases: r.repeat_cases,
    acceptance: { timely: r.acc_timely, late: r.acc_late, overdueUnaccepted: r.acc_overdue, pendingWithinLimit: r.acc_pending },
    reply: { onTime: r.reply_on_time, late: r.reply_late, open: r.reply_open, openOverdue: r.reply_open_overdue },
    evaluation: { satisfied: r.ev_satisfied, basicallySatisfied: r.ev_basic, dissatisfied: r.ev_dissatisfied, lapsed: r.ev_lapsed, pending: r.ev_pending },
    repeatApplied: r.repeat_applied, oneOff: { settled: r.oneoff_settled, resolved: r.oneoff_resolved }, namedTopCategoryCases: r.named_top,
    routing: { forwarded: r.forwarded, assigned: r.assigned, redirected: r.redirected, unrouted: r.unrouted },
    supervisedCases: r.supervised, breaches: r.breaches, closed: r.closed,
  };
}

const byCasesDesc = (a: GroupCount, b: GroupCount): number =>
  b.cases - a.cases || b.persons - a.persons || String(a.key).localeCompare(String(b.key));

/** The figures of domain.md for a scope, from the cases table or from the event log alone. */
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  async report(scope: ReportScope, source: ReportSource = 'cases'): Promise<ReportResult> {
    // JIT compilation costs more than it saves on these wide one-pass aggregates (≈0.3 s on the annual report).
    if (source === 'cases') {
      return this.dataSource.transaction(async (tx) => {
        await tx.query('SET LOCAL jit = off');
        return this.run(tx, scope, source, (p) => `(${casesSource(scope, p)}) src`);
      });
    }
    // The event-log fold is materialised once per report, then aggregated like the cases table.
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SET LOCAL jit = off');
      const p = new Params();
      await tx.query(`CREATE TEMP TABLE report_src ON COMMIT DROP AS ${eventsSource(scope, p)}`, p.values);
      return this.run(tx, scope, source, () => 'report_src');
    });
  }

  private async run(m: EntityManager, scope: ReportScope, source: ReportSource, src: (p: Params) => string): Promise<ReportResult> {
    const pc = new Params();
    const rel = src(pc);
    const rows: Record<string, unknown>[] = await m.query(countsSql(rel, `${pc.add(scope.asOf)}::timestamptz`), pc.values);
    const pu = new Params();
    const unitRows: Record<string, unknown>[] = await m.query(unitsSql(src(pu)), pu.values);
    const pr = new Params();
    const respondentRows: Record<string, unknown>[] = await m.query(unitsSql(src(pr), 'respondent_unit'), pr.values);
    const counts = toCounts(sumRows(rows));
    return {
      scope, source, counts, figures: computeFigures(counts),
      categories: groupBy(rows, 'category'), channels: groupBy(rows, 'channel'), kinds: groupBy(rows, 'kind'),
      units: unitRows.map((u) => toGroup(u.key as string | null, sumRows([u]))).sort(byCasesDesc),
      respondents: respondentRows.map((u) => toGroup(u.key as string | null, sumRows([u]))).sort(byCasesDesc),
      breachesByKey: await this.breachesByKey(m, scope, source),
      pausesByReason: await pausesByReason(m, scope, source),
      recommendations: await recommendationCounts(m, scope),
    };
  }

  private async breachesByKey(m: EntityManager, s: ReportScope, source: ReportSource): Promise<Record<string, number>> {
    const p = new Params();
    const sql = source === 'cases'
      ? `SELECT deadline_key AS key, count(*)::int AS n FROM accountability_ledger l
         WHERE breached_at >= ${p.add(s.from)} AND breached_at < ${p.add(s.to)}
         ${s.regionPrefix ? `AND ${ledgerRegionCondition(s.regionPrefix, p)}` : ''} GROUP BY 1`
      : `SELECT e.payload->>'deadlineKey' AS key, count(*)::int AS n FROM case_events e
         WHERE e.type = 'DeadlineBreached' AND ${notWithdrawnBreach('e')} AND e.occurred_at >= ${p.add(s.from)} AND e.occurred_at < ${p.add(s.to)}
         ${s.regionPrefix ? `AND EXISTS (SELECT 1 FROM case_events r WHERE r.case_id = e.case_id AND r.type = 'PetitionRegistered'
              AND ${payloadRegionCondition(s.regionPrefix, p, 'r.payload')})` : ''} GROUP BY 1`;
    const rows: { key: string; n: number }[] = await m.query(sql, p.values);
    return Object.fromEntries(rows.sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.n]));
  }
}
