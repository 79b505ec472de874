import type { ReachDeadline, WithdrawPetition } from './case.commands';
import { withWindowClosure } from './case.closure';
import { deadlineCatalog } from './case.alarms';
import type { SupervisionContext } from './case.context';
import { type DecideResult, accept, envelope, reject } from './case.outcome';
import type { CaseState } from './case.state';
import { isBefore, toMs } from './case.time';
import { assertNever } from './case.types';

/**
 * A timer fired for a key pendingDeadlines returned: record the breach once, the lapse of a
 * petitioner's window (and close if it was the last), a warning, an escalation rung, or a missed
 * letter feedback (a breach of the 'feedback:…' clock). Every pending, unpaused item is accepted at
 * or after its due time; once accepted it is no longer pending.
 */
export function decideReachDeadline(state: CaseState, cmd: ReachDeadline, ctx: SupervisionContext): DecideResult {
  const entry = deadlineCatalog(state, ctx).find((x) => x.item.key === cmd.deadlineKey);
  const d = entry?.item;
  if (!entry || !d || d.paused) return reject('CASE_DEADLINE_NOT_PENDING', { deadlineKey: cmd.deadlineKey, paused: d?.paused === true });
  if (isBefore(cmd.at, d.dueAt)) return reject('CASE_DEADLINE_NOT_DUE', { deadlineKey: d.key, dueAt: d.dueAt });
  if (entry.done) return reject('CASE_DUPLICATE_COMMAND', { deadlineKey: d.key, dueAt: d.dueAt });
  const e = envelope(cmd);
  switch (d.kind) {
    case 'breach':
    case 'feedback':
      return accept({
        type: 'DeadlineBreached',
        ...e,
        deadlineKey: d.key,
        step: d.step,
        unitId: d.unitId ?? null,
        article: d.article,
        dueAt: d.dueAt,
      });
    case 'lapse':
      if (d.key === 'evaluation') {
        return accept(...withWindowClosure(state, cmd, [{ type: 'EvaluationLapsed', ...e, dueAt: d.dueAt }]));
      }
      if (d.key === 'requestReview' || d.key === 'requestReReview') {
        return accept(...withWindowClosure(state, cmd, [{ type: 'RequestWindowLapsed', ...e, deadlineKey: d.key, dueAt: d.dueAt }]));
      }
      return reject('CASE_DEADLINE_NOT_PENDING', { deadlineKey: d.key });
    case 'warning':
      return accept({
        type: 'DeadlineWarningRaised',
        ...e,
        warningKey: d.key,
        deadlineKey: d.deadlineKey,
        rule: d.rule,
        step: d.step,
        unitId: d.unitId ?? null,
        warnAt: d.dueAt,
        dueAt: d.deadlineDueAt,
        clockStartedAt: d.clockStartedAt,
        remainingMs: toMs(d.deadlineDueAt) - toMs(cmd.at),
      });
    case 'escalation':
      return accept({
        type: 'EscalationRaised',
        ...e,
        escalationKey: d.key,
        escalationNo: state.escalations.length + 1,
        deadlineKey: d.deadlineKey,
        rung: d.rung,
        step: d.step,
        unitId: d.unitId ?? null,
        article: d.article,
        ...(d.groundArticle !== undefined ? { groundArticle: d.groundArticle } : {}),
        breachDueAt: d.breachDueAt,
        dueAt: d.dueAt,
        letterKind: d.letterKind,
      });
    default:
      return assertNever(d);
  }
}

/** On the petitioner's request, at any open step. */
export function decideWithdraw(state: CaseState, cmd: WithdrawPetition): DecideResult {
  const e = envelope(cmd);
  return accept(
    { type: 'PetitionWithdrawn', ...e, step: state.step },
    { type: 'CaseClosed', ...e, closureReason: 'withdrawn', step: state.step },
  );
}
