/**
 * FOR THE REPLAY TESTS ONLY (bundled by variant-bundle.ts, never registered on a worker): `@temporalio/workflow` as the
 * workflow sees it, except that `patched(PETITIONS_DROPPED_PATCH)` is `true` without asking Temporal: the code as if
 * that `if (patched(...))` guard had been deleted and its new path kept. Every other patch id is the SDK's own.
 */
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

/** Replaced at bundle time (webpack DefinePlugin) with the id of the patch whose guard is dropped. */
declare const PETITIONS_DROPPED_PATCH: string;

export function patched(patchId: string): boolean {
  return patchId === PETITIONS_DROPPED_PATCH ? true : sdkPatched(patchId);
}
