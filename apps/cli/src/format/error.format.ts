import { ApiResponseError, ApiUnreachableError, UnexpectedResponseError, UsageError } from '../cli-errors';

function detailLines(details: unknown): string[] {
  if (details === undefined || details === null) return [];
  const problems = (details as { problems?: unknown }).problems;
  if (Array.isArray(problems)) {
    return ['  问题 Problems:', ...problems.map((p) => {
      const { path, message } = (p ?? {}) as { path?: unknown; message?: unknown };
      return `    - ${String(path ?? '?')}: ${String(message ?? '')}`;
    })];
  }
  return [`  详情 Details: ${JSON.stringify(details)}`];
}

/**
 * What goes to stderr. The first line always holds a stable code (the API's `error.code`, or the CLI's own:
 * USAGE_ERROR, API_UNREACHABLE, UNEXPECTED_RESPONSE, INTERNAL_ERROR), then zh-CN, then English.
 */
export function formatError(err: unknown, programName = 'petitions'): string {
  if (err instanceof UsageError) {
    const helpCmd = err.command ? `${programName} ${err.command} --help` : `${programName} --help`;
    return [
      '用法错误 Usage error: USAGE_ERROR',
      `  ${err.messageZh}`,
      `  ${err.messageEn}`,
      `  运行 ${helpCmd} 查看用法 / Run ${helpCmd} for usage.`,
    ].join('\n');
  }
  if (err instanceof ApiResponseError) {
    return [
      `错误 Error: ${err.code} (HTTP ${err.status})`,
      `  ${err.messageZh || '（无中文说明）'}`,
      `  ${err.messageEn || '(no English message)'}`,
      ...detailLines(err.details),
    ].join('\n');
  }
  if (err instanceof ApiUnreachableError) {
    return [
      '错误 Error: API_UNREACHABLE',
      `  ${err.timedOut ? '等待 API 超时' : '无法连接 API'}：${err.url}（${err.causeText}）`,
      `  ${err.timedOut ? 'Timed out waiting for the API' : 'Cannot reach the API'} at ${err.url} (${err.causeText})`,
      ...(err.timedOut ? ['  操作是否已执行未知，请用 show 查看。 / Whether a command took effect is unknown; check with show.'] : []),
    ].join('\n');
  }
  if (err instanceof UnexpectedResponseError) {
    return ['错误 Error: UNEXPECTED_RESPONSE', '  API 返回了无法识别的内容', `  ${err.message}`].join('\n');
  }
  const message = err instanceof Error ? err.message : String(err);
  return ['错误 Error: INTERNAL_ERROR', '  命令行工具内部错误', `  Internal error: ${message}`].join('\n');
}
