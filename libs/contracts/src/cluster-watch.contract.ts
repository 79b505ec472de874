import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ClusterArrival, ClusterRule, ClusterShard, ClusterState, ClusterWarning } from '@petitions/domain';

/** The first, unsharded watch (one per task queue); its windows are handed over to the shards, then it ends. */
export const legacyClusterWatchWorkflowId = (taskQueue: string): string => `cluster-watch-${taskQueue}`;
/** One watch per shard (see `shardsForArrival`); the id holds only the family and the shard number, no key. */
export const clusterWatchShardWorkflowId = (taskQueue: string, shard: ClusterShard): string =>
  `cluster-watch-${taskQueue}-${shard.family}-${shard.index}of${shard.count}`;
export const CLUSTER_WATCH_WORKFLOW_TYPE = 'clusterWatch';
/**
 * Arrival reports run on their own task queue (their own worker slots): a burst of registrations, or a busy
 * watch, must not hold the slots that breach projections and letters need.
 */
export const clusterTaskQueue = (taskQueue: string): string => `${taskQueue}.cluster`;
export const DEFAULT_CLUSTER_WATCH_SHARDS = 8;

/** `rules` are the rules of the shard's family; `shard` is absent for the legacy unsharded watch. */
export interface ClusterWatchInput { rules: ClusterRule[]; state?: ClusterState; shard?: ClusterShard }

export const petitionArrivedSignal = defineSignal<[ClusterArrival]>('petitionArrived');
/** Part of another watch's state, absorbed without raising warnings (the hand-over from the unsharded watch). */
export const clusterStateHandedOverSignal = defineSignal<[ClusterState]>('clusterStateHandedOver');
export const clusterStateQuery = defineQuery<ClusterState>('clusterState');
/**
 * The rules a running shard watch applies from now on (its family's part of the configured rules): its kept arrivals
 * are regrouped under them, last warnings kept. Sent by the worker at start (ClusterWatchHandOver.adoptRules); a watch
 * that never receives it keeps the rules it was started with, which is how recorded histories replay.
 */
export const clusterRulesAdoptedSignal = defineSignal<[ClusterRule[]]>('clusterRulesAdopted');
export const clusterRulesQuery = defineQuery<ClusterRule[]>('clusterRules');

export interface ClusterWatchActivities {
  recordClusterWarning(warning: ClusterWarning): Promise<void>;
}

/** Reported by each case once it is registered (respondent text is hashed by the activity, never sent on). */
export interface ReportArrivalInput { caseId: string; at: string; respondent: string; regionCode: string; townshipCode?: string; category: string }
