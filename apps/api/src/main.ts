import 'reflect-metadata';
import { loadConfig } from '@petitions/config';
import { createApiApp } from './api.app';

/** Composition root of the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp();
  await app.listen(config.apiPort, config.apiHost);
  console.log(`[api] listening on http://${config.apiHost}:${config.apiPort}`);
}

main().catch((err) => {
  console.error('[api] fatal:', err);
  process.exit(1);
});
