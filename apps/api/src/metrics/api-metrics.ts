import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CASE_COMMAND_TYPES } from '@petitions/domain';
import type { ReadModelSnapshot } from './read-model.snapshot';

const KNOWN_COMMANDS = new Set<string>(CASE_COMMAND_TYPES as readonly string[]);

/** Where the error filter leaves a refusal's stable code for the metrics (res.locals). */
export const ERROR_CODE_LOCAL = 'petitionsErrorCode';

/** The route as declared (`/petitions/:caseId/commands`), never the raw path: ids would make a series per case. */
function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: string } }).route?.path;
  return route ? `${req.baseUrl ?? ''}${route}` : 'unmatched';
}

/**
 * The API's metrics (prom-client, Prometheus text). Counters of what the API is asked: registrations and commands by
 * type and result code, requests by route; gauges read from the read model and Temporal at scrape time through a
 * cached snapshot (see ReadModelSnapshotSource).
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly registrations = new Counter({ name: 'petitions_registrations_total', help: 'POST /petitions answers, by result code (OK, REPLAYED or the refusal code)', labelNames: ['code'], registers: [this.registry] });
  private readonly commands = new Counter({ name: 'petitions_commands_total', help: 'Case commands, by command type and result code (OK or the refusal code)', labelNames: ['type', 'code'], registers: [this.registry] });
  private readonly requests = new Histogram({
    name: 'petitions_http_request_duration_seconds', help: 'HTTP requests by method, declared route and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
  });

  constructor(snapshot: () => Promise<ReadModelSnapshot>, opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'petitions_api_' });
    const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: ReadModelSnapshot) => void) =>
      new Gauge({
        name, help, labelNames, registers: [this.registry],
        async collect() {
          const s = await snapshot();
          this.reset();
          fill(this, s);
        },
      });
    gauge('petitions_postgres_up', 'Whether the read-model PostgreSQL answered at the last snapshot', [], (g, s) => g.set(s.postgresUp ? 1 : 0));
    gauge('petitions_temporal_up', 'Whether Temporal answered at the last snapshot', [], (g, s) => g.set(s.temporalUp ? 1 : 0));
    gauge('petitions_task_queue_pollers', 'Pollers on a task queue as Temporal reports them', ['task_queue', 'type'],
      (g, s) => { for (const p of s.pollers) g.set({ task_queue: p.queue, type: p.type }, p.n); });
    const readModel = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: ReadModelSnapshot) => void) =>
      gauge(name, help, labelNames, (g, s) => { if (s.postgresUp) fill(g, s); });
    readModel('petitions_open_cases', 'Open cases by step', ['step'], (g, s) => { for (const r of s.openCasesByStep) g.set({ step: r.step }, r.n); });
    readModel('petitions_armed_deadlines', 'Deadlines armed on open cases, by clock kind', ['kind'], (g, s) => { for (const r of s.armedDeadlinesByKind) g.set({ kind: r.kind }, r.n); });
    readModel('petitions_open_breaches', 'Breaches in the accountability ledger not yet resolved (the breach backlog)', [], (g, s) => g.set(s.openBreaches));
    readModel('petitions_stuck_projections', 'Cases whose projection is stuck (投影阻塞, dead letters)', [], (g, s) => g.set(s.stuckProjections));
    readModel('petitions_letters', 'Supervision letters by kind and feedback state (overdue = awaiting or returned past its due time)', ['kind', 'state'],
      (g, s) => { for (const r of s.letters) g.set({ kind: r.kind, state: r.state }, r.n); });
    readModel('petitions_provisional_open_cases', 'Open cases with a provisional (暂定) deadline, by the year whose holidays are missing', ['year'],
      (g, s) => { for (const r of s.provisionalOpenCases) g.set({ year: String(r.year) }, r.n); });
    readModel('petitions_calendar_year_covered', 'Years whose holiday arrangement the engine has (built in or published)', ['year'],
      (g, s) => { for (const y of s.coveredYears) g.set({ year: String(y) }, 1); });
    readModel('petitions_calendar_next_year_covered', "Whether next year's holiday arrangement (Asia/Shanghai year + 1) is built in or published", [],
      (g, s) => g.set(s.coveredYears.includes(s.nextYear) ? 1 : 0));
    gauge('petitions_metrics_snapshot_seconds', 'Time the last read-model and Temporal snapshot took', [], (g, s) => g.set(s.seconds));
  }

  /** Express middleware: counts each request when its answer is sent. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.requests.startTimer();
    res.once('finish', () => {
      const route = routeOf(req);
      end({ method: req.method, route, status: String(res.statusCode) });
      if (req.method !== 'POST') return;
      const code = res.statusCode < 400
        ? (res.getHeader('idempotent-replayed') === 'true' ? 'REPLAYED' : 'OK')
        : String(res.locals[ERROR_CODE_LOCAL] ?? `HTTP_${res.statusCode}`);
      if (route === '/petitions') this.registrations.inc({ code });
      else if (route === '/petitions/:caseId/commands') {
        const type = (req.body as { type?: unknown } | undefined)?.type;
        this.commands.inc({ type: typeof type === 'string' && KNOWN_COMMANDS.has(type) ? type : 'unknown', code });
      }
    });
    next();
  };
}
