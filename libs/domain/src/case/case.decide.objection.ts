import { stepLimit } from '../policy/policy.types';
import { OBJECTION_PAUSE_REASON, isBreachDeadlineKey } from '../policy/supervision-policy.types';
import { activePause } from './case.clocks';
import type { DecideObjection, RaiseObjection } from './case.commands';
import type { SupervisionContext } from './case.context';
import type { CaseEvent } from './case.events';
import { type DecideResult, accept, envelope, fromRejection, hasReason, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import { runningDeadlines } from './case.running';
import type { CaseState } from './case.state';
import { addMs, dueFrom, isBefore, toMs } from './case.time';
import { invalid } from './case.validate';

/**
 * 异议 (art.23). Under a policy that sets 'decideObjection' (see OPTIONAL_STEP_LIMIT_KEYS) the objection
 * starts the bureau's decision clock and stops the objecting unit's running clocks (ClockPaused,
 * pauseReason 'objection'); a rejection restarts them, each deadline moved by the time it was stopped
 * (ClockResumed); an approval releases the unit, whose clocks end with its assignment. A late decision
 * is breached on the bureau (PetitionRegistered.bureauUnitId), escalated under art.43.
 * Under a policy without the limit (older documents) the objection changes no clock, as recorded in older histories.
 */
export function decideRaiseObjection(state: CaseState, cmd: RaiseObjection, ctx: SupervisionContext): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (a.objection !== null) return reject('CASE_DUPLICATE_COMMAND', { objectionRaisedAt: a.objection.raisedAt });
  if (state.step !== 'acceptance') return reject('CASE_WRONG_STEP', { step: state.step });
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  if (a.objectionDueAt !== null && !isBefore(cmd.at, a.objectionDueAt)) {
    return reject('CASE_OBJECTION_TOO_LATE', { dueAt: a.objectionDueAt });
  }
  const e = envelope(cmd);
  const decideDueAt = dueFrom(cmd.at, stepLimit(ctx.policy, 'decideObjection'), ctx.calendar);
  if (decideDueAt === null) return accept({ type: 'ObjectionRaised', ...e, unitId: a.leadUnitId });
  const events: CaseEvent[] = [
    {
      type: 'ObjectionRaised',
      ...e,
      unitId: a.leadUnitId,
      decideDueAt,
      bureauUnitId: state.petition?.bureauUnitId ?? null,
    },
  ];
  // The unit's running clocks stop; one already stopped for another reason stays stopped for it.
  for (const clock of runningDeadlines(state)) {
    const key = clock.key;
    if (!isBreachDeadlineKey(key) || clock.unitId !== a.leadUnitId || clock.paused) continue;
    events.push({
      type: 'ClockPaused',
      ...e,
      deadlineKey: key,
      pauseReason: OBJECTION_PAUSE_REASON,
      unitId: a.leadUnitId,
      remainingMs: toMs(clock.dueAt) - toMs(cmd.at),
    });
  }
  return accept(...events);
}

export function decideObjection(state: CaseState, cmd: DecideObjection, ctx: SupervisionContext): DecideResult {
  const a = state.assignment;
  if (state.step !== 'objection' || !a) return reject('CASE_WRONG_STEP', { step: state.step });
  if (typeof cmd.approved !== 'boolean') return fromRejection(invalid('approved'));
  const e = envelope(cmd);
  const decideDueAt = a.objection?.decideDueAt;
  const timing = decideDueAt === undefined ? {} : { onTime: decideDueAt === null || isBefore(cmd.at, decideDueAt) };
  if (cmd.approved) {
    return accept({
      type: 'ObjectionApproved',
      ...e,
      ...timing,
      previousLeadUnitId: a.leadUnitId,
      routeDueAt: dueFrom(cmd.at, ctx.policy.limits.route, ctx.calendar),
    });
  }
  const events: CaseEvent[] = [{ type: 'ObjectionRejected', ...e, ...timing, unitId: a.leadUnitId }];
  for (const clock of runningDeadlines(state)) {
    const key = clock.key;
    const pause = activePause(state, key);
    if (!isBreachDeadlineKey(key) || pause?.pauseReason !== OBJECTION_PAUSE_REASON) continue;
    const pausedMs = toMs(cmd.at) - toMs(pause.startedAt);
    events.push({
      type: 'ClockResumed',
      ...e,
      deadlineKey: key,
      pauseReason: OBJECTION_PAUSE_REASON,
      unitId: clock.unitId ?? null,
      pausedMs,
      dueAt: addMs(clock.dueAt, pausedMs),
    });
  }
  return accept(...events);
}
