import type { NotifyDecision } from './case.commands';
import { type DecideResult, accept, envelope, fromRejection, hasReason, reject } from './case.outcome';
import { pausedRejection } from './case.paused';
import { checkUnit } from './case.roles';
import type { CaseState } from './case.state';
import { isBefore } from './case.time';
import { invalid, nonEmpty } from './case.validate';

/**
 * The written notice of not accepted / diverted (art.31): the lead unit's handler records it (document
 * reference, the reasons told) in step decision_notice, and the case closes with the decision's reason.
 * Late (after the 'notifyDecision' due time) it is still recorded; the breach stands.
 */
export function decideNotifyDecision(state: CaseState, cmd: NotifyDecision): DecideResult {
  const a = state.assignment;
  const decision = a?.acceptance;
  if (!a || !decision || state.step !== 'decision_notice') return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  const paused = pausedRejection(state, 'notifyDecision');
  if (paused) return paused;
  if (!nonEmpty(cmd.noticeRef)) return fromRejection(invalid('noticeRef'));
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  const outcome = decision.outcome === 'diverted' ? 'diverted' : 'not_accepted';
  const dueAt = decision.noticeDueAt ?? null;
  const e = envelope(cmd);
  return accept(
    {
      type: 'DecisionNotified',
      ...e,
      unitId: a.leadUnitId,
      outcome,
      divertTo: decision.divertTo,
      noticeRef: cmd.noticeRef,
      onTime: dueAt === null || isBefore(cmd.at, dueAt),
    },
    { type: 'CaseClosed', ...e, closureReason: outcome, step: state.step },
  );
}
