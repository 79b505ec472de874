import type { ReachDeadline, WithdrawPetition } from './case.commands';
import { withWindowClosure } from './case.closure';
import { isBreachRecorded, runningDeadlines } from './case.deadlines';
import { type DecideResult, accept, envelope, reject } from './case.outcome';
import type { CaseState } from './case.state';
import { isBefore } from './case.time';

/** A timer fired: record the breach once, or the lapse of a petitioner's window (and close if it was the last). */
export function decideReachDeadline(state: CaseState, cmd: ReachDeadline): DecideResult {
  const d = runningDeadlines(state).find((x) => x.key === cmd.deadlineKey);
  if (!d || d.paused) return reject('CASE_DEADLINE_NOT_PENDING', { deadlineKey: cmd.deadlineKey, paused: d?.paused === true });
  if (isBefore(cmd.at, d.dueAt)) return reject('CASE_DEADLINE_NOT_DUE', { deadlineKey: d.key, dueAt: d.dueAt });
  const e = envelope(cmd);
  if (d.kind === 'breach') {
    if (isBreachRecorded(state, d)) return reject('CASE_DUPLICATE_COMMAND', { deadlineKey: d.key, dueAt: d.dueAt });
    return accept({
      type: 'DeadlineBreached',
      ...e,
      deadlineKey: d.key,
      step: d.step,
      unitId: d.unitId ?? null,
      article: d.article,
      dueAt: d.dueAt,
    });
  }
  if (d.key === 'evaluation') {
    return accept(...withWindowClosure(state, cmd, [{ type: 'EvaluationLapsed', ...e, dueAt: d.dueAt }]));
  }
  if (d.key === 'requestReview' || d.key === 'requestReReview') {
    return accept(...withWindowClosure(state, cmd, [{ type: 'RequestWindowLapsed', ...e, deadlineKey: d.key, dueAt: d.dueAt }]));
  }
  return reject('CASE_DEADLINE_NOT_PENDING', { deadlineKey: d.key });
}

/** On the petitioner's request, at any open step. */
export function decideWithdraw(state: CaseState, cmd: WithdrawPetition): DecideResult {
  const e = envelope(cmd);
  return accept(
    { type: 'PetitionWithdrawn', ...e, step: state.step },
    { type: 'CaseClosed', ...e, closureReason: 'withdrawn', step: state.step },
  );
}
