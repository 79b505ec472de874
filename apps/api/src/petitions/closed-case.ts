import { ApiError } from '../errors/api-error';

/** The request windows a late command meets: the event that opened the window and its field holding the end. */
const WINDOWS: Record<string, { event: string; field: string }> = {
  RequestReview: { event: 'PetitionerReplied', field: 'requestReviewDueAt' },
  RequestReReview: { event: 'ReviewDecided', field: 'requestReReviewDueAt' },
  EvaluateSatisfaction: { event: 'PetitionerReplied', field: 'evaluationDueAt' },
};

export interface ClosedCaseFacts {
  caseId: string;
  closureReason: string | null;
  closedAt: string | null;
  events: readonly { type: string; payload: unknown }[];
}

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : null);

/**
 * The answer to a command on a closed case (its workflow has completed, so Temporal only says "not found"): 409
 * CASE_WINDOW_CLOSED with the window's end when the command is a petitioner's request whose window ran out, else 409
 * CASE_CLOSED with how and when the case ended.
 */
export function closedCaseError(commandType: string, c: ClosedCaseFacts): ApiError {
  const closed = { caseId: c.caseId, closureReason: c.closureReason, closedAt: iso(c.closedAt) };
  const window = WINDOWS[commandType];
  if (window) {
    const opened = [...c.events].reverse().find((e) => e.type === window.event);
    const end = opened ? iso((opened.payload as Record<string, unknown>)[window.field]) : null;
    if (end !== null && (closed.closedAt === null || Date.parse(end) <= Date.parse(closed.closedAt))) {
      return new ApiError(409, 'CASE_WINDOW_CLOSED', `期限已于 ${end} 届满，案件已办结，不能再提出该申请`,
        `The window ended at ${end} and the case is closed; this request can no longer be made`, { ...closed, commandType, windowEndedAt: end });
    }
  }
  return new ApiError(409, 'CASE_CLOSED', '案件已办结，不能再办理；同一事项再次信访的，请登记为新案件并关联本案（repeatOf）',
    'The case is closed; no further action is possible. A later petition on the same matter is filed as a new case linked to it (repeatOf)',
    { ...closed, commandType });
}
