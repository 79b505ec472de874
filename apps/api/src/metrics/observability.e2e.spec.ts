import { type ChildProcess, spawn } from 'node:child_process';
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '@petitions/temporal';
import { freePort } from '../../../../tools/faults/fault-processes';
import { eventually, testClient } from '../../../../tools/test/harness';

/**
 * The real API and worker processes with tracing on (OTLP/HTTP to an in-memory collector here), LOG_LEVEL=debug:
 * a registration and a few commands through the API, then the logs, the traces and both /metrics endpoints.
 */
const ROOT = join(__dirname, '../../../..');
const queue = `obs-${process.pid}`;
const petitioner = { name: '欧阳观测', idNumber: '110105198003077715', phone: '13811112233' };
const registrar = { 'x-actor-id': 'reg-obs', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const handler = { 'x-actor-id': 'h-obs', 'x-actor-role': 'handler', 'x-actor-unit': 'obs-housing', 'content-type': 'application/json' };

interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: { key: string; value: Record<string, unknown> }[] }
const attr = (s: OtlpSpan, key: string): unknown => { const a = s.attributes.find((x) => x.key === key)?.value; return a ? Object.values(a)[0] : undefined; };

const procs: { name: string; child: ChildProcess; out: string[]; err: string[] }[] = [];
const spans: OtlpSpan[] = [];
let collector: Server;
let api = '';
let workerMetrics = '';

function start(name: string, entry: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const p = { name, child, out: [] as string[], err: [] as string[] };
  child.stdout!.on('data', (d) => p.out.push(d.toString()));
  child.stderr!.on('data', (d) => p.err.push(d.toString()));
  procs.push(p);
}

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const collectorPort = await freePort();
  await new Promise<void>((r) => collector.listen(collectorPort, '127.0.0.1', r));
  const [apiPort, metricsPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env, TEMPORAL_TASK_QUEUE: queue, LOG_LEVEL: 'debug', AUTH_ALLOW_DEV_HEADERS: 'true',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`, OTEL_BSP_SCHEDULE_DELAY: '200', METRICS_CACHE_MS: '0',
  };
  start('worker', 'apps/worker/src/main.ts', { ...env, WORKER_METRICS_PORT: String(metricsPort) });
  start('api', 'apps/api/src/main.ts', { ...env, API_PORT: String(apiPort) });
  api = `http://127.0.0.1:${apiPort}`;
  workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  await eventually(async () => (await fetch(`${api}/ready`).catch(() => null))?.ok, 120_000, 250);
  await eventually(async () => (await fetch(workerMetrics).catch(() => null))?.ok, 120_000, 250);
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map(({ child }) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  })));
  await new Promise((r) => collector.close(r));
});

