import type { TransferToSuccessor } from './case.commands';
import type { SucceededRole, UnitSucceeded } from './case.events.succession';
import { type DecideResult, accept, envelope, fromRejection, hasReason, reject } from './case.outcome';
import type { CaseState } from './case.state';
import { invalid, nonEmpty } from './case.validate';

/** The roles a unit holds on the open case now: lead or co-unit of the routing, body of a pending review or re-review. */
export function unitRolesOn(state: CaseState, unitId: string): SucceededRole[] {
  const roles: SucceededRole[] = [];
  const a = state.assignment;
  if (a?.leadUnitId === unitId) roles.push('lead');
  if (a?.coUnitIds.includes(unitId)) roles.push('co');
  if (state.review && state.review.decision === null && state.review.unitId === unitId) roles.push('review');
  if (state.reReview && state.reReview.decision === null && state.reReview.unitId === unitId) roles.push('re_review');
  return roles;
}

/**
 * TransferToSuccessor (system, sent by the reorganization rollout): the successor takes every role the old unit holds
 * on the case. The clocks keep their due times. Refused when the old unit has no role on the case any more (another
 * routing since, or already transferred): the rollout counts that as an outcome.
 */
export function decideTransferToSuccessor(state: CaseState, cmd: TransferToSuccessor): DecideResult {
  if (!nonEmpty(cmd.fromUnitId)) return fromRejection(invalid('fromUnitId'));
  if (!nonEmpty(cmd.toUnitId) || cmd.toUnitId === cmd.fromUnitId) return fromRejection(invalid('toUnitId'));
  if (!nonEmpty(cmd.reorganizationId)) return fromRejection(invalid('reorganizationId'));
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  const roles = unitRolesOn(state, cmd.fromUnitId);
  if (roles.length === 0) return reject('CASE_UNIT_NOT_INVOLVED', { unitId: cmd.fromUnitId });
  return accept({ type: 'UnitSucceeded', ...envelope(cmd), fromUnitId: cmd.fromUnitId, toUnitId: cmd.toUnitId, reorganizationId: cmd.reorganizationId, roles });
}

/** The successor in every role of the old unit; a co-unit that becomes the lead is no longer listed as co-unit. */
export function evolveUnitSucceeded(state: CaseState, event: UnitSucceeded): CaseState {
  const swap = (id: string) => (id === event.fromUnitId ? event.toUnitId : id);
  const a = state.assignment;
  const lead = a ? swap(a.leadUnitId) : null;
  return {
    ...state,
    assignment: a ? { ...a, leadUnitId: lead!, coUnitIds: [...new Set(a.coUnitIds.map(swap))].filter((id) => id !== lead) } : a,
    review: state.review && state.review.decision === null ? { ...state.review, unitId: swap(state.review.unitId) } : state.review,
    reReview: state.reReview && state.reReview.decision === null ? { ...state.reReview, unitId: swap(state.reReview.unitId) } : state.reReview,
  };
}
