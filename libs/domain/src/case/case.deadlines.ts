import type { DecideContext } from './case.context';
import type { CaseState } from './case.state';
import { type CaseStep, type DeadlineKey, type DeadlineKind, DEADLINE_KEYS } from './case.types';
import { toMs } from './case.time';

/**
 * Clocks of a case.
 *
 * - 'breach' deadlines bind the bureau or a unit (route, notify, acceptance, handling, decideReview,
 *   decideReReview). When the workflow's timer fires, ReachDeadline records DeadlineBreached once;
 *   the case stays open and the deadline is no longer pending.
 * - 'lapse' deadlines are the petitioner's windows (evaluation, requestReview, requestReReview). When
 *   one runs out it is recorded; when the last open window runs out the case closes.
 * - The objection window (5 working days, art.23) is neither: nothing happens when it ends, a later
 *   objection is simply rejected. It is therefore not a pending deadline; see objectionWindow().
 * - A paused deadline (re-review during a hearing) needs no timer: it is listed with paused: true
 *   and its remainingMs; nextDeadline() skips it.
 *
 * Due times come from the events that started each clock (computed then with the pinned policy), so
 * this function reads state only; ctx is accepted for a stable signature.
 */
export interface PendingDeadline {
  key: DeadlineKey;
  step: CaseStep;
  dueAt: string;
  kind: DeadlineKind;
  article: string;
  unitId?: string;
  paused?: boolean;
  remainingMs?: number;
}

export const DEADLINE_ARTICLES = {
  route: '第二十二条',
  notify: '第二十三条',
  acceptance: '第三十一条',
  handleClaim: '第三十四条',
  handleSuggestion: '第二十九条',
  handleReport: '第三十条',
  /** An assignment's (交办) deadline is set by the bureau under art.22. */
  handleAssigned: '第二十二条',
  evaluation: '政策规定',
  review: '第三十五条',
  reReview: '第三十六条',
} as const;

function deadline(
  key: DeadlineKey,
  step: CaseStep,
  dueAt: string,
  kind: DeadlineKind,
  article: string,
  unitId: string | null | undefined,
): PendingDeadline {
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

/** Every clock running in the current step, breached or not (decide uses it to judge ReachDeadline). */
export function runningDeadlines(state: CaseState): PendingDeadline[] {
  if (state.status !== 'open') return [];
  const out: PendingDeadline[] = [];
  const { step, assignment: a } = state;
  const lead = a?.leadUnitId;

  if (step === 'routing' && state.routeClock?.dueAt) {
    out.push(deadline('route', step, state.routeClock.dueAt, 'breach', DEADLINE_ARTICLES.route, state.petition?.bureauUnitId));
  }
  if (a && (step === 'acceptance' || step === 'objection' || step === 'handling') && a.notifyDueAt && a.notifiedAt === null) {
    out.push(deadline('notify', step, a.notifyDueAt, 'breach', DEADLINE_ARTICLES.notify, lead));
  }
  if (a && (step === 'acceptance' || step === 'objection') && a.acceptanceDueAt) {
    out.push(deadline('acceptance', step, a.acceptanceDueAt, 'breach', DEADLINE_ARTICLES.acceptance, lead));
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
    const d = deadline('decideReReview', step, r.dueAt, 'breach', DEADLINE_ARTICLES.reReview, r.unitId);
    out.push(r.pauseStartedAt === null ? d : { ...d, paused: true, remainingMs: toMs(r.dueAt) - toMs(r.pauseStartedAt) });
  }
  return out;
}

export function isBreachRecorded(state: CaseState, d: Pick<PendingDeadline, 'key' | 'dueAt'>): boolean {
  return state.breaches.some((b) => b.deadlineKey === d.key && toMs(b.dueAt) === toMs(d.dueAt));
}

/** Deadlines the workflow must watch (breached ones dropped), in DEADLINE_KEYS order. */
export function pendingDeadlines(state: CaseState, ctx?: DecideContext): PendingDeadline[] {
  void ctx;
  return runningDeadlines(state).filter((d) => d.kind !== 'breach' || !isBreachRecorded(state, d));
}

/** The earliest deadline that needs a timer (paused ones excluded); ties go to DEADLINE_KEYS order. */
export function nextDeadline(state: CaseState, ctx?: DecideContext): PendingDeadline | null {
  let best: PendingDeadline | null = null;
  for (const d of pendingDeadlines(state, ctx)) {
    if (d.paused) continue;
    if (best === null || toMs(d.dueAt) < toMs(best.dueAt)) best = d;
  }
  return best;
}

/** The objection window of the current receipt (not a timer; see the note above). */
export function objectionWindow(state: CaseState): { dueAt: string; open: boolean } | null {
  const a = state.assignment;
  if (!a?.objectionDueAt) return null;
  return { dueAt: a.objectionDueAt, open: state.step === 'acceptance' && a.objection === null };
}

export function isDeadlineKey(key: string): key is DeadlineKey {
  return (DEADLINE_KEYS as readonly string[]).includes(key);
}
