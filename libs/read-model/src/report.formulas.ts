/**
 * The supervision office's figures as pure formulas over counts (see libs/read-model/REPORTS.md for every
 * definition). The counts come from SQL over the `cases` table or over `case_events` alone; both feed this.
 */

/** The five categories the city report names as the largest (≈60 %). */
export const NAMED_TOP_CATEGORIES = ['urban_construction', 'political_legal', 'natural_resources', 'agriculture', 'labour_social_security'] as const;

export interface ReportCounts {
  cases: number;
  persons: number;
  /** Petitions received: the first one of each case plus every repeat petition joined to it (批次). */
  petitions: number;
  repeatCases: number;
  acceptance: { timely: number; late: number; overdueUnaccepted: number; pendingWithinLimit: number };
  reply: { onTime: number; late: number; open: number; openOverdue: number };
  evaluation: { satisfied: number; basicallySatisfied: number; dissatisfied: number; lapsed: number; pending: number };
  /** Repeat cases whose unit filed a substantive resolution (申请化解). */
  repeatApplied: number;
  /** First-time cases replied to whose evaluation is settled, and those resolved at the first attempt. */
  oneOff: { settled: number; resolved: number };
  namedTopCategoryCases: number;
  routing: { forwarded: number; assigned: number; redirected: number; unrouted: number };
  supervisedCases: number;
  breaches: number;
  closed: number;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when the denominator is 0. */
  rate: number | null;
  /** The rate as a percentage with two decimals, e.g. "97.40%"; "—" when undefined. */
  percent: string;
}

export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, rate: null, percent: '—' };
  const r = numerator / denominator;
  return { numerator, denominator, rate: r, percent: `${(Math.round(r * 10_000) / 100).toFixed(2)}%` };
}

export interface ReportFigures {
  volume: { cases: number; persons: number; petitions: number };
  firstTimeCases: number;
  repeatCases: number;
  /** 重复信访率 = repeat cases / all cases. */
  repeatRate: Rate;
  /** 及时受理率 = timely / (timely + late + overdue-unaccepted). */
  timelyAcceptanceRate: Rate;
  acceptanceSplit: ReportCounts['acceptance'];
  /** 按期答复率 = on time / (on time + late + open + open-overdue). */
  onTimeReplyRate: Rate;
  replySplit: ReportCounts['reply'];
  /** 满意率 = (satisfied + basically satisfied) / evaluated. */
  satisfactionRate: Rate;
  /** 参评率 = evaluated / (evaluated + lapsed). */
  participationRate: Rate;
  evaluationSplit: ReportCounts['evaluation'];
  /** 申请化解率 = repeat cases applied / repeat cases. */
  resolutionApplicationRate: Rate;
  /** 一次性化解率 = first-time cases resolved at the first attempt / first-time cases replied with a settled evaluation. */
  oneOffResolutionRate: Rate;
  /** Share of the five named categories in all cases. */
  namedTopCategoryShare: Rate;
  routing: ReportCounts['routing'];
  supervisedCases: number;
  breaches: number;
  closed: number;
}

export function computeFigures(c: ReportCounts): ReportFigures {
  const a = c.acceptance;
  const r = c.reply;
  const e = c.evaluation;
  const evaluated = e.satisfied + e.basicallySatisfied + e.dissatisfied;
  return {
    volume: { cases: c.cases, persons: c.persons, petitions: c.petitions },
    firstTimeCases: c.cases - c.repeatCases,
    repeatCases: c.repeatCases,
    repeatRate: rate(c.repeatCases, c.cases),
    timelyAcceptanceRate: rate(a.timely, a.timely + a.late + a.overdueUnaccepted),
    acceptanceSplit: a,
    onTimeReplyRate: rate(r.onTime, r.onTime + r.late + r.open + r.openOverdue),
    replySplit: r,
    satisfactionRate: rate(e.satisfied + e.basicallySatisfied, evaluated),
    participationRate: rate(evaluated, evaluated + e.lapsed),
    evaluationSplit: e,
    resolutionApplicationRate: rate(c.repeatApplied, c.repeatCases),
    oneOffResolutionRate: rate(c.oneOff.resolved, c.oneOff.settled),
    namedTopCategoryShare: rate(c.namedTopCategoryCases, c.cases),
    routing: c.routing,
    supervisedCases: c.supervisedCases,
    breaches: c.breaches,
    closed: c.closed,
  };
}