const metricValue = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('operations: logs, traces and metrics of a real run', () => {
  let caseId = '';
  let refusal = '';

  it('files and acts through the API', async () => {
    const filed = await fetch(`${api}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '110105', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '观测测试单位' }, summary: '观测测试诉求', petitioner }) });
    expect(filed.status).toBe(201);
    caseId = ((await filed.json()) as { caseId: string }).caseId;
    const act = (headers: Record<string, string>, body: unknown) =>
      fetch(`${api}/petitions/${caseId}/commands`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await act(registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'obs-housing' })).status).toBe(201);
    expect((await act(handler, { type: 'ReceiveCase' })).status).toBe(201);
    const again = await act(handler, { type: 'ReceiveCase' });
    expect(again.status).toBeGreaterThanOrEqual(400);
    refusal = ((await again.json()) as { error: { code: string } }).error.code;
    await eventually(async () => {
      const r = await fetch(`${api}/petitions/${caseId}`, { headers: registrar });
      return r.ok && ((await r.json()) as { case: { step: string } }).case.step !== 'routing';
    }, 60_000);
  }, 120_000);

  it('API /metrics: registrations and commands by type and result code; gauges from the read model and Temporal', async () => {
    const text = await (await fetch(`${api}/metrics`)).text();
    expect(metricValue(text, 'petitions_registrations_total{code="OK"}')).toBe(1);
    expect(metricValue(text, 'petitions_commands_total{type="RoutePetition",code="OK"}')).toBe(1);
    expect(metricValue(text, 'petitions_commands_total{type="ReceiveCase",code="OK"}')).toBe(1);
    expect(metricValue(text, `petitions_commands_total{type="ReceiveCase",code="${refusal}"}`)).toBe(1);
    expect(metricValue(text, 'petitions_postgres_up')).toBe(1);
    expect(metricValue(text, 'petitions_temporal_up')).toBe(1);
    expect(metricValue(text, `petitions_task_queue_pollers{task_queue="${queue}",type="workflow"}`)).toBeGreaterThanOrEqual(1);
    // The shared test database holds other files' cases: this case's step counts at least once.
    const row = (await (await fetch(`${api}/petitions/${caseId}`, { headers: registrar })).json()) as { case: { step: string } };
    expect(metricValue(text, `petitions_open_cases{step="${row.case.step}"}`)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^petitions_armed_deadlines\{kind="[a-z_]+"\} \d+$/m);
    expect(text).toMatch(/^petitions_stuck_projections \d+$/m);
    expect(text).toMatch(/^petitions_calendar_next_year_covered [01]$/m);
    expect(text).toMatch(/^petitions_calendar_year_covered\{year="2026"\} 1$/m);
  });

  it('worker /metrics: events counted once as they land in the read model, projection lag, and the SDK core metrics', async () => {
    // Only this file's worker polls its queue: its counters are this case's events.
    const text = await eventually(async () => {
      const t = await (await fetch(workerMetrics)).text();
      return metricValue(t, 'petitions_events_projected_total{type="CaseReceived"}') === 1 ? t : null;
    }, 30_000);
    expect(metricValue(text, 'petitions_cases_registered_total')).toBe(1);
    expect(metricValue(text, 'petitions_events_projected_total{type="PetitionRouted"}')).toBe(1);
    expect(metricValue(text, 'petitions_projection_lag_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(metricValue(text, 'petitions_worker_core_metrics_up')).toBe(1);
    expect(text).toMatch(/^temporal_\w+/m);
  });

  it('one trace spans the HTTP request, the Temporal client, the workflow, the activity and the PostgreSQL query', async () => {
    const httpSpan = await eventually(async () => spans.find((s) => s.kind === 2 && attr(s, 'http.method') === 'POST' && attr(s, 'http.target') === '/petitions'), 30_000);
    // The workflow's run span ends with the case (still open here), so it is the one span not yet exported: every
    // other link is checked by parent id, all within the request's trace.
    const find = (name: string, parent?: OtlpSpan) => spans.find((s) => s.traceId === httpSpan.traceId && s.name === name && (!parent || s.parentSpanId === parent.spanId));
    const chain = await eventually(async () => {
      const client = find('UpdateWithStartWorkflow:FilePetition', httpSpan);
      const handled = client && find('HandleUpdate:FilePetition', client);
      const scheduled = find('StartActivity:projectCaseEvents');
      const activity = scheduled && find('RunActivity:projectCaseEvents', scheduled);
      const query = activity && spans.find((s) => s.parentSpanId === activity.spanId && attr(s, 'db.system') === 'postgresql' && /^pg\.query:INSERT/.test(s.name));
      return client && handled && query ? { client, handled, scheduled: scheduled!, activity: activity!, query } : null;
    }, 30_000);
    // The activity was scheduled by the workflow run (its parent is neither the request nor the client call).
    expect(chain.scheduled.parentSpanId).toBeDefined();
    expect([httpSpan.spanId, chain.client.spanId]).not.toContain(chain.scheduled.parentSpanId);
    expect(new Set([httpSpan, ...Object.values(chain)].map((s) => s.traceId)).size).toBe(1);
    // Statements are recorded with their placeholders, never the values.
    const statements = spans.map((s) => String(attr(s, 'db.statement') ?? '')).join('\n');
    for (const v of Object.values(petitioner)) expect(statements).not.toContain(v);
  }, 60_000);

  it('logs are JSON lines with level, time and message, quiet framework start-up aside, and hold no personal data', () => {
    const stdout = procs.map((p) => p.out.join('')).join('');
    const all = procs.map((p) => p.out.join('') + p.err.join('')).join('\n');
    const lines = stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(10);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed) expect([typeof p.level, typeof p.time, typeof p.msg]).toEqual(['string', 'string', 'string']);
    // The request lines of this case carry its id, the actor and the request's trace id.
    expect(parsed.some((p) => p.caseId === caseId && p.actorId === 'h-obs' && typeof p.traceId === 'string' && p.msg === 'request')).toBe(true);
    expect(parsed.some((p) => p.caseId === caseId && p.service === 'worker')).toBe(true);
    for (const v of [...Object.values(petitioner), '观测测试诉求']) expect(all).not.toContain(v);
  });

  it('the traced case replays against the same bundle (its history carries the trace context; replay takes the same path)', async () => {
    const client = await testClient();
    try {
      const history = await client.workflow.getHandle(caseId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.PETITIONS_WORKFLOW_BUNDLE! }, dataConverter: dataConverter(process.env.PAYLOAD_KEYS!),
        sinks: { exporter: { export: { fn: () => undefined } } } }, history, caseId);
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      expect(Object.keys(started?.header?.fields ?? {})).toContain('_tracer-data');
    } finally {
      await client.connection.close();
    }
  }, 120_000);
});
