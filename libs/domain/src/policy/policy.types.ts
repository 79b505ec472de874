import type { Limit } from '../calendar';

/**
 * The limits a policy sets, one per step of the case. `null` means "no limit" (the Regulation sets
 * none for suggestions and reports, art.29–30); a supervision office may set one in its own policy.
 */
export type StepLimitKey =
  | 'route' // bureau forwards/assigns within 15 days of registration (art.22)
  | 'notify' // unit notifies the petitioner in writing within 15 days of receipt (art.23)
  | 'objection' // unit objects that it is not competent within 5 working days of receipt (art.23)
  | 'acceptance' // acceptance decision within the notice limit: 15 days of receipt (art.31, art.44)
  | 'handleClaim' // claims (申诉求决类): 60 days from acceptance (art.34)
  | 'handleSuggestion' // suggestions (建议意见类): no limit by default (art.29)
  | 'handleReport' // reports (检举控告类): no limit by default (art.30)
  | 'requestReview' // petitioner requests review within 30 days of the reply (art.35)
  | 'decideReview' // review decision within 30 days of the request (art.35)
  | 'requestReReview' // petitioner requests re-review within 30 days of the review decision (art.36)
  | 'decideReReview'; // re-review decision within 30 days, hearing time not counted (art.36)

export const STEP_LIMIT_KEYS: readonly StepLimitKey[] = [
  'route',
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
];

/**
 * Deadlines as data. A case pins the policy id and version it was registered under; every due time
 * is computed when its clock starts and recorded in the event, so a later policy never moves a
 * running clock.
 */
export interface CasePolicy {
  id: string;
  version: number;
  name: string;
  limits: Record<StepLimitKey, Limit | null>;
  /** Window for the petitioner's satisfaction evaluation (满意度评价), from the written reply. */
  evaluationWindow: Limit;
  /** The longest extension of a claim's handling deadline the unit head may approve (art.34). */
  maxExtension: Limit;
  /** Hint for the workflow: continue-as-new after this many events. */
  continueAsNewAfterEvents?: number;
}
