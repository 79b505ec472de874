import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { PETITION_WORKFLOW_TYPE } from '@petitions/contracts';
import { ProjectionDeadLetters } from '@petitions/read-model';
import type { CaseRun } from './case-history.source';
import { fetchCaseRunsOrArchive } from './history-archive';
import { type DecodedCase, decodeCaseHistories } from './history-events';
import { type ReplayReport, replayRuns } from './history-replay';
import { type AsOf, type PointInTimeState, type TimelineEntry, renderTimeline, stateAsOf } from './case-timeline';
import { type Mismatch, diffCaseRow, diffEventRows, expectedCaseRow, expectedEventRows } from './read-model.consistency';

export interface VerifyReport {
  caseId: string;
  ok: boolean;
  /** Events compared row by row: those whose projection had completed in the history. */
  checkedThroughSeq: number;
  /** Events in the history (every run); events past checkedThroughSeq are counted against the read model too. */
  historySeq: number;
  mismatches: Mismatch[];
}

export interface VerifyOptions {
  /**
   * How long an event of the history may stay unprojected before it counts as a mismatch (a batch in flight is
   * not one; a projection stuck or retrying for longer is). Measured on the event's own time. Default 2 minutes.
   */
  lagGraceMs?: number;
  now?: number;
}
const DEFAULT_LAG_GRACE_MS = 120_000;

/** Read-only audit of cases: their Temporal histories against the workflow code and against PostgreSQL. */
export class CaseAuditor {
  /**
   * `taskQueue`: the deployment's case task queue. `verify --all` lists the case workflows of that queue, so a Temporal
   * namespace shared with another deployment (or another test stack) does not report that deployment's cases as
   * missing from this read model. Without it every case workflow of the namespace is listed.
   */
  constructor(private readonly client: Client, private readonly dataSource: DataSource, private readonly payloadKeys: string,
    private readonly taskQueue?: string) {}

  runs(caseId: string): Promise<CaseRun[]> {
    return fetchCaseRunsOrArchive(this.client, this.dataSource, caseId);
  }

  async replay(caseId: string): Promise<ReplayReport> {
    return replayRuns(caseId, await this.runs(caseId), { payloadKeys: this.payloadKeys });
  }

  async decode(caseId: string): Promise<DecodedCase & { runs: number }> {
    const runs = await this.runs(caseId);
    return { ...(await decodeCaseHistories(runs.map((r) => r.history), this.payloadKeys)), runs: runs.length };
  }

  async timeline(caseId: string): Promise<{ caseId: string; runs: number; timeline: TimelineEntry[] }> {
    const d = await this.decode(caseId);
    return { caseId, runs: d.runs, timeline: renderTimeline(d.events) };
  }

  async stateAsOf(caseId: string, asOf: AsOf): Promise<PointInTimeState & { caseId: string; lastSeq: number }> {
    const d = await this.decode(caseId);
    return { caseId, lastSeq: d.events.at(-1)?.seq ?? 0, ...stateAsOf(d.events, asOf, { policy: d.input.policy, calendar: d.input.calendar }) };
  }

  async verify(caseId: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
    let decoded: DecodedCase;
    try {
      decoded = await this.decode(caseId);
    } catch (err) {
      return { caseId, ok: false, checkedThroughSeq: 0, historySeq: 0, mismatches: [{ kind: 'history_unreadable', caseId, error: err instanceof Error ? err.message : String(err) }] };
    }
    const through = decoded.projectedThroughSeq;
    const events = decoded.events.filter((r) => r.seq <= through);
    const [row] = await this.dataSource.query('SELECT * FROM cases WHERE case_id = $1', [caseId]);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      'SELECT seq, type, occurred_at, actor_id, actor_role, actor_unit, reason, payload FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
    // A batch still in flight may already be written: rows the history has but has not confirmed are not extras.
    const inFlight = new Set(decoded.events.filter((r) => r.seq > through).map((r) => r.seq));
    const comparable = rows.filter((r) => !inFlight.has(Number(r.seq)));
    const mismatches = [
      ...await this.verifyChain(caseId, through, decoded.projectedChainHead),
      ...diffEventRows(caseId, expectedEventRows(events), comparable),
      ...(rowComparable(row, through, inFlight) ? diffCaseRow(expectedCaseRow(caseId, events, decoded.projectedSummary), row) : []),
      ...await this.projectionLag(caseId, decoded, rows, opts),
    ];
    const historySeq = decoded.events.at(-1)?.seq ?? 0;
    return { caseId, ok: mismatches.length === 0, checkedThroughSeq: through, historySeq, mismatches };
  }

