/**
 * Exit codes scripts can rely on. They are part of the CLI's contract: documented in `--help` and in
 * apps/cli/README.md; change them only together with both.
 */
export const ExitCode = {
  Ok: 0,
  Internal: 1,
  Usage: 2,
  Validation: 3,
  NotFound: 4,
  Refused: 5,
  Unreachable: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per code for the help text: zh-CN, then English. */
export const EXIT_CODE_LINES: readonly { code: ExitCode; zh: string; en: string }[] = [
  { code: ExitCode.Ok, zh: '成功', en: 'ok' },
  { code: ExitCode.Internal, zh: '意外或内部错误（含 API 的 5xx）', en: 'unexpected or internal error (including the API\'s 5xx)' },
  { code: ExitCode.Usage, zh: '用法错误（参数或选项有误）', en: 'usage error (bad arguments or flags)' },
  { code: ExitCode.Validation, zh: 'API 校验未通过（400/413/415/422）', en: 'request refused by API validation (400/413/415/422)' },
  { code: ExitCode.NotFound, zh: '不存在（404）', en: 'not found (404)' },
  { code: ExitCode.Refused, zh: '案件规则拒绝该操作（409）或无权操作（401/403）', en: 'refused by the case\'s rules (409) or not allowed (401/403)' },
  { code: ExitCode.Unreachable, zh: '无法连接 API（连接失败、超时、502/503/504）', en: 'API unreachable (connection failed, timed out, 502/503/504)' },
];

/** The exit code for an HTTP answer that is not a success. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status >= 200 && status < 300) return ExitCode.Ok;
  switch (status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return ExitCode.Validation;
    case 404:
      return ExitCode.NotFound;
    case 401:
    case 403:
    case 409:
      return ExitCode.Refused;
    case 502:
    case 503:
    case 504:
      return ExitCode.Unreachable;
    default:
      return ExitCode.Internal;
  }
}
