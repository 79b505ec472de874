import type { LogLevel as TemporalLogLevel, LogMetadata, Logger } from '@temporalio/common';
import type { JsonLog, LogLevel } from './json-log';

const LEVELS: Record<TemporalLogLevel, LogLevel> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * Metadata the SDK attaches that a line may carry (ids, types, queue, attempt; the OpenTelemetry interceptors add
 * trace_id). Anything else (payloads, arbitrary objects) is left out, so nothing a workflow holds reaches the log.
 */
const KEPT = ['workflowId', 'runId', 'workflowType', 'activityId', 'activityType', 'taskQueue', 'namespace', 'attempt', 'sdkComponent'];

/** The Temporal Runtime's logger (worker, activities, workflow log sinks, forwarded core logs) writing JSON lines. */
export class TemporalJsonLogger implements Logger {
  constructor(private readonly out: JsonLog) {}

  log(level: TemporalLogLevel, message: string, meta: LogMetadata = {}): void {
    const mapped = LEVELS[level] ?? 'info';
    if (!this.out.enabled(mapped)) return;
    const fields: Record<string, unknown> = {};
    const workflowId = typeof meta.workflowId === 'string' ? meta.workflowId : undefined;
    if (workflowId?.startsWith('petition-')) fields.caseId = workflowId;
    if (typeof meta.trace_id === 'string') fields.traceId = meta.trace_id;
    for (const k of KEPT) if (meta[k] !== undefined) fields[k] = meta[k];
    if (meta.error instanceof Error) fields.err = meta.error;
    else if (meta.failure && typeof meta.failure === 'object') fields.failure = (meta.failure as { message?: string }).message;
    this.out.log(mapped, message, fields);
  }

  trace(message: string, meta?: LogMetadata): void { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata): void { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata): void { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata): void { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata): void { this.log('ERROR', message, meta); }
}
