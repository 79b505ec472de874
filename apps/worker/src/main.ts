import './tracing.preload';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { JsonLog, NestJsonLogger, TemporalJsonLogger, parseLogLevel } from '@petitions/observability';
import { startMetricsServer } from './metrics/metrics-server';
import { WorkerMetrics } from './metrics/worker-metrics';
import { readWorkerTelemetryConfig } from './metrics/worker-telemetry.config';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

const log = new JsonLog('worker', parseLogLevel(process.env.LOG_LEVEL));

/** Composition root of the worker: a Nest application context whose lifecycle drives the Temporal worker. */
async function main(): Promise<void> {
  const telemetry = await readWorkerTelemetryConfig();
  // One Runtime per process: JSON logs (the SDK core's own lines forwarded to it), core metrics on a Prometheus port.
  Runtime.install({
    logger: new TemporalJsonLogger(log),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) },
      ...(telemetry.coreBind ? { metrics: { prometheus: { bindAddress: telemetry.coreBind, useSecondsForDurations: true } } } : {}),
    },
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new NestJsonLogger(log) });
  app.enableShutdownHooks();
  if (telemetry.metrics) {
    const server = await startMetricsServer({ ...telemetry.metrics, registry: app.get(WorkerMetrics).registry, coreUrl: `http://${telemetry.coreBind}/metrics`, log });
    if (server) {
      const { port } = server.address() as { port: number };
      log.info(`metrics at http://${telemetry.metrics.host}:${port}/metrics`, { metricsPort: port });
      server.unref();
    }
  }
  await app.get(TemporalWorkerService).whenStopped();
  await app.close();
}

main().catch((err) => {
  log.error('worker fatal', { err });
  process.exit(1);
});
