import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@petitions/config';
import { loadBusinessCalendar } from '@petitions/config';
import { clusterTaskQueue } from '@petitions/contracts';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { ApiMetrics } from './api-metrics';
import { ReadModelSnapshotSource } from './read-model.snapshot';

/**
 * GET /metrics (Prometheus text) as a plain Express route, ahead of Nest's router: a scrape is not an API call (no
 * actor, no rate limit, no OpenAPI entry), and it shows counts only. Keep it on the internal network (README).
 * METRICS_CACHE_MS (default 15000) is how long one read-model snapshot serves the gauges.
 */
export function installApiMetrics(app: INestApplication): ApiMetrics {
  const config = app.get<AppConfig>(APP_CONFIG);
  const cacheMs = Number(process.env.METRICS_CACHE_MS ?? 15_000);
  const source = new ReadModelSnapshotSource(app.get(DataSource), app.get<Client>(TEMPORAL_CLIENT), {
    namespace: config.temporalNamespace, taskQueues: [config.taskQueue, clusterTaskQueue(config.taskQueue)],
    baseCalendar: loadBusinessCalendar(process.env.CALENDAR_DIR), cacheMs: Number.isFinite(cacheMs) && cacheMs >= 0 ? cacheMs : 15_000,
  });
  const metrics = new ApiMetrics(() => source.get(), { processMetrics: true });
  app.use(metrics.middleware);
  app.use('/metrics', (req: Request, res: Response, next: () => void) => {
    if (req.method !== 'GET' || (req.path !== '/' && req.path !== '')) return next();
    metrics.registry.metrics()
      .then((text) => res.status(200).type(metrics.registry.contentType).send(text))
      .catch(() => res.status(500).type('text/plain').send('metrics unavailable\n'));
  });
  return metrics;
}
