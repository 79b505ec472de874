import { ApiError } from './api-error';

/**
 * What kind of refusal an error code is, and (below) the one map from kind to HTTP status. Every code the API answers
 * with has a row here; error-categories.unit.spec.ts fails on a code without one (a new domain rejection in
 * libs/domain/src/case/case.rejections.ts, or a new `new ApiError(…)` / `apiError(…)` in apps/api), and on a
 * hand-written status that differs from its category's.
 */
export const CATEGORY_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCategory = keyof typeof CATEGORY_STATUS;

export const ERROR_CODE_CATEGORIES = {
  // The API's own refusals.
  VALIDATION_FAILED: 'validation',
  TEXT_INVALID_CHARACTERS: 'validation',
  MALFORMED_JSON: 'validation',
  BAD_REQUEST: 'validation',
  IDEMPOTENCY_KEY_INVALID: 'validation',
  QUERY_INVALID_CURSOR: 'validation',
  AUTH_TOKEN_MISSING: 'unauthenticated',
  AUTH_TOKEN_INVALID: 'unauthenticated',
  AUTH_TOKEN_EXPIRED: 'unauthenticated',
  AUTH_TOKEN_LIFETIME: 'unauthenticated',
  AUTH_TOKEN_NOT_YET_VALID: 'unauthenticated',
  AUTH_ROLE_UNKNOWN: 'unauthenticated',
  AUTH_API_KEY_INVALID: 'unauthenticated',
  AUTH_ACTOR_REQUIRED: 'unauthenticated',
  AUTH_TOKEN_UNIT_UNKNOWN: 'unauthenticated',
  AUTH_TOKEN_UNIT_INACTIVE: 'unauthenticated',
  AUTH_ROLE_FORBIDDEN: 'forbidden',
  AUTH_UNIT_SCOPE: 'forbidden',
  AUTH_NO_RULE: 'forbidden',
  PERSONAL_DATA_FORBIDDEN: 'forbidden',
  PERSONAL_DATA_NOT_OF_CASE: 'forbidden',
  CASE_NOT_FOUND: 'not_found',
  WORKBENCH_NOT_BUILT: 'not_found',
  RELATED_CASE_NOT_FOUND: 'not_found',
  LETTER_NOT_FOUND: 'not_found',
  PETITIONER_NOT_FOUND: 'not_found',
  POLICY_NOT_FOUND: 'not_found',
  UNIT_NOT_FOUND: 'not_found',
  PERSON_NOT_FOUND: 'not_found',
  PERSON_NOT_YET_RECORDED: 'not_found',
  REORGANIZATION_NOT_FOUND: 'not_found',
  UNIT_NOT_YET_RECORDED: 'not_found',
  ASSET_NOT_FOUND: 'not_found',
  ROUTE_NOT_FOUND: 'not_found',
  CASE_WINDOW_CLOSED: 'conflict',
  IDEMPOTENCY_IN_PROGRESS: 'conflict',
  REQUEST_TOO_LARGE: 'too_large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media',
  UNSUPPORTED_ENCODING: 'unsupported_media',
  IDEMPOTENCY_KEY_REUSED: 'unprocessable',
  POLICY_INVALID: 'unprocessable',
  CALENDAR_INVALID_YEAR_DATA: 'unprocessable',
  UNITS_INVALID: 'unprocessable',
  UNIT_UNKNOWN: 'unprocessable',
  UNIT_INACTIVE: 'unprocessable',
  PERSON_UNKNOWN: 'unprocessable',
  PERSON_INACTIVE: 'unprocessable',
  PERSON_WRONG_UNIT: 'unprocessable',
  PERSON_WRONG_ROLE: 'unprocessable',
  PEOPLE_INVALID: 'unprocessable',
  REORGANIZATION_INVALID: 'unprocessable',
  REGION_TOWNSHIP_UNKNOWN: 'unprocessable',
  CODEC_DECODE_FAILED: 'unprocessable',
  RATE_LIMITED: 'rate_limited',
  INTERNAL_ERROR: 'internal',
  NOT_READY: 'unavailable',
  PERSONAL_DATA_LOG_FAILED: 'unavailable',
  CASE_SERVICE_UNAVAILABLE: 'unavailable',
  CASE_SERVICE_TIMEOUT: 'timeout',
  // A case refusal that came without a code of its own (error-mapping.ts).
  CASE_COMMAND_REJECTED: 'conflict',

  // The case's own refusals (decide, libs/domain/src/case/case.rejections.ts; and the workflow's). A command the case
  // refuses conflicts with its state or its rules (409), even when an input is missing for this step (a reason, an
  // approver): malformed input never reaches the case, the API's schemas refuse it first (400). Authorization: 403.
  CASE_INVALID_COMMAND: 'validation',
  CASE_NOT_REGISTERED: 'conflict',
  CASE_DUPLICATE_COMMAND: 'conflict',
  CASE_CLOSED: 'conflict',
  CASE_WRONG_STEP: 'conflict',
  CASE_NOT_AUTHORIZED_ROLE: 'forbidden',
  CASE_NOT_AUTHORIZED_UNIT: 'forbidden',
  CASE_INVALID_INPUT: 'conflict',
  CASE_INVALID_PERSONS: 'conflict',
  CASE_REPRESENTATIVES_REQUIRED: 'conflict',
  CASE_TOO_MANY_REPRESENTATIVES: 'conflict',
  CASE_REASON_REQUIRED: 'conflict',
  CASE_HANDLING_DEADLINE_REQUIRED: 'conflict',
  CASE_OBJECTION_TOO_LATE: 'conflict',
  CASE_NOT_ACCEPTED_AGAIN_INVALID: 'conflict',
  CASE_EXTENSION_NOT_APPLICABLE: 'conflict',
  CASE_EXTENSION_ALREADY_USED: 'conflict',
  CASE_EXTENSION_TOO_LONG: 'conflict',
  CASE_EXTENSION_TOO_LATE: 'conflict',
  CASE_NO_PENDING_EXTENSION: 'conflict',
  CASE_EVALUATION_WINDOW_LAPSED: 'conflict',
  CASE_REVIEW_WINDOW_LAPSED: 'conflict',
  CASE_RE_REVIEW_WINDOW_LAPSED: 'conflict',
  CASE_HEARING_IN_PROGRESS: 'conflict',
  CASE_NO_HEARING_IN_PROGRESS: 'conflict',
  CASE_DEADLINE_NOT_PENDING: 'conflict',
  CASE_DEADLINE_NOT_DUE: 'conflict',
  CASE_POLICY_MISMATCH: 'conflict',
  CASE_POLICY_INVALID: 'conflict',
  CASE_POLICY_ALREADY_ACTIVE: 'conflict',
  CASE_POLICY_NOT_EFFECTIVE: 'conflict',
  CASE_POLICY_OUT_OF_SCOPE: 'conflict',
  CASE_PAUSE_REASON_UNKNOWN: 'conflict',
  CASE_PAUSE_APPROVER_REQUIRED: 'conflict',
  CASE_PAUSE_NOT_APPROVER: 'conflict',
  CASE_CLOCK_PAUSED: 'conflict',
  CASE_CLOCK_NOT_PAUSED: 'conflict',
  CASE_ESCALATION_NOT_FOUND: 'conflict',
  CASE_LETTER_NOT_APPLICABLE: 'conflict',
  CASE_LETTER_NUMBER_IN_USE: 'conflict',
  CASE_LETTER_NOT_FOUND: 'conflict',
  CASE_LINK_SELF: 'conflict',
  CASE_ALREADY_LINKED: 'conflict',
  CASE_NOT_LINKED: 'conflict',
  CASE_RELATED_CASE_INVALID: 'conflict',
  CASE_CALENDAR_INVALID: 'conflict',
  CASE_CALENDAR_ALREADY_ADOPTED: 'conflict',
  CASE_LETTER_REVIEW_OFF: 'conflict',
  CASE_LETTER_NOTHING_TO_REVIEW: 'conflict',
  CASE_LETTER_NOT_RECOMMENDATION: 'conflict',
  CASE_LETTER_ANSWERED_BY_ADOPTION: 'conflict',
  CASE_LETTER_WITHDRAWN: 'conflict',
  CASE_UNIT_NOT_INVOLVED: 'conflict',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof ERROR_CODE_CATEGORIES;

export function categoryOf(code: string): ErrorCategory | undefined {
  return (ERROR_CODE_CATEGORIES as Record<string, ErrorCategory>)[code];
}

/** The HTTP status of a code, or undefined when it has no category. */
export function statusOf(code: string): number | undefined {
  const category = categoryOf(code);
  return category === undefined ? undefined : CATEGORY_STATUS[category];
}

/** An ApiError whose status comes from the code's category. */
export function apiError(code: ErrorCode, messageZh: string, messageEn: string, details?: unknown): ApiError {
  return new ApiError(CATEGORY_STATUS[ERROR_CODE_CATEGORIES[code]], code, messageZh, messageEn, details);
}
