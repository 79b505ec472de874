import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Client } from '@temporalio/client';
import { json, type NextFunction, type Request, type Response } from 'express';
import { DataSource } from 'typeorm';
import { toApiError } from './errors/error-mapping';
import { checkRequestText } from './errors/text-hygiene';
import { ApiModule } from './api.module';
import type { AppConfig } from '@petitions/config';
import { APP_CONFIG, TEMPORAL_CLIENT } from './api.tokens';
import { IdempotencyStore } from './petitions/idempotency.store';
import { isRegistrationReplay } from './petitions/registration-replay';
import { readAuthConfig } from './auth/auth.config';
import { AuthGuard } from './auth/auth.guard';
import { corsOptions, securityHeaders } from './auth/security-headers';
import { closeConnectionsWhileDraining } from './graceful-shutdown';
import { installApiMetrics } from './metrics/metrics.wiring';
import { type JsonLog, withLogContext } from '@petitions/observability';
import { trace } from '@opentelemetry/api';
import { ACTOR_KEY, type RequestWithActor } from './auth/credentials';

const CASE_IN_PATH = /^\/petitions\/(petition-[^/?]+)/;

export const MAX_BODY = '64kb';

/** Builds the HTTP app; main.ts and the e2e tests share it so tests exercise the real wiring. */
export async function createApiApp(opts: { logger?: false | LoggerService; requestLog?: JsonLog } = {}): Promise<INestApplication> {
  // Auth settings first: a missing or short AUTH_TOKEN_SECRET stops the start-up with a clear message.
  const auth = readAuthConfig();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, logger: opts.logger });
  // Log lines written while a request is handled carry its case id (from the path) and actor (once authenticated).
  // One debug line per request (method, declared route, status, time; never the body or the query).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const caseId = CASE_IN_PATH.exec(req.path)?.[1];
    const context = () => ({ caseId, actorId: (req as RequestWithActor)[ACTOR_KEY]?.id });
    const log = opts.requestLog;
    if (log?.enabled('debug')) {
      const started = process.hrtime.bigint();
      const traceId = trace.getActiveSpan()?.spanContext().traceId;
      res.once('finish', () => withLogContext(context, () => log.debug('request', {
        traceId, method: req.method, route: (req as Request & { route?: { path?: string } }).route?.path ?? 'unmatched', status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      })));
    }
    withLogContext(context, next);
  });
  installApiMetrics(app);
  app.use(securityHeaders);
  app.use(closeConnectionsWhileDraining);
  // CORS only for the codec endpoint (the Temporal UI decodes payloads from its own origin); every other route
  // answers no cross-origin request, whatever CORS_ORIGINS lists.
  app.enableCors(corsOptions(auth.corsOrigins));
  if (auth.trustProxy !== undefined) app.set('trust proxy', auth.trustProxy);
  const parseJson = json({ limit: MAX_BODY, strict: true });
  // Temporal's codec clients do not always label their JSON; codec bodies are parsed whatever the type, and larger.
  const parseCodecJson = json({ limit: '4mb', strict: true, type: () => true });
  // Body-parser failures become typed API errors here, before Nest would turn them into generic ones.
  // Then THE text rule (errors/text-hygiene.ts) on the decoded path, the query and the parsed body, before any route.
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/codec/') ? parseCodecJson : parseJson)(req, res, (err?: unknown) => {
      if (err) return next(toApiError(err));
      try { checkRequestText(req); } catch (refusal) { return next(refusal); }
      next();
    }));
  app.disable('x-powered-by');
  // Authorization in one place: apps/api/src/auth/access-rules.ts (route → roles, unit scoping, rate limit).
  // Registrations that only replay an answered Idempotency-Key are not charged to the rate limit.
  const replays = new IdempotencyStore(app.get(DataSource), app.get<AppConfig>(APP_CONFIG).caseKeySecret);
  app.useGlobalGuards(new AuthGuard(auth, app.get(DataSource), () => app.get<Client>(TEMPORAL_CLIENT, { strict: false }),
    (req, actor) => isRegistrationReplay(replays, req, actor.id)));
  // Shutdown on signals is main.ts's (graceful-shutdown.ts): requests in flight finish before the modules close.
  answerParserErrors(app.getHttpServer() as Server);
  return app;
}

/** Requests Node rejects before Express sees them (oversized headers or URL, bad framing) still get the error shape. */
function answerParserErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({ error: tooLarge
      ? { code: 'REQUEST_HEADERS_TOO_LARGE', message: '请求地址或请求头过长', messageEn: 'Request URL or headers too large' }
      : { code: 'MALFORMED_REQUEST', message: '请求格式错误', messageEn: 'Malformed HTTP request' } });
    socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\n`
      + `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
}
