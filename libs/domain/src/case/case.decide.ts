/**
 * The petition case as a decider: decide(state, command, ctx) → events | rejection. Pure: time comes
 * in as `command.at`, ids as command fields, limits from the case's policy document (ctx.policy at
 * registration), rest days from ctx.calendar.
 * Business-rule failures are returned as typed rejections, never thrown.
 *
 * State machine (step, command → events → next step). Roles: see case.roles.ts.
 *
 *   unregistered  RegisterPetition                 → PetitionRegistered                      → routing
 *   routing       RoutePetition forward|assign     → PetitionRouted (receipt clock starts)   → receipt
 *                 RoutePetition redirect_*         → PetitionRouted, CaseClosed(redirected)  → closed
 *   receipt       ReceiveCase (lead unit)          → CaseReceived (stops the receipt clock)  → acceptance
 *   acceptance    RaiseObjection (≤ 5 working days of receipt)  → ObjectionRaised           → objection
 *                 (policy 'decideObjection': + ClockPaused 'objection' of the unit's clocks; the bureau's clock starts)
 *   objection     DecideObjection approved         → ObjectionApproved (new route clock)     → routing
 *                 DecideObjection rejected         → ObjectionRejected [+ ClockResumed 'objection'] → acceptance
 *   acceptance    DecideAcceptance accepted        → CaseAccepted (handling due time)        → handling
 *                 … not_accepted | diverted | not_accepted_again (only after a prior re-review decision)
 *                                                  → CaseNotAccepted | CaseDiverted | CaseNotAcceptedAgain, CaseClosed → closed
 *                 … not_accepted | diverted under a policy with 'notifyDecision' (the notice clock starts)
 *                                                  → CaseNotAccepted | CaseDiverted            → decision_notice
 *   decision_notice NotifyDecision (written notice, reasons) → DecisionNotified, CaseClosed(not_accepted | diverted) → closed
 *   acceptance, objection, handling: NotifyPetitioner → PetitionerNotified (once per receipt)
 *   handling      RequestExtension (claims, once)  → ExtensionRequested
 *                 DecideExtension (unit head)      → ExtensionApproved (due moves) | ExtensionRejected
 *                 ReplyToPetitioner                → PetitionerReplied (evaluation + review windows open) → replied
 *   replied …     EvaluateSatisfaction (in window) → SatisfactionEvaluated
 *   replied       RequestReview (in window)        → ReviewRequested                         → review
 *   review        DecideReview (review body)       → ReviewDecided (re-review window opens)  → review_decided
 *   review_decided RequestReReview (in window)     → ReReviewRequested                       → re_review
 *   re_review     StartHearing / EndHearing        → HearingStarted / HearingEnded (clock paused meanwhile)
 *                 DecideReReview (no hearing open) → ReReviewDecided, CaseClosed(final_decision) → closed
 *   any open      RecordRepeatPetition             → RepeatPetitionRecorded [+ HigherLevelPetitionNotAccepted, art.19]
 *                 AssignLeader                     → LeaderAssigned
 *                 WithdrawPetition                 → PetitionWithdrawn, CaseClosed(withdrawn) → closed
 *                 ReachDeadline (system)           → DeadlineBreached (breach deadlines, once per key and due time)
 *                                                  | EvaluationLapsed | RequestWindowLapsed [+ CaseClosed(windows_lapsed)]
 *                                                  | DeadlineWarningRaised (warning keys) | EscalationRaised (rung keys)
 *                                                  | DeadlineBreached (feedback keys: a letter left unanswered)
 *                 PauseClock / ResumeClock          → ClockPaused / ClockResumed (configured reason; 'hearing' on
 *                                                    decideReReview = StartHearing / EndHearing); a paused step cannot complete
 *                 RecordLetterIssued (system)       → LetterIssued (starts the feedback clock of reminder letters and
 *                                                    listed supervision notices, per policy)
 *                 RecordLetterFeedback (unit)       → LetterFeedbackRecorded (stops the feedback clock; awaits review
 *                                                    under policy.letterFeedbackReview)
 *                 AcceptLetterFeedback (supervisor) → LetterFeedbackAccepted (the letter is settled)
 *                 ReturnLetterFeedback (supervisor) → LetterFeedbackReturned (a new feedback clock with the given limit)
 *                 RecordLetterAdoption (addressee)  → LetterAdoptionRecorded (a recommendation adopted / partly / not)
 *                 AdoptPolicy (supervisor, system)  → PolicyAdopted (running clocks re-armed from their start)
 *                 LinkRelatedCase / UnlinkRelatedCase (registrar, with reason) → RelatedCaseLinked / RelatedCaseUnlinked
 *                                                    (same matter as another case: the registrar's decision)
 *                 AdoptCalendar (supervisor, system) → CalendarAdopted (provisional clocks recomputed from their start)
 *                 TransferToSuccessor (system)      → UnitSucceeded (机构改革: the successor takes the old unit's roles,
 *                                                    due times kept)
 *
 * Closure rule: after the reply the case stays open while the evaluation window or the step's
 * request window (review, then re-review) is open. A request moves the case on; it closes when the
 * last open window is spent with no request (CaseClosed 'windows_lapsed'), on withdrawal, on the
 * re-review decision ('final_decision': the same facts are not accepted again), on redirection to
 * 政法/纪检 ('redirected'), at the acceptance decision for not_accepted_again ('not_accepted'), and for
 * not_accepted ('not_accepted') and diverted ('diverted') at the written notice (art.31) under a policy
 * with 'notifyDecision', at the decision itself under an older policy.
 *
 * Policy: registration records ctx.policy (as a full document) in the case; from then on the case
 * runs under state.policy, whatever ctx.policy says, until AdoptPolicy replaces it. Only a case
 * registered before documents were recorded (state.policy null) still needs ctx.policy to be the one
 * it was registered under (CASE_POLICY_MISMATCH).
 *
 * Checks run in this order: input envelope (actor, at) → registered → not closed → pinned policy
 * (legacy cases only) → role → unit → step / duplicate → payload → time windows.
 */
