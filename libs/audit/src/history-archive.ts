import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { DataSource } from 'typeorm';
import { type CaseRun, fetchCaseRuns } from './case-history.source';

/** Copies every run of closed cases into PostgreSQL (idempotent). Running cases are skipped: their history still grows. */
export async function archiveClosedCases(client: Client, ds: DataSource, caseIds?: readonly string[]): Promise<{ cases: number; runs: number }> {
  const ids = caseIds ?? await closedCaseIds(client);
  let runs = 0;
  let cases = 0;
  for (const caseId of ids) {
    const { status } = await client.workflow.getHandle(caseId).describe();
    if (status.name === 'RUNNING') continue;
    const all = await fetchCaseRuns(client, caseId);
    for (const [i, run] of all.entries()) {
      await ds.query(
        `INSERT INTO case_history_archive (case_id, run_id, run_index, history) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING`,
        [caseId, run.runId, i, historyToJSON(run.history)]);
      runs++;
    }
    cases++;
  }
  return { cases, runs };
}

async function closedCaseIds(client: Client): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowType = 'petitionCase' AND ExecutionStatus != 'Running'` })) ids.push(wf.workflowId);
  return [...new Set(ids)];
}

export async function loadArchivedRuns(ds: DataSource, caseId: string): Promise<CaseRun[]> {
  const rows: { run_id: string; history: unknown }[] = await ds.query(
    'SELECT run_id, history FROM case_history_archive WHERE case_id = $1 ORDER BY run_index', [caseId]);
  return rows.map((r) => ({ workflowId: caseId, runId: r.run_id, history: historyFromJSON(r.history) }));
}

/** The case's runs from the server, or from the archive once the server has deleted them (retention). */
export async function fetchCaseRunsOrArchive(client: Client, ds: DataSource, caseId: string): Promise<CaseRun[]> {
  try {
    return await fetchCaseRuns(client, caseId);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const archived = await loadArchivedRuns(ds, caseId);
    if (archived.length === 0) throw err;
    return archived;
  }
}
