import './tracing.preload';
import 'reflect-metadata';
import { loadConfig } from '@petitions/config';
import { JsonLog, NestJsonLogger, parseLogLevel } from '@petitions/observability';
import { createApiApp } from './api.app';
import { drainOnSignals } from './graceful-shutdown';

const log = new JsonLog('api', parseLogLevel(process.env.LOG_LEVEL));

/** Composition root of the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp({ logger: new NestJsonLogger(log), requestLog: log });
  await app.listen(config.apiPort, config.apiHost);
  drainOnSignals(app, {
    drainDelayMs: Number(process.env.API_SHUTDOWN_DRAIN_DELAY_MS ?? 1_000), graceMs: Number(process.env.API_SHUTDOWN_GRACE_MS ?? 25_000),
    log: (line) => log.info(line),
  });
  log.info(`listening on http://${config.apiHost}:${config.apiPort} (metrics at /metrics)`, { port: config.apiPort });
}

main().catch((err) => {
  log.error('api fatal', { err });
  process.exit(1);
});
