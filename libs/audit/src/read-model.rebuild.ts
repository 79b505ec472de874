import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CaseProjectionWriter, createReadModelDataSource, runMigrations } from '@petitions/read-model';
import { fetchCaseRuns } from './case-history.source';
import { decodeCaseHistories } from './history-events';

/** Tables that are pure projections of the case histories, with the columns that do not come from them. */
const PROJECTED_TABLES: { table: string; caseColumn: string | null; ignore: string[] }[] = [
  { table: 'case_events', caseColumn: 'case_id', ignore: ['recorded_at'] },
  { table: 'cases', caseColumn: 'case_id', ignore: [] },
  { table: 'accountability_ledger', caseColumn: 'case_id', ignore: [] },
  { table: 'case_unit_stats', caseColumn: null, ignore: [] },
  { table: 'ledger_unit_stats', caseColumn: null, ignore: [] },
];

export interface RebuildOptions {
  client: Client;
  databaseUrl: string;
  payloadKeys: string;
  /** Schema to rebuild into (dropped and recreated); the live read model in `public` is only read. */
  schema?: string;
  /** Only these cases (default: every petitionCase workflow the server knows). */
  caseIds?: string[];
  onProgress?: (done: number, total: number) => void;
}

export interface TableDiff { table: string; onlyLive: number; onlyRebuilt: number }
export interface RebuildReport { schema: string; cases: number; events: number; diffs: TableDiff[]; identical: boolean }

const SAFE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Rebuilds the read model from Temporal's histories (the source of truth) into a separate schema, then diffs it
 * row for row against the live tables. Letters, policies and cluster warnings are records of side effects, not
 * projections of a case's events, and are not rebuilt.
 */
export async function rebuildReadModel(opts: RebuildOptions): Promise<RebuildReport> {
  const schema = opts.schema ?? 'rebuild';
  if (!SAFE.test(schema) || schema === 'public') throw new Error(`invalid rebuild schema "${schema}"`);
  const admin = await new DataSource({ type: 'postgres', url: opts.databaseUrl, extra: { max: 1 } }).initialize();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.destroy();
  }
  await runMigrations(opts.databaseUrl, { schema });
  const target = await createReadModelDataSource(opts.databaseUrl, { poolSize: 4, schema }).initialize();
  try {
    const caseIds = opts.caseIds ?? await listCaseIds(opts.client);
    const writer = new CaseProjectionWriter(target);
    let events = 0;
    for (const [i, caseId] of caseIds.entries()) {
      const runs = await fetchCaseRuns(opts.client, caseId);
      const decoded = await decodeCaseHistories(runs.map((r) => r.history), opts.payloadKeys);
      // Exactly what the workflow's completed projection batches handed over, with the last batch's summary.
      const projected = decoded.events.filter((r) => r.seq <= decoded.projectedThroughSeq);
      if (projected.length > 0 && decoded.projectedSummary) {
        await writer.write({ caseId, events: projected, summary: decoded.projectedSummary });
        events += projected.length;
      }
      opts.onProgress?.(i + 1, caseIds.length);
    }
    const diffs: TableDiff[] = [];
    for (const t of PROJECTED_TABLES) diffs.push(await diffTable(target, schema, t, opts.caseIds));
    return { schema, cases: caseIds.length, events, diffs, identical: diffs.every((d) => d.onlyLive === 0 && d.onlyRebuilt === 0) };
  } finally {
    await target.destroy();
  }
}

async function listCaseIds(client: Client): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowType = 'petitionCase'` })) ids.push(wf.workflowId);
  return [...new Set(ids)].sort();
}

async function diffTable(ds: DataSource, schema: string, t: (typeof PROJECTED_TABLES)[number], caseIds?: string[]): Promise<TableDiff> {
  const cols: { column_name: string }[] = await ds.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, t.table]);
  // Generated and array columns compare as text so EXCEPT works on every type (json has no equality operator).
  const list = cols.map((c) => c.column_name).filter((c) => !t.ignore.includes(c)).map((c) => `${c}::text`).join(', ');
  const scoped = caseIds && t.caseColumn ? `WHERE ${t.caseColumn} = ANY($1)` : '';
  const params = caseIds && t.caseColumn ? [caseIds] : [];
  if (caseIds && !t.caseColumn) return { table: t.table, onlyLive: 0, onlyRebuilt: 0 }; // rollups span cases
  const [{ live, rebuilt }] = await ds.query(
    `SELECT (SELECT count(*) FROM (SELECT ${list} FROM public.${t.table} ${scoped} EXCEPT ALL SELECT ${list} FROM ${schema}.${t.table} ${scoped}) a)::int AS live,
            (SELECT count(*) FROM (SELECT ${list} FROM ${schema}.${t.table} ${scoped} EXCEPT ALL SELECT ${list} FROM public.${t.table} ${scoped}) b)::int AS rebuilt`,
    params);
  return { table: t.table, onlyLive: live, onlyRebuilt: rebuilt };
}
