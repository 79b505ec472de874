import { ExitCode, exitCodeForStatus } from './exit-codes';

/** Bad arguments or flags: nothing was sent. */
export class UsageError extends Error {
  constructor(readonly messageZh: string, readonly messageEn: string, readonly command?: string) {
    super(messageEn);
    this.name = 'UsageError';
  }
}

/** The API's refusal, as its error body has it (`error.code`, `error.message` zh-CN, `error.messageEn`). */
export class ApiResponseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
    /** The answer's Retry-After, in seconds (a 429 or a 409 IDEMPOTENCY_IN_PROGRESS). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${messageEn}`);
    this.name = 'ApiResponseError';
  }
}

/** No answer from the API: connection refused, DNS, timeout, connection reset. */
export class ApiUnreachableError extends Error {
  constructor(readonly url: string, readonly causeText: string, readonly timedOut = false) {
    super(`API unreachable at ${url}: ${causeText}`);
    this.name = 'ApiUnreachableError';
  }
}

/** The API answered with something the CLI cannot read (not JSON, wrong shape). */
export class UnexpectedResponseError extends Error {
  constructor(readonly status: number, detail: string) {
    super(`Unexpected response (HTTP ${status}): ${detail}`);
    this.name = 'UnexpectedResponseError';
  }
}

export function exitCodeForError(err: unknown): ExitCode {
  if (err instanceof UsageError) return ExitCode.Usage;
  if (err instanceof ApiResponseError) return exitCodeForStatus(err.status);
  if (err instanceof ApiUnreachableError) return ExitCode.Unreachable;
  return ExitCode.Internal;
}
