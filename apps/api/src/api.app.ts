import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { toApiError } from './errors/error-mapping';
import { ApiModule } from './api.module';

export const MAX_BODY = '64kb';

/** Builds the HTTP app; main.ts and the e2e tests share it so tests exercise the real wiring. */
export async function createApiApp(opts: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, logger: opts.logger });
  const parseJson = json({ limit: MAX_BODY, strict: true });
  // Temporal's codec clients do not always label their JSON; codec bodies are parsed whatever the type, and larger.
  const parseCodecJson = json({ limit: '4mb', strict: true, type: () => true });
  // Body-parser failures become typed API errors here, before Nest would turn them into generic ones.
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/codec/') ? parseCodecJson : parseJson)(req, res, (err?: unknown) => next(err ? toApiError(err) : undefined)));
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  return app;
}
