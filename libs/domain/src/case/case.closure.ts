import type { CaseCommand } from './case.commands';
import type { CaseEvent } from './case.events';
import { evolveAll } from './case.evolve';
import { envelope } from './case.outcome';
import type { CaseState } from './case.state';

/**
 * Closure by spent windows. After the reply the case waits on the petitioner: the evaluation window
 * and the review-request window (after a review decision: the re-review-request window). The case
 * closes ('windows_lapsed') once the step's request window has lapsed unused and the evaluation is
 * no longer pending (evaluated or lapsed), whichever of those comes last.
 */
export function windowsSpent(state: CaseState): boolean {
  if (state.status !== 'open' || state.evaluation.status === 'pending') return false;
  if (state.step === 'replied') return state.lapsedWindows.includes('requestReview');
  if (state.step === 'review_decided') return state.lapsedWindows.includes('requestReReview');
  return false;
}

/** Appends CaseClosed('windows_lapsed') when the events leave no window open. */
export function withWindowClosure(state: CaseState, cmd: CaseCommand, events: CaseEvent[]): CaseEvent[] {
  const after = evolveAll(events, state);
  if (!windowsSpent(after)) return events;
  return [...events, { type: 'CaseClosed', ...envelope(cmd), closureReason: 'windows_lapsed', step: after.step }];
}
