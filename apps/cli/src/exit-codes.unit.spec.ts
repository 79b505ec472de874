import { ApiResponseError, ApiUnreachableError, UnexpectedResponseError, UsageError, exitCodeForError } from './cli-errors';
import { EXIT_CODE_LINES, ExitCode, exitCodeForStatus } from './exit-codes';
import { CASE_ID, HANDLER, type FakeReply, runWith } from './cli.testkit';

describe('exit codes', () => {
  it('are the documented numbers', () => {
    expect(ExitCode).toEqual({ Ok: 0, Internal: 1, Usage: 2, Validation: 3, NotFound: 4, Refused: 5, Unreachable: 6 });
    expect(EXIT_CODE_LINES.map((l) => l.code)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it.each([
    [200, 0], [201, 0], [400, 3], [413, 3], [415, 3], [422, 3], [404, 4], [401, 5], [403, 5], [409, 5],
    [405, 1], [429, 1], [500, 1], [501, 1], [502, 6], [503, 6], [504, 6],
  ])('HTTP %i → %i', (status, code) => {
    expect(exitCodeForStatus(status)).toBe(code);
  });

  it('maps each kind of failure', () => {
    expect(exitCodeForError(new UsageError('x', 'x'))).toBe(2);
    expect(exitCodeForError(new ApiResponseError(409, 'CASE_WRONG_STEP', 'zh', 'en'))).toBe(5);
    expect(exitCodeForError(new ApiResponseError(404, 'CASE_NOT_FOUND', 'zh', 'en'))).toBe(4);
    expect(exitCodeForError(new ApiUnreachableError('http://x', 'ECONNREFUSED'))).toBe(6);
    expect(exitCodeForError(new UnexpectedResponseError(200, 'not JSON'))).toBe(1);
    expect(exitCodeForError(new TypeError('bug'))).toBe(1);
  });
});

describe('exit codes of a whole run (fake API)', () => {
  const error = (status: number, code: string): FakeReply => ({ status, body: { error: { code, message: `中文说明 ${code}`, messageEn: `English ${code}` } } });
  const cases: [string, FakeReply, number, RegExp][] = [
    ['validation (400)', error(400, 'VALIDATION_FAILED'), 3, /VALIDATION_FAILED \(HTTP 400\)/],
    ['too large (413)', error(413, 'REQUEST_TOO_LARGE'), 3, /REQUEST_TOO_LARGE/],
    ['media type (415)', error(415, 'UNSUPPORTED_MEDIA_TYPE'), 3, /UNSUPPORTED_MEDIA_TYPE/],
    ['not found (404)', error(404, 'CASE_NOT_FOUND'), 4, /CASE_NOT_FOUND \(HTTP 404\)/],
    ['case rules (409)', error(409, 'CASE_WRONG_STEP'), 5, /CASE_WRONG_STEP \(HTTP 409\)/],
    ['no identity (401)', error(401, 'AUTH_ACTOR_REQUIRED'), 5, /AUTH_ACTOR_REQUIRED/],
    ['forbidden (403)', error(403, 'CASE_NOT_AUTHORIZED_UNIT'), 5, /CASE_NOT_AUTHORIZED_UNIT/],
    ['internal (500)', error(500, 'INTERNAL_ERROR'), 1, /INTERNAL_ERROR \(HTTP 500\)/],
    ['gateway (503, no body)', { status: 503, text: 'Service Unavailable' }, 6, /HTTP_503/],
    ['connection refused', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), { code: 'ECONNREFUSED' }) }), 6, /API_UNREACHABLE[\s\S]*ECONNREFUSED/],
    ['timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 6, /API_UNREACHABLE[\s\S]*timed out/],
    ['a 200 that is not JSON', { status: 200, text: '<html>' }, 1, /UNEXPECTED_RESPONSE/],
  ];

  it.each(cases)('%s', async (_name, reply, code, stderr) => {
    const r = await runWith(['receive', CASE_ID, ...HANDLER], { reply: () => reply });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });

  it('prints the API\'s code and both messages, and the problems of a validation error', async () => {
    const r = await runWith(['show', 'bad-id'], {
      reply: () => ({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: '案件编号校验未通过', messageEn: 'case id failed validation', details: { problems: [{ path: '(body)', message: 'case id of the form petition-…' }] } } } }),
    });
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')).toEqual([
      '错误 Error: VALIDATION_FAILED (HTTP 400)',
      '  案件编号校验未通过',
      '  case id failed validation',
      '  问题 Problems:',
      '    - (body): case id of the form petition-…',
    ]);
  });

  it('prints other details as JSON', async () => {
    const r = await runWith(['receive', CASE_ID, ...HANDLER], {
      reply: () => ({ status: 409, body: { error: { code: 'CASE_DUPLICATE_COMMAND', message: '该操作已执行过，不能重复执行。', messageEn: 'This action has already been taken; it cannot be repeated.', details: { receivedAt: '2025-12-01T02:00:00.000Z' } } } }),
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('  该操作已执行过，不能重复执行。\n  This action has already been taken; it cannot be repeated.\n  详情 Details: {"receivedAt":"2025-12-01T02:00:00.000Z"}');
  });
});
