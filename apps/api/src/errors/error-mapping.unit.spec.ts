import { NotFoundException } from '@nestjs/common';
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from './api-error';
import { toApiError } from './error-mapping';

const rejected = (code: string) => new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({
  type: code, message: 'zh / en', nonRetryable: true, details: [{ code, messageZh: '步骤不符', messageEn: 'Wrong step' }],
}));

describe('toApiError: every typed failure mapped once, at the edge', () => {
  it.each([
    ['CASE_WRONG_STEP', 409],
    ['CASE_DUPLICATE_COMMAND', 409],
    ['CASE_NOT_AUTHORIZED_ROLE', 403],
    ['CASE_NOT_AUTHORIZED_UNIT', 403],
    ['CASE_INVALID_COMMAND', 400],
  ])('maps the domain rejection %s to %i with both messages', (code, status) => {
    const e = toApiError(rejected(code));
    expect(e).toMatchObject({ status, code, messageZh: '步骤不符', messageEn: 'Wrong step' });
  });

  it('maps gRPC deadline and unavailability to 504 and 503', () => {
    const deadline = new ServiceError('deadline', { cause: Object.assign(new Error('x'), { code: 4 }) });
    const down = new ServiceError('down', { cause: Object.assign(new Error('x'), { code: 14 }) });
    expect(toApiError(deadline)).toMatchObject({ status: 504, code: 'CASE_SERVICE_TIMEOUT' });
    expect(toApiError(down)).toMatchObject({ status: 503, code: 'CASE_SERVICE_UNAVAILABLE' });
  });

  it('maps body-parser failures and unknown routes', () => {
    expect(toApiError({ type: 'entity.too.large' })).toMatchObject({ status: 413, code: 'REQUEST_TOO_LARGE' });
    expect(toApiError({ type: 'entity.parse.failed' })).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(toApiError(new NotFoundException())).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('hides unexpected errors behind a generic 500 and keeps ApiErrors as they are', () => {
    expect(toApiError(new Error('secret stack detail'))).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(toApiError(new Error('secret stack detail')).messageEn).not.toContain('secret');
    const own = new ApiError(422, 'X', '中', 'en');
    expect(toApiError(own)).toBe(own);
  });
});