import type { DecideContext } from './case.context';
import type { CaseCommand } from './case.commands';
import { decideObjection, decideRaiseObjection } from './case.decide.objection';
import { decideNotifyDecision } from './case.decide.notice';
import {
  decideNotify,
  decideReceive,
  decideRegister,
  decideRepeat,
  decideRoute,
} from './case.decide.intake';
import {
  decideAcceptance,
  decideAssignLeader,
  decideExtension,
  decideReply,
  decideRequestExtension,
} from './case.decide.handling';
import {
  decideEndHearing,
  decideEvaluate,
  decideReReview,
  decideRequestReReview,
  decideRequestReview,
  decideReview,
  decideStartHearing,
} from './case.decide.review';
import { decideReachDeadline, decideWithdraw } from './case.decide.deadline';
import { decidePauseClock, decideResumeClock } from './case.decide.pause';
import { decideAdoptPolicy } from './case.decide.policy';
import { annotateProvisional, caseCalendar, decideAdoptCalendar } from './case.calendar';
import { decideTransferToSuccessor } from './case.succession';
import { decideLetterFeedback, decideLetterIssued } from './case.decide.letters';
import { decideLinkRelated, decideUnlinkRelated } from './case.decide.links';
import { decideAcceptLetterFeedback, decideLetterAdoption, decideReturnLetterFeedback } from './case.decide.letter-review';
import type { SupervisionContext } from './case.context';
import { asSupervisionPolicy } from '../policy/policy.normalize';
import { type DecideResult, fromRejection, reject } from './case.outcome';
import { checkRole } from './case.roles';
import { type CaseState, upgradeCaseState } from './case.state';
import { isInstant } from './case.time';
import { assertNever } from './case.types';
import { checkActor, invalid } from './case.validate';

export type { DecideContext, SupervisionContext } from './case.context';
export type { DecideResult } from './case.outcome';

/** decideCommand, with the due times it records marked provisional where a year's holidays were missing. */
export function decide(given: CaseState, command: CaseCommand, ctx: DecideContext): DecideResult {
  const result = decideCommand(given, command, ctx);
  if (!result.ok || result.events.length === 0) return result;
  const state = upgradeCaseState(given);
  const policy = state.policy ?? (command.type === 'RegisterPetition' ? asSupervisionPolicy(ctx.policy) : null);
  if (policy === null) return result;
  return { ok: true, events: annotateProvisional(state, result.events, { policy, calendar: ctx.calendar }) };
}

