import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  ACTIVITY_TEMPORAL_CLIENT, CaseProjectionActivities, ClusterWatchActivitiesService, LetterIssuingActivities, PolicyAdoptionActivities,
} from '@petitions/activities';
import type { Client } from '@temporalio/client';
import type { CaseActivities, ClusterWatchActivities, PolicyRolloutActivities } from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { bundlePetitionWorkflows, dataConverter } from '@petitions/temporal';
import { APP_CONFIG } from './worker.tokens';

/** Owns the Temporal worker: created on Nest bootstrap, drained on shutdown; its run() promise is awaited. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: CaseProjectionActivities,
    private readonly letters: LetterIssuingActivities,
    private readonly adoption: PolicyAdoptionActivities,
    private readonly cluster: ClusterWatchActivitiesService,
    @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly activityClient: Client,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    const bundlePath = process.env.PETITIONS_WORKFLOW_BUNDLE;
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      workflowBundle: bundlePath ? { codePath: bundlePath } : await bundlePetitionWorkflows(),
      activities: this.activities(),
      dataConverter: dataConverter(this.config.payloadKeys),
    });
    this.running = this.worker.run();
    this.log.log(`worker polling task queue "${this.config.taskQueue}" on ${this.config.temporalAddress}`);
  }

  /** Every activity the case workflow schedules, each a method of one injected service. */
  activities(): CaseActivities & PolicyRolloutActivities & ClusterWatchActivities {
    return {
      ...this.projection.asActivities(),
      issueLetter: (input) => this.letters.issueLetter(input),
      ...this.adoption.asActivities(),
      ...this.cluster.asActivities(),
    };
  }

  /** Resolves when the worker stops; rejects when it fails, so main() can exit non-zero. */
  whenStopped(): Promise<void> {
    if (!this.running) throw new Error('worker not started');
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    try {
      await this.running;
    } finally {
      await this.connection?.close();
      await this.activityClient.connection.close();
    }
  }
}
