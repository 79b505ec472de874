import { effectivePauseReasons, pauseReasonFor } from '../policy/policy.normalize';
import { HEARING_PAUSE_REASON, OBJECTION_PAUSE_REASON, isBreachDeadlineKey } from '../policy/supervision-policy.types';
import type { PauseClock, ResumeClock } from './case.commands';
import { activePause } from './case.clocks';
import type { SupervisionContext } from './case.context';
import { decideEndHearing, decideStartHearing } from './case.decide.review';
import { type DecideResult, accept, envelope, fromRejection, reject } from './case.outcome';
import { type CaseRejection, rejection } from './case.rejections';
import { checkUnit } from './case.roles';
import { runningDeadlines } from './case.running';
import type { CaseState } from './case.state';
import { addMs, toMs } from './case.time';
import { invalid, nonEmpty } from './case.validate';

function runningClock(state: CaseState, key: string) {
  return isBreachDeadlineKey(key) ? (runningDeadlines(state).find((d) => d.key === key) ?? null) : null;
}

/**
 * Under a policy with pauseApproval, the pause is the approver's act: the unit head answerable for the
 * clock issues it himself, names himself as approverId and writes why. Older policies: no approval.
 */
function checkApproval(cmd: PauseClock, ctx: SupervisionContext): CaseRejection | null {
  const approval = ctx.policy.pauseApproval;
  if (approval === undefined) return null;
  if (!nonEmpty(cmd.approverId)) return rejection('CASE_PAUSE_APPROVER_REQUIRED', { approverRole: approval.approverRole });
  if (cmd.actor.role !== approval.approverRole || cmd.approverId !== cmd.actor.id) {
    return rejection('CASE_PAUSE_NOT_APPROVER', { approverId: cmd.approverId, actorId: cmd.actor.id, approverRole: approval.approverRole });
  }
  if (!nonEmpty(cmd.reason)) return rejection('CASE_REASON_REQUIRED', { field: 'reason' });
  return null;
}

const isHearing = (key: string, code: string): boolean => key === 'decideReReview' && code === HEARING_PAUSE_REASON.code;

/** Stops a unit's running clock for a reason the case's policy configures for that deadline. */
export function decidePauseClock(state: CaseState, cmd: PauseClock, ctx: SupervisionContext): DecideResult {
  if (typeof cmd.deadlineKey !== 'string') return fromRejection(invalid('deadlineKey'));
  if (!nonEmpty(cmd.pauseReason)) return fromRejection(invalid('pauseReason'));
  if (isHearing(cmd.deadlineKey, cmd.pauseReason)) {
    return decideStartHearing(state, { type: 'StartHearing', actor: cmd.actor, at: cmd.at, reason: cmd.reason });
  }
  const clock = runningClock(state, cmd.deadlineKey);
  if (clock === null || !isBreachDeadlineKey(clock.key)) return reject('CASE_DEADLINE_NOT_PENDING', { deadlineKey: cmd.deadlineKey });
  const unit = checkUnit(cmd.actor, clock.unitId);
  if (unit) return fromRejection(unit);
  const current = activePause(state, clock.key);
  if (current) {
    return current.pauseReason === cmd.pauseReason
      ? reject('CASE_DUPLICATE_COMMAND', { deadlineKey: clock.key, pausedSince: current.startedAt })
      : reject('CASE_CLOCK_PAUSED', { deadlineKey: clock.key, pauseReason: current.pauseReason });
  }
  if (pauseReasonFor(ctx.policy, cmd.pauseReason, clock.key) === null) {
    const allowed = effectivePauseReasons(ctx.policy)
      .filter((r) => r.appliesTo.includes(clock.key))
      .map((r) => r.code);
    return reject('CASE_PAUSE_REASON_UNKNOWN', { pauseReason: cmd.pauseReason, deadlineKey: clock.key, allowed });
  }
  const approval = checkApproval(cmd, ctx);
  if (approval) return fromRejection(approval);
  if (cmd.requestedBy !== undefined && !nonEmpty(cmd.requestedBy)) return fromRejection(invalid('requestedBy'));
  return accept({
    type: 'ClockPaused',
    ...envelope(cmd),
    deadlineKey: clock.key,
    pauseReason: cmd.pauseReason,
    unitId: clock.unitId ?? null,
    // Negative when the clock had already run out: the overdue time carries over.
    remainingMs: toMs(clock.dueAt) - toMs(cmd.at),
    ...(ctx.policy.pauseApproval !== undefined ? { approverId: cmd.approverId as string } : {}),
    ...(nonEmpty(cmd.requestedBy) ? { requestedBy: cmd.requestedBy } : {}),
  });
}

/** Restarts a stopped clock; its deadline moves by the time it was stopped. */
export function decideResumeClock(state: CaseState, cmd: ResumeClock): DecideResult {
  if (typeof cmd.deadlineKey !== 'string') return fromRejection(invalid('deadlineKey'));
  if (cmd.deadlineKey === 'decideReReview' && state.reReview?.pauseStartedAt) {
    return decideEndHearing(state, { type: 'EndHearing', actor: cmd.actor, at: cmd.at, reason: cmd.reason });
  }
  const clock = runningClock(state, cmd.deadlineKey);
  if (clock === null || !isBreachDeadlineKey(clock.key)) return reject('CASE_DEADLINE_NOT_PENDING', { deadlineKey: cmd.deadlineKey });
  const pause = activePause(state, clock.key);
  const unit = checkUnit(cmd.actor, clock.unitId);
  if (unit) return fromRejection(unit);
  if (pause === null) return reject('CASE_CLOCK_NOT_PAUSED', { deadlineKey: clock.key });
  // Stopped by an objection: only the bureau's decision restarts it (DecideObjection).
  if (pause.pauseReason === OBJECTION_PAUSE_REASON) {
    return reject('CASE_CLOCK_PAUSED', { deadlineKey: clock.key, pauseReason: pause.pauseReason, since: pause.startedAt });
  }
  const pausedMs = toMs(cmd.at) - toMs(pause.startedAt);
  return accept({
    type: 'ClockResumed',
    ...envelope(cmd),
    deadlineKey: clock.key,
    pauseReason: pause.pauseReason,
    unitId: clock.unitId ?? null,
    pausedMs,
    dueAt: addMs(clock.dueAt, pausedMs),
  });
}
