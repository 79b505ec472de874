/**
 * Fault suite (`npm run test:faults [-- --cases N]`): drives N petition cases through route → receive → notify →
 * accept → reply against a real Temporal dev server, workers in their own processes and a private PostgreSQL,
 * while killing workers (kill -9), restarting the dev server, stopping PostgreSQL for 30 s and running two
 * workers of which one is killed. Then checks every case's workflow state and that the read model holds exactly
 * each case's timeline (nothing lost, nothing duplicated) and that every history replays. Exits non-zero on
 * any discrepancy; every process it started is stopped on the way out.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { CN_CALENDAR, nationalDefaultPolicy, type Actor } from '../../libs/domain/src';
import {
  type CaseCommandInput, type CaseView, type FilePetitionArgs, PETITION_WORKFLOW_TYPE, caseViewQuery, executeCommandUpdate,
  filePetitionUpdate,
} from '../../libs/contracts/src';
import { runMigrations } from '../../libs/read-model/src/read-model.data-source';
import { bundlePetitionWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { dataConverter } from '../../libs/temporal/src/temporal-connection';
import { type DevServer, REPO_ROOT, startDevServer } from '../dev/temporal-dev-server';
import { PrivateCluster, WorkerSlot, flag, freePort, sleep } from './fault-processes';

// ---------------------------------------------------------------- options
const CASES = flag('cases', 1000);
const CONCURRENCY = flag('concurrency', 24);
const PG_DOWN_MS = flag('pg-down-seconds', 30) * 1000;
const TOTAL_BUDGET_MS = flag('budget-seconds', 540) * 1000; // stays under 10 minutes with setup and teardown
const KEEP = process.argv.includes('--keep');

const REGISTRAR: Actor = { id: 'reg-f1', role: 'registrar', unitId: 'city-bureau' };
const UNITS = ['xuhui-housing', 'jingan-housing', 'pudong-transport', 'minhang-education'];
const EXPECTED = { status: 'open', step: 'replied' };
const STEP_EVENTS = ['PetitionRegistered', 'PetitionRouted', 'CaseReceived', 'PetitionerNotified', 'CaseAccepted', 'PetitionerReplied'];

const started = Date.now();
const log = (msg: string) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

// ---------------------------------------------------------------- resources (all stopped in cleanup)
const runDir = join(REPO_ROOT, 'tmp', `faults-${process.pid}`);
let cluster: PrivateCluster | undefined;
let server: DevServer | undefined;
let connection: Connection | undefined;
const slots: WorkerSlot[] = [];
let cleaning: Promise<void> | undefined;

async function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const s of slots) await s.disable().catch(() => undefined);
    await connection?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    try { if (cluster?.running()) cluster.stop(); } catch { /* already stopped */ }
    if (!KEEP) rmSync(runDir, { recursive: true, force: true });
  })();
  return cleaning;
}
// Last resort: never leave a child behind, whatever ends this process.
process.on('exit', () => {
  for (const s of slots) if (s.alive()) s.child?.kill('SIGKILL');
  if (server && server.process.exitCode === null) server.process.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => { log(`${sig}: stopping`); void cleanup().finally(() => process.exit(130)); });
}

// ---------------------------------------------------------------- counters
const faults = { workerKill9: 0, devServerRestart: 0, postgresStop: 0, secondWorkerKilled: 0 };
const stats = { steps: 0, retries: 0, transientErrors: 0, duplicateRefusalsAsSuccess: 0, casesDriven: 0, driveFailures: 0 };
const driveErrors: string[] = [];

function rejectionCode(err: unknown): string | null {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'untyped';
  return null;
}

/** Transient errors (server restarting, no worker, deadline) are retried until the budget runs out. */
async function retrying<T>(what: string, fn: (attempt: number) => Promise<T>, deadline: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (rejectionCode(err) !== null) throw err;
      stats.transientErrors += 1;
      if (Date.now() > deadline) throw new Error(`${what}: gave up after ${attempt + 1} attempts: ${(err as Error).message}`);
      stats.retries += 1;
      await sleep(Math.min(250 * 2 ** Math.min(attempt, 4), 4000) + Math.random() * 250);
    }
  }
}

