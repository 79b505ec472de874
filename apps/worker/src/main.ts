import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

/** Composition root of the worker: a Nest application context whose lifecycle drives the Temporal worker. */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL ?? 'info').toUpperCase() as LogLevel) });
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: false });
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).whenStopped();
  await app.close();
}

main().catch((err) => {
  console.error('[worker] fatal:', err);
  process.exit(1);
});
