import type { SupervisionContext as DecideContext } from './case.context';
import { activePause } from './case.clocks';
import { pausedRejection } from './case.paused';
import type {
  DecideReReview,
  DecideReview,
  EndHearing,
  EvaluateSatisfaction,
  RequestReReview,
  RequestReview,
  StartHearing,
} from './case.commands';
import { withWindowClosure } from './case.closure';
import { type DecideResult, accept, envelope, fromRejection, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import type { CaseState } from './case.state';
import { addMs, dueFrom, isBefore, toMs } from './case.time';
import { REVIEW_DECISIONS, SATISFACTION_VALUES } from './case.types';
import { invalid, isOneOf, nonEmpty } from './case.validate';

export function decideEvaluate(state: CaseState, cmd: EvaluateSatisfaction): DecideResult {
  const ev = state.evaluation;
  if (ev.status === 'not_started') return reject('CASE_WRONG_STEP', { step: state.step });
  if (ev.status === 'evaluated') return reject('CASE_DUPLICATE_COMMAND', { value: ev.value });
  if (ev.status === 'lapsed' || (ev.dueAt !== null && !isBefore(cmd.at, ev.dueAt))) {
    return reject('CASE_EVALUATION_WINDOW_LAPSED', { dueAt: ev.dueAt });
  }
  if (!isOneOf(SATISFACTION_VALUES, cmd.value)) return fromRejection(invalid('value'));
  return accept(...withWindowClosure(state, cmd, [{ type: 'SatisfactionEvaluated', ...envelope(cmd), value: cmd.value }]));
}

/** 复查 (art.35): within the window from the reply, to the body one level up. */
export function decideRequestReview(state: CaseState, cmd: RequestReview, ctx: DecideContext): DecideResult {
  if (state.review !== null) return reject('CASE_DUPLICATE_COMMAND', { reviewRequestedAt: state.review.requestedAt });
  if (state.step !== 'replied' || !state.reply) return reject('CASE_WRONG_STEP', { step: state.step });
  const due = state.reply.requestReviewDueAt;
  if (state.lapsedWindows.includes('requestReview') || (due !== null && !isBefore(cmd.at, due))) {
    return reject('CASE_REVIEW_WINDOW_LAPSED', { dueAt: due });
  }
  if (!nonEmpty(cmd.reviewUnitId)) return fromRejection(invalid('reviewUnitId'));
  return accept({
    type: 'ReviewRequested',
    ...envelope(cmd),
    reviewUnitId: cmd.reviewUnitId,
    decideReviewDueAt: dueFrom(cmd.at, ctx.policy.limits.decideReview, ctx.calendar),
  });
}

export function decideReview(state: CaseState, cmd: DecideReview, ctx: DecideContext): DecideResult {
  const r = state.review;
  if (!r) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, r.unitId);
  if (unit) return fromRejection(unit);
  if (r.decision !== null) return reject('CASE_DUPLICATE_COMMAND', { decision: r.decision });
  const paused = pausedRejection(state, 'decideReview');
  if (paused) return paused;
  if (!isOneOf(REVIEW_DECISIONS, cmd.decision)) return fromRejection(invalid('decision'));
  if (!nonEmpty(cmd.outcomeRef)) return fromRejection(invalid('outcomeRef'));
  return accept({
    type: 'ReviewDecided',
    ...envelope(cmd),
    unitId: r.unitId,
    decision: cmd.decision,
    outcomeRef: cmd.outcomeRef,
    onTime: r.dueAt === null || isBefore(cmd.at, r.dueAt),
    requestReReviewDueAt: dueFrom(cmd.at, ctx.policy.limits.requestReReview, ctx.calendar),
  });
}

/** 复核 (art.36): within the window from the review decision. */
export function decideRequestReReview(state: CaseState, cmd: RequestReReview, ctx: DecideContext): DecideResult {
  if (state.reReview !== null) return reject('CASE_DUPLICATE_COMMAND', { reReviewRequestedAt: state.reReview.requestedAt });
  if (state.step !== 'review_decided' || !state.review) return reject('CASE_WRONG_STEP', { step: state.step });
  const due = state.review.requestReReviewDueAt;
  if (state.lapsedWindows.includes('requestReReview') || (due !== null && !isBefore(cmd.at, due))) {
    return reject('CASE_RE_REVIEW_WINDOW_LAPSED', { dueAt: due });
  }
  if (!nonEmpty(cmd.reReviewUnitId)) return fromRejection(invalid('reReviewUnitId'));
  return accept({
    type: 'ReReviewRequested',
    ...envelope(cmd),
    reReviewUnitId: cmd.reReviewUnitId,
    decideReReviewDueAt: dueFrom(cmd.at, ctx.policy.limits.decideReReview, ctx.calendar),
  });
}

/**
 * 听证: hearing time is not counted in the re-review limit (art.36); the clock stops meanwhile. The
 * built-in pause reason 'hearing': PauseClock/ResumeClock with it on decideReReview land here too.
 */
export function decideStartHearing(state: CaseState, cmd: StartHearing): DecideResult {
  const r = state.reReview;
  if (!r) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, r.unitId);
  if (unit) return fromRejection(unit);
  if (r.pauseStartedAt !== null) return reject('CASE_DUPLICATE_COMMAND', { hearingStartedAt: r.pauseStartedAt });
  const other = activePause(state, 'decideReReview');
  if (other) return reject('CASE_CLOCK_PAUSED', { deadlineKey: 'decideReReview', pauseReason: other.pauseReason });
  return accept({
    type: 'HearingStarted',
    ...envelope(cmd),
    unitId: r.unitId,
    // Negative when the clock had already run out: the overdue time carries over.
    remainingMs: r.dueAt === null ? null : toMs(r.dueAt) - toMs(cmd.at),
  });
}

export function decideEndHearing(state: CaseState, cmd: EndHearing): DecideResult {
  const r = state.reReview;
  if (!r) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, r.unitId);
  if (unit) return fromRejection(unit);
  if (r.pauseStartedAt === null) return reject('CASE_NO_HEARING_IN_PROGRESS');
  const pausedMs = toMs(cmd.at) - toMs(r.pauseStartedAt);
  return accept({
    type: 'HearingEnded',
    ...envelope(cmd),
    unitId: r.unitId,
    pausedMs,
    decideReReviewDueAt: r.dueAt === null ? null : addMs(r.dueAt, pausedMs),
  });
}

export function decideReReview(state: CaseState, cmd: DecideReReview): DecideResult {
  const r = state.reReview;
  if (!r) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, r.unitId);
  if (unit) return fromRejection(unit);
  if (r.pauseStartedAt !== null) return reject('CASE_HEARING_IN_PROGRESS', { hearingStartedAt: r.pauseStartedAt });
  const paused = pausedRejection(state, 'decideReReview');
  if (paused) return paused;
  if (!isOneOf(REVIEW_DECISIONS, cmd.decision)) return fromRejection(invalid('decision'));
  if (!nonEmpty(cmd.outcomeRef)) return fromRejection(invalid('outcomeRef'));
  const e = envelope(cmd);
  return accept(
    {
      type: 'ReReviewDecided',
      ...e,
      unitId: r.unitId,
      decision: cmd.decision,
      outcomeRef: cmd.outcomeRef,
      onTime: r.dueAt === null || isBefore(cmd.at, r.dueAt),
    },
    { type: 'CaseClosed', ...e, closureReason: 'final_decision', step: state.step },
  );
}
