import { createServer } from 'node:net';

export interface WorkerTelemetryConfig {
  /** The worker's /metrics listener; null when WORKER_METRICS_PORT=off. */
  metrics: { port: number; host: string } | null;
  /** Where the Temporal SDK core serves its Prometheus metrics (read by the worker's /metrics); null when metrics are off. */
  coreBind: string | null;
}

async function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * WORKER_METRICS_PORT (default 9464; `off` turns metrics off; 0 any free port), WORKER_METRICS_HOST (default
 * API_HOST or 127.0.0.1), TEMPORAL_METRICS_BIND (the SDK core's Prometheus address; default a free loopback port,
 * since the worker's /metrics already includes what it serves).
 */
export async function readWorkerTelemetryConfig(env: NodeJS.ProcessEnv = process.env): Promise<WorkerTelemetryConfig> {
  const raw = (env.WORKER_METRICS_PORT ?? '9464').trim().toLowerCase();
  if (raw === 'off' || raw === 'false' || raw === '') return { metrics: null, coreBind: null };
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`WORKER_METRICS_PORT must be a port number or "off", not "${raw}"`);
  const host = env.WORKER_METRICS_HOST ?? env.API_HOST ?? '127.0.0.1';
  const coreBind = env.TEMPORAL_METRICS_BIND || `127.0.0.1:${await freeLocalPort()}`;
  return { metrics: { port, host }, coreBind };
}
