/** A refusal a person can act on: stable code, zh-CN first, English second. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${messageEn}`);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}

export const toBody = (e: ApiError): ErrorBody => ({
  error: { code: e.code, message: e.messageZh, messageEn: e.messageEn, ...(e.details === undefined ? {} : { details: e.details }) },
});
