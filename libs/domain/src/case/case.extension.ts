import { type BusinessCalendar, type Limit, computeDueAt } from '../calendar';
import { type RequiredStepLimitKey, stepLimit } from '../policy/policy.types';
import type { SupervisionPolicy } from '../policy/supervision-policy.types';
import { completedPausedMs } from './case.clocks';
import type { CaseState } from './case.state';
import { addMs, extendDueAt, toMs } from './case.time';
import type { PetitionKind } from './case.types';

const HANDLING_LIMIT_KEY: Record<PetitionKind, RequiredStepLimitKey> = { claim: 'handleClaim', suggestion: 'handleSuggestion', report: 'handleReport' };

/**
 * art.34 extension counting. Under `extensionCounting: 'from_original_last_day'` (national policy v2) the
 * extended limit is the original limit plus the extension counted from the ORIGINAL last day (not moved to a
 * working day), rolled once at its end: accepted so that day 60 is 1 Oct (National Day), +30 ends on day 90,
 * not 30 days after the rolled 8 Oct. A document without the setting keeps the old count (from the due time
 * already rolled), so recorded cases replay unchanged until they adopt a document that sets it.
 */
export function countsFromOriginalLastDay(policy: Pick<SupervisionPolicy, 'extensionCounting'> | null | undefined): boolean {
  return policy?.extensionCounting === 'from_original_last_day';
}

/** The handling limit a calendar-day roll could have moved (a 交办 absolute deadline never rolls). */
function handlingLimit(state: CaseState, policy: SupervisionPolicy): Limit | null {
  const a = state.assignment;
  if (!a || a.handlingDeadline !== null) return null;
  return a.handlingLimit ?? stepLimit(policy, HANDLING_LIMIT_KEY[state.petition?.kind ?? 'claim']);
}

/** The original limit from `start`, extended (for rearm: recomputing from the clock's start). */
export function extendedFromStart(start: string, limit: Limit, extension: Limit, policy: SupervisionPolicy, cal: BusinessCalendar): string {
  const rolled = computeDueAt(start, limit, cal);
  if (!countsFromOriginalLastDay(policy) || limit.unit !== 'calendar_days') return extendDueAt(rolled, extension, cal);
  return extendDueAt(computeDueAt(start, { ...limit, rollToWorkingDay: false }, cal), extension, cal);
}

/**
 * The recorded handling due time extended by `extension`. The days a rest-day roll added to the original
 * last day are taken off first (only when the due time is exactly the limit's, plus completed pauses).
 */
export function extendHandlingDueAt(state: CaseState, due: string, extension: Limit, policy: SupervisionPolicy, cal: BusinessCalendar): string {
  const limit = handlingLimit(state, policy);
  const start = state.handling?.acceptedAt;
  if (!countsFromOriginalLastDay(policy) || !limit || !start || limit.unit !== 'calendar_days') return extendDueAt(due, extension, cal);
  const rolled = computeDueAt(start, limit, cal);
  if (toMs(due) - toMs(rolled) !== completedPausedMs(state, 'handling')) return extendDueAt(due, extension, cal);
  const rollMs = toMs(rolled) - toMs(computeDueAt(start, { ...limit, rollToWorkingDay: false }, cal));
  return extendDueAt(addMs(due, -rollMs), extension, cal);
}
