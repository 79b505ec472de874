import type { Limit } from '../calendar';

/**
 * The limits a policy sets, one per step of the case. `null` means "no limit" (the Regulation sets
 * none for suggestions and reports, art.29–30); a supervision office may set one in its own policy.
 */
export type StepLimitKey =
  | 'route' // bureau forwards/assigns within 15 days of registration (art.22)
  | 'receive' // unit registers receipt of a routed case (policy default, not statutory; see OPTIONAL_STEP_LIMIT_KEYS)
  | 'notify' // unit notifies the petitioner in writing within 15 days of receipt (art.23)
  | 'objection' // unit objects that it is not competent within 5 working days of receipt (art.23)
  | 'acceptance' // acceptance decision within the notice limit: 15 days of receipt (art.31, art.44)
  | 'handleClaim' // claims (申诉求决类): 60 days from acceptance (art.34)
  | 'handleSuggestion' // suggestions (建议意见类): no limit by default (art.29)
  | 'handleReport' // reports (检举控告类): no limit by default (art.30)
  | 'requestReview' // petitioner requests review within 30 days of the reply (art.35)
  | 'decideReview' // review decision within 30 days of the request (art.35)
  | 'requestReReview' // petitioner requests re-review within 30 days of the review decision (art.36)
  | 'decideReReview' // re-review decision within 30 days, hearing time not counted (art.36)
  | 'decideObjection' // the bureau decides a unit's objection (异议); the unit's clocks stop meanwhile (optional, see below)
  | 'notifyDecision'; // written notice of not accepted / diverted to the petitioner (art.31; optional, see below)

export const STEP_LIMIT_KEYS: readonly StepLimitKey[] = [
  'route',
  'receive',
  'notify',
  'objection',
  'acceptance',
  'handleClaim',
  'handleSuggestion',
  'handleReport',
  'requestReview',
  'decideReview',
  'requestReReview',
  'decideReReview',
  'decideObjection',
  'notifyDecision',
];

/**
 * Limits a document may leave out: they were added after documents had been published and recorded
 * in cases. A missing optional limit means NO LIMIT (exactly like null), so an older document keeps
 * its behaviour (no new clock, no new warnings or escalations in running or replayed cases); the
 * national default sets one explicitly.
 *
 * - 'receive' (added 2026): the lead unit registers receipt (签收) of a forwarded/assigned case,
 *   counted from the routing instant. The Regulation counts the notice limit from receipt (art.23)
 *   but sets no limit for receipt itself; the national default's 3 working days is unconfirmed.
 */
/*
 * - 'decideObjection' (added 2026): the bureau decides a unit's objection (异议, art.23) within this
 *   limit, counted from the objection; while it decides, the objecting unit's clocks (notice, acceptance)
 *   stop and resume shifted by the paused time when the objection is rejected. A late decision is the
 *   bureau's breach (art.43). Left out or null: the old behaviour (no pause, no limit on the bureau).
 *   National default 5 working days (unconfirmed).
 * - 'notifyDecision' (added 2026): after a decision not to accept or to divert (art.31) the unit tells the
 *   petitioner in writing (reasons, channel) within this limit, counted from the decision; the case
 *   closes at the notice (NotifyDecision). Left out or null: the old behaviour (the case closes at the decision).
 *   National default 15 calendar days (the art.23/31 notice count, applied from the decision; unconfirmed).
 */
export const OPTIONAL_STEP_LIMIT_KEYS = ['receive', 'decideObjection', 'notifyDecision'] as const;
export type OptionalStepLimitKey = (typeof OPTIONAL_STEP_LIMIT_KEYS)[number];
/** Limits every document must state (null = no limit). */
export type RequiredStepLimitKey = Exclude<StepLimitKey, OptionalStepLimitKey>;

export function isOptionalStepLimitKey(key: StepLimitKey): key is OptionalStepLimitKey {
  return (OPTIONAL_STEP_LIMIT_KEYS as readonly string[]).includes(key);
}

/** The limits of a policy: every required key, and the optional ones when set (missing = no limit). */
export type StepLimits = Record<RequiredStepLimitKey, Limit | null> & Partial<Record<OptionalStepLimitKey, Limit | null>>;

/** The limit a policy sets for a step: null when it sets none (an optional key left out included). */
export function stepLimit(policy: Pick<CasePolicy, 'limits'>, key: StepLimitKey): Limit | null {
  return policy.limits[key] ?? null;
}

/**
 * Deadlines as data. A case pins the policy id and version it was registered under; every due time
 * is computed when its clock starts and recorded in the event, so a later policy never moves a
 * running clock.
 */
export interface CasePolicy {
  id: string;
  version: number;
  name: string;
  limits: StepLimits;
  /** Window for the petitioner's satisfaction evaluation (满意度评价), from the written reply. */
  evaluationWindow: Limit;
  /** The longest extension of a claim's handling deadline the unit head may approve (art.34). */
  maxExtension: Limit;
  /** Hint for the workflow: continue-as-new after this many events. */
  continueAsNewAfterEvents?: number;
}
