import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { JsonLog, parseLogLevel, withLogContext } from './json-log';
import { NestJsonLogger } from './nest-json-logger';
import { TemporalJsonLogger } from './temporal-json-logger';
import { tracingEnabled } from './tracing';

function capture(level: Parameters<typeof parseLogLevel>[0] = 'info') {
  const lines: Record<string, unknown>[] = [];
  const log = new JsonLog('test', parseLogLevel(level), (l) => { expect(l.endsWith('\n')).toBe(true); lines.push(JSON.parse(l)); });
  return { log, lines };
}

describe('JSON lines', () => {
  it('writes level, time, service and msg, then the context ids and the fields; drops levels below LOG_LEVEL', () => {
    const { log, lines } = capture('info');
    withLogContext(() => ({ caseId: 'petition-abc', actorId: 'reg-1' }), () => log.info('hello', { step: 'routing' }));
    log.debug('not written');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'test', msg: 'hello',
      caseId: 'petition-abc', actorId: 'reg-1', step: 'routing' });
  });

  it('carries the active trace id, and reduces errors to name, message and code', () => {
    const { log, lines } = capture('debug');
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()); // as the tracer provider registers it
    const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
    context.with(trace.setSpan(context.active(), span), () => log.error('failed', { err: Object.assign(new Error('boom'), { code: 'X1', detail: 'secret' }) }));
    expect(lines[0].traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(lines[0].err).toEqual({ name: 'Error', message: 'boom', code: 'X1' });
  });

  it('reads LOG_LEVEL names, Nest and Temporal spellings included', () => {
    expect(['warn', 'WARN', 'log', 'verbose', 'nonsense', undefined].map((v) => parseLogLevel(v))).toEqual(['warn', 'warn', 'info', 'debug', 'info', 'info']);
  });
});

describe('NestJsonLogger', () => {
  it("is quiet by default: Nest's start-up and route mapping are debug", () => {
    const { log, lines } = capture('info');
    const nest = new NestJsonLogger(log);
    nest.log('Mapped {/petitions, POST} route', 'RouterExplorer');
    nest.log('ApiModule dependencies initialized', 'InstanceLoader');
    nest.log('worker polling task queues', 'TemporalWorkerService');
    expect(lines.map((l) => [l.msg, l.context])).toEqual([['worker polling task queues', 'TemporalWorkerService']]);
    const verbose = capture('debug');
    new NestJsonLogger(verbose.log).log('Mapped {/petitions, POST} route', 'RouterExplorer');
    expect(verbose.lines.map((l) => l.level)).toEqual(['debug']);
  });
});

describe('TemporalJsonLogger', () => {
  it('keeps ids and types (case id from a petition workflow id, trace id), never other metadata', () => {
    const { log, lines } = capture('info');
    new TemporalJsonLogger(log).warn('Activity failed', {
      workflowId: 'petition-123', workflowType: 'petitionCase', activityType: 'projectCaseEvents', attempt: 2, trace_id: 'abc',
      input: { petitioner: { name: '某某' } }, error: new Error('connection lost'),
    });
    expect(lines[0]).toEqual({ level: 'warn', time: expect.any(String), service: 'test', msg: 'Activity failed', caseId: 'petition-123',
      traceId: 'abc', workflowId: 'petition-123', workflowType: 'petitionCase', activityType: 'projectCaseEvents', attempt: 2,
      err: { name: 'Error', message: 'connection lost' } });
  });
});

describe('tracingEnabled', () => {
  it('is off by default and follows the standard OTEL_* variables', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingEnabled({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
  });
});