  /**
   * The history against the read model beyond the confirmed batches: a case in the dead-letter table is a mismatch
   * at once; events the history holds but PostgreSQL lacks are one once older than the grace (a projection retrying
   * for ever used to leave such a case "consistent", with nothing projected to compare).
   */
  private async projectionLag(caseId: string, decoded: DecodedCase, rows: Record<string, unknown>[], opts: VerifyOptions): Promise<Mismatch[]> {
    const out: Mismatch[] = [];
    const stuck = await new ProjectionDeadLetters(this.dataSource).get(caseId);
    if (stuck) out.push({ kind: 'projection_stuck', caseId, seq: stuck.firstSeq, error: `${stuck.errorCode ?? ''} ${stuck.errorMessage}`.trim() });
    const have = new Set(rows.map((r) => Number(r.seq)));
    const unprojected = decoded.events.filter((r) => r.seq > decoded.projectedThroughSeq && !have.has(r.seq));
    const now = opts.now ?? Date.now();
    const grace = opts.lagGraceMs ?? DEFAULT_LAG_GRACE_MS;
    const overdue = unprojected.filter((r) => now - Date.parse(r.event.at) >= grace);
    if (overdue.length > 0 || (stuck && unprojected.length > 0)) {
      out.push({ kind: 'projection_behind', caseId, historySeq: decoded.events.at(-1)?.seq ?? 0, readModelEvents: have.size, unprojected: unprojected.length });
    }
    return out;
  }

  /** Recomputes the case's hash chain in PostgreSQL and compares its head with the one the history recorded. */
  async verifyChain(caseId: string, through: number, recordedHead: string | null): Promise<Mismatch[]> {
    const rows: { seq: number; prev_hash: string | null; hash: string | null; recomputed: string | null; genesis: string }[] =
      await this.dataSource.query(
        `SELECT seq, prev_hash, hash, case_event_hash(prev_hash, seq, payload) AS recomputed, case_chain_genesis(case_id) AS genesis
           FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
    const out: Mismatch[] = [];
    let prev: string | null = null;
    let expectedSeq = 1;
    for (const r of rows) {
      if (r.hash === null) break; // projected but not chained yet (a batch in flight)
      if (r.seq !== expectedSeq) out.push({ kind: 'chain_broken', caseId, seq: expectedSeq, reason: 'gap' });
      if (r.prev_hash !== (r.seq === 1 ? r.genesis : prev)) out.push({ kind: 'chain_broken', caseId, seq: r.seq, reason: 'link' });
      if (r.hash !== r.recomputed) out.push({ kind: 'chain_broken', caseId, seq: r.seq, reason: 'hash' });
      prev = r.hash;
      expectedSeq = r.seq + 1;
    }
    const head = rows.find((r) => r.seq === through)?.hash ?? null;
    if (recordedHead && through > 0 && head !== recordedHead) out.push({ kind: 'chain_head', caseId, seq: through, expected: recordedHead, actual: head });
    return out;
  }

  /**
   * A page of case ids in id order (keyset pagination for `verify --all`): every case workflow Temporal's visibility
   * lists (the source of truth, so a case missing from `cases` is visited too), plus read-model cases Temporal no
   * longer lists (archived). `missingFromReadModel`: the page's cases that have no `cases` row.
   */
  async listCaseIds(after: string | null, limit: number): Promise<{ caseIds: string[]; total: number; missingFromReadModel: string[] }> {
    const ids = new Set<string>();
    const queue = this.taskQueue ? ` AND TaskQueue = '${this.taskQueue.replace(/'/g, "''")}'` : '';
    for await (const wf of this.client.workflow.list({ query: `WorkflowType = '${PETITION_WORKFLOW_TYPE}'${queue}` })) ids.add(wf.workflowId);
    const inTemporal = new Set(ids);
    const rows: { case_id: string }[] = await this.dataSource.query('SELECT case_id FROM cases');
    const inReadModel = new Set(rows.map((r) => r.case_id));
    for (const id of inReadModel) ids.add(id);
    const all = [...ids].sort();
    const page = all.filter((id) => after === null || id > after).slice(0, limit);
    return { caseIds: page, total: all.length, missingFromReadModel: page.filter((id) => inTemporal.has(id) && !inReadModel.has(id)) };
  }
}

/** No row before the first projection; a row already folding an in-flight batch is compared on the next check. */
function rowComparable(row: Record<string, unknown> | undefined, through: number, inFlight: ReadonlySet<number>): boolean {
  if (!row) return through > 0;
  return !inFlight.has(Number(row.last_seq));
}
