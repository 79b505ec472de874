import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Requests that are not work (scrapes, probes) make no spans. */
const QUIET_PATHS = /^\/(metrics|health|ready)(\?|$)/;

/**
 * Tracing is off unless an OTLP endpoint is configured by the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER=otlp; OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none
 * turn it off whatever else is set.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return false;
  const exporter = (env.OTEL_TRACES_EXPORTER ?? '').toLowerCase();
  if (exporter === 'none') return false;
  return exporter === 'otlp' || !!env.OTEL_EXPORTER_OTLP_ENDPOINT || !!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
}

export interface Tracing {
  /** The processor workflow spans go through too (the worker's exporter sink). */
  spanProcessor: SpanProcessor;
  resource: Resource;
  shutdown(): Promise<void>;
}

let installed: Tracing | null | undefined;

/**
 * Installs OpenTelemetry for the process: a tracer provider (W3C trace context, AsyncLocalStorage context), the HTTP
 * and PostgreSQL instrumentations and the OTLP/HTTP exporter, which reads the OTEL_EXPORTER_OTLP_* variables itself
 * (endpoint, headers, timeout); the sampler follows OTEL_TRACES_SAMPLER. Call it before `http` servers and `pg`
 * are loaded (main.ts imports it first). Returns null when tracing is off. `exporter` replaces OTLP (tests).
 * SQL statements are recorded with their placeholders only (the pg instrumentation's default), never the values.
 */
export function startTracing(serviceName: string, opts: { env?: NodeJS.ProcessEnv; exporter?: SpanExporter } = {}): Tracing | null {
  if (installed !== undefined) return installed;
  const env = opts.env ?? process.env;
  if (!opts.exporter && !tracingEnabled(env)) return (installed = null);
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME || serviceName });
  const spanProcessor = opts.exporter ? new SimpleSpanProcessor(opts.exporter) : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => QUIET_PATHS.test(req.url ?? '') }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  installed = { spanProcessor, resource, shutdown: () => provider.shutdown() };
  return installed;
}

/** The tracing installed in this process, if any. */
export function currentTracing(): Tracing | null {
  return installed ?? null;
}
