import type { BreachDeadlineKey, EscalationRungKind, LetterKind, WarningRule } from '../policy/supervision-policy.types';
import { activePause } from './case.clocks';
import type { CaseState } from './case.state';
import { toMs } from './case.time';
import type { CaseStep, ClockKey, DeadlineKey, EscalationKey, FeedbackKey, WarningKey } from './case.types';

interface PendingBase {
  step: CaseStep;
  dueAt: string;
  article: string;
  unitId?: string;
  /** A stopped clock (and its alarms) needs no timer; remainingMs is the time left when it stopped. */
  paused?: boolean;
  remainingMs?: number;
}

/** A step deadline: breached (bureau, unit) or lapsed (petitioner's window). */
export interface PendingClock extends PendingBase {
  key: DeadlineKey;
  kind: 'breach' | 'lapse';
}

/** A warning before a unit deadline; dueAt is when it fires, deadlineDueAt the deadline itself. */
export interface PendingWarning extends PendingBase {
  key: WarningKey;
  kind: 'warning';
  deadlineKey: BreachDeadlineKey;
  rule: WarningRule;
  deadlineDueAt: string;
  clockStartedAt: string;
}

/** A rung of the ladder after a breach; dueAt is when it fires. */
export interface PendingEscalation extends PendingBase {
  key: EscalationKey;
  kind: 'escalation';
  deadlineKey: ClockKey;
  rung: EscalationRungKind;
  breachDueAt: string;
  letterKind: LetterKind | null;
  /** Accountability ground (art.43–46), on the accountability recommendation rung only. */
  groundArticle?: string;
}

/** The addressed unit's written feedback on a letter is due. */
export interface PendingFeedback extends PendingBase {
  key: FeedbackKey;
  kind: 'feedback';
  escalationNo: number;
  letterNo: string;
}

export type PendingDeadline = PendingClock | PendingWarning | PendingEscalation | PendingFeedback;

export const DEADLINE_ARTICLES = {
  route: '第二十二条',
  /**
   * Receipt of a routed case has no limit in the Regulation (art.23 counts the notice limit FROM receipt):
   * a receipt limit is practice and cites its policy's own source (see practiceCitation); this is the
   * fallback for a case whose policy document was not recorded.
   */
  receive: '政策规定',
  notify: '第二十三条',
  acceptance: '第三十一条',
  /** The bureau's decision on a unit's objection (异议, art.23; the day count is policy). */
  decideObjection: '第二十三条',
  /** The written notice of not accepted / diverted (art.31). */
  notifyDecision: '第三十一条',
  handleClaim: '第三十四条',
  handleSuggestion: '第二十九条',
  handleReport: '第三十条',
  /** An assignment's (交办) deadline is set by the bureau under art.22. */
  handleAssigned: '第二十二条',
  evaluation: '政策规定',
  review: '第三十五条',
  reReview: '第三十六条',
  /** Feedback on supervision letters and recommendations (the day count is policy). */
  letterFeedback: '第四十条',
} as const;

/**
 * Accountability ground (art.43–46) of an accountability recommendation (问责建议函), by the breached clock:
 * the bureau failed to route or to decide a unit's objection in time (art.43); the unit failed to notify, to decide
 * acceptance or to give the written notice of not accepted / diverted (art.44); delay in
 * handling, review or re-review, or a supervision letter left unanswered (art.45). Only the recommendation
 * cites a ground (EscalationRaised.groundArticle); reminder letters and listed supervision cite the broken
 * duty's own article (EscalationRaised.article). A missed receipt limit is a practice limit: its ground is
 * the policy's own source (practiceCitation), this entry only the fallback when no document was recorded.
 */
export const ESCALATION_ARTICLES: Record<BreachDeadlineKey | 'letterFeedback', string> = {
  route: '第四十三条',
  receive: '政策规定',
  notify: '第四十四条',
  acceptance: '第四十四条',
  /** The bureau failed to handle the objection in time (art.43), not the unit. */
  decideObjection: '第四十三条',
  /** The unit missed the notice limit (art.44). */
  notifyDecision: '第四十四条',
  handling: '第四十五条',
  decideReview: '第四十五条',
  decideReReview: '第四十五条',
  letterFeedback: '第四十五条',
};

function deadline(
  key: DeadlineKey,
  step: CaseStep,
  dueAt: string,
  kind: 'breach' | 'lapse',
  article: string,
  unitId: string | null | undefined,
): PendingClock {
  return unitId ? { key, step, dueAt, kind, article, unitId } : { key, step, dueAt, kind, article };
}

