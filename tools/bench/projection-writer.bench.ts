/**
 * The projection activity's own cost, without Temporal: simulated cases' events are projected batch by batch
 * (one batch = the events of one command, as the workflow sends them) through CaseProjectionWriter into a fresh
 * database, `--concurrency` cases at a time. Prints round trips per batch and per case, and ms per case.
 *
 *   node -r @swc-node/register tools/bench/projection-writer.bench.ts [--cases 400] [--concurrency 8] [--reps 3]
 *        [--json tmp/bench/projection-writer.json]
 *
 * Used for the before/after figures of the writer's round-trip reduction (see the README's performance section).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { RecordedEvent } from '@petitions/contracts';
import { CaseProjectionWriter, createReadModelDataSource, runMigrations } from '@petitions/read-model';
import { Rng, buildWorld, simulateCase } from '../seed/city-model';
import { databaseUrl, defaultServerUrl } from '../seed/generate-city';
import { flag as arg } from '../faults/fault-processes';

const jsonOut = (() => { const i = process.argv.indexOf('--json'); return i > 0 ? process.argv[i + 1] : undefined; })();

let queries = 0;
let counting = false;
/** Counts every query TypeORM sends (BEGIN and COMMIT included), once installed. */
function countQueries(): void {
  if (counting) return;
  counting = true;
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function counted(this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    queries++;
    return original.apply(this, args);
  } as typeof original;
}

/** One case's events cut into the batches the workflow projects: the events of one command share its instant. */
function batches(events: { e: RecordedEvent['event'] }[]): RecordedEvent[][] {
  const out: RecordedEvent[][] = [];
  events.forEach(({ e }, i) => {
    const r = { seq: i + 1, event: e };
    const last = out[out.length - 1];
    if (last && last[last.length - 1]!.event.at === e.at) last.push(r); else out.push([r]);
  });
  return out;
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };

export interface ProjectionWriterResult {
  cases: number; concurrency: number; batches: number; events: number; msPerCase: number; batchesPerSecond: number;
  queriesPerBatch: number; queriesPerCase: number; runsMs: number[];
}

export async function runProjectionWriterBench(o: { cases: number; concurrency: number; reps: number; serverUrl?: string; log?: (l: string) => void }): Promise<ProjectionWriterResult> {
  const { cases, concurrency, reps } = o;
  const log = o.log ?? console.log;
  countQueries();
  const server = o.serverUrl ?? defaultServerUrl();
  const db = 'petitions_bench_writer';
  const url = databaseUrl(server, db);

  const rng = new Rng(7);
  const world = buildWorld(rng, 1);
  const now = Date.parse('2026-11-30T12:00:00+08:00');
  const lives = Array.from({ length: cases }, (_, i) => {
    const sim = simulateCase(rng, world, `petition-${String(i).padStart(20, '0')}`, now - rng.int(20, 300) * 86_400_000, now, null);
    return batches(sim.events.map((e) => ({ e })));
  });
  const totalBatches = lives.reduce((n, b) => n + b.length, 0);
  const totalEvents = lives.reduce((n, b) => n + b.reduce((m, x) => m + x.length, 0), 0);

  const runs: { ms: number; queries: number }[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    await runMigrations(url);
    const ds = await createReadModelDataSource(url, { poolSize: concurrency }).initialize();
    const writer = new CaseProjectionWriter(ds);
    queries = 0;
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < lives.length) {
        const life = lives[next++]!;
        for (const batch of life) {
          await writer.write({ caseId: lifeId(life), events: batch, summary: { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 1 } });
        }
      }
    }));
    const ms = performance.now() - started;
    runs.push({ ms, queries });
    await ds.destroy();
    log(`projection writer rep ${rep}: ${cases} cases, ${totalBatches} batches, ${totalEvents} events in ${ms.toFixed(0)} ms; ${queries} queries`);
  }
  const result = {
    cases, concurrency, batches: totalBatches, events: totalEvents,
    msPerCase: +(median(runs.map((r) => r.ms)) / cases).toFixed(2),
    batchesPerSecond: +(totalBatches / (median(runs.map((r) => r.ms)) / 1000)).toFixed(1),
    queriesPerBatch: +(median(runs.map((r) => r.queries)) / totalBatches).toFixed(2),
    queriesPerCase: +(median(runs.map((r) => r.queries)) / cases).toFixed(1),
    runsMs: runs.map((r) => Math.round(r.ms)),
  };
  return result;
}

async function main(): Promise<void> {
  const result = await runProjectionWriterBench({ cases: arg('cases', 400), concurrency: arg('concurrency', 8), reps: arg('reps', 3) });
  console.log(JSON.stringify(result));
  if (jsonOut) { mkdirSync(dirname(jsonOut), { recursive: true }); writeFileSync(jsonOut, JSON.stringify(result, null, 2)); }
}

function lifeId(life: RecordedEvent[][]): string {
  return (life[0]![0]!.event as { caseId: string }).caseId;
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
