import { Module } from '@nestjs/common';
import {
  ACTIVITY_TEMPORAL_CLIENT, CLUSTER_SETTINGS, CaseProjectionActivities, ClusterWatchActivitiesService, ClusterWatchHandOver, LetterIssuingActivities,
  CalendarAdoptionActivities, PolicyAdoptionActivities, UnitSuccessionActivitiesService, clusterRulesFromEnv, clusterShardsFromEnv,
} from '@petitions/activities';
import { connectClient } from '@petitions/temporal';
import type { AppConfig } from '@petitions/config';
import { loadConfig } from '@petitions/config';
import { LettersStore, ReadModelModule } from '@petitions/read-model';
import { DataSource } from 'typeorm';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerMetrics } from './metrics/worker-metrics';
import { APP_CONFIG } from './worker.tokens';

const config = { provide: APP_CONFIG, useFactory: () => loadConfig() };

@Module({
  imports: [ReadModelModule.forRoot({ databaseUrl: () => loadConfig().databaseUrl, poolSize: 10 })],
  providers: [
    config,
    { provide: LettersStore, inject: [DataSource], useFactory: (ds: DataSource) => new LettersStore(ds) },
    CaseProjectionActivities,
    LetterIssuingActivities,
    {
      provide: ACTIVITY_TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => connectClient({ address: c.temporalAddress, namespace: c.temporalNamespace, payloadKeys: c.payloadKeys }),
    },
    PolicyAdoptionActivities,
    CalendarAdoptionActivities,
    UnitSuccessionActivitiesService,
    {
      provide: CLUSTER_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        caseKeySecret: c.caseKeySecret, taskQueue: c.taskQueue, rules: clusterRulesFromEnv(process.env), shards: clusterShardsFromEnv(process.env),
      }),
    },
    ClusterWatchActivitiesService,
    ClusterWatchHandOver,
    { provide: WorkerMetrics, useFactory: () => new WorkerMetrics({ processMetrics: true }) },
    TemporalWorkerService,
  ],
})
export class WorkerModule {}
