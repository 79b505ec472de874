import type { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { type BusinessCalendar, localDate } from '@petitions/domain';
import { CalendarStore } from '@petitions/read-model';

/** What the gauges read from PostgreSQL and Temporal at a scrape (counts, never rows). */
export interface ReadModelSnapshot {
  postgresUp: boolean;
  temporalUp: boolean;
  openCasesByStep: { step: string; n: number }[];
  armedDeadlinesByKind: { kind: string; n: number }[];
  openBreaches: number;
  stuckProjections: number;
  letters: { kind: string; state: string; n: number }[];
  provisionalOpenCases: { year: number; n: number }[];
  coveredYears: number[];
  nextYear: number;
  pollers: { type: 'workflow' | 'activity'; queue: string; n: number }[];
  seconds: number;
}

/**
 * Each query is served by an index on open cases (partial `WHERE status = 'open'`, GIN on provisional years) or reads
 * a small table (dead letters, letters, calendar years); the ledger's open breaches are those not yet resolved.
 * Open deadlines are the keys of each open case's `open_deadlines` (feedback keys folded into 'feedback').
 */
const QUERIES = {
  openCasesByStep: `SELECT step, count(*)::int AS n FROM cases WHERE status = 'open' GROUP BY step`,
  armedDeadlinesByKind: `SELECT split_part(k, ':', 1) AS kind, count(*)::int AS n FROM cases c, jsonb_object_keys(c.open_deadlines) AS k
    WHERE c.status = 'open' GROUP BY 1`,
  openBreaches: `SELECT count(*)::int AS n FROM accountability_ledger WHERE resolved_at IS NULL`,
  stuckProjections: `SELECT count(*)::int AS n FROM projection_dead_letters`,
  letters: `SELECT kind, CASE WHEN feedback_state IN ('awaiting', 'returned') AND feedback_due_at < now() THEN 'overdue' ELSE feedback_state END AS state,
    count(*)::int AS n FROM letters GROUP BY 1, 2`,
};

export class ReadModelSnapshotSource {
  private cached?: { at: number; value: Promise<ReadModelSnapshot> };

  constructor(private readonly ds: DataSource, private readonly client: Client, private readonly opts: {
    namespace: string; taskQueues: string[]; baseCalendar: BusinessCalendar; cacheMs: number; now?: () => Date;
  }) {}

  /** One snapshot per cacheMs, shared by every gauge of a scrape (and by scrapes of several Prometheus servers). */
  get(): Promise<ReadModelSnapshot> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.opts.cacheMs) this.cached = { at: now, value: this.load() };
    return this.cached.value;
  }

  private async load(): Promise<ReadModelSnapshot> {
    const started = process.hrtime.bigint();
    const now = this.opts.now?.() ?? new Date();
    const nextYear = Number(localDate(now.toISOString()).slice(0, 4)) + 1;
    const snap: ReadModelSnapshot = {
      postgresUp: false, temporalUp: false, openCasesByStep: [], armedDeadlinesByKind: [], openBreaches: 0, stuckProjections: 0,
      letters: [], provisionalOpenCases: [], coveredYears: [], nextYear, pollers: [], seconds: 0,
    };
    await Promise.all([this.loadReadModel(snap), this.loadTemporal(snap)]);
    snap.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return snap;
  }

  private async loadReadModel(snap: ReadModelSnapshot): Promise<void> {
    try {
      await this.ds.query('SELECT 1');
      snap.postgresUp = true;
    } catch { return; }
    const q = async <T>(sql: string): Promise<T[]> => this.ds.query(sql);
    const [steps, deadlines, [breaches], [stuck], letters, coverage] = await Promise.all([
      q<{ step: string; n: number }>(QUERIES.openCasesByStep), q<{ kind: string; n: number }>(QUERIES.armedDeadlinesByKind),
      q<{ n: number }>(QUERIES.openBreaches), q<{ n: number }>(QUERIES.stuckProjections),
      q<{ kind: string; state: string; n: number }>(QUERIES.letters), new CalendarStore(this.ds).coverage(this.opts.baseCalendar),
    ]);
    snap.openCasesByStep = steps.map((r) => ({ step: r.step, n: Number(r.n) }));
    snap.armedDeadlinesByKind = deadlines.map((r) => ({ kind: r.kind, n: Number(r.n) }));
    snap.openBreaches = Number(breaches.n);
    snap.stuckProjections = Number(stuck.n);
    snap.letters = letters.map((r) => ({ kind: r.kind, state: r.state, n: Number(r.n) }));
    snap.provisionalOpenCases = coverage.provisionalOpenCases.map((r) => ({ year: r.year, n: r.cases }));
    snap.coveredYears = coverage.years.map((y) => y.year);
  }

  /** Pollers on the task queues as Temporal sees them (DescribeTaskQueue): zero means no worker takes the work. */
  private async loadTemporal(snap: ReadModelSnapshot): Promise<void> {
    const service = (this.client.connection as Connection).workflowService;
    const types = [['workflow', temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW], ['activity', temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]] as const;
    try {
      for (const queue of this.opts.taskQueues) {
        for (const [type, taskQueueType] of types) {
          const res = await service.describeTaskQueue({ namespace: this.opts.namespace, taskQueue: { name: queue }, taskQueueType });
          snap.pollers.push({ type, queue, n: res.pollers?.length ?? 0 });
        }
      }
      snap.temporalUp = true;
    } catch {
      snap.pollers = [];
    }
  }
}
