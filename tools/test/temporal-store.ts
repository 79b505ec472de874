import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrivatePostgres } from '../cluster/private-postgres';

/**
 * Every byte of the Temporal store the tests run against, for scans (e.g. "no personal data in plain text"):
 * the dev server's SQLite file and its write-ahead log, or, on the cluster (PETITIONS_TEST_TEMPORAL=cluster), every
 * row of every table of its two PostgreSQL databases, copied out in PostgreSQL's binary format (bytea columns such as
 * history_node.data come out as raw bytes, not hex).
 */
export function temporalStoreBytes(): Buffer {
  const file = process.env.PETITIONS_TEST_TEMPORAL_DB;
  if (file) return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  const pg = JSON.parse(process.env.PETITIONS_TEST_TEMPORAL_PG ?? 'null') as { socketDir: string; port: number } | null;
  if (!pg) throw new Error('no Temporal store known: neither PETITIONS_TEST_TEMPORAL_DB nor PETITIONS_TEST_TEMPORAL_PG is set');
  const psqlBin = join(PrivatePostgres.bindir(), 'psql');
  const psql = (db: string, sql: string) => execFileSync(psqlBin, ['-h', pg.socketDir, '-p', String(pg.port), '-U', 'postgres', '-d', db,
    '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql], { maxBuffer: 1 << 30 });
  const parts: Buffer[] = [];
  for (const db of ['temporal', 'temporal_visibility']) {
    const tables = psql(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").toString().split('\n').filter(Boolean);
    for (const t of tables) parts.push(psql(db, `COPY public."${t}" TO STDOUT (FORMAT binary)`));
  }
  return Buffer.concat(parts);
}

