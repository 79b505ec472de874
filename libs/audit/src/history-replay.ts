import type { History } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, type ReplayWorkerOptions, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { bundlePetitionWorkflows, dataConverter } from '@petitions/temporal';

type WorkflowBundle = NonNullable<ReplayWorkerOptions['workflowBundle']>;

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * The current workflow code, built once per process: a prebuilt bundle when PETITIONS_WORKFLOW_BUNDLE names one
 * (tests, the Docker image), otherwise bundled from workflows/src on first use (a few seconds).
 */
export function currentWorkflowBundle(): Promise<WorkflowBundle> {
  bundle ??= (async (): Promise<WorkflowBundle> => {
    const codePath = process.env.PETITIONS_WORKFLOW_BUNDLE;
    if (codePath) return { codePath };
    return { code: (await bundlePetitionWorkflows()).code };
  })();
  bundle.catch(() => { bundle = undefined; });
  return bundle;
}

export type ReplayVerdict =
  | { runId: string; verdict: 'deterministic'; events: number; note?: string }
  | { runId: string; verdict: 'nondeterministic'; events: number; divergingEventId: number | null; error: string }
  | { runId: string; verdict: 'failed'; events: number; error: string };

export interface ReplayReport {
  workflowId: string;
  verdict: 'deterministic' | 'nondeterministic' | 'failed';
  runs: ReplayVerdict[];
  /** The first run that did not replay, and the event id where it diverged (when the SDK names it). */
  firstDivergence: { runId: string; eventId: number | null; error: string } | null;
}

/**
 * Core's message names the history event it could not match, e.g. "Nondeterminism error: Activity machine does not
 * handle this event: HistoryEvent(id: 5, WorkflowExecutionUpdateAccepted)"; other forms say "event_id: 5".
 */
export function divergingEventId(message: string): number | null {
  const m = /HistoryEvent\(id:\s*(\d+)/.exec(message) ?? /event[_ ]?id[\s:=]+(\d+)/i.exec(message) ?? /\bevent (\d+)\b/i.exec(message);
  return m ? Number(m[1]) : null;
}

/** Core logs each determinism violation as a WARN; an audit reports it instead. Installs a quiet runtime unless one runs. */
function quietRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
    });
  } catch { /* a runtime is already installed (a worker in this process): keep it */ }
}

export interface ReplayOptions {
  payloadKeys: string;
  workflowBundle?: WorkflowBundle;
}

/** Whether the history holds at least one completed workflow task (the workflow's decisions so far). */
export function hasCompletedWorkflowTask(history: History): boolean {
  return (history.events ?? []).some((e) => e.workflowTaskCompletedEventAttributes != null);
}

/** Replays each run against the current workflow code; stops at the first run that does not replay. */
export async function replayRuns(workflowId: string, runs: readonly { runId: string; history: History }[], opts: ReplayOptions): Promise<ReplayReport> {
  quietRuntime();
  const workflowBundle = opts.workflowBundle ?? await currentWorkflowBundle();
  const converter = dataConverter(opts.payloadKeys);
  const results: ReplayVerdict[] = [];
  for (const run of runs) {
    const events = run.history.events?.length ?? 0;
    // A run caught before its first workflow task completed (just continued as new, or just started) has made no
    // decision to check; the replayer would wait forever for one.
    if (!hasCompletedWorkflowTask(run.history)) {
      results.push({ runId: run.runId, verdict: 'deterministic', events, note: 'no workflow task completed yet: nothing to replay' });
      continue;
    }
    try {
      await Worker.runReplayHistory({ workflowBundle, dataConverter: converter, replayName: `audit-${workflowId}` }, run.history, workflowId);
      results.push({ runId: run.runId, verdict: 'deterministic', events });
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (err instanceof Error && err.name === 'DeterminismViolationError') {
        results.push({ runId: run.runId, verdict: 'nondeterministic', events, divergingEventId: divergingEventId(err.message), error });
      } else {
        results.push({ runId: run.runId, verdict: 'failed', events, error });
      }
      break;
    }
  }
  const bad = results.find((r): r is Exclude<ReplayVerdict, { verdict: 'deterministic' }> => r.verdict !== 'deterministic');
  return {
    workflowId,
    verdict: bad ? bad.verdict : 'deterministic',
    runs: results,
    firstDivergence: bad
      ? { runId: bad.runId, eventId: bad.verdict === 'nondeterministic' ? bad.divergingEventId : null, error: bad.error }
      : null,
  };
}
