/**
 * Workflow interceptors of the bundle (the one module of workflows/ allowed the OpenTelemetry interceptors package,
 * see eslint.config.js). A run is traced only when its start carried a trace context (the `_tracer-data` header the
 * client interceptor writes when the API traces): the header is in the run's history, so replay takes the same path
 * whatever the worker's tracing setting. An untraced run goes straight to `next` (no span, no extra await): the
 * OpenTelemetry interceptors add awaits that reorder an update's completion against the main loop's commands, so
 * switching them on for a run recorded without them would break its replay (measured on the committed histories).
 */
import {
  OpenTelemetryInboundInterceptor, OpenTelemetryInternalsInterceptor, OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptors } from '@temporalio/workflow';

const TRACE_HEADER = '_tracer-data';

export const interceptors = (): WorkflowInterceptors => {
  let traced = false;
  const inbound = new OpenTelemetryInboundInterceptor();
  const outbound = new OpenTelemetryOutboundInterceptor();
  const internals = new OpenTelemetryInternalsInterceptor();
  return {
    inbound: [{
      execute: (input, next) => {
        traced = Object.prototype.hasOwnProperty.call(input.headers, TRACE_HEADER);
        return traced ? inbound.execute(input, next) : next(input);
      },
      handleSignal: (input, next) => (traced ? inbound.handleSignal(input, next) : next(input)),
      handleUpdate: (input, next) => (traced ? inbound.handleUpdate(input, next) : next(input)),
      validateUpdate: (input, next) => (traced ? inbound.validateUpdate(input, next) : next(input)),
      handleQuery: (input, next) => (traced ? inbound.handleQuery(input, next) : next(input)),
    }],
    outbound: [{
      scheduleActivity: (input, next) => (traced ? outbound.scheduleActivity(input, next) : next(input)),
      scheduleLocalActivity: (input, next) => (traced ? outbound.scheduleLocalActivity(input, next) : next(input)),
      startChildWorkflowExecution: (input, next) => (traced ? outbound.startChildWorkflowExecution(input, next) : next(input)),
      continueAsNew: (input, next) => (traced ? outbound.continueAsNew(input, next) : next(input)),
      signalWorkflow: (input, next) => (traced ? outbound.signalWorkflow(input, next) : next(input)),
      getLogAttributes: (input, next) => (traced ? outbound.getLogAttributes(input, next) : next(input)),
    }],
    internals: [{
      dispose: (input, next) => (traced ? internals.dispose(input, next) : next(input)),
    }],
  };
};
