import { computeDueAt } from '../calendar';
import { isValidLimit } from '../policy/policy.validate';
import { type RequiredStepLimitKey, stepLimit } from '../policy/policy.types';
import type { SupervisionContext as DecideContext } from './case.context';
import { pausedRejection } from './case.paused';
import type { AssignLeader, DecideAcceptance, DecideExtension, ReplyToPetitioner, RequestExtension } from './case.commands';
import { type DecideResult, accept, envelope, fromRejection, hasReason, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import type { Assignment, CaseState } from './case.state';
import { extendHandlingDueAt } from './case.extension';
import { dueFrom, isBefore, toMs } from './case.time';
import { ACCEPTANCE_OUTCOMES, DIVERSION_CHANNELS, type PetitionKind, REPLY_CLOSURE_TYPES, assertNever } from './case.types';
import { invalid, isOneOf, nonEmpty } from './case.validate';

const HANDLING_LIMIT_KEY: Record<PetitionKind, RequiredStepLimitKey> = {
  claim: 'handleClaim',
  suggestion: 'handleSuggestion',
  report: 'handleReport',
};

/** An assignment's own deadline wins over the policy's limit for the kind. */
function handlingDueAt(state: CaseState, a: Assignment, at: string, ctx: DecideContext): string | null {
  if (a.handlingDeadline !== null) return a.handlingDeadline;
  if (a.handlingLimit !== null) return computeDueAt(at, a.handlingLimit, ctx.calendar);
  const kind = state.petition?.kind ?? 'claim';
  return dueFrom(at, ctx.policy.limits[HANDLING_LIMIT_KEY[kind]], ctx.calendar);
}

export function decideAcceptance(state: CaseState, cmd: DecideAcceptance, ctx: DecideContext): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (a.acceptance !== null) return reject('CASE_DUPLICATE_COMMAND', { outcome: a.acceptance.outcome });
  if (state.step !== 'acceptance') return reject('CASE_WRONG_STEP', { step: state.step });
  const paused = pausedRejection(state, 'acceptance');
  if (paused) return paused;
  if (!isOneOf(ACCEPTANCE_OUTCOMES, cmd.outcome)) return fromRejection(invalid('outcome'));
  if (cmd.outcome !== 'diverted' && cmd.divertTo !== undefined) return fromRejection(invalid('divertTo'));
  const e = envelope(cmd);
  const onTime = a.acceptanceDueAt === null || isBefore(cmd.at, a.acceptanceDueAt);
  const unitId = a.leadUnitId;
  const noticeDueAt = dueFrom(cmd.at, stepLimit(ctx.policy, 'notifyDecision'), ctx.calendar);
  switch (cmd.outcome) {
    case 'accepted':
      return accept({ type: 'CaseAccepted', ...e, unitId, onTime, handlingDueAt: handlingDueAt(state, a, cmd.at, ctx) });
    case 'not_accepted':
      if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
      // Under a policy with a notice limit the case waits for the written notice (art.31, NotifyDecision).
      if (noticeDueAt !== null) return accept({ type: 'CaseNotAccepted', ...e, unitId, onTime, noticeDueAt });
      return accept(
        { type: 'CaseNotAccepted', ...e, unitId, onTime },
        { type: 'CaseClosed', ...e, closureReason: 'not_accepted', step: state.step },
      );
    case 'diverted':
      if (!isOneOf(DIVERSION_CHANNELS, cmd.divertTo)) return fromRejection(invalid('divertTo'));
      if (noticeDueAt !== null) return accept({ type: 'CaseDiverted', ...e, unitId, divertTo: cmd.divertTo, onTime, noticeDueAt });
      return accept(
        { type: 'CaseDiverted', ...e, unitId, divertTo: cmd.divertTo, onTime },
        { type: 'CaseClosed', ...e, closureReason: 'diverted', step: state.step },
      );
    case 'not_accepted_again': {
      const prior = state.petition?.priorFinalDecision;
      if (!prior) return reject('CASE_NOT_ACCEPTED_AGAIN_INVALID');
      return accept(
        { type: 'CaseNotAcceptedAgain', ...e, unitId, priorCaseId: prior.caseId, priorDecidedAt: prior.decidedAt, onTime },
        { type: 'CaseClosed', ...e, closureReason: 'not_accepted', step: state.step },
      );
    }
    default:
      return assertNever(cmd.outcome);
  }
}

