import type { Client } from '@temporalio/client';
import { type History, historyFromJSON } from '@temporalio/common/lib/proto-utils';

/** One run of a case's workflow (a case continues-as-new into further runs). */
export interface CaseRun {
  workflowId: string;
  runId: string;
  history: History;
}

/**
 * Every run of a case, oldest first. Follows the chain backwards from the latest run through each run's
 * WorkflowExecutionStarted.continuedExecutionRunId, so it does not depend on (eventually consistent) visibility.
 */
export async function fetchCaseRuns(client: Client, workflowId: string, maxRuns = 1000): Promise<CaseRun[]> {
  const latest = await client.workflow.getHandle(workflowId).describe();
  const runs: CaseRun[] = [];
  let runId: string | undefined = latest.runId;
  while (runId && runs.length < maxRuns) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ workflowId, runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

/**
 * A history file as `temporal workflow show --output json` writes it. The workflow id is not in the history:
 * it is taken from the caller, or from the case id of the workflow input later (see decodeWorkflowInput).
 */
export function historyFromFile(text: string): History {
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { events?: unknown }).events)) {
    throw new Error('not a Temporal history: expected {"events": [...]} (temporal workflow show --output json)');
  }
  return historyFromJSON(parsed);
}
