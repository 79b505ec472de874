import {
  OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '@petitions/observability';

/**
 * Worker options that carry a trace through: activity spans (children of the workflow's schedule span, so the
 * PostgreSQL queries of a projection hang under it) and the sink that exports the spans the workflow sandbox makes.
 * The workflow side is in every bundle (workflows/src/tracing.interceptors.ts) and traces the runs started traced.
 */
export function workerTracingOptions(tracing: Tracing | null): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  // A case started while tracing was on keeps making spans after it is turned off: they are dropped here.
  if (!tracing) return { sinks: { exporter: { export: { fn: () => undefined } } } };
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
