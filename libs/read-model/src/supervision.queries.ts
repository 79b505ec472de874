import type { DataSource } from 'typeorm';
import { CN_CALENDAR, computeDueAt } from '@petitions/domain';
import { rollupPeriod } from './unit-stats.rollup';
import {
  type CaseFilter, type OffsetPage, type Page, type PageResult, Params, caseConditions, encodeCursor, ledgerRegionCondition, likePrefix, requireCursor, where,
} from './supervision.filters';

/** One case in a supervision list. */
export interface SupervisedCaseItem {
  caseId: string;
  status: string;
  step: string;
  channel: string | null;
  kind: string | null;
  category: string | null;
  regionCode: string | null;
  leadUnitId: string | null;
  currentHandlerId: string | null;
  routingMode: string | null;
  registeredAt: string | null;
  unitDueKey: string | null;
  unitDueAt: string | null;
  openBreachKeys: string[];
  breachCount: number;
  repeatCount: number;
  supervised: boolean;
  /** 暂定: years missing from the calendar for some open deadline (the due time is provisional); empty when final. */
  provisionalYears: number[];
}

export interface RepeatCaseItem extends SupervisedCaseItem {
  petitionerRef: string | null;
  matterRef: string | null;
  /** The case of the same petitioner and matter registered just before this one (cross-case repeat). */
  priorCaseId: string | null;
  /** Every case of the same petitioner and matter, oldest first. */
  linkedCaseIds: string[];
}

export interface LedgerItem {
  caseId: string;
  seq: number;
  deadlineKey: string;
  step: string;
  unitId: string | null;
  handlerId: string | null;
  leadUnitId: string | null;
  regionCode: string | null;
  category: string | null;
  article: string;
  dueAt: string;
  breachedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  warnedAt: string | null;
  escalationCount: number;
  escalatedAt: string | null;
  escalatedTo: string | null;
  letterId: string | null;
  letterType: string | null;
  letterIssuedAt: string | null;
  feedbackDueAt: string | null;
  feedbackAt: string | null;
}

export interface LedgerFilter extends CaseFilter {
  deadlineKey?: string;
  /** true: breaches not yet met; false: met (late), superseded or closed. */
  open?: boolean;
}

export interface UnitLedgerSummary {
  unitId: string | null;
  breaches: number;
  open: number;
  fulfilledLate: number;
  byKey: Record<string, number>;
  escalations: number;
  letters: number;
  feedbacks: number;
}

/** A respondent unit (被反映单位) and the cases against it. */
export interface ComplainedRespondent {
  respondent: string;
  cases: number;
  persons: number;
  repeatCases: number;
  supervisedCases: number;
  breaches: number;
  dissatisfied: number;
}

/** A unit handling cases (责任单位), with their outcomes (mostHandledUnits). */
export interface ComplainedUnit {
  unitId: string;
  cases: number;
  persons: number;
  repeatCases: number;
  supervisedCases: number;
  breaches: number;
  dissatisfied: number;
}

export interface HandlerWorkload {
  handlerId: string;
  unitId: string | null;
  openCases: number;
  overdue: number;
  dueSoon: number;
  openBreaches: number;
}

const ts = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : (v as string | null));

const CASE_ITEM_SQL = `c.case_id, c.status, c.step, c.channel, c.kind, c.category, c.region_code, c.lead_unit_id, c.current_handler_id,
  c.routing_mode, c.registered_at, c.unit_due_key, c.unit_due_at, c.open_breach_keys, c.breach_count, c.repeat_count, c.supervised,
  c.provisional_years`;

function caseItem(r: Record<string, unknown>): SupervisedCaseItem {
  return {
    caseId: r.case_id as string, status: r.status as string, step: r.step as string, channel: r.channel as string | null,
    kind: r.kind as string | null, category: r.category as string | null, regionCode: r.region_code as string | null,
    leadUnitId: r.lead_unit_id as string | null, currentHandlerId: r.current_handler_id as string | null,
    routingMode: r.routing_mode as string | null, registeredAt: ts(r.registered_at), unitDueKey: r.unit_due_key as string | null,
    unitDueAt: ts(r.unit_due_at), openBreachKeys: r.open_breach_keys as string[], breachCount: r.breach_count as number,
    repeatCount: r.repeat_count as number, supervised: r.supervised as boolean,
    provisionalYears: (r.provisional_years as number[] | undefined) ?? [],
  };
}

