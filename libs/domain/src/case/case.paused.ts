import { activePause } from './case.clocks';
import { type DecideResult, reject } from './case.outcome';
import type { CaseState } from './case.state';
import type { DeadlineKey } from './case.types';

/** A step cannot be completed while its clock is stopped: whether it is late depends on the resumption. */
export function pausedRejection(state: CaseState, key: DeadlineKey): DecideResult | null {
  const pause = activePause(state, key);
  return pause ? reject('CASE_CLOCK_PAUSED', { deadlineKey: key, pauseReason: pause.pauseReason, since: pause.startedAt }) : null;
}
