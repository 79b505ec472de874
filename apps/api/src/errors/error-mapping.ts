import { HttpException } from '@nestjs/common';
import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowNotFoundError, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ReadModelQueryError } from '@petitions/read-model';
import { ApiError } from './api-error';
import { CATEGORY_STATUS, apiError, statusOf } from './error-categories';

/** The one place where typed errors become HTTP answers. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    const detail = (f.details?.[0] ?? {}) as { code?: string; messageZh?: string; messageEn?: string; details?: unknown };
    const code = detail.code ?? f.type ?? 'CASE_COMMAND_REJECTED';
    // The status of the code's category (error-categories.ts); a code without one is a conflict, as before the table.
    const status = statusOf(code) ?? CATEGORY_STATUS.conflict;
    return new ApiError(status, code, detail.messageZh ?? f.message, detail.messageEn ?? f.message, detail.details);
  }
  if (err instanceof ReadModelQueryError) {
    // A read-model refusal (e.g. a stale paging cursor): its code's category, else a bad request, as before.
    return new ApiError(statusOf(err.code) ?? CATEGORY_STATUS.validation, err.code, err.messageZh, err.messageEn);
  }
  if (err instanceof WorkflowNotFoundError) {
    return apiError('CASE_NOT_FOUND', '案件不存在', 'No such case');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    // Only a case id taken by an earlier, closed registration gets here (the service answers an idempotent retry).
    return apiError('CASE_CLOSED', '案件已办结，不能再办理；同一事项再次信访的，请登记为新案件并关联本案（repeatOf）',
      'The case is closed; no further action is possible. A later petition on the same matter is filed as a new case linked to it (repeatOf)');
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return apiError('CASE_SERVICE_TIMEOUT', '案件服务响应超时，请稍后查询办理结果', 'The case service did not answer in time; check the outcome later');
  }
  if (err instanceof ServiceError) {
    const grpc = (err.cause as { code?: number } | undefined)?.code;
    if (grpc === 4 || grpc === 1) {
      return apiError('CASE_SERVICE_TIMEOUT', '案件服务响应超时，请稍后查询办理结果', 'The case service did not answer in time; check the outcome later');
    }
    if (grpc === 14) {
      return apiError('CASE_SERVICE_UNAVAILABLE', '案件服务暂不可用，请稍后重试', 'The case service is unavailable; please retry');
    }
  }
  const body = err as { type?: string; status?: number; statusCode?: number };
  if (body?.type === 'entity.too.large') {
    return apiError('REQUEST_TOO_LARGE', '请求体过大', 'Request body too large');
  }
  if (body?.type === 'entity.parse.failed') {
    return apiError('MALFORMED_JSON', '请求体不是合法的 JSON', 'Request body is not valid JSON');
  }
  if (body?.type === 'charset.unsupported' || body?.type === 'encoding.unsupported') {
    return apiError('UNSUPPORTED_ENCODING', '不支持的编码', 'Unsupported encoding');
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 404) return apiError('ROUTE_NOT_FOUND', '接口不存在', 'No such endpoint');
    if (status === 415) return apiError('UNSUPPORTED_MEDIA_TYPE', '请使用 application/json', 'Use application/json');
    if (status < 500) return new ApiError(status, 'BAD_REQUEST', '请求无效', err.message);
  }
  return apiError('INTERNAL_ERROR', '服务器内部错误，请稍后重试', 'Internal error; please retry later');
}