function ledgerItem(r: Record<string, unknown>): LedgerItem {
  return {
    caseId: r.case_id as string, seq: r.seq as number, deadlineKey: r.deadline_key as string, step: r.step as string,
    unitId: r.unit_id as string | null, handlerId: r.handler_id as string | null, leadUnitId: r.lead_unit_id as string | null,
    regionCode: r.region_code as string | null, category: r.category as string | null, article: r.article as string,
    dueAt: ts(r.due_at) as string, breachedAt: ts(r.breached_at) as string, resolvedAt: ts(r.resolved_at),
    resolution: r.resolution as string | null, warnedAt: ts(r.warned_at), escalationCount: r.escalation_count as number,
    escalatedAt: ts(r.escalated_at), escalatedTo: r.escalated_to as string | null, letterId: r.letter_id as string | null,
    letterType: r.letter_type as string | null, letterIssuedAt: ts(r.letter_issued_at), feedbackDueAt: ts(r.feedback_due_at),
    feedbackAt: ts(r.feedback_at),
  };
}

/**
 * End of a "due within N days" window: 00:00 Asia/Shanghai after the N-th (working) day following asOf's day,
 * the same instant a limit of N days started at asOf would end (start day not counted, see computeDueAt).
 */
export function dueHorizon(asOf: string, days: number, workingDays: boolean): string {
  return computeDueAt(asOf, { amount: days, unit: workingDays ? 'working_days' : 'calendar_days', rollToWorkingDay: false }, CN_CALENDAR);
}

/**
 * The supervision office's lists. Every list is keyset-paginated (limit ≤ 500, opaque cursor) and ordered so that an
 * index serves it; aggregates take limit/offset. `asOf` is an input (default: now, set by the caller).
 */
