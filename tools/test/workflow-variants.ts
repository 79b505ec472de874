import { join } from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { DefinePlugin } from 'webpack';
import { WORKFLOWS_PATH, WORKFLOW_ALIASES } from '../../libs/temporal/src/workflow-bundle';

const REPLAY_DIR = join(__dirname, '../../workflows/src/replay');

/**
 * TEST HELPER: workflow bundles that differ from the deployed code on purpose, built like the real one
 * (libs/temporal/src/workflow-bundle.ts) so that only the stated difference remains.
 */

/** The workflow with an extra activity scheduled first (nondeterministic-variant.workflow-fixture.ts). */
export async function bundleExtraActivityVariant(): Promise<string> {
  return bundle(join(REPLAY_DIR, 'nondeterministic-variant.workflow-fixture.ts'), {}, {});
}

/**
 * The real workflow code (workflows/src) with one `patched(patchId)` guard dropped, its new path kept: every import of
 * `@temporalio/workflow` in the workflow's own code resolves to patch-dropped.workflow-shim.ts.
 */
export async function bundleWithoutPatchGuard(patchId: string): Promise<string> {
  return bundle(WORKFLOWS_PATH, { '@temporalio/workflow$': join(__dirname, 'patch-dropped.workflow-shim.ts') },
    { PETITIONS_DROPPED_PATCH: JSON.stringify(patchId) });
}

async function bundle(workflowsPath: string, aliases: Record<string, string>, defines: Record<string, string>): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as Record<string, string> | undefined), ...WORKFLOW_ALIASES, ...aliases };
      config.plugins = [...(config.plugins ?? []), new DefinePlugin(defines)];
      return config;
    },
    logger: new DefaultLogger('WARN'),
  });
  return code;
}
