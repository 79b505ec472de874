import {
  OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '@petitions/observability';

/**
 * Worker options that carry a trace through: activity spans (children of the workflow's schedule span, so the
 * PostgreSQL queries of a projection hang under it) and the sink that exports the spans the workflow sandbox makes.
 * The workflow side needs a traced bundle (bundlePetitionWorkflows({ tracing: true })).
 */
export function workerTracingOptions(tracing: Tracing | null): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  if (!tracing) return {};
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