export class SupervisionQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Open cases whose earliest unit deadline has passed (breach recorded or not yet): most overdue first. */
  async overdue(f: CaseFilter, asOf: string, page: Page): Promise<PageResult<SupervisedCaseItem>> {
    const p = new Params();
    const conds = [`c.status = 'open'`, `c.unit_due_at < ${p.add(asOf)}`, ...caseConditions({ ...f, status: undefined }, p)];
    return this.dueList(conds, p, page);
  }

  /** Open cases whose earliest unit deadline falls in [asOf, horizon]: N calendar or working days ahead. */
  async dueWithin(f: CaseFilter, asOf: string, days: number, workingDays: boolean, page: Page): Promise<PageResult<SupervisedCaseItem> & { horizon: string }> {
    const horizon = dueHorizon(asOf, days, workingDays);
    const p = new Params();
    // A due instant is 00:00 after the last day, so a deadline whose last day is the N-th day equals the horizon.
    const conds = [`c.status = 'open'`, `c.unit_due_at >= ${p.add(asOf)}`, `c.unit_due_at <= ${p.add(horizon)}`,
      ...caseConditions({ ...f, status: undefined }, p)];
    return { ...(await this.dueList(conds, p, page)), horizon };
  }

  private async dueList(conds: string[], p: Params, page: Page): Promise<PageResult<SupervisedCaseItem>> {
    if (page.cursor) {
      const [at, id] = requireCursor(page.cursor, ['instant', 'id']);
      conds.push(`(c.unit_due_at, c.case_id) > (${p.add(at)}::timestamptz, ${p.add(id)})`);
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${CASE_ITEM_SQL} FROM cases c ${where(conds)} ORDER BY c.unit_due_at, c.case_id LIMIT ${p.add(page.limit + 1)}`, p.values);
    const items = rows.slice(0, page.limit).map(caseItem);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.unitDueAt as string, last.caseId]) : null };
  }

  /** Breaches (the ledger rows), newest first; period on the breach time. */
  async breaches(f: LedgerFilter, page: Page): Promise<PageResult<LedgerItem>> {
    const p = new Params();
    const conds: string[] = [];
    // Unit and handler filter the ledger's own columns: the unit answerable for the deadline, the handler at the time.
    if (f.unitId) conds.push(`l.unit_id = ${p.add(f.unitId)}`);
    if (f.handlerId) conds.push(`l.handler_id = ${p.add(f.handlerId)}`);
    if (f.regionPrefix) conds.push(ledgerRegionCondition(f.regionPrefix, p));
    if (f.category) conds.push(`l.category = ${p.add(f.category)}`);
    if (f.deadlineKey) conds.push(`l.deadline_key = ${p.add(f.deadlineKey)}`);
    if (f.open !== undefined) conds.push(f.open ? 'l.resolved_at IS NULL' : 'l.resolved_at IS NOT NULL');
    if (f.from) conds.push(`l.breached_at >= ${p.add(f.from)}`);
    if (f.to) conds.push(`l.breached_at < ${p.add(f.to)}`);
    const caseConds = caseConditions({ channel: f.channel, kind: f.kind, status: f.status, step: f.step }, p);
    if (caseConds.length) conds.push(`EXISTS (SELECT 1 FROM cases c WHERE c.case_id = l.case_id AND ${caseConds.join(' AND ')})`);
    if (page.cursor) {
      const [at, id, seq] = requireCursor(page.cursor, ['instant', 'id', 'seq']);
      conds.push(`(l.breached_at, l.case_id, l.seq) < (${p.add(at)}::timestamptz, ${p.add(id)}, ${p.add(seq)})`);
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT l.* FROM accountability_ledger l ${where(conds)}
       ORDER BY l.breached_at DESC, l.case_id DESC, l.seq DESC LIMIT ${p.add(page.limit + 1)}`, p.values);
    const items = rows.slice(0, page.limit).map(ledgerItem);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.breachedAt, last.caseId, last.seq]) : null };
  }

  /**
   * The accountability ledger per responsible unit for a period (breach time): counts by deadline and follow-up.
   * Periods of whole months (or years), optionally one unit or a region of up to four digits, read the exact
   * monthly/yearly rollup; anything finer reads the ledger itself.
   */
  async ledgerByUnit(f: LedgerFilter, page: OffsetPage, opts: { rollup?: boolean } = {}): Promise<UnitLedgerSummary[]> {
    const p = new Params();
    const rollup = rollupPeriod(f.from, f.to) ?? (f.from || f.to ? null : { granularity: 'year' as const, starts: null });
    const useRollup = opts.rollup !== false && rollup !== null && !f.category && !f.deadlineKey && (!f.regionPrefix || f.regionPrefix.length <= 4);
    const sums = `sum(breaches)::int AS breaches, sum(open)::int AS open, sum(fulfilled_late)::int AS fulfilled_late,
      sum(escalations)::int AS escalations, sum(letters)::int AS letters, sum(feedbacks)::int AS feedbacks, sum(k_route)::int AS k_route,
      sum(k_notify)::int AS k_notify, sum(k_acceptance)::int AS k_acceptance, sum(k_handling)::int AS k_handling,
      sum(k_decide_review)::int AS k_decide_review, sum(k_decide_re_review)::int AS k_decide_re_review, sum(k_receive)::int AS k_receive`;
    let sql: string;
    if (useRollup && rollup) {
      const conds = [`s.granularity = ${p.add(rollup.granularity)}`];
      if (rollup.starts) conds.push(`s.period_start = ANY(${p.add(rollup.starts)}::date[])`);
      if (f.unitId) conds.push(`s.unit_id = ${p.add(f.unitId)}`);
      if (f.regionPrefix) conds.push(`s.city_code LIKE ${p.add(likePrefix(f.regionPrefix))}`);
      sql = `SELECT nullif(s.unit_id, '') AS unit_id, ${sums} FROM ledger_unit_stats s ${where(conds)} GROUP BY s.unit_id`;
    } else {
      const conds: string[] = [];
      if (f.unitId) conds.push(`l.unit_id = ${p.add(f.unitId)}`);
      if (f.regionPrefix) conds.push(ledgerRegionCondition(f.regionPrefix, p));
      if (f.category) conds.push(`l.category = ${p.add(f.category)}`);
      if (f.deadlineKey) conds.push(`l.deadline_key = ${p.add(f.deadlineKey)}`);
      if (f.from) conds.push(`l.breached_at >= ${p.add(f.from)}`);
      if (f.to) conds.push(`l.breached_at < ${p.add(f.to)}`);
      sql = `SELECT l.unit_id, count(*)::int AS breaches,
         count(*) FILTER (WHERE l.resolved_at IS NULL)::int AS open,
         count(*) FILTER (WHERE l.resolution = 'fulfilled_late')::int AS fulfilled_late,
         coalesce(sum(l.escalation_count), 0)::int AS escalations, count(l.letter_id)::int AS letters, count(l.feedback_at)::int AS feedbacks,
         count(*) FILTER (WHERE l.deadline_key = 'route')::int AS k_route,
         count(*) FILTER (WHERE l.deadline_key = 'notify')::int AS k_notify,
         count(*) FILTER (WHERE l.deadline_key = 'acceptance')::int AS k_acceptance,
         count(*) FILTER (WHERE l.deadline_key = 'handling')::int AS k_handling,
         count(*) FILTER (WHERE l.deadline_key = 'decideReview')::int AS k_decide_review,
         count(*) FILTER (WHERE l.deadline_key = 'decideReReview')::int AS k_decide_re_review,
         count(*) FILTER (WHERE l.deadline_key = 'receive')::int AS k_receive
       FROM accountability_ledger l ${where(conds)} GROUP BY l.unit_id`;
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM (${sql}) u ORDER BY breaches DESC, unit_id NULLS LAST LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`, p.values);
    return rows.map((r) => ({
      unitId: r.unit_id as string | null, breaches: r.breaches as number, open: r.open as number, fulfilledLate: r.fulfilled_late as number,
      escalations: r.escalations as number, letters: r.letters as number, feedbacks: r.feedbacks as number,
      byKey: { route: r.k_route as number, receive: r.k_receive as number, notify: r.k_notify as number, acceptance: r.k_acceptance as number, handling: r.k_handling as number,
        decideReview: r.k_decide_review as number, decideReReview: r.k_decide_re_review as number },
    }));
  }

  /**
   * 被反映最多的单位: the respondents (被反映单位, a petition's respondent of type 'unit', by its description) with the
   * most cases registered in the period; ties by persons, then name. Not the units handling the cases (mostHandledUnits).
   */
  async mostComplainedUnits(f: CaseFilter, page: OffsetPage): Promise<ComplainedRespondent[]> {
    const p = new Params();
    const conds = ['c.respondent_unit IS NOT NULL', ...caseConditions(f, p)];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT c.respondent_unit, count(*)::int AS cases, sum(c.persons)::int AS persons,
          count(*) FILTER (WHERE c.is_repeat)::int AS repeat_cases, count(*) FILTER (WHERE c.supervised)::int AS supervised_cases,
          sum(c.breach_count)::int AS breaches, count(*) FILTER (WHERE c.evaluation_value = 'dissatisfied')::int AS dissatisfied
        FROM cases c ${where(conds)} GROUP BY c.respondent_unit
        ORDER BY cases DESC, persons DESC, c.respondent_unit LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`, p.values);
    return rows.map((r) => ({ respondent: r.respondent_unit as string, cases: r.cases as number, persons: r.persons as number,
      repeatCases: r.repeat_cases as number, supervisedCases: r.supervised_cases as number, breaches: r.breaches as number,
      dissatisfied: r.dissatisfied as number }));
  }

  /**
   * Units with the most cases (件) routed to them in the period (registration) to handle; ties by persons, then unit id.
   * Whole months or years with filters the rollup holds (unit, region of up to four digits, category) read the exact
   * monthly/yearly rollup; other filters read the cases table.
   */
  async mostHandledUnits(f: CaseFilter, page: OffsetPage, opts: { rollup?: boolean } = {}): Promise<ComplainedUnit[]> {
    const p = new Params();
    const rollup = rollupPeriod(f.from, f.to) ?? (f.from || f.to ? null : { granularity: 'year' as const, starts: null });
    const useRollup = opts.rollup !== false && rollup !== null && !f.channel && !f.kind && !f.status && !f.step && !f.handlerId
      && (!f.regionPrefix || f.regionPrefix.length <= 4);
    let sql: string;
    if (useRollup && rollup) {
      const conds = [`s.granularity = ${p.add(rollup.granularity)}`];
      if (rollup.starts) conds.push(`s.period_start = ANY(${p.add(rollup.starts)}::date[])`);
      if (f.unitId) conds.push(`s.lead_unit_id = ${p.add(f.unitId)}`);
      if (f.regionPrefix) conds.push(`s.city_code LIKE ${p.add(likePrefix(f.regionPrefix))}`);
      if (f.category) conds.push(`s.category = ${p.add(f.category)}`);
      sql = `SELECT s.lead_unit_id, sum(s.cases)::int AS cases, sum(s.persons)::int AS persons, sum(s.repeat_cases)::int AS repeat_cases,
          sum(s.supervised_cases)::int AS supervised_cases, sum(s.breaches)::int AS breaches, sum(s.dissatisfied)::int AS dissatisfied
        FROM case_unit_stats s ${where(conds)} GROUP BY s.lead_unit_id`;
    } else {
      const conds = ['c.lead_unit_id IS NOT NULL', ...caseConditions(f, p)];
      sql = `SELECT c.lead_unit_id, count(*)::int AS cases, sum(c.persons)::int AS persons,
          count(*) FILTER (WHERE c.is_repeat)::int AS repeat_cases, count(*) FILTER (WHERE c.supervised)::int AS supervised_cases,
          sum(c.breach_count)::int AS breaches, count(*) FILTER (WHERE c.evaluation_value = 'dissatisfied')::int AS dissatisfied
        FROM cases c ${where(conds)} GROUP BY c.lead_unit_id`;
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM (${sql}) u ORDER BY cases DESC, persons DESC, lead_unit_id LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`, p.values);
    return rows.map((r) => ({ unitId: r.lead_unit_id as string, cases: r.cases as number, persons: r.persons as number,
      repeatCases: r.repeat_cases as number, supervisedCases: r.supervised_cases as number, breaches: r.breaches as number,
      dissatisfied: r.dissatisfied as number }));
  }

  /** Open cases per current handler: how many, how many overdue, how many due within `dueSoonDays` days. */
  async handlerWorkload(f: CaseFilter, asOf: string, page: OffsetPage, dueSoonDays = 7): Promise<HandlerWorkload[]> {
    const p = new Params();
    const conds = [`c.status = 'open'`, 'c.current_handler_id IS NOT NULL', ...caseConditions({ ...f, status: undefined }, p)];
    const now = p.add(asOf);
    const soon = p.add(dueHorizon(asOf, dueSoonDays, false));
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT c.current_handler_id, c.lead_unit_id, count(*)::int AS open_cases,
         count(*) FILTER (WHERE c.unit_due_at < ${now})::int AS overdue,
         count(*) FILTER (WHERE c.unit_due_at >= ${now} AND c.unit_due_at <= ${soon})::int AS due_soon,
         count(*) FILTER (WHERE cardinality(c.open_breach_keys) > 0)::int AS open_breaches
       FROM cases c ${where(conds)}
       GROUP BY c.current_handler_id, c.lead_unit_id ORDER BY open_cases DESC, c.current_handler_id, c.lead_unit_id
       LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`, p.values);
    return rows.map((r) => ({ handlerId: r.current_handler_id as string, unitId: r.lead_unit_id as string | null,
      openCases: r.open_cases as number, overdue: r.overdue as number, dueSoon: r.due_soon as number, openBreaches: r.open_breaches as number }));
  }

  /** Repeat cases (within the case, or a later case of the same petitioner and matter), newest first, with links. */
  async repeatCases(f: CaseFilter, page: Page): Promise<PageResult<RepeatCaseItem>> {
    const p = new Params();
    const conds = ['c.is_repeat', 'c.registered_at IS NOT NULL', ...caseConditions(f, p)];
    if (page.cursor) {
      const [at, id] = requireCursor(page.cursor, ['instant', 'id']);
      conds.push(`(c.registered_at, c.case_id) < (${p.add(at)}::timestamptz, ${p.add(id)})`);
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${CASE_ITEM_SQL}, c.petitioner_ref, c.matter_ref, c.prior_case_id FROM cases c ${where(conds)}
       ORDER BY c.registered_at DESC, c.case_id DESC LIMIT ${p.add(page.limit + 1)}`, p.values);
    const page1 = rows.slice(0, page.limit);
    const pairs = page1.filter((r) => r.petitioner_ref !== null && r.matter_ref !== null);
    const links = new Map<string, string[]>();
    if (pairs.length) {
      const linkRows: { petitioner_ref: string; matter_ref: string; ids: string[] }[] = await this.dataSource.query(
        `SELECT petitioner_ref, matter_ref, array_agg(case_id ORDER BY registered_at, case_id) AS ids FROM cases
         WHERE (petitioner_ref, matter_ref) IN (SELECT * FROM unnest($1::text[], $2::text[])) GROUP BY petitioner_ref, matter_ref`,
        [pairs.map((r) => r.petitioner_ref), pairs.map((r) => r.matter_ref)]);
      for (const l of linkRows) links.set(`${l.petitioner_ref}|${l.matter_ref}`, l.ids);
    }
    const items: RepeatCaseItem[] = page1.map((r) => ({
      ...caseItem(r), petitionerRef: r.petitioner_ref as string | null, matterRef: r.matter_ref as string | null,
      priorCaseId: r.prior_case_id as string | null,
      linkedCaseIds: links.get(`${r.petitioner_ref}|${r.matter_ref}`) ?? [r.case_id as string],
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.registeredAt as string, last.caseId]) : null };
  }
}
