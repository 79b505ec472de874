export {
  type CasePolicy,
  type OptionalStepLimitKey,
  type RequiredStepLimitKey,
  type StepLimitKey,
  type StepLimits,
  OPTIONAL_STEP_LIMIT_KEYS,
  STEP_LIMIT_KEYS,
  isOptionalStepLimitKey,
  stepLimit,
} from './policy.types';
export {
  type AccountabilityPolicy,
  type BreachDeadlineKey,
  type EscalationRung,
  type EscalationRungKind,
  type JsonValue,
  type LapseDeadlineKey,
  type LetterKind,
  type PauseApproval,
  type PauseReason,
  type PolicyChange,
  type PolicyFacts,
  type PolicyScope,
  type SupervisionPolicy,
  type WarningRule,
  BREACH_DEADLINE_KEYS,
  ESCALATION_RUNGS,
  EXTENSION_COUNTINGS,
  type ExtensionCounting,
  ESCALATION_RUNG_NAMES,
  HEARING_PAUSE_REASON,
  OBJECTION_PAUSE_REASON,
  LAPSE_DEADLINE_KEYS,
  LETTER_KINDS,
  RUNG_LETTER_KIND,
  isBreachDeadlineKey,
} from './supervision-policy.types';
export {
  DEFAULT_ACCOUNTABILITY,
  DEFAULT_ESCALATION_LADDER,
  DEFAULT_LETTER_FEEDBACK_LIMIT,
  DEFAULT_LETTERS_REQUIRING_FEEDBACK,
  DEFAULT_WARNING_RULES,
  NATIONAL_POLICY_V1,
  nationalDefaultPolicy,
} from './policy.national';
export { type PolicyProblem, isValidLimit, validatePolicy } from './policy.validate';
export { type PolicyDocumentProblem, type PolicyDocumentValidation, validatePolicyDocument } from './policy-document.validate';
export { PolicyError, type PolicyErrorCode } from './policy-error';
export {
  LEGACY_EFFECTIVE_FROM,
  asSupervisionPolicy,
  effectivePauseReasons,
  lettersRequiringFeedback,
  pauseReasonFor,
  policyPriority,
  warningRulesFor,
} from './policy.normalize';
export {
  type PolicySpecificity,
  type RankedPolicy,
  comparePolicies,
  isEffective,
  matchScope,
  rankPolicies,
  resolvePolicy,
} from './policy.resolve';
export { diffPolicies } from './policy.diff';
export { type RecommendationAddress, recommendationAddress, superiorOf } from './policy.accountability';
export {
  PRACTICE_EXAMPLE_POLICY_DOCUMENT,
  ZHEJIANG_EXAMPLE_POLICY_DOCUMENT,
  practiceExamplePolicy,
  requirePolicyDocument,
  zhejiangExamplePolicy,
} from './policy.examples';
