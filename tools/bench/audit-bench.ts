/**
 * Replay and verification parts of `npm run bench` (tools/bench/run-bench.ts).
 *
 * Replay: N case histories (latest run of each; bench cases never continue-as-new) are fetched from the server
 * first (timed separately), then replayed in one batch with the SDK's `Worker.runReplayHistories`, against the real
 * workflow bundle the worker runs and the real payload codec, `reps` times; each repetition gives histories/s and
 * events/s (worker creation and bundle load included, as for any audit run).
 *
 * Verification: `petitions audit verify --all` exactly as the CLI runs it (runCli from apps/cli with a fetch
 * transport) against the bench API process, as an auditor. The CLI pages `GET /audit/cases` and calls
 * `GET /audit/cases/:id/verify` for each case in turn (CaseAuditor.verify: fetch + decode the history, compare with
 * the read model, recompute the hash chain in PostgreSQL). The transport is wrapped only to time each request.
 */
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Client as PgClient } from 'pg';
import { runCli } from '../../apps/cli/src/cli';
import { dataConverter } from '../../libs/temporal/src/temporal-connection';
import { type Summary, pool, r2, summarize } from './bench-util';

export interface ReplayResult {
  method: string;
  histories: number; events: number; eventsPerHistory: Summary; fetchSeconds: number; fetchedPerS: number; fetchErrors: number;
  reps: { rep: number; seconds: number; historiesPerS: number; eventsPerS: number; failures: number }[];
  historiesPerS: Summary; eventsPerS: Summary;
  cityYear: { cases: number; extrapolatedReplayMinutes: number; extrapolatedFetchMinutes: number };
}

export interface VerifyResult {
  method: string;
  exitCode: number; casesInReadModel: number; checked: number; seconds: number; casesPerS: number; perCaseMs: Summary;
  mismatchSummary: string | null;
  cityYear: { cases: number; extrapolatedMinutes: number };
}

interface Ctx { client: Client; db: PgClient; log: (msg: string) => void; payloadKeys: string; bundlePath: string; apiBase: string }

export async function runReplayBench(ctx: Ctx, o: { histories: number; reps: number; concurrency: number; cityYear: number }): Promise<ReplayResult> {
  const { client, db, log } = ctx;
  // Quiet the replay workers' state logs (a runtime may already be installed: keep it).
  try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* installed */ }
  const { rows } = o.histories > 0
    ? await db.query<{ case_id: string }>('SELECT case_id FROM cases ORDER BY md5(case_id) LIMIT $1', [o.histories])
    : await db.query<{ case_id: string }>('SELECT case_id FROM cases ORDER BY case_id');
  log(`replay: fetching ${rows.length} histories (${o.concurrency} in flight)`);
  const f0 = Date.now();
  let fetchErrors = 0;
  const fetched = await pool(rows.length, o.concurrency, async (i) => {
    try {
      return { workflowId: rows[i]!.case_id, history: await client.workflow.getHandle(rows[i]!.case_id).fetchHistory() as History };
    } catch { fetchErrors += 1; return null; }
  });
  const fetchS = (Date.now() - f0) / 1000;
  const histories = fetched.filter((h): h is { workflowId: string; history: History } => h !== null);
  const perHistory = histories.map((h) => h.history.events?.length ?? 0);
  const events = perHistory.reduce((a, b) => a + b, 0);
  log(`replay: fetched ${histories.length} histories (${events} events) in ${r2(fetchS)} s; replaying ${o.reps}×`);

  const reps: ReplayResult['reps'] = [];
  for (let rep = 0; rep < o.reps; rep++) {
    const t0 = Date.now();
    let failures = 0;
    let done = 0;
    const results = Worker.runReplayHistories(
      { workflowBundle: { codePath: ctx.bundlePath }, dataConverter: dataConverter(ctx.payloadKeys), replayName: `bench-replay-${rep}` }, histories);
    for await (const r of results) {
      done += 1;
      if (r.error) {
        failures += 1;
        if (failures <= 3) log(`replay: ${r.workflowId} did not replay: ${r.error.message}`);
      }
    }
    const s = (Date.now() - t0) / 1000;
    reps.push({ rep, seconds: r2(s), historiesPerS: r2(done / s), eventsPerS: r2(events / s), failures });
    log(`replay rep ${rep}: ${done} histories in ${r2(s)} s = ${r2(done / s)}/s, ${r2(events / s)} events/s, ${failures} failures`);
  }
  const hps = summarize(reps.map((r) => r.historiesPerS));
  return {
    method: 'fetchHistory per case (latest run), then Worker.runReplayHistories over the whole batch with the real bundle and payload codec',
    histories: histories.length, events, eventsPerHistory: summarize(perHistory), fetchSeconds: r2(fetchS),
    fetchedPerS: r2(histories.length / fetchS), fetchErrors, reps, historiesPerS: hps, eventsPerS: summarize(reps.map((r) => r.eventsPerS)),
    cityYear: { cases: o.cityYear, extrapolatedReplayMinutes: r2(o.cityYear / hps.p50 / 60),
      extrapolatedFetchMinutes: r2(o.cityYear / (histories.length / fetchS) / 60) },
  };
}

export async function runVerifyBench(ctx: Ctx, o: { cityYear: number }): Promise<VerifyResult> {
  const { db, log } = ctx;
  const { rows: [c] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
  log(`verify: petitions audit verify --all over ${c!.n} cases (CLI → API)`);
  const perCase: number[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const t0 = Date.now();
  const exitCode = await runCli({
    argv: ['audit', 'verify', '--all', '--json', '--api', ctx.apiBase, '--as', 'aud-bench', '--role', 'auditor'],
    env: {},
    transport: async (url, init) => {
      const t = performance.now();
      const res = await fetch(url, init);
      const text = await res.text();
      if (/\/verify(\?|$)/.test(url)) perCase.push(performance.now() - t);
      return { status: res.status, text: async () => text };
    },
    stdout: (t) => out.push(t), stderr: (t) => err.push(t), now: () => new Date(), readFile: () => '', version: 'bench',
  });
  const s = (Date.now() - t0) / 1000;
  let checked = perCase.length;
  try {
    const body = JSON.parse(out.join('\n')) as { checked?: number; caseId?: string };
    checked = body.checked ?? (body.caseId ? 1 : checked);
  } catch { /* a refusal prints to stderr; the count of verify calls stands */ }
  const rate = checked / s;
  log(`verify: exit ${exitCode}, ${checked} cases in ${r2(s)} s = ${r2(rate)} cases/s`);
  return {
    method: 'runCli(["audit","verify","--all"]) (apps/cli) with a fetch transport against the bench API process, as an auditor; one pass',
    exitCode, casesInReadModel: c!.n, checked, seconds: r2(s), casesPerS: r2(rate), perCaseMs: summarize(perCase),
    mismatchSummary: exitCode === 0 ? null : err.join('\n').slice(0, 2000),
    cityYear: { cases: o.cityYear, extrapolatedMinutes: r2(o.cityYear / rate / 60) },
  };
}