/** One case as the report formulas see it: the same shape from the cases table or from the event log. */
export interface ReportCase {
  caseId: string;
  category: string | null;
  channel: string | null;
  kind: string | null;
  leadUnitId: string | null;
  persons: number;
  repeatCount: number;
  isRepeat: boolean;
  routingMode: string | null;
  acceptanceOutcome: string | null;
  acceptanceOnTime: boolean | null;
  acceptanceDueAt: string | null;
  handlingDueAt: string | null;
  replied: boolean;
  repliedOnTime: boolean | null;
  closureType: string | null;
  evaluationState: string;
  evaluationValue: string | null;
  reviewRequested: boolean;
  breachCount: number;
  supervised: boolean;
  closed: boolean;
}

/**
 * The counts as a pure fold over cases (the definitions the SQL in case.reports.ts implements; the unit tests
 * check the two agree on hand-made data).
 */
export function countCases(cases: readonly ReportCase[], asOf: string): ReportCounts {
  const now = Date.parse(asOf);
  const passed = (t: string | null): boolean => t !== null && Date.parse(t) <= now;
  const c: ReportCounts = {
    cases: 0, persons: 0, petitions: 0, repeatCases: 0,
    acceptance: { timely: 0, late: 0, overdueUnaccepted: 0, pendingWithinLimit: 0 },
    reply: { onTime: 0, late: 0, open: 0, openOverdue: 0 },
    evaluation: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, lapsed: 0, pending: 0 },
    repeatApplied: 0, oneOff: { settled: 0, resolved: 0 }, namedTopCategoryCases: 0,
    routing: { forwarded: 0, assigned: 0, redirected: 0, unrouted: 0 }, supervisedCases: 0, breaches: 0, closed: 0,
  };
  const named = new Set<string>(NAMED_TOP_CATEGORIES);
  for (const k of cases) {
    c.cases++;
    c.persons += k.persons;
    c.petitions += 1 + k.repeatCount;
    if (k.isRepeat) c.repeatCases++;
    if (k.acceptanceOutcome !== null) {
      if (k.acceptanceOnTime) c.acceptance.timely++;
      else c.acceptance.late++;
    } else if (!k.closed && k.acceptanceDueAt !== null) {
      if (passed(k.acceptanceDueAt)) c.acceptance.overdueUnaccepted++;
      else c.acceptance.pendingWithinLimit++;
    }
    if (k.acceptanceOutcome === 'accepted') {
      if (k.replied) {
        if (k.repliedOnTime) c.reply.onTime++;
        else c.reply.late++;
      } else if (!k.closed) {
        if (passed(k.handlingDueAt)) c.reply.openOverdue++;
        else c.reply.open++;
      }
    }
    if (k.evaluationState === 'evaluated') {
      if (k.evaluationValue === 'satisfied') c.evaluation.satisfied++;
      else if (k.evaluationValue === 'basically_satisfied') c.evaluation.basicallySatisfied++;
      else c.evaluation.dissatisfied++;
    } else if (k.evaluationState === 'lapsed') c.evaluation.lapsed++;
    else if (k.evaluationState === 'pending') c.evaluation.pending++;
    if (k.isRepeat && k.closureType === 'substantive') c.repeatApplied++;
    if (!k.isRepeat && k.replied && (k.evaluationState === 'evaluated' || k.evaluationState === 'lapsed')) {
      c.oneOff.settled++;
      if (k.closureType === 'substantive' && !k.reviewRequested && k.evaluationState === 'evaluated'
        && (k.evaluationValue === 'satisfied' || k.evaluationValue === 'basically_satisfied')) c.oneOff.resolved++;
    }
    if (k.category !== null && named.has(k.category)) c.namedTopCategoryCases++;
    if (k.routingMode === 'forward') c.routing.forwarded++;
    else if (k.routingMode === 'assign') c.routing.assigned++;
    else if (k.routingMode === null) c.routing.unrouted++;
    else c.routing.redirected++;
    if (k.supervised) c.supervisedCases++;
    c.breaches += k.breachCount;
    if (k.closed) c.closed++;
  }
  return c;
}
