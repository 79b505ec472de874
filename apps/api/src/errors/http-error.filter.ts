import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toBody } from './api-error';
import { toApiError } from './error-mapping';
import { ERROR_CODE_LOCAL } from '../metrics/api-metrics';

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const apiError = toApiError(exception);
    // Log the type and code only: request bodies may hold personal data.
    if (apiError.status >= 500) this.log.error(`${apiError.code}: ${(exception as Error)?.name ?? 'unknown'} ${(exception as Error)?.message ?? ''}`);
    res.locals[ERROR_CODE_LOCAL] = apiError.code; // for the commands/registrations counters (code, never the body)
    res.status(apiError.status).json(toBody(apiError));
  }
}
