import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ClusterArrival, ClusterRule, ClusterState, ClusterWarning } from '@petitions/domain';

/** One watch per deployment (task queue): every registration is reported to it (signal-with-start). */
export const clusterWatchWorkflowId = (taskQueue: string): string => `cluster-watch-${taskQueue}`;
export const CLUSTER_WATCH_WORKFLOW_TYPE = 'clusterWatch';

export interface ClusterWatchInput { rules: ClusterRule[]; state?: ClusterState }

export const petitionArrivedSignal = defineSignal<[ClusterArrival]>('petitionArrived');
export const clusterStateQuery = defineQuery<ClusterState>('clusterState');

export interface ClusterWatchActivities {
  recordClusterWarning(warning: ClusterWarning): Promise<void>;
}

/** Reported by each case once it is registered (respondent text is hashed by the activity, never sent on). */
export interface ReportArrivalInput { caseId: string; at: string; respondent: string; regionCode: string; category: string }
