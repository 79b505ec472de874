import type { LoggerService } from '@nestjs/common';
import type { JsonLog, LogLevel } from './json-log';

/**
 * Nest's start-up chatter (modules loaded, every route mapped, "application started") is debug: an operator's log
 * starts quiet and says what matters. LOG_LEVEL=debug shows it again.
 */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's LoggerService writing JSON lines (Nest passes the context, a class name, as the last argument). */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly out: JsonLog) {}

  log(message: unknown, ...rest: unknown[]): void { this.emit('info', message, rest); }
  error(message: unknown, ...rest: unknown[]): void { this.emit('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.emit('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.emit('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.emit('trace', message, rest); }
  fatal(message: unknown, ...rest: unknown[]): void { this.emit('error', message, rest); }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const effective: LogLevel = context && FRAMEWORK_CONTEXTS.has(context) && (level === 'info' || level === 'debug') ? 'debug' : level;
    if (!this.out.enabled(effective)) return;
    const fields: Record<string, unknown> = { context };
    // Nest's error(message, stack, context): the stack is kept only at debug (it names files, never data).
    if (level === 'error' && typeof rest[0] === 'string' && rest.length > 1 && this.out.enabled('debug')) fields.stack = rest[0];
    if (message instanceof Error) { fields.err = message; this.out.log(effective, message.message, fields); return; }
    this.out.log(effective, typeof message === 'string' ? message : JSON.stringify(message), fields);
  }
}