function handlingArticle(state: CaseState): string {
  if (state.assignment?.mode === 'assign') return DEADLINE_ARTICLES.handleAssigned;
  switch (state.petition?.kind) {
    case 'suggestion':
      return DEADLINE_ARTICLES.handleSuggestion;
    case 'report':
      return DEADLINE_ARTICLES.handleReport;
    default:
      return DEADLINE_ARTICLES.handleClaim;
  }
}

/**
 * What a practice limit (one the Regulation does not set, e.g. receipt) cites: the source of the policy
 * the case runs under (its name when it states none), never an article of the Regulation.
 */
export function practiceCitation(state: CaseState): string {
  const p = state.policy;
  return p?.source?.trim() || p?.name?.trim() || DEADLINE_ARTICLES.receive;
}

/** Stopped clocks are listed with paused: true and the time left when they stopped. */
function withPause(state: CaseState, d: PendingClock): PendingClock {
  const pause = activePause(state, d.key);
  return pause === null ? d : { ...d, paused: true, remainingMs: toMs(d.dueAt) - toMs(pause.startedAt) };
}

/** Every step clock running in the current step, breached or not, in DEADLINE_KEYS order. */
export function runningDeadlines(state: CaseState): PendingClock[] {
  if (state.status !== 'open') return [];
  const out: PendingClock[] = [];
  const { step, assignment: a } = state;
  const lead = a?.leadUnitId;

  if (step === 'routing' && state.routeClock?.dueAt) {
    out.push(deadline('route', step, state.routeClock.dueAt, 'breach', DEADLINE_ARTICLES.route, state.petition?.bureauUnitId));
  }
  if (a && step === 'receipt' && a.receiveDueAt) {
    out.push(deadline('receive', step, a.receiveDueAt, 'breach', practiceCitation(state), lead));
  }
  if (a && (step === 'acceptance' || step === 'objection' || step === 'handling') && a.notifyDueAt && a.notifiedAt === null) {
    out.push(deadline('notify', step, a.notifyDueAt, 'breach', DEADLINE_ARTICLES.notify, lead));
  }
  if (a && (step === 'acceptance' || step === 'objection') && a.acceptanceDueAt) {
    out.push(deadline('acceptance', step, a.acceptanceDueAt, 'breach', DEADLINE_ARTICLES.acceptance, lead));
  }
  const objection = a?.objection;
  if (a && step === 'objection' && objection?.decideDueAt) {
    out.push(deadline('decideObjection', step, objection.decideDueAt, 'breach', DEADLINE_ARTICLES.decideObjection, state.petition?.bureauUnitId));
  }
  if (a && step === 'decision_notice' && a.acceptance?.noticeDueAt) {
    out.push(deadline('notifyDecision', step, a.acceptance.noticeDueAt, 'breach', DEADLINE_ARTICLES.notifyDecision, lead));
  }
  if (step === 'handling' && state.handling?.dueAt) {
    out.push(deadline('handling', step, state.handling.dueAt, 'breach', handlingArticle(state), lead));
  }
  if (state.evaluation.status === 'pending' && state.evaluation.dueAt) {
    out.push(deadline('evaluation', step, state.evaluation.dueAt, 'lapse', DEADLINE_ARTICLES.evaluation, null));
  }
  if (step === 'replied' && state.reply?.requestReviewDueAt && !state.lapsedWindows.includes('requestReview')) {
    out.push(deadline('requestReview', step, state.reply.requestReviewDueAt, 'lapse', DEADLINE_ARTICLES.review, null));
  }
  if (step === 'review' && state.review?.dueAt) {
    out.push(deadline('decideReview', step, state.review.dueAt, 'breach', DEADLINE_ARTICLES.review, state.review.unitId));
  }
  if (step === 'review_decided' && state.review?.requestReReviewDueAt && !state.lapsedWindows.includes('requestReReview')) {
    out.push(deadline('requestReReview', step, state.review.requestReReviewDueAt, 'lapse', DEADLINE_ARTICLES.reReview, null));
  }
  const r = state.reReview;
  if (step === 're_review' && r?.dueAt) {
    out.push(deadline('decideReReview', step, r.dueAt, 'breach', DEADLINE_ARTICLES.reReview, r.unitId));
  }
  return out.map((d) => withPause(state, d));
}
