import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrations } from '../../libs/read-model/src';
import { dataConverter } from '../../libs/temporal/src/temporal-connection';
import { createApiApp } from '../../apps/api/src/api.app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';

/** Each test file gets its own task queue so workers of parallel files never take each other's tasks. */
export function useOwnTaskQueue(name: string): string {
  const queue = `test-${name}-${process.pid}`;
  process.env.TEMPORAL_TASK_QUEUE = queue;
  return queue;
}

let runtimeInstalled = false;

export async function startWorkerApp(): Promise<INestApplicationContext> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await app.init();
  app.get(TemporalWorkerService).whenStopped().catch((err) => console.error('worker failed', err));
  return app;
}

export async function startApiApp(): Promise<{ app: INestApplication; url: string }> {
  const app = await createApiApp({ logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

export async function testClient(): Promise<Client> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  return new Client({ connection, dataConverter: dataConverter(process.env.PAYLOAD_KEYS!) });
}

export async function testDataSource(): Promise<DataSource> {
  return new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, synchronize: false }).initialize();
}

/**
 * A read-model database of the test file's own (created, migrated, and used by the stack started after it). For tests
 * of work that visits every open case of the read model (a calendar rollout), which must not reach the cases of other
 * test files on the shared run database (their workers may be gone, and they are not this test's to change).
 */
export async function useOwnDatabase(name: string): Promise<{ drop(): Promise<void> }> {
  const adminUrl = process.env.PETITIONS_TEST_ADMIN_DATABASE_URL!;
  const database = `${process.env.PETITIONS_TEST_DATABASE}_${name}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url.toString();
  await runMigrations(process.env.DATABASE_URL);
  return {
    drop: async () => {
      process.env.DATABASE_URL = previous;
      const c = new PgClient({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Worker, API, a Temporal client and a read-model connection, on the test file's own task queue. */
export interface TestStack {
  worker: INestApplicationContext;
  api: INestApplication;
  url: string;
  client: Client;
  db: DataSource;
  stop(): Promise<void>;
}

export async function startStack(name: string): Promise<TestStack> {
  useOwnTaskQueue(name);
  const worker = await startWorkerApp();
  const { app: api, url } = await startApiApp();
  const client = await testClient();
  const db = await testDataSource();
  return {
    worker, api, url, client, db,
    stop: async () => {
      await api.close();
      await worker.close();
      await client.connection.close();
      await db.destroy();
    },
  };
}
