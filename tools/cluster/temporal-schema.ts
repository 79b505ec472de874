import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivatePostgres } from './private-postgres';

/** The two databases of the cluster and their schema folders in the server module (postgres12 plugin). */
export const TEMPORAL_DATABASES = [
  { database: 'temporal', schema: 'temporal' },
  { database: 'temporal_visibility', schema: 'visibility' },
] as const;

/**
 * Creates and migrates Temporal's databases with temporal-sql-tool, as an operator would: create-database, then
 * setup-schema -v 0.0 (the version table) on a new database, then update-schema to the newest version shipped with the
 * pinned server. Idempotent (update-schema applies only what is missing). Returns the schema versions.
 */
export function setupTemporalSchemas(opts: { tools: string; pg: PrivatePostgres; user: string; password: string; logFile: string }):
  { temporal: string; visibility: string } {
  const tool = (database: string, ...args: string[]) => {
    const out = execFileSync(join(opts.tools, 'bin', 'temporal-sql-tool'),
      ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(opts.pg.port), '-u', opts.user, '--db', database, ...args],
      { encoding: 'utf8', env: { ...process.env, SQL_PASSWORD: opts.password }, stdio: ['ignore', 'pipe', 'pipe'] });
    appendFileSync(opts.logFile, out);
  };
  const versions: Record<string, string> = {};
  for (const { database, schema } of TEMPORAL_DATABASES) {
    if (opts.pg.sql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`) !== '1') tool(database, 'create-database');
    if (opts.pg.sql("SELECT to_regclass('public.schema_version') IS NOT NULL", database) !== 't') tool(database, 'setup-schema', '-v', '0.0');
    tool(database, 'update-schema', '-d', join(opts.tools, 'schema', 'postgresql', 'v12', schema, 'versioned'));
    versions[schema] = opts.pg.sql('SELECT curr_version FROM schema_version', database);
  }
  return { temporal: versions.temporal, visibility: versions.visibility };
}
