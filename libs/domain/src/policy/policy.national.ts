import type { Limit } from '../calendar';
import { cloneJson } from './json.util';
import {
  type AccountabilityPolicy,
  type EscalationRung,
  type LetterKind,
  type SupervisionPolicy,
  type WarningRule,
  HEARING_PAUSE_REASON,
} from './supervision-policy.types';

/** Warn when 3 working days are left, and again when 80% of the time has elapsed. */
export const DEFAULT_WARNING_RULES: readonly WarningRule[] = [{ before: { amount: 3, unit: 'working_days' } }, { atFraction: 0.8 }];

/**
 * The ladder after a breach (counted from the breach instant): reminder letter at once, listed
 * supervision after 5 working days, accountability recommendation and report to the superior after 10.
 * Unconfirmed: the Regulation sets no day counts; these follow the city report's practice.
 */
export const DEFAULT_ESCALATION_LADDER: readonly EscalationRung[] = [
  { rung: 'reminder_letter', after: { amount: 0, unit: 'working_days' } },
  { rung: 'listed_supervision', after: { amount: 5, unit: 'working_days' } },
  { rung: 'accountability_recommendation', after: { amount: 10, unit: 'working_days' } },
  { rung: 'escalate_to_superior', after: { amount: 10, unit: 'working_days' } },
];

/** art.40 requires feedback with no day count; the 2005 rule had 30 days (policy default). */
export const DEFAULT_LETTER_FEEDBACK_LIMIT: Limit = { amount: 30, unit: 'calendar_days' };
export const DEFAULT_LETTERS_REQUIRING_FEEDBACK: readonly LetterKind[] = ['reminder_letter', 'listed_supervision_notice'];

/**
 * Unconfirmed: with no organisation directory, recommendations go to the unit's listed superior; no
 * superior is listed nationally, so they fall back to the discipline body (纪检监察机关), unit in copy.
 */
export const DEFAULT_ACCOUNTABILITY: AccountabilityPolicy = {
  recommendationAddressee: 'superior',
  disciplineBodyId: 'discipline-body',
  superiors: {},
};

/**
 * Defaults of the national Regulation (《信访工作条例》, 2022, in force 1 May 2022). "日" limits are calendar
 * days (start day not counted, a deadline ending on a rest day rolls to the next working day); the
 * objection limit is the only one the Regulation states in working days. It applies everywhere (empty
 * scope) and is the fallback of resolvePolicy.
 *
 * It holds only the Regulation's limits (version 2, 2026: version 1 also set a 3-working-day receipt
 * limit, which is practice, not statute; it lives in the example practice policy now). The warning
 * rules, the escalation ladder, the letter feedback limit and the evaluation window are supervision
 * settings (not step limits of the Regulation); their day counts are marked policy defaults below.
 */
export const nationalDefaultPolicy: SupervisionPolicy = {
  id: 'cn-national-2022',
  version: 2,
  name: '《信访工作条例》全国默认期限 / National Regulation defaults',
  source: '《信访工作条例》(2022)',
  scope: {},
  priority: 0,
  effectiveFrom: '2022-05-01T00:00:00+08:00',
  limits: {
    route: { amount: 15, unit: 'calendar_days' },
    // The Regulation sets no limit for the unit to register receipt (签收) of a routed case: it counts
    // the notice limit from receipt (art.23). A receipt limit is practice (see practiceExamplePolicy).
    receive: null,
    notify: { amount: 15, unit: 'calendar_days' },
    objection: { amount: 5, unit: 'working_days' },
    acceptance: { amount: 15, unit: 'calendar_days' },
    handleClaim: { amount: 60, unit: 'calendar_days' },
    handleSuggestion: null,
    handleReport: null,
    requestReview: { amount: 30, unit: 'calendar_days' },
    decideReview: { amount: 30, unit: 'calendar_days' },
    requestReReview: { amount: 30, unit: 'calendar_days' },
    decideReReview: { amount: 30, unit: 'calendar_days' },
    // Unconfirmed: the bureau decides an objection within 5 working days; the unit's clocks stop meanwhile.
    decideObjection: { amount: 5, unit: 'working_days' },
    // Unconfirmed: the written notice of not accepted / diverted, 15 days from the decision (art.31, the art.23 count).
    notifyDecision: { amount: 15, unit: 'calendar_days' },
  },
  // Unconfirmed: the Regulation sets no evaluation window; 30 days mirrors the review window.
  evaluationWindow: { amount: 30, unit: 'calendar_days' },
  maxExtension: { amount: 30, unit: 'calendar_days' },
  continueAsNewAfterEvents: 2000,
  warnings: cloneJson([...DEFAULT_WARNING_RULES]),
  escalation: cloneJson([...DEFAULT_ESCALATION_LADDER]),
  letterFeedbackLimit: cloneJson(DEFAULT_LETTER_FEEDBACK_LIMIT),
  lettersRequiringFeedback: [...DEFAULT_LETTERS_REQUIRING_FEEDBACK, 'accountability_recommendation'],
  pauseReasons: [
    cloneJson(HEARING_PAUSE_REASON),
    // Unconfirmed: the Regulation names only the hearing; these follow the practice of provincial rules
    // (time for an appraisal or for another authority's decision is not counted). See docs/clock-pauses.md.
    { code: 'appraisal', nameZh: '鉴定', nameEn: 'Appraisal', appliesTo: ['handling'] },
    { code: 'awaiting_authority', nameZh: '等待其他机关决定', nameEn: "Awaiting another authority's decision", appliesTo: ['handling', 'decideReview'] },
  ],
  // The handler asks, the head of the unit answerable for the clock approves and stops it.
  pauseApproval: { approverRole: 'unit_head' },
  // Letter feedback is reviewed by the supervision office; recommendations are answered too (art.40).
  letterFeedbackReview: true,
  accountability: cloneJson(DEFAULT_ACCOUNTABILITY),
  // An extension counts from the original last day, not from a due time a holiday moved (domain.md Precisions).
  extensionCounting: 'from_original_last_day',
  // A breach of a deadline the published holiday arrangement moves past it is withdrawn (docs/calendar-years.md).
  calendarBreachWithdrawal: true,
};

/**
 * Version 1 of the national document, as cases registered before version 2 recorded it: it also set a
 * 3-working-day receipt limit (签收) that the Regulation does not have, and counted an extension on from
 * the rolled due time (no extensionCounting). Its other settings are version 2's (settings added to version 2
 * by other changes are kept, so the diff shows only these two). Kept so the change can be shown
 * (diffPolicies) and rolled out (a case under version 1 adopts version 2), never resolved for new cases.
 */
const { extensionCounting: _addedInV2, ...sharedWithV1 } = nationalDefaultPolicy;
export const NATIONAL_POLICY_V1: SupervisionPolicy = {
  ...cloneJson(sharedWithV1),
  version: 1,
  limits: { ...cloneJson(nationalDefaultPolicy.limits), receive: { amount: 3, unit: 'working_days' } },
};
