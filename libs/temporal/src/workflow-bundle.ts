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
 * The workflow interceptors of every bundle: OpenTelemetry spans for the runs started with a trace context, nothing
 * for the others (see the module). One bundle serves traced and untraced workers alike.
 */
export const WORKFLOW_INTERCEPTORS = join(root, 'workflows/src/tracing.interceptors.ts');

export async function bundlePetitionWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: [WORKFLOW_INTERCEPTORS],
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as Record<string, string> | undefined), ...WORKFLOW_ALIASES };
      return config;
    },
    logger: new DefaultLogger('WARN'),
  });
}
