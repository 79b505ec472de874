import type { SupervisionContext } from './case.context';
import type {
  NotifyPetitioner,
  ReceiveCase,
  RecordRepeatPetition,
  RegisterPetition,
  RoutePetition,
} from './case.commands';
import { runningDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { type DecideResult, accept, envelope, fromRejection, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import type { CaseState } from './case.state';
import { dueFrom, isBefore, isInstant } from './case.time';
import { CHANNELS, CLOSURE_REASONS, LEVEL_RANK, PETITION_KINDS, PETITION_LEVELS, PRE_REPLY_STEPS, ROUTE_MODES } from './case.types';
import { checkGroup, checkPriorFinalDecision, checkRespondent, checkSuggestionFacts, invalid, isOneOf, nonEmpty } from './case.validate';
import { isValidLimit } from '../policy/policy.validate';
import { stepLimit } from '../policy/policy.types';
import { validatePolicyDocument } from '../policy/policy-document.validate';
import { pausedRejection } from './case.paused';
import { townshipMatchesCounty } from '../region/region-code';

export function decideRegister(state: CaseState, cmd: RegisterPetition, ctx: SupervisionContext): DecideResult {
  if (state.status !== 'unregistered') return reject('CASE_DUPLICATE_COMMAND', { caseId: state.caseId });
  // The case keeps this document for its whole life: a broken one is refused before anything is recorded.
  const policy = validatePolicyDocument(ctx.policy);
  if (!policy.ok) return reject('CASE_POLICY_INVALID', { policyId: ctx.policy.id, problems: policy.problems });
  const fields: Array<[string, unknown]> = [
    ['caseId', cmd.caseId],
    ['category', cmd.category],
    ['regionCode', cmd.regionCode],
    ['matterRef', cmd.matterRef],
    ['petitionerRef', cmd.petitionerRef],
  ];
  for (const [name, value] of fields) if (!nonEmpty(value)) return fromRejection(invalid(name));
  if (!isOneOf(CHANNELS, cmd.channel)) return fromRejection(invalid('channel'));
  if (!isOneOf(PETITION_KINDS, cmd.kind)) return fromRejection(invalid('kind'));
  if (!isOneOf(PETITION_LEVELS, cmd.level)) return fromRejection(invalid('level'));
  if (typeof cmd.nameAndAddressKnown !== 'boolean') return fromRejection(invalid('nameAndAddressKnown'));
  // A township names its county by its first 6 digits: the two must agree (the API derives the county from it).
  if (cmd.townshipCode !== undefined && !townshipMatchesCounty(cmd.townshipCode, cmd.regionCode)) return fromRejection(invalid('townshipCode'));
  const problem = checkRespondent(cmd.respondent) ?? checkPriorFinalDecision(cmd.priorFinalDecision) ?? checkGroup(cmd.channel, cmd.persons, cmd.representatives)
    ?? checkSuggestionFacts(cmd.respondentRef, cmd.contentSketch);
  if (problem) return fromRejection(problem);
  const related = cmd.relatedCase;
  if (related !== undefined && (!nonEmpty(related?.caseId) || !isOneOf(CLOSURE_REASONS, related.closureReason) || !nonEmpty(related.matterRef)
    || related.caseId === cmd.caseId)) {
    return reject('CASE_RELATED_CASE_INVALID');
  }
  return accept({
    type: 'PetitionRegistered',
    ...envelope(cmd),
    caseId: cmd.caseId,
    channel: cmd.channel,
    persons: cmd.persons,
    representatives: cmd.representatives ?? null,
    kind: cmd.kind,
    category: cmd.category,
    regionCode: cmd.regionCode,
    ...(cmd.townshipCode !== undefined ? { townshipCode: cmd.townshipCode } : {}),
    respondent: { type: cmd.respondent.type, description: cmd.respondent.description },
    matterRef: cmd.matterRef,
    petitionerRef: cmd.petitionerRef,
    nameAndAddressKnown: cmd.nameAndAddressKnown,
    level: cmd.level,
    priorFinalDecision: cmd.priorFinalDecision ? { caseId: cmd.priorFinalDecision.caseId, decidedAt: cmd.priorFinalDecision.decidedAt } : null,
    // New fields only when given, so a registration without them records the same event as before.
    ...(related ? { relatedCase: { caseId: related.caseId, closureReason: related.closureReason, matterRef: related.matterRef } } : {}),
    ...(cmd.respondentRef !== undefined ? { respondentRef: cmd.respondentRef } : {}),
    ...(cmd.contentSketch !== undefined ? { contentSketch: [...cmd.contentSketch] } : {}),
    policyId: ctx.policy.id,
    policyVersion: ctx.policy.version,
    policy: policy.policy,
    bureauUnitId: cmd.actor.unitId ?? null,
    routeDueAt: dueFrom(cmd.at, ctx.policy.limits.route, ctx.calendar),
  });
}

/**
 * art.19: while the case is handled within its limits at a lower level, a petition on the same
 * matter to a higher level is recorded but not accepted. "Within limits" = still before the reply
 * and no running unit/bureau deadline has passed.
 */
function handledWithinLimits(state: CaseState, at: string): boolean {
  if (!PRE_REPLY_STEPS.includes(state.step)) return false;
  return runningDeadlines(state).every((d) => d.kind !== 'breach' || d.paused === true || isBefore(at, d.dueAt));
}

export function decideRepeat(state: CaseState, cmd: RecordRepeatPetition): DecideResult {
  if (!isOneOf(CHANNELS, cmd.channel)) return fromRejection(invalid('channel'));
  if (!isOneOf(PETITION_LEVELS, cmd.level)) return fromRejection(invalid('level'));
  const problem = checkGroup(cmd.channel, cmd.persons, cmd.representatives);
  if (problem) return fromRejection(problem);
  const petition = state.petition;
  if (!petition) return reject('CASE_NOT_REGISTERED');
  const events: CaseEvent[] = [
    {
      type: 'RepeatPetitionRecorded',
      ...envelope(cmd),
      channel: cmd.channel,
      persons: cmd.persons,
      representatives: cmd.representatives ?? null,
      level: cmd.level,
      repeatNumber: state.repeatCount + 1,
    },
  ];
  if (LEVEL_RANK[cmd.level] > LEVEL_RANK[petition.level] && handledWithinLimits(state, cmd.at)) {
    events.push({ type: 'HigherLevelPetitionNotAccepted', ...envelope(cmd), caseLevel: petition.level, petitionLevel: cmd.level });
  }
  return accept(...events);
}

export function decideRoute(state: CaseState, cmd: RoutePetition, ctx: SupervisionContext): DecideResult {
  if (state.step !== 'routing') return reject('CASE_WRONG_STEP', { step: state.step });
  const paused = pausedRejection(state, 'route');
  if (paused) return paused;
  if (!isOneOf(ROUTE_MODES, cmd.mode)) return fromRejection(invalid('mode'));
  if (!nonEmpty(cmd.leadUnitId)) return fromRejection(invalid('leadUnitId'));
  const coUnitIds = cmd.coUnitIds ?? [];
  if (
    !Array.isArray(coUnitIds) ||
    !coUnitIds.every(nonEmpty) ||
    new Set(coUnitIds).size !== coUnitIds.length ||
    coUnitIds.includes(cmd.leadUnitId)
  ) {
    return fromRejection(invalid('coUnitIds'));
  }
  const { handlingDeadline, handlingLimit } = cmd;
  if (cmd.mode === 'assign') {
    if (handlingDeadline === undefined && handlingLimit === undefined) return reject('CASE_HANDLING_DEADLINE_REQUIRED');
    if (handlingDeadline !== undefined && handlingLimit !== undefined) return fromRejection(invalid('handlingDeadline'));
    if (handlingDeadline !== undefined && (!isInstant(handlingDeadline) || !isBefore(cmd.at, handlingDeadline))) {
      return fromRejection(invalid('handlingDeadline'));
    }
    if (handlingLimit !== undefined && !isValidLimit(handlingLimit)) return fromRejection(invalid('handlingLimit'));
  } else if (handlingDeadline !== undefined || handlingLimit !== undefined) {
    // Only an assignment (交办) carries a deadline set by the bureau; silently dropping it would mislead.
    return fromRejection(invalid('handlingDeadline'));
  }
  const routeDue = state.routeClock?.dueAt ?? null;
  const redirected = cmd.mode === 'redirect_political_legal' || cmd.mode === 'redirect_discipline';
  const events: CaseEvent[] = [
    {
      type: 'PetitionRouted',
      ...envelope(cmd),
      mode: cmd.mode,
      leadUnitId: cmd.leadUnitId,
      coUnitIds: [...coUnitIds],
      handlingDeadline: handlingDeadline ?? null,
      handlingLimit: handlingLimit ? { ...handlingLimit } : null,
      round: state.routingRounds + 1,
      onTime: routeDue === null || isBefore(cmd.at, routeDue),
      // The receipt clock starts at this routing (a new routing after an approved objection: a new clock).
      receiveDueAt: redirected ? null : dueFrom(cmd.at, stepLimit(ctx.policy, 'receive'), ctx.calendar),
    },
  ];
  if (redirected) {
    // The matter leaves the petition channel (to 政法 / 纪检): nothing more is handled here.
    events.push({ type: 'CaseClosed', ...envelope(cmd), closureReason: 'redirected', step: state.step });
  }
  return accept(...events);
}

export function decideReceive(state: CaseState, cmd: ReceiveCase, ctx: SupervisionContext): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (a.receivedAt !== null) return reject('CASE_DUPLICATE_COMMAND', { receivedAt: a.receivedAt });
  if (state.step !== 'receipt') return reject('CASE_WRONG_STEP', { step: state.step });
  const paused = pausedRejection(state, 'receive');
  if (paused) return paused;
  const { limits } = ctx.policy;
  const known = state.petition?.nameAndAddressKnown === true;
  return accept({
    type: 'CaseReceived',
    ...envelope(cmd),
    unitId: a.leadUnitId,
    notifyDueAt: known ? dueFrom(cmd.at, limits.notify, ctx.calendar) : null,
    objectionDueAt: dueFrom(cmd.at, limits.objection, ctx.calendar),
    acceptanceDueAt: dueFrom(cmd.at, limits.acceptance, ctx.calendar),
  });
}

export function decideNotify(state: CaseState, cmd: NotifyPetitioner): DecideResult {
  const a = state.assignment;
  if (!a) return reject('CASE_WRONG_STEP', { step: state.step });
  const unit = checkUnit(cmd.actor, a.leadUnitId);
  if (unit) return fromRejection(unit);
  if (a.notifiedAt !== null) return reject('CASE_DUPLICATE_COMMAND', { notifiedAt: a.notifiedAt });
  if (state.step !== 'acceptance' && state.step !== 'objection' && state.step !== 'handling') {
    return reject('CASE_WRONG_STEP', { step: state.step });
  }
  const paused = pausedRejection(state, 'notify');
  if (paused) return paused;
  if (cmd.noticeRef !== undefined && !nonEmpty(cmd.noticeRef)) return fromRejection(invalid('noticeRef'));
  return accept({
    type: 'PetitionerNotified',
    ...envelope(cmd),
    unitId: a.leadUnitId,
    noticeRef: cmd.noticeRef ?? null,
    onTime: a.notifyDueAt === null || isBefore(cmd.at, a.notifyDueAt),
  });
}
