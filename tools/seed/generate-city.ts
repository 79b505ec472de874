/**
 * Generates a realistic read model directly in PostgreSQL: case_events (the domain's events), the cases rows folded
 * from them by the projection itself (evolveCaseRow), the accountability ledger and the cross-case repeat links.
 *
 *   node -r @swc-node/register tools/seed/generate-city.ts [--cases 25000] [--seed 2026] [--database petitions_city]
 *        [--now 2026-12-01T00:00:00+08:00] [--batch 4000]
 *
 * The database is dropped and recreated on the server of $DATABASE_URL (else tools/setup/ensure-postgres.sh), then
 * migrated. Same arguments ⇒ same data (the clock is --now, randomness is a seeded generator).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { type CaseEvent, evolveAll, nextDeadline, shanghaiMidnightOfDate, shanghaiMidnightText, shanghaiYear } from '@petitions/domain';
import {
  CASE_ROW_COLUMNS, LEDGER_ROW_COLUMNS, type LedgerRow, applyLedgerChange, createReadModelDataSource, rebuildUnitStats, emptyCaseRow, foldContiguous, runMigrations,
} from '@petitions/read-model';
import { SupervisionIndexes1767139300000 } from '../../libs/read-model/src/migrations/1767139300000-supervision-indexes';
import { Rng, buildWorld, simulateCase } from './city-model';

export interface GenerateOptions {
  serverUrl: string;
  database: string;
  cases: number;
  seed: number;
  /** The simulation's "now": events after it have not happened yet. */
  now: string;
  batch: number;
  log?: (line: string) => void;
}

export interface GenerateResult { url: string; cases: number; events: number; ledger: number; cities: number; units: number; ms: number }

export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export function defaultServerUrl(): string {
  return process.env.DATABASE_URL
    ?? execFileSync('bash', [join(__dirname, '../setup/ensure-postgres.sh')], { encoding: 'utf8' }).trim();
}

async function recreateDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`invalid database name ${database}`);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
}

const CASE_COLS = [...CASE_ROW_COLUMNS.map(([, c]) => c), 'prior_case_id'];
const EVENT_COLS = ['case_id', 'seq', 'type', 'occurred_at', 'actor_id', 'actor_role', 'actor_unit', 'reason', 'payload'];
const LEDGER_COLS = LEDGER_ROW_COLUMNS.map(([, c]) => c);

const insertSql = (table: string, cols: string[]): string =>
  `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)`;

