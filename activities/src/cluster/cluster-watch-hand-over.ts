import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { CLUSTER_SHARD_FAMILIES, type ClusterState, rulesOfFamily, shardSliceOf } from '@petitions/domain';
import {
  CLUSTER_WATCH_WORKFLOW_TYPE, clusterRulesAdoptedSignal, clusterStateHandedOverSignal, clusterStateQuery, clusterWatchShardWorkflowId,
  legacyClusterWatchWorkflowId,
} from '@petitions/contracts';
import { ACTIVITY_TEMPORAL_CLIENT } from '../policies/policy-adoption.activities';
import { CLUSTER_SETTINGS, type ClusterSettings } from './cluster-watch.activities';

export interface HandOverResult { handedOver: boolean; arrivals: number; shards: number }

const QUERY_ATTEMPTS = 5;

/**
 * Moves the windows of the first, unsharded cluster watch (one workflow per task queue) to the shards, then ends it,
 * so that clusters forming across the upgrade are still warned about. Run by the worker once it polls (the query
 * needs a worker); idempotent: shards ignore arrivals they already hold, and a second run finds no legacy watch.
 */
@Injectable()
export class ClusterWatchHandOver {
  private readonly log = new Logger(ClusterWatchHandOver.name);

  constructor(
    @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CLUSTER_SETTINGS) private readonly settings: ClusterSettings,
  ) {}

  async run(): Promise<HandOverResult> {
    const handle = this.client.workflow.getHandle(legacyClusterWatchWorkflowId(this.settings.taskQueue));
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') return { handedOver: false, arrivals: 0, shards: 0 };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { handedOver: false, arrivals: 0, shards: 0 };
      throw err;
    }
    const state = await this.queryWithRetry(() => handle.query(clusterStateQuery));
    let shards = 0;
    for (const family of CLUSTER_SHARD_FAMILIES) {
      const rules = rulesOfFamily(this.settings.rules, family);
      if (rules.length === 0) continue;
      for (let index = 0; index < this.settings.shards; index++) {
        const shard = { family, index, count: this.settings.shards };
        const slice = shardSliceOf(state, this.settings.rules, shard);
        if (slice.arrivals.length === 0 && Object.keys(slice.lastWarned).length === 0) continue;
        await this.client.workflow.signalWithStart(CLUSTER_WATCH_WORKFLOW_TYPE, {
          workflowId: clusterWatchShardWorkflowId(this.settings.taskQueue, shard),
          taskQueue: this.settings.taskQueue,
          args: [{ rules, shard }],
          signal: clusterStateHandedOverSignal,
          signalArgs: [slice],
        });
        shards++;
      }
    }
    try {
      await handle.terminate('类案预警已分片，状态已移交 / handed over to the sharded cluster watches');
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err; // another worker finished the hand-over first
    }
    this.log.log(`cluster watch handed over: ${state.arrivals.length} arrivals to ${shards} shards`);
    return { handedOver: true, arrivals: state.arrivals.length, shards };
  }

  /**
   * Sends the configured rules to every running shard watch of this task queue (its family's part), so watches started
   * under earlier rules (e.g. before townships) apply the current ones; a watch already on them ignores the signal.
   * Returns how many shard watches were told. Shards not running get the rules when they start.
   */
  async adoptRules(): Promise<number> {
    let told = 0;
    for (const family of CLUSTER_SHARD_FAMILIES) {
      const rules = rulesOfFamily(this.settings.rules, family);
      if (rules.length === 0) continue;
      for (let index = 0; index < this.settings.shards; index++) {
        const handle = this.client.workflow.getHandle(clusterWatchShardWorkflowId(this.settings.taskQueue, { family, index, count: this.settings.shards }));
        try {
          await handle.signal(clusterRulesAdoptedSignal, rules);
          told++;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err; // no watch on this shard yet (or it ended)
        }
      }
    }
    if (told) this.log.log(`cluster rules sent to ${told} running shard watches`);
    return told;
  }

  /** A watch that has not yet run its first workflow task cannot answer a query: wait for the worker to take it. */
  private async queryWithRetry(query: () => Promise<ClusterState>): Promise<ClusterState> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await query();
      } catch (err) {
        if (attempt >= QUERY_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
  }
}
