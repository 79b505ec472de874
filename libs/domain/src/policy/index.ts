export { type CasePolicy, type StepLimitKey, STEP_LIMIT_KEYS } from './policy.types';
export { nationalDefaultPolicy } from './policy.national';
export { type PolicyProblem, isValidLimit, validatePolicy } from './policy.validate';
