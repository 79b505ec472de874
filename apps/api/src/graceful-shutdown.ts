import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Set once a shutdown signal arrived: /ready answers 503 so load balancers stop sending new work here. */
export const shutdownState = { draining: false };

/** While draining, answers close their connection instead of keeping it alive for more requests. */
export function closeConnectionsWhileDraining(_req: Request, res: Response, next: NextFunction): void {
  if (shutdownState.draining) res.setHeader('connection', 'close');
  next();
}

/**
 * Graceful shutdown of the API process on SIGTERM / SIGINT:
 * 1. readiness turns 503 and answers close their connections, while requests keep being served for `drainDelayMs`
 *    (connections already opened get their request read; a load balancer sees the 503 and stops routing here);
 * 2. the listener closes; requests in flight finish (a registration waits for its workflow), idle sockets are closed;
 * 3. the Temporal connection and the database pool close, and the process exits 0.
 * Requests still running after `graceMs` are cut off so an orchestrator's kill deadline is never overrun.
 */
export function drainOnSignals(app: INestApplication, opts: { drainDelayMs: number; graceMs: number; log: (line: string) => void }): void {
  const server = app.getHttpServer() as Server;
  const drain = async (signal: NodeJS.Signals): Promise<void> => {
    if (shutdownState.draining) return;
    shutdownState.draining = true;
    opts.log(`[api] ${signal}: 停止接收新请求，处理中的请求完成后退出 / draining: finishing the requests in flight, then stopping`);
    const force = setTimeout(() => server.closeAllConnections(), opts.graceMs);
    await new Promise((r) => setTimeout(r, opts.drainDelayMs));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets between requests would hold close() open.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
    clearInterval(idle);
    clearTimeout(force);
    await app.close();
    opts.log('[api] stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => { void drain(s); });
}