function within<T>(client: Client, ms: number, fn: () => Promise<T>): Promise<T> {
  return client.withDeadline(Date.now() + ms, fn);
}

// ---------------------------------------------------------------- the scripted case
interface ScriptedCase { caseId: string; unitId: string; index: number }

function filing(c: ScriptedCase, tag: string): FilePetitionArgs {
  return {
    actor: REGISTRAR,
    registration: {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某区住建委' }, matterRef: `m-${tag}-${c.index}`, petitionerRef: `p-${tag}-${c.index}`,
      nameAndAddressKnown: true,
    },
    petitioner: { name: '故障测试人', summary: '故障注入测试案件' },
  };
}

function script(c: ScriptedCase): { event: string; actor: Actor; command: Record<string, unknown> & { type: string } }[] {
  const handler: Actor = { id: `h-${c.unitId}`, role: 'handler', unitId: c.unitId };
  return [
    { event: 'PetitionRouted', actor: REGISTRAR, command: { type: 'RoutePetition', mode: 'forward', leadUnitId: c.unitId } },
    { event: 'CaseReceived', actor: handler, command: { type: 'ReceiveCase' } },
    { event: 'PetitionerNotified', actor: handler, command: { type: 'NotifyPetitioner' } },
    { event: 'CaseAccepted', actor: handler, command: { type: 'DecideAcceptance', outcome: 'accepted' } },
    { event: 'PetitionerReplied', actor: handler,
      command: { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: `reply-${c.index}`, claimUpheld: true } },
  ];
}

async function view(client: Client, caseId: string, deadline: number): Promise<CaseView> {
  return retrying(`view ${caseId}`, () => within(client, 15_000, () => client.workflow.getHandle(caseId).query(caseViewQuery)), deadline);
}

/** A refused retry is fine when the case already recorded the step (the earlier attempt went through). */
async function alreadyDone(client: Client, caseId: string, event: string, deadline: number): Promise<boolean> {
  const v = await view(client, caseId, deadline);
  return v.timeline.some((r) => r.event.type === event);
}