export async function generateCity(o: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const url = databaseUrl(o.serverUrl, o.database);
  await recreateDatabase(o.serverUrl, o.database);
  await runMigrations(url);
  // Bulk load without the supervision indexes, then build them once (much faster than maintaining them per row).
  const ds = await createReadModelDataSource(url, { poolSize: 1 }).initialize();
  const indexes = new SupervisionIndexes1767139300000();
  const qr = ds.createQueryRunner();
  await indexes.down(qr);
  await qr.release();

  const rng = new Rng(o.seed);
  const cities = Math.max(1, Math.round(o.cases / 25_000));
  const world = buildWorld(rng, cities);
  const horizon = Date.parse(o.now);
  const yearStart = shanghaiMidnightOfDate(`${shanghaiYear(horizon)}-01-01`);
  const span = horizon - 86_400_000 - yearStart;
  log(`world: ${cities} city(ies), ${cities * 10} counties, ${cities * 122} towns, ${world.units.length} units`);

  const pool = new Pool({ connectionString: url, max: 2 });
  const inflight: Promise<unknown>[] = [];
  const flush = async (cases: unknown[], events: unknown[], ledger: unknown[]): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(insertSql('case_events', EVENT_COLS), [JSON.stringify(events)]);
      await client.query(insertSql('cases', CASE_COLS), [JSON.stringify(cases)]);
      if (ledger.length) await client.query(insertSql('accountability_ledger', LEDGER_COLS), [JSON.stringify(ledger)]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };

  const closedPairs: { petitionerRef: string; matterRef: string; category: string; closedAt: number }[] = [];
  const lastOfPair = new Map<string, string>();
  let caseRows: unknown[] = [];
  let eventRows: unknown[] = [];
  let ledgerRows: unknown[] = [];
  let totalEvents = 0;
  let totalLedger = 0;
  for (let i = 0; i < o.cases; i++) {
    const regAt = yearStart + Math.floor(((i + rng.next()) / o.cases) * span);
    const caseId = `petition-${rng.hex(20)}`;
    // ≈4 %: the same petitioner on the same matter again, after an earlier case closed (a cross-case repeat).
    let pair: { petitionerRef: string; matterRef: string; category: string } | null = null;
    if (closedPairs.length > 100 && rng.chance(0.04)) {
      for (let k = 0; k < 3 && !pair; k++) {
        const c = closedPairs[closedPairs.length - 1 - rng.int(0, Math.min(closedPairs.length - 1, 20_000))];
        if (c && c.closedAt < regAt) pair = c;
      }
    }
    const sim = simulateCase(rng, world, caseId, regAt, horizon, pair);
    const registration = sim.events[0] as Extract<CaseEvent, { type: 'PetitionRegistered' }>;
    if (sim.closedAt !== null) closedPairs.push({ petitionerRef: sim.petitionerRef, matterRef: sim.matterRef, category: registration.category, closedAt: sim.closedAt });
    if (closedPairs.length > 60_000) closedPairs.splice(0, 20_000);

    const numbered = sim.events.map((payload, k) => ({ seq: k + 1, payload }));
    const folded = foldContiguous(emptyCaseRow(caseId), numbered);
    const next = nextDeadline(evolveAll(sim.events));
    const row = { ...folded.row, nextDeadlineKey: next?.key ?? null, nextDeadlineAt: next?.dueAt ?? null };
    const pairKey = `${sim.petitionerRef}|${sim.matterRef}`;
    const prior = lastOfPair.get(pairKey) ?? null;
    lastOfPair.set(pairKey, caseId);
    const rec: Record<string, unknown> = { prior_case_id: prior };
    for (const [p, c] of CASE_ROW_COLUMNS) rec[c] = row[p];
    caseRows.push(rec);
    for (const { seq, payload } of numbered) {
      eventRows.push({ case_id: caseId, seq, type: payload.type, occurred_at: payload.at, actor_id: payload.actor.id, actor_role: payload.actor.role,
        actor_unit: payload.actor.unitId ?? null, reason: payload.reason ?? null, payload });
    }
    totalEvents += numbered.length;
    const ledger = new Map<number, LedgerRow>();
    for (const ch of folded.ledger) applyLedgerChange(ledger, ch);
    for (const l of ledger.values()) {
      const rec: Record<string, unknown> = {};
      for (const [p, c] of LEDGER_ROW_COLUMNS) rec[c] = l[p];
      ledgerRows.push(rec);
    }
    totalLedger += ledger.size;

    if (caseRows.length >= o.batch || i === o.cases - 1) {
      if (inflight.length >= 2) await inflight.shift();
      inflight.push(flush(caseRows, eventRows, ledgerRows));
      caseRows = []; eventRows = []; ledgerRows = [];
      if ((i + 1) % (o.batch * 25) === 0 || i === o.cases - 1) log(`  ${i + 1} cases, ${totalEvents} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  await Promise.all(inflight);
  await pool.end();
  log('building indexes');
  const qr2 = ds.createQueryRunner();
  await indexes.up(qr2);
  await qr2.release();
  log('unit rollups');
  await rebuildUnitStats(ds);
  log('vacuum analyze');
  for (const t of ['cases', 'case_events', 'accountability_ledger', 'case_unit_stats', 'ledger_unit_stats']) await ds.query(`VACUUM (ANALYZE) ${t}`);
  await ds.destroy();
  return { url, cases: o.cases, events: totalEvents, ledger: totalLedger, cities, units: world.units.length, ms: Date.now() - started };
}

export function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const cases = Number(argValue(argv, 'cases') ?? 25_000);
  const res = await generateCity({
    serverUrl: defaultServerUrl(),
    database: argValue(argv, 'database') ?? (cases > 100_000 ? 'petitions_bench' : 'petitions_city'),
    cases, seed: Number(argValue(argv, 'seed') ?? 2026), now: argValue(argv, 'now') ?? shanghaiMidnightText('2026-12-01'),
    batch: Number(argValue(argv, 'batch') ?? 4000), log: (l) => console.log(l),
  });
  const out = join(__dirname, '../../tmp/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `generate-${res.url.split('/').pop()}.json`), JSON.stringify({ ...res, url: undefined, at: new Date().toISOString() }, null, 2));
  console.log(`generated ${res.cases} cases, ${res.events} events, ${res.ledger} ledger rows in ${(res.ms / 1000).toFixed(1)} s → ${res.url.replace(/:[^:@/]*@/, ':***@')}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
