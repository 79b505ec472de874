import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../dev/temporal-dev-server';
import { startTestTemporal } from './test-temporal';
import { bundlePetitionWorkflows } from '../../libs/temporal/src/workflow-bundle';


/**
 * Starts what integration tests need, once per run: a real Temporal dev server on a fresh SQLite file (or, with
 * PETITIONS_TEST_TEMPORAL=cluster, a real Temporal cluster on PostgreSQL: tools/test/test-temporal.ts),
 * a fresh database on a real PostgreSQL (migrated), and the workflow bundle (built once, shared by every test).
 */
export default async function globalSetup(): Promise<void> {
  const runDir = join(REPO_ROOT, 'tmp', `test-run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });

  const baseUrl = process.env.DATABASE_URL
    ?? execFileSync('bash', [join(REPO_ROOT, 'tools/setup/ensure-postgres.sh')], { encoding: 'utf8' }).trim();
  const dbName = `petitions_test_${process.pid}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.PETITIONS_TEST_ADMIN_DATABASE_URL = baseUrl;
  process.env.PETITIONS_TEST_DATABASE = dbName;
  // Migrations run as the apps run them (swc-node resolves the workspace's path aliases; Jest's global setup cannot).
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'tools/db/migrate.ts')], {
    cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, stdio: ['ignore', 'ignore', 'inherit'],
  });

  const server = await startTestTemporal(runDir);
  process.env.TEMPORAL_ADDRESS = server.address;
  if (server.dbFile) process.env.PETITIONS_TEST_TEMPORAL_DB = server.dbFile;
  if (server.clusterPg) process.env.PETITIONS_TEST_TEMPORAL_PG = JSON.stringify(server.clusterPg);
  process.env.PAYLOAD_KEYS ??= `test:${randomBytes(32).toString('base64')}`;
  process.env.CASE_KEY_SECRET ??= randomBytes(24).toString('hex');
  process.env.AUTH_ALLOW_DEV_HEADERS ??= 'true';
  process.env.AUTH_TOKEN_SECRET ??= randomBytes(24).toString('hex');

  const bundle = await bundlePetitionWorkflows();
  const bundlePath = join(runDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.env.PETITIONS_WORKFLOW_BUNDLE = bundlePath;

  (globalThis as Record<string, unknown>).__petitionsTest = { server, runDir };
}
