import type { BreachRecord, CaseState, ClockPauseRecord } from './case.state';
import { toMs } from './case.time';
import { type ClockKey, type DeadlineKey, assertNever, isFeedbackKey } from './case.types';

/**
 * Where each clock lives in the state: its start (which also identifies the clock: a restarted clock
 * is a new one) and its current due time. Pause, policy change and breach bookkeeping go through these.
 */
export function clockStartedAt(state: CaseState, key: DeadlineKey): string | null {
  switch (key) {
    case 'route':
      return state.routeClock?.startedAt ?? null;
    case 'receive':
      return state.assignment?.routedAt ?? null;
    case 'notify':
    case 'acceptance':
      return state.assignment?.receivedAt ?? null;
    case 'decideObjection':
      return state.assignment?.objection?.raisedAt ?? null;
    case 'notifyDecision':
      return state.assignment?.acceptance?.decidedAt ?? null;
    case 'handling':
      return state.handling?.acceptedAt ?? null;
    case 'evaluation':
    case 'requestReview':
      return state.reply?.repliedAt ?? null;
    case 'decideReview':
      return state.review?.requestedAt ?? null;
    case 'requestReReview':
      return state.review?.decidedAt ?? null;
    case 'decideReReview':
      return state.reReview?.requestedAt ?? null;
    default:
      return assertNever(key);
  }
}

export function clockDueAt(state: CaseState, key: DeadlineKey): string | null {
  switch (key) {
    case 'route':
      return state.routeClock?.dueAt ?? null;
    case 'receive':
      return state.assignment?.receiveDueAt ?? null;
    case 'notify':
      return state.assignment?.notifyDueAt ?? null;
    case 'acceptance':
      return state.assignment?.acceptanceDueAt ?? null;
    case 'decideObjection':
      return state.assignment?.objection?.decideDueAt ?? null;
    case 'notifyDecision':
      return state.assignment?.acceptance?.noticeDueAt ?? null;
    case 'handling':
      return state.handling?.dueAt ?? null;
    case 'evaluation':
      return state.evaluation.dueAt;
    case 'requestReview':
      return state.reply?.requestReviewDueAt ?? null;
    case 'decideReview':
      return state.review?.dueAt ?? null;
    case 'requestReReview':
      return state.review?.requestReReviewDueAt ?? null;
    case 'decideReReview':
      return state.reReview?.dueAt ?? null;
    default:
      return assertNever(key);
  }
}

/** The state with one clock's due time replaced (pause end, policy change). */
export function withClockDue(state: CaseState, key: DeadlineKey, dueAt: string | null): CaseState {
  const { routeClock, assignment, handling, reply, review, reReview } = state;
  switch (key) {
    case 'route':
      return routeClock ? { ...state, routeClock: { ...routeClock, dueAt } } : state;
    case 'receive':
      return assignment ? { ...state, assignment: { ...assignment, receiveDueAt: dueAt } } : state;
    case 'notify':
      return assignment ? { ...state, assignment: { ...assignment, notifyDueAt: dueAt } } : state;
    case 'acceptance':
      return assignment ? { ...state, assignment: { ...assignment, acceptanceDueAt: dueAt } } : state;
    case 'decideObjection':
      return assignment?.objection ? { ...state, assignment: { ...assignment, objection: { ...assignment.objection, decideDueAt: dueAt } } } : state;
    case 'notifyDecision':
      return assignment?.acceptance
        ? { ...state, assignment: { ...assignment, acceptance: { ...assignment.acceptance, noticeDueAt: dueAt } } }
        : state;
    case 'handling':
      return handling ? { ...state, handling: { ...handling, dueAt } } : state;
    case 'evaluation':
      return { ...state, evaluation: { ...state.evaluation, dueAt } };
    case 'requestReview':
      return reply ? { ...state, reply: { ...reply, requestReviewDueAt: dueAt } } : state;
    case 'decideReview':
      return review ? { ...state, review: { ...review, dueAt } } : state;
    case 'requestReReview':
      return review ? { ...state, review: { ...review, requestReReviewDueAt: dueAt } } : state;
    case 'decideReReview':
      return reReview ? { ...state, reReview: { ...reReview, dueAt } } : state;
    default:
      return assertNever(key);
  }
}

function ofCurrentClock(state: CaseState, key: DeadlineKey): (p: ClockPauseRecord) => boolean {
  const start = clockStartedAt(state, key);
  return (p) => p.deadlineKey === key && start !== null && toMs(p.clockStartedAt) === toMs(start);
}

/** The pause in progress on the current clock of `key`, if any. */
export function activePause(state: CaseState, key: DeadlineKey): ClockPauseRecord | null {
  const mine = ofCurrentClock(state, key);
  return state.pauses.find((p) => mine(p) && p.endedAt === null) ?? null;
}

/** Time the current clock of `key` has been stopped, pauses in progress excluded. */
export function completedPausedMs(state: CaseState, key: DeadlineKey): number {
  const mine = ofCurrentClock(state, key);
  return state.pauses.filter((p) => mine(p) && p.pausedMs !== null).reduce((sum, p) => sum + (p.pausedMs ?? 0), 0);
}

/**
 * The breach of a clock at its current due time, if recorded. A breach is identified by its key and
 * the due time it missed: a clock whose deadline moves after a breach (extension approved late,
 * hearing after the breach) is open again and may be breached again at the new due time; a restarted
 * clock (new routing round) has a new due time too.
 */
export function breachOf(state: CaseState, key: ClockKey): BreachRecord | null {
  if (isFeedbackKey(key)) return state.breaches.find((b) => b.deadlineKey === key) ?? null;
  const due = clockDueAt(state, key);
  if (due === null) return null;
  return state.breaches.find((b) => b.deadlineKey === key && toMs(b.dueAt) === toMs(due)) ?? null;
}
