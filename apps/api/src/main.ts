import 'reflect-metadata';
import { loadConfig } from '@petitions/config';
import { createApiApp } from './api.app';
import { drainOnSignals } from './graceful-shutdown';

/** Composition root of the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp();
  await app.listen(config.apiPort, config.apiHost);
  drainOnSignals(app, {
    drainDelayMs: Number(process.env.API_SHUTDOWN_DRAIN_DELAY_MS ?? 1_000), graceMs: Number(process.env.API_SHUTDOWN_GRACE_MS ?? 25_000),
    log: (line) => console.log(line),
  });
  console.log(`[api] listening on http://${config.apiHost}:${config.apiPort}`);
}

main().catch((err) => {
  console.error('[api] fatal:', err);
  process.exit(1);
});