/** 领导包案 (art.18): a leader takes charge, or a supervisor assigns one. */
export function decideAssignLeader(state: CaseState, cmd: AssignLeader): DecideResult {
  if (!nonEmpty(cmd.leaderId)) return fromRejection(invalid('leaderId'));
  if (cmd.actor.role === 'leader' && cmd.leaderId !== cmd.actor.id) {
    return reject('CASE_NOT_AUTHORIZED_ROLE', { role: 'leader', note: 'a leader may only take charge personally' });
  }
  if (state.leaderId === cmd.leaderId) return reject('CASE_DUPLICATE_COMMAND', { leaderId: cmd.leaderId });
  return accept({ type: 'LeaderAssigned', ...envelope(cmd), leaderId: cmd.leaderId, previousLeaderId: state.leaderId });
}

/** art.34: one extension of at most policy.maxExtension, for claims with a handling deadline. */
export function decideRequestExtension(state: CaseState, cmd: RequestExtension, ctx: DecideContext): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (state.step !== 'handling') return reject('CASE_WRONG_STEP', { step: state.step });
  const due = state.handling?.dueAt ?? null;
  if (state.petition?.kind !== 'claim' || due === null) {
    return reject('CASE_EXTENSION_NOT_APPLICABLE', { kind: state.petition?.kind, handlingDueAt: due });
  }
  if (state.extension !== null) return reject('CASE_EXTENSION_ALREADY_USED', { status: state.extension.status });
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  if (!isValidLimit(cmd.extension)) return fromRejection(invalid('extension'));
  if (!isBefore(cmd.at, due)) return reject('CASE_EXTENSION_TOO_LATE', { handlingDueAt: due });
  // Compared as due times, so limits in different units compare correctly.
  const requestedDueAt = extendHandlingDueAt(state, due, cmd.extension, ctx.policy, ctx.calendar);
  const maxDueAt = extendHandlingDueAt(state, due, ctx.policy.maxExtension, ctx.policy, ctx.calendar);
  if (toMs(requestedDueAt) > toMs(maxDueAt)) {
    return reject('CASE_EXTENSION_TOO_LONG', { requestedDueAt, maxDueAt, maxExtension: ctx.policy.maxExtension });
  }
  return accept({
    type: 'ExtensionRequested',
    ...envelope(cmd),
    extension: { ...cmd.extension },
    currentDueAt: due,
    requestedDueAt,
  });
}

export function decideExtension(state: CaseState, cmd: DecideExtension, ctx: DecideContext): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (state.step !== 'handling') return reject('CASE_WRONG_STEP', { step: state.step });
  const ext = state.extension;
  const due = state.handling?.dueAt ?? null;
  if (ext === null || ext.status !== 'requested' || due === null) return reject('CASE_NO_PENDING_EXTENSION');
  if (typeof cmd.approved !== 'boolean') return fromRejection(invalid('approved'));
  // Approved: the reason is what the petitioner is told (art.34); rejected: why the unit must finish on time.
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  if (!cmd.approved) return accept({ type: 'ExtensionRejected', ...envelope(cmd), extension: ext.extension });
  return accept({
    type: 'ExtensionApproved',
    ...envelope(cmd),
    extension: ext.extension,
    previousDueAt: due,
    newDueAt: extendHandlingDueAt(state, due, ext.extension, ctx.policy, ctx.calendar),
  });
}

export function decideReply(state: CaseState, cmd: ReplyToPetitioner, ctx: DecideContext): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (state.reply !== null) return reject('CASE_DUPLICATE_COMMAND', { repliedAt: state.reply.repliedAt });
  if (state.step !== 'handling') return reject('CASE_WRONG_STEP', { step: state.step });
  const paused = pausedRejection(state, 'handling');
  if (paused) return paused;
  if (!isOneOf(REPLY_CLOSURE_TYPES, cmd.closureType)) return fromRejection(invalid('closureType'));
  if (!nonEmpty(cmd.outcomeRef)) return fromRejection(invalid('outcomeRef'));
  if (cmd.claimUpheld !== undefined && typeof cmd.claimUpheld !== 'boolean') return fromRejection(invalid('claimUpheld'));
  const due = state.handling?.dueAt ?? null;
  return accept({
    type: 'PetitionerReplied',
    ...envelope(cmd),
    unitId: a.leadUnitId,
    closureType: cmd.closureType,
    outcomeRef: cmd.outcomeRef,
    claimUpheld: cmd.claimUpheld ?? null,
    handlingDueAt: due,
    onTime: due === null || isBefore(cmd.at, due),
    evaluationDueAt: computeDueAt(cmd.at, ctx.policy.evaluationWindow, ctx.calendar),
    requestReviewDueAt: dueFrom(cmd.at, ctx.policy.limits.requestReview, ctx.calendar),
  });
}
