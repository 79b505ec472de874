/**
 * Latency of every supervision query and of the annual report on a generated province (default 1,000,000 cases).
 *
 *   node -r @swc-node/register tools/bench/read-model.bench.ts [--cases 1000000] [--runs 25] [--regenerate] [--events-report]
 *
 * Uses its own database (petitions_bench) on the server of $DATABASE_URL (else tools/setup/ensure-postgres.sh); generates
 * it with tools/seed/generate-city.ts when it is missing or holds another number of cases. Prints a table and writes
 * tmp/bench/read-model.json. Not part of the test command: figures belong in the README, not in timed tests.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  type CaseFilter, ReportQueries, SupervisionQueries, annualReportCsv, annualReportXlsx, buildAnnualReport, createReadModelDataSource, yearScope,
} from '@petitions/read-model';
import { argValue, databaseUrl, defaultServerUrl, generateCity } from '../seed/generate-city';
import { Rng } from '../seed/city-model';

const ROOT = join(__dirname, '../..');
const NOW = '2026-12-01T00:00:00+08:00';
const MONTHS = Array.from({ length: 11 }, (_, i) => {
  const m = String(i + 1).padStart(2, '0');
  const n = String(i + 2).padStart(2, '0');
  return { from: new Date(`2026-${m}-01T00:00:00+08:00`).toISOString(), to: new Date(`2026-${n}-01T00:00:00+08:00`).toISOString() };
});
const QUARTERS = [0, 3, 6].map((s) => ({ from: MONTHS[s]!.from, to: MONTHS[s + 3]!.from }));
const YEAR = { from: MONTHS[0]!.from, to: new Date('2027-01-01T00:00:00+08:00').toISOString() };

async function caseCount(url: string): Promise<number | null> {
  const c = new Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query('SELECT count(*)::int AS n FROM cases');
    return r.rows[0].n as number;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const round = (x: number): number => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const cases = Number(argValue(argv, 'cases') ?? 1_000_000);
  const runs = Math.max(20, Number(argValue(argv, 'runs') ?? 25));
  const database = argValue(argv, 'database') ?? 'petitions_bench';
  const server = defaultServerUrl();
  const url = databaseUrl(server, database);
  let generation: unknown = null;
  const genFile = join(ROOT, 'tmp/bench', `generate-${database}.json`);
  if (argv.includes('--regenerate') || (await caseCount(url)) !== cases) {
    console.log(`generating ${cases} cases into ${database} …`);
    const { url: _url, ...result } = await generateCity({ serverUrl: server, database, cases, seed: 2026, now: NOW, batch: 4000, log: (l) => console.log(l) });
    generation = result;
    mkdirSync(join(ROOT, 'tmp/bench'), { recursive: true });
    writeFileSync(genFile, JSON.stringify(generation, null, 2));
  } else if (existsSync(genFile)) {
    generation = JSON.parse(readFileSync(genFile, 'utf8'));
  }

  const ds = await createReadModelDataSource(url, { poolSize: 2 }).initialize();
  const q = new SupervisionQueries(ds);
  const reports = new ReportQueries(ds);
  const rng = new Rng(7);
  const pick = <T>(xs: readonly T[]): T => rng.pick(xs);
  const col = async (sql: string): Promise<string[]> => (await ds.query(sql)).map((r: { v: string }) => r.v);
  const units = await col(`SELECT lead_unit_id AS v FROM cases TABLESAMPLE SYSTEM (1) WHERE lead_unit_id IS NOT NULL GROUP BY 1 LIMIT 300`);
  const handlers = await col(`SELECT current_handler_id AS v FROM cases TABLESAMPLE SYSTEM (1) WHERE status = 'open' AND current_handler_id IS NOT NULL GROUP BY 1 LIMIT 300`);
  const counties = await col(`SELECT region_code AS v FROM cases TABLESAMPLE SYSTEM (1) GROUP BY 1 LIMIT 300`);
  const cities = [...new Set(counties.map((c) => c.slice(0, 4)))];
  const categories = ['urban_construction', 'political_legal', 'health', 'education', 'agriculture', 'transport'];
  const channels = ['online', 'letter', 'visit', 'phone'];
  const asOf = new Date(NOW).toISOString();
  /** A filter mix: none, unit, city, county, category, channel, handler, and a registration period. */
  const filter = (i: number): CaseFilter => {
    switch (i % 8) {
      case 0: return {};
      case 1: return { unitId: pick(units) };
      case 2: return { regionPrefix: pick(cities) };
      case 3: return { regionPrefix: pick(counties) };
      case 4: return { category: pick(categories) };
      case 5: return { channel: pick(channels), regionPrefix: pick(cities) };
      case 6: return { handlerId: pick(handlers) };
      default: return { ...pick(MONTHS), regionPrefix: pick(cities) };
    }
  };
  const period = (i: number) => (i % 3 === 0 ? pick(MONTHS) : i % 3 === 1 ? pick(QUARTERS) : YEAR);

  type Run = (i: number) => Promise<unknown>;
  const suite: [string, string, Run][] = [
    ['overdue', 'GET /supervision/overdue', async (i) => {
      const p = await q.overdue(filter(i), asOf, { limit: 50 });
      if (i % 4 === 0 && p.nextCursor) await q.overdue(filter(i), asOf, { limit: 50, cursor: p.nextCursor });
    }],
    ['due-soon', 'GET /supervision/due-soon', (i) => q.dueWithin(filter(i), asOf, 1 + (i % 15), i % 2 === 0, { limit: 50 })],
    ['breaches', 'GET /supervision/breaches', (i) => q.breaches({ ...(i % 2 ? period(i) : {}), ...(i % 3 === 0 ? { unitId: pick(units) } : {}),
      ...(i % 4 === 1 ? { regionPrefix: pick(cities) } : {}), ...(i % 5 === 2 ? { open: true } : {}), ...(i % 6 === 3 ? { deadlineKey: 'handling' as const } : {}) }, { limit: 50 })],
    ['ledger-by-unit', 'GET /supervision/ledger', (i) => q.ledgerByUnit({ ...period(i), ...(i % 2 ? { regionPrefix: pick(cities) } : {}),
      ...(i % 5 === 0 ? { unitId: pick(units) } : {}) }, { limit: 50, offset: 0 })],
    ['most-complained', 'GET /supervision/units/most-complained', (i) => q.mostComplainedUnits({ ...period(i),
      ...(i % 2 ? { regionPrefix: pick(cities) } : {}), ...(i % 4 === 2 ? { category: pick(categories) } : {}) }, { limit: 20, offset: 0 })],
    ['handler-workload', 'GET /supervision/handlers/workload', (i) => q.handlerWorkload(i % 3 === 0 ? { unitId: pick(units) } : i % 3 === 1
      ? { regionPrefix: pick(counties) } : { regionPrefix: pick(cities) }, asOf, { limit: 50, offset: 0 })],
    ['repeats', 'GET /supervision/repeats', async (i) => {
      const p = await q.repeatCases(i % 3 === 0 ? {} : i % 3 === 1 ? { regionPrefix: pick(cities), ...pick(MONTHS) } : { unitId: pick(units) }, { limit: 50 });
      if (i % 4 === 0 && p.nextCursor) await q.repeatCases({}, { limit: 50, cursor: p.nextCursor });
    }],
    // A report (every formula of REPORTS.md over a month of the province), not a supervision list: outside the 50 ms target.
    ['report-summary-month', 'GET /supervision/reports/summary (one month)', (i) => reports.report({ ...pick(MONTHS), asOf, ...(i % 2 ? { regionPrefix: pick(cities) } : {}) })],
  ];

  const results: Record<string, { endpoint: string; runs: number; p50: number; p95: number; max: number }> = {};
  for (const [name, endpoint, run] of suite) {
    for (let w = 0; w < 3; w++) await run(w + 1000);
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await run(i);
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    results[name] = { endpoint, runs, p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), max: round(Math.max(...ms)) };
    console.log(`  ${name.padEnd(22)} p50 ${String(results[name]!.p50).padStart(7)} ms   p95 ${String(results[name]!.p95).padStart(7)} ms`);
  }

  // The annual report: the whole year of the province, JSON + CSV + XLSX rendered.
  const annualMs: number[] = [];
  let annualSize = { csv: 0, xlsx: 0 };
  for (let i = 0; i < 6; i++) {
    const t = process.hrtime.bigint();
    const r = buildAnnualReport(2026, await reports.report({ ...yearScope(2026), asOf }));
    const csv = annualReportCsv(r);
    const xlsx = await annualReportXlsx(r);
    annualMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    annualSize = { csv: csv.length, xlsx: xlsx.length };
  }
  const annual = { runs: annualMs.length - 1, p50: round(pct(annualMs.slice(1), 50)), max: round(Math.max(...annualMs.slice(1))), first: round(annualMs[0]!), bytes: annualSize };
  console.log(`  annual report 2026      p50 ${annual.p50} ms   max ${annual.max} ms   (first, cold: ${annual.first} ms)`);
  let eventsReport: number | null = null;
  if (argv.includes('--events-report')) {
    const t = Date.now();
    await reports.report({ ...yearScope(2026), asOf }, 'events');
    eventsReport = Date.now() - t;
    console.log(`  annual report from case_events alone: ${eventsReport} ms`);
  }
  const [{ n: events }] = await ds.query('SELECT count(*)::int AS n FROM case_events');
  const [{ n: ledger }] = await ds.query('SELECT count(*)::int AS n FROM accountability_ledger');
  const [{ n: open }] = await ds.query(`SELECT count(*)::int AS n FROM cases WHERE status = 'open'`);
  await ds.destroy();

  const out = { at: new Date().toISOString(), cases, events, ledger, openCases: open, runsPerQuery: runs, machine: { cpus: (await import('node:os')).cpus().length },
    targets: { queryP95Ms: 50, annualReportMs: 2000 }, queries: results, annualReport: annual, annualReportFromEventsMs: eventsReport, generation };
  mkdirSync(join(ROOT, 'tmp/bench'), { recursive: true });
  writeFileSync(join(ROOT, 'tmp/bench/read-model.json'), JSON.stringify(out, null, 2));
  console.log(`\n${cases} cases, ${events} events, ${ledger} ledger rows, ${open} open cases`);
  console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { 'p50 ms': v.p50, 'p95 ms': v.p95, 'max ms': v.max, 'p95 ≤ 50': k.startsWith('report') ? 'n/a (report)' : v.p95 <= 50 ? 'yes' : 'NO' }])));
  console.log(`annual report: p50 ${annual.p50} ms (target ≤ 2000 ms) → tmp/bench/read-model.json`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
