import { type BusinessCalendar, type Limit, computeDueAt } from '../calendar';
import { type RequiredStepLimitKey, stepLimit } from '../policy/policy.types';
import type { SupervisionPolicy } from '../policy/supervision-policy.types';
import { breachOf, clockDueAt, clockStartedAt, completedPausedMs } from './case.clocks';
import type { RearmedClock } from './case.events';
import type { CaseState } from './case.state';
import { extendedFromStart } from './case.extension';
import { addMs, toMs } from './case.time';
import { type DeadlineKey, DEADLINE_KEYS, type PetitionKind, assertNever } from './case.types';

const HANDLING_LIMIT_KEY: Record<PetitionKind, RequiredStepLimitKey> = {
  claim: 'handleClaim',
  suggestion: 'handleSuggestion',
  report: 'handleReport',
};

/**
 * The limit a policy sets for a clock of the current step, or undefined when no such clock runs now
 * (or its due time is not the policy's: an assignment's own deadline, no written notice required).
 */
export function slotLimit(state: CaseState, key: DeadlineKey, policy: SupervisionPolicy): Limit | null | undefined {
  const { step, assignment: a } = state;
  switch (key) {
    case 'route':
      return step === 'routing' && state.routeClock ? policy.limits.route : undefined;
    case 'receive':
      // From the routing instant; a limit left out of the document means none (the clock is cleared).
      return step === 'receipt' && a ? stepLimit(policy, 'receive') : undefined;
    case 'notify':
      return a?.receivedAt && (step === 'acceptance' || step === 'objection' || step === 'handling') && a.notifiedAt === null && state.petition?.nameAndAddressKnown
        ? policy.limits.notify
        : undefined;
    case 'acceptance':
      return a?.receivedAt && (step === 'acceptance' || step === 'objection') ? policy.limits.acceptance : undefined;
    case 'decideObjection':
      // Only an objection raised under a policy with the limit has the bureau's clock (and the unit's clocks stopped).
      return step === 'objection' && a?.objection && a.objection.decideDueAt !== undefined ? stepLimit(policy, 'decideObjection') : undefined;
    case 'notifyDecision':
      return step === 'decision_notice' && a?.acceptance && a.acceptance.noticeDueAt !== undefined ? stepLimit(policy, 'notifyDecision') : undefined;
    case 'handling':
      if (step !== 'handling' || !state.handling || !a || a.handlingDeadline !== null || a.handlingLimit !== null) return undefined;
      return policy.limits[HANDLING_LIMIT_KEY[state.petition?.kind ?? 'claim']];
    case 'evaluation':
      return state.evaluation.status === 'pending' && state.reply ? policy.evaluationWindow : undefined;
    case 'requestReview':
      return step === 'replied' && state.reply && !state.lapsedWindows.includes('requestReview') ? policy.limits.requestReview : undefined;
    case 'decideReview':
      return step === 'review' && state.review ? policy.limits.decideReview : undefined;
    case 'requestReReview':
      return step === 'review_decided' && state.review?.decidedAt && !state.lapsedWindows.includes('requestReReview')
        ? policy.limits.requestReReview
        : undefined;
    case 'decideReReview':
      return step === 're_review' && state.reReview ? policy.limits.decideReReview : undefined;
    default:
      return assertNever(key);
  }
}

function sameInstant(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : toMs(a) === toMs(b);
}

/**
 * Due times of the running clocks under another policy, KEEPING THE ELAPSED TIME: each clock keeps its
 * start, so newDueAt = computeDueAt(start, new limit), then an approved extension and the completed
 * paused time are applied again (a pause in progress keeps running). A clock already breached keeps
 * its due time (the breach and its ladder stand). Only clocks whose due time changes are listed; a new
 * due time may already be past (the workflow's next timer then fires at once).
 */
export function rearmClocks(state: CaseState, policy: SupervisionPolicy, cal: BusinessCalendar): RearmedClock[] {
  const out: RearmedClock[] = [];
  for (const key of DEADLINE_KEYS) {
    const limit = slotLimit(state, key, policy);
    const start = clockStartedAt(state, key);
    if (limit === undefined || start === null || breachOf(state, key) !== null) continue;
    let due = limit === null ? null : computeDueAt(start, limit, cal);
    if (limit !== null && key === 'handling' && state.extension?.status === 'approved') {
      due = extendedFromStart(start, limit, state.extension.extension, policy, cal);
    }
    if (due !== null) due = addMs(due, completedPausedMs(state, key));
    const previous = clockDueAt(state, key);
    if (!sameInstant(previous, due)) out.push({ key, previousDueAt: previous, newDueAt: due });
  }
  return out;
}
