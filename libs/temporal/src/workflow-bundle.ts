import { join, resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const root = resolve(__dirname, '..', '..', '..');

/** The workflow bundle may reach only these aliases: the layering rule of workflows/ made concrete. */
export const WORKFLOW_ALIASES: Record<string, string> = {
  '@petitions/domain': join(root, 'libs/domain/src/index.ts'),
  '@petitions/contracts': join(root, 'libs/contracts/src/index.ts'),
};

export const WORKFLOWS_PATH = join(root, 'workflows/src/index.ts');

/**
 * The OpenTelemetry workflow interceptors (spans for the run, its updates and signals, and the trace context handed to
 * each activity), bundled only into a traced bundle: the workflow code itself never imports them.
 */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

export async function bundlePetitionWorkflows(opts: { tracing?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: opts.tracing ? [TRACING_WORKFLOW_INTERCEPTORS] : [],
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as Record<string, string> | undefined), ...WORKFLOW_ALIASES };
      return config;
    },
    logger: new DefaultLogger('WARN'),
  });
}
