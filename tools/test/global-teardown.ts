import { rmSync } from 'node:fs';
import { Client } from 'pg';
import type { TestTemporal } from './test-temporal';

export default async function globalTeardown(): Promise<void> {
  const ctx = (globalThis as Record<string, unknown>).__petitionsTest as { server: TestTemporal; runDir: string } | undefined;
  if (!ctx) return;
  await ctx.server.stop();
  const admin = new Client({ connectionString: process.env.PETITIONS_TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${process.env.PETITIONS_TEST_DATABASE} WITH (FORCE)`);
  await admin.end();
  rmSync(ctx.runDir, { recursive: true, force: true });
}
