import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  ACTIVITY_TEMPORAL_CLIENT, CalendarAdoptionActivities, CaseProjectionActivities, ClusterWatchActivitiesService, ClusterWatchHandOver, LetterIssuingActivities,
  PolicyAdoptionActivities, UnitSuccessionActivitiesService,
} from '@petitions/activities';
import type { Client } from '@temporalio/client';
import type { CalendarRolloutActivities, CaseActivities, ClusterWatchActivities, PolicyRolloutActivities, UnitSuccessionActivities } from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { currentTracing } from '@petitions/observability';
import { bundlePetitionWorkflows, createClusterArrivalWorker, dataConverter, workerTracingOptions } from '@petitions/temporal';
import { WorkerMetrics } from './metrics/worker-metrics';
import { APP_CONFIG } from './worker.tokens';

/**
 * Owns the Temporal workers: the case worker (workflows and their activities) and the arrival-report worker of
 * 类案预警 on its own queue; created on Nest bootstrap, drained on shutdown; their run() promises are awaited.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private arrivals?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  /** The start-up hand-over and rule adoption of the cluster watches (settled, never rejected: failures are logged). */
  clusterWatchesReady: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: CaseProjectionActivities,
    private readonly letters: LetterIssuingActivities,
    private readonly adoption: PolicyAdoptionActivities,
    private readonly calendarAdoption: CalendarAdoptionActivities,
    private readonly cluster: ClusterWatchActivitiesService,
    private readonly handOver: ClusterWatchHandOver,
    private readonly succession: UnitSuccessionActivitiesService,
    @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly activityClient: Client,
    private readonly metrics: WorkerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    const tracing = currentTracing();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      workflowBundle: process.env.PETITIONS_WORKFLOW_BUNDLE ? { codePath: process.env.PETITIONS_WORKFLOW_BUNDLE } : await bundlePetitionWorkflows(),
      activities: this.activities(),
      dataConverter: dataConverter(this.config.payloadKeys),
      ...workerTracingOptions(tracing),
    });
    const { reportArrival } = this.cluster.asActivities();
    this.arrivals = await createClusterArrivalWorker({
      connection: this.connection, namespace: this.config.temporalNamespace, taskQueue: this.config.taskQueue,
      dataConverter: dataConverter(this.config.payloadKeys), reportArrival,
    });
    // Either worker failing stops the process (main() exits non-zero); a shutdown drains both.
    this.running = Promise.all([this.worker.run(), this.arrivals.run()]).then(() => undefined);
    this.log.log(`worker polling task queues "${this.config.taskQueue}" and its cluster queue on ${this.config.temporalAddress}`);
    // An unsharded watch from before the upgrade hands its windows to the shards (needs this worker polling to answer).
    // Then every running shard watch applies the configured rules (e.g. the township rules after an upgrade).
    this.clusterWatchesReady = this.handOver.run().then(() => this.handOver.adoptRules()).then(() => undefined, (err: unknown) =>
      this.log.warn(`cluster watch hand-over or rule adoption not done, retried at the next start: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Every activity the case workflow schedules, each a method of one injected service. */
  activities(): CaseActivities & PolicyRolloutActivities & CalendarRolloutActivities & ClusterWatchActivities & UnitSuccessionActivities {
    const { projectCaseEvents } = this.projection.asActivities();
    return {
      // The domain metrics are counted where the events land in the read model (see WorkerMetrics).
      projectCaseEvents: async (input) => {
        const result = await projectCaseEvents(input);
        this.metrics.observeProjection(input, result, new Date());
        return result;
      },
      issueLetter: (input) => this.letters.issueLetter(input),
      ...this.adoption.asActivities(),
      ...this.calendarAdoption.asActivities(),
      ...this.cluster.asActivities(),
      ...this.succession.asActivities(),
    };
  }

  /** Resolves when the worker stops; rejects when it fails, so main() can exit non-zero. */
  whenStopped(): Promise<void> {
    if (!this.running) throw new Error('worker not started');
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const w of [this.worker, this.arrivals]) if (w && w.getState() === 'RUNNING') w.shutdown();
    try {
      await this.running;
    } finally {
      await this.connection?.close();
      await this.activityClient.connection.close();
    }
  }
}
