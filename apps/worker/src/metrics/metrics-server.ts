import { type Server, createServer } from 'node:http';
import type { Registry } from 'prom-client';
import type { JsonLog } from '@petitions/observability';

export interface MetricsServerOptions {
  port: number;
  host: string;
  registry: Registry;
  /** The Temporal SDK core's own Prometheus endpoint, appended to every scrape (one target per worker). */
  coreUrl?: string;
  log: JsonLog;
}

/** Reads the SDK core's metrics; a failure is reported as a metric, never as a failed scrape of the worker's own. */
async function coreMetrics(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return `${(await res.text()).trimEnd()}\n# HELP petitions_worker_core_metrics_up Whether the Temporal SDK core metrics were read\n# TYPE petitions_worker_core_metrics_up gauge\npetitions_worker_core_metrics_up 1\n`;
  } catch {
    return '# HELP petitions_worker_core_metrics_up Whether the Temporal SDK core metrics were read\n# TYPE petitions_worker_core_metrics_up gauge\npetitions_worker_core_metrics_up 0\n';
  }
}

/**
 * The worker's small HTTP listener: GET /metrics (Prometheus text: the worker's metrics, then the SDK core's).
 * A port already taken is logged and the worker keeps running: cases matter more than a scrape.
 */
export function startMetricsServer(o: MetricsServerOptions): Promise<Server | null> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') { res.writeHead(404).end(); return; }
    void (async () => {
      const own = await o.registry.metrics();
      const core = o.coreUrl ? await coreMetrics(o.coreUrl) : '';
      res.writeHead(200, { 'content-type': o.registry.contentType }).end(`${own.trimEnd()}\n${core}`);
    })().catch((err: unknown) => { o.log.error('metrics scrape failed', { err }); res.writeHead(500).end(); });
  });
  return new Promise((resolve) => {
    server.once('error', (err) => { o.log.error('metrics listener not started', { err, port: o.port }); resolve(null); });
    server.listen(o.port, o.host, () => resolve(server));
  });
}
