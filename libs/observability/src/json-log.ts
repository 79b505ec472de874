import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';

/** Log levels, most severe first; LOG_LEVEL names the least severe one written. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a line may say about the work in hand: ids only, never a petitioner's data. */
export interface LogContext {
  caseId?: string;
  actorId?: string;
}

const contextStore = new AsyncLocalStorage<() => LogContext>();

/** Runs `fn` with a log context (a function, so fields known later, such as the actor after authentication, appear). */
export function withLogContext<T>(context: () => LogContext, fn: () => T): T {
  return contextStore.run(context, fn);
}

export function parseLogLevel(raw: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === 'log') return 'info';
  if (v === 'verbose') return 'debug';
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : fallback;
}

function traceIdNow(): string | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && ctx.traceId !== '00000000000000000000000000000000' ? ctx.traceId : undefined;
}

function errorFields(err: Error): Record<string, unknown> {
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * One JSON object per line: level, time, service, msg, then caseId / actorId / traceId when known, then the caller's
 * fields. Callers pass ids and codes, never request bodies; Error values are reduced to name, message and code.
 */
export class JsonLog {
  private readonly rank: number;

  constructor(readonly service: string, readonly level: LogLevel, private readonly write: (line: string) => void = (l) => process.stdout.write(l)) {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= this.rank;
  }

  log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (!this.enabled(level)) return;
    const context = contextStore.getStore()?.() ?? {};
    const line: Record<string, unknown> = { level, time: new Date().toISOString(), service: this.service, msg };
    const traceId = (fields.traceId as string | undefined) ?? traceIdNow();
    for (const [k, v] of Object.entries({ caseId: context.caseId, actorId: context.actorId, traceId })) if (v !== undefined) line[k] = v;
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined || k in line) continue;
      line[k] = v instanceof Error ? errorFields(v) : v;
    }
    let text: string;
    try { text = JSON.stringify(line); } catch { text = JSON.stringify({ level, time: line.time, service: this.service, msg }); }
    this.write(`${text}\n`);
  }

  error(msg: string, fields?: Record<string, unknown>): void { this.log('error', msg, fields); }
  warn(msg: string, fields?: Record<string, unknown>): void { this.log('warn', msg, fields); }
  info(msg: string, fields?: Record<string, unknown>): void { this.log('info', msg, fields); }
  debug(msg: string, fields?: Record<string, unknown>): void { this.log('debug', msg, fields); }
}