async function driveCase(client: Client, c: ScriptedCase, taskQueue: string, tag: string, deadline: number): Promise<void> {
  const handle = client.workflow.getHandle(c.caseId);
  await retrying(`start ${c.caseId}`, async () => {
    try {
      await within(client, 15_000, () => client.workflow.start(PETITION_WORKFLOW_TYPE, {
        workflowId: c.caseId, taskQueue, args: [{ caseId: c.caseId, policy: nationalDefaultPolicy, calendar: CN_CALENDAR }],
      }));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }, deadline);
  const steps = [
    { event: 'PetitionRegistered', id: `${c.caseId}:file`, run: () => handle.executeUpdate(filePetitionUpdate, { args: [filing(c, tag)], updateId: `${c.caseId}:file` }) },
    ...script(c).map((s, i) => ({ event: s.event, id: `${c.caseId}:${i}`,
      run: () => handle.executeUpdate(executeCommandUpdate, { args: [{ ...s.command, actor: s.actor } as CaseCommandInput], updateId: `${c.caseId}:${i}` }) })),
  ];
  for (const step of steps) {
    let retried = false;
    try {
      await retrying(step.id, async (attempt) => {
        retried = attempt > 0;
        // A retried registration must not file a second (repeat) petition: skip it when the first one landed.
        if (retried && step.event === 'PetitionRegistered' && (await alreadyDone(client, c.caseId, step.event, deadline))) return;
        await within(client, 20_000, step.run);
      }, deadline);
    } catch (err) {
      const code = rejectionCode(err);
      if (code && retried && (await alreadyDone(client, c.caseId, step.event, deadline))) {
        stats.duplicateRefusalsAsSuccess += 1;
      } else {
        throw new Error(`${step.id} (${step.event}) failed${code ? ` with ${code}` : ''}: ${(err as Error).message}`);
      }
    }
    stats.steps += 1;
  }
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const deadline = started + TOTAL_BUDGET_MS;
  mkdirSync(runDir, { recursive: true });
  log(`run dir ${runDir}; ${CASES} cases, concurrency ${CONCURRENCY}`);

  cluster = await PrivateCluster.create(join(runDir, 'pg'));
  const admin = new PgClient({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE petitions_faults');
  await admin.end();
  const databaseUrl = cluster.urlOf('petitions_faults');
  await runMigrations(databaseUrl);
  log(`private PostgreSQL on port ${cluster.port}, database petitions_faults migrated`);

  const temporalPort = await freePort();
  const dbFile = join(runDir, 'temporal.db');
  server = await startDevServer({ port: temporalPort, dbFile });
  log(`Temporal dev server on ${server.address} (SQLite ${dbFile})`);

  const bundlePath = join(runDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundlePetitionWorkflows()).code);

  const payloadKeys = `faults:${randomBytes(32).toString('base64')}`;
  const taskQueue = `faults-${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue,
    CASE_KEY_SECRET: randomBytes(24).toString('hex'), PAYLOAD_KEYS: payloadKeys, PETITIONS_WORKFLOW_BUNDLE: bundlePath, LOG_LEVEL: 'error',
  };
  slots.push(new WorkerSlot('a', env, runDir), new WorkerSlot('b', env, runDir));
  for (const s of slots) s.enable();

  connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverter(payloadKeys) });
  const db = new PgClient({ connectionString: databaseUrl });

  const tag = randomBytes(3).toString('hex');
  const cases: ScriptedCase[] = Array.from({ length: CASES }, (_, i) => ({
    index: i, unitId: UNITS[i % UNITS.length], caseId: `petition-f${tag}${String(i).padStart(13, '0')}`,
  }));
  const totalSteps = CASES * 6;
  const progress = () => stats.steps / totalSteps;

  // ---- drive
  let driving = true;
  const drive = (async () => {
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const c = cases[next++];
        try {
          await driveCase(client, c, taskQueue, tag, deadline - 120_000);
          stats.casesDriven += 1;
        } catch (err) {
          stats.driveFailures += 1;
          if (driveErrors.length < 20) driveErrors.push((err as Error).message);
        }
      }
    }));
    driving = false;
  })();

  // ---- faults (a) periodic kill -9 of worker a; (b) dev server restart; (c) PostgreSQL down; (d) kill worker b of two
  const killer = (async () => {
    while (driving || faults.workerKill9 < 3) {
      await sleep(5000 + Math.random() * 5000);
      if (Date.now() > deadline - 150_000) break;
      // Only kill a worker that got going (a process killed while still starting proves nothing new).
      if (slots[0].uptimeMs() > 3000 && slots[0].kill9()) {
        faults.workerKill9 += 1;
        log(`fault: kill -9 worker a (#${faults.workerKill9}) at ${(progress() * 100).toFixed(0)}%`);
      }
    }
  })();
  const waitFor = async (fraction: number) => { while (driving && progress() < fraction) await sleep(200); };
  const scripted = (async () => {
    await waitFor(0.2);
    log(`fault: two workers on ${taskQueue}; kill -9 worker b and keep it down 15 s at ${(progress() * 100).toFixed(0)}%`);
    await slots[1].disable('SIGKILL');
    faults.secondWorkerKilled += 1;
    await sleep(15_000);
    slots[1].enable();

    await waitFor(0.4);
    log(`fault: restarting the Temporal dev server at ${(progress() * 100).toFixed(0)}%`);
    await server!.stop();
    await sleep(2000);
    server = await startDevServer({ port: temporalPort, dbFile });
    faults.devServerRestart += 1;
    log('dev server back on the same SQLite file and port');

    await waitFor(0.6);
    log(`fault: stopping PostgreSQL for ${PG_DOWN_MS / 1000} s at ${(progress() * 100).toFixed(0)}%`);
    cluster!.stop();
    faults.postgresStop += 1;
    await sleep(PG_DOWN_MS);
    cluster!.start();
    log('PostgreSQL back');
  })();

  const ticker = setInterval(() => log(`progress ${stats.steps}/${totalSteps} steps, ${stats.casesDriven} cases driven, `
    + `${stats.transientErrors} transient errors, workers alive: ${slots.filter((s) => s.alive()).length}`), 10_000);
  try {
    await drive;
    await scripted;
    await killer;
  } finally {
    clearInterval(ticker);
  }
  log(`drive done: ${stats.casesDriven} cases driven, ${stats.driveFailures} failed`);
  for (const s of slots) s.enable(); // a quiet period with both workers for the projection to catch up

  // ---- converge: each case's read model reaches its workflow timeline
  await db.connect();
  const views = new Map<string, CaseView>();
  const readViews = async (ids: string[]) => {
    let i = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (i < ids.length) {
        const id = ids[i++];
        try { views.set(id, await view(client, id, deadline - 30_000)); } catch (err) { if (driveErrors.length < 40) driveErrors.push(`view ${id}: ${(err as Error).message}`); }
      }
    }));
  };
  await readViews(cases.map((c) => c.caseId));
  const dbState = async () => {
    const { rows: counts } = await db.query<{ case_id: string; n: number; lo: number; hi: number; types: string[] }>(`SELECT case_id, count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi,
      array_agg(type ORDER BY seq) AS types FROM case_events WHERE case_id LIKE $1 GROUP BY case_id`, [`petition-f${tag}%`]);
    const { rows } = await db.query<{ case_id: string; last_seq: number; status: string; step: string }>('SELECT case_id, last_seq, status, step FROM cases WHERE case_id LIKE $1', [`petition-f${tag}%`]);
    return { counts: new Map(counts.map((r) => [r.case_id, r])), rows: new Map(rows.map((r) => [r.case_id, r])) };
  };
  let state = await dbState();
  const caughtUp = (id: string) => {
    const v = views.get(id);
    return !!v && state.rows.get(id)?.last_seq === v.timeline.length && state.counts.get(id)?.n === v.timeline.length;
  };
  for (;;) {
    const behind = cases.filter((c) => !caughtUp(c.caseId));
    if (!behind.length || Date.now() > deadline - 20_000) break;
    log(`waiting for the read model: ${behind.length} cases behind`);
    await sleep(3000);
    await readViews(behind.map((c) => c.caseId)); // timelines may have grown (e.g. a deadline warning)
    state = await dbState();
  }

  // ---- check
  let completed = 0; let lost = 0; let duplicates = 0; let mismatches = 0;
  const problems: string[] = [];
  const { rows: [dup] } = await db.query(`SELECT count(*)::int AS n FROM (SELECT case_id, seq FROM case_events WHERE case_id LIKE $1
    GROUP BY case_id, seq HAVING count(*) > 1) d`, [`petition-f${tag}%`]);
  duplicates += dup.n;
  for (const c of cases) {
    const v = views.get(c.caseId);
    if (!v) { mismatches += 1; problems.push(`${c.caseId}: no workflow view`); continue; }
    const scripted = STEP_EVENTS.every((t) => v.timeline.some((r) => r.event.type === t));
    if (v.state.status === EXPECTED.status && v.state.step === EXPECTED.step && scripted) completed += 1;
    else problems.push(`${c.caseId}: workflow at ${v.state.status}/${v.state.step}`);
    const timeline = v.timeline.map((r) => r.event.type);
    const got = state.counts.get(c.caseId);
    const row = state.rows.get(c.caseId);
    const n = got?.n ?? 0;
    // Events the timeline has and the read model lacks, or seqs missing below the highest one (gaps).
    lost += Math.max(0, timeline.length - n, (got?.hi ?? 0) - n);
    duplicates += Math.max(0, n - timeline.length);
    const sameEvents = !!got && got.types.length === timeline.length && got.types.every((t, i) => t === timeline[i]);
    const rowOk = !!row && row.last_seq === timeline.length && row.step === v.state.step && row.status === v.state.status;
    if (!sameEvents || !rowOk) {
      mismatches += 1;
      if (problems.length < 40) problems.push(`${c.caseId}: read model ${n} events/last_seq ${row?.last_seq ?? 'none'} ${row?.step ?? ''}, workflow ${timeline.length} events ${v.state.step}`);
    }
  }

  // ---- audit: every history replays against the current workflow code (no non-determinism)
  let replayed = 0; let replayFailures = 0;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch { /* installed */ }
  const histories = (async function* () {
    for (const c of cases) {
      if (Date.now() > deadline) return;
      try {
        const history = await retrying(`history ${c.caseId}`, () => client.workflow.getHandle(c.caseId).fetchHistory(), deadline);
        yield { workflowId: c.caseId, history };
      } catch { replayFailures += 1; }
    }
  })();
  for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath }, dataConverter: dataConverter(payloadKeys) }, histories)) {
    replayed += 1;
    if (r.error) { replayFailures += 1; if (problems.length < 60) problems.push(`${r.workflowId}: replay failed: ${r.error.message}`); }
  }
  mismatches += replayFailures;
  await db.end();

  const ok = completed === CASES && lost === 0 && duplicates === 0 && mismatches === 0 && stats.driveFailures === 0
    && faults.workerKill9 > 0 && faults.devServerRestart === 1 && faults.postgresStop === 1 && faults.secondWorkerKilled === 1;
  console.log('\n================ fault suite report ================');
  console.log(`cases run:               ${CASES}`);
  console.log(`faults injected:         ${faults.workerKill9 + faults.devServerRestart + faults.postgresStop + faults.secondWorkerKilled}`
    + ` (worker kill -9: ${faults.workerKill9}, dev server restart: ${faults.devServerRestart},`
    + ` PostgreSQL stopped ${PG_DOWN_MS / 1000} s: ${faults.postgresStop}, 1 of 2 workers killed: ${faults.secondWorkerKilled})`);
  console.log(`worker processes started: ${slots.map((s) => `${s.name}=${s.starts}`).join(', ')}`);
  console.log(`client retries:          ${stats.retries} (transient errors ${stats.transientErrors}, refused retries of a done step ${stats.duplicateRefusalsAsSuccess})`);
  console.log(`cases completed:         ${completed} (expected ${EXPECTED.status}/${EXPECTED.step})`);
  console.log(`events lost:             ${lost}`);
  console.log(`duplicates:              ${duplicates}`);
  console.log(`audit mismatches:        ${mismatches} (read model vs timeline, cases row vs state; ${replayed} histories replayed)`);
  console.log(`drive failures:          ${stats.driveFailures}`);
  console.log(`elapsed:                 ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`result:                  ${ok ? 'PASS' : 'FAIL'}`);
  for (const p of [...driveErrors, ...problems].slice(0, 40)) console.log(`  - ${p}`);
  process.exitCode = ok ? 0 : 1;
  if (!ok) log(`logs kept in ${runDir} only with --keep`);
}

// A hard stop in case anything hangs: the suite is bounded in time.
const watchdog = setTimeout(() => {
  console.error('[faults] time budget exceeded: stopping');
  void cleanup().finally(() => process.exit(2));
}, TOTAL_BUDGET_MS + 60_000);
watchdog.unref();

main()
  .catch((err) => { console.error('[faults] failed:', err); process.exitCode = 1; })
  .finally(async () => { await cleanup(); process.exit(process.exitCode ?? 0); });