function decideCommand(given: CaseState, command: CaseCommand, ctx: DecideContext): DecideResult {
  const state = upgradeCaseState(given);
  const actorProblem = checkActor(command.actor);
  if (actorProblem) return fromRejection(actorProblem);
  if (!isInstant(command.at)) return fromRejection(invalid('at'));
  if (command.reason !== undefined && typeof command.reason !== 'string') return fromRejection(invalid('reason'));

  if (command.type !== 'RegisterPetition') {
    if (state.status === 'unregistered') return reject('CASE_NOT_REGISTERED');
    if (state.status === 'closed') return reject('CASE_CLOSED', { closureReason: state.closure?.reason ?? null });
    if (state.policy === null && (state.policyId !== ctx.policy.id || state.policyVersion !== ctx.policy.version)) {
      return reject('CASE_POLICY_MISMATCH', {
        pinned: { id: state.policyId, version: state.policyVersion },
        given: { id: ctx.policy.id, version: ctx.policy.version },
      });
    }
  }
  const roleProblem = checkRole(command.type, command.actor);
  if (roleProblem) return fromRejection(roleProblem);
  const sctx: SupervisionContext = { policy: state.policy ?? asSupervisionPolicy(ctx.policy), calendar: caseCalendar(ctx.calendar, state) };

  switch (command.type) {
    case 'RegisterPetition':
      return decideRegister(state, command, sctx);
    case 'RecordRepeatPetition':
      return decideRepeat(state, command);
    case 'RoutePetition':
      return decideRoute(state, command, sctx);
    case 'ReceiveCase':
      return decideReceive(state, command, sctx);
    case 'NotifyPetitioner':
      return decideNotify(state, command);
    case 'RaiseObjection':
      return decideRaiseObjection(state, command, sctx);
    case 'DecideObjection':
      return decideObjection(state, command, sctx);
    case 'DecideAcceptance':
      return decideAcceptance(state, command, sctx);
    case 'NotifyDecision':
      return decideNotifyDecision(state, command);
    case 'AssignLeader':
      return decideAssignLeader(state, command);
    case 'RequestExtension':
      return decideRequestExtension(state, command, sctx);
    case 'DecideExtension':
      return decideExtension(state, command, sctx);
    case 'ReplyToPetitioner':
      return decideReply(state, command, sctx);
    case 'EvaluateSatisfaction':
      return decideEvaluate(state, command);
    case 'RequestReview':
      return decideRequestReview(state, command, sctx);
    case 'DecideReview':
      return decideReview(state, command, sctx);
    case 'RequestReReview':
      return decideRequestReReview(state, command, sctx);
    case 'StartHearing':
      return decideStartHearing(state, command);
    case 'EndHearing':
      return decideEndHearing(state, command);
    case 'DecideReReview':
      return decideReReview(state, command);
    case 'WithdrawPetition':
      return decideWithdraw(state, command);
    case 'ReachDeadline':
      return decideReachDeadline(state, command, sctx);
    case 'PauseClock':
      return decidePauseClock(state, command, sctx);
    case 'ResumeClock':
      return decideResumeClock(state, command);
    case 'RecordLetterIssued':
      return decideLetterIssued(state, command, sctx);
    case 'RecordLetterFeedback':
      return decideLetterFeedback(state, command, sctx);
    case 'AcceptLetterFeedback':
      return decideAcceptLetterFeedback(state, command, sctx);
    case 'ReturnLetterFeedback':
      return decideReturnLetterFeedback(state, command, sctx);
    case 'RecordLetterAdoption':
      return decideLetterAdoption(state, command);
    case 'AdoptPolicy':
      return decideAdoptPolicy(state, command, sctx);
    case 'LinkRelatedCase':
      return decideLinkRelated(state, command);
    case 'UnlinkRelatedCase':
      return decideUnlinkRelated(state, command);
    case 'AdoptCalendar':
      return decideAdoptCalendar(state, command, sctx);
    case 'TransferToSuccessor':
      return decideTransferToSuccessor(state, command);
    default:
      return assertNever(command);
  }
}
