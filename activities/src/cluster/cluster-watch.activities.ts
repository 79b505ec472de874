import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  type ClusterRule, type ClusterWarning, DEFAULT_CLUSTER_RULES, rulesOfFamily, shardsForArrival, validateClusterRules, validateShardCount,
} from '@petitions/domain';
import {
  CLUSTER_WATCH_WORKFLOW_TYPE, DEFAULT_CLUSTER_WATCH_SHARDS, clusterWatchShardWorkflowId, type ClusterWatchActivities, type ReportArrivalInput,
  petitionArrivedSignal,
} from '@petitions/contracts';
import { DataSource } from 'typeorm';
import { ACTIVITY_TEMPORAL_CLIENT } from '../policies/policy-adoption.activities';

export const CLUSTER_SETTINGS = Symbol('CLUSTER_SETTINGS');
/** `shards`: watches per family (respondent, town); changing it starts new shards with empty windows. */
export interface ClusterSettings { caseKeySecret: string; taskQueue: string; rules: ClusterRule[]; shards: number }

/** Rules from CLUSTER_RULES (a JSON array) or the defaults; invalid rules stop the worker at start-up. */
export function clusterRulesFromEnv(env: NodeJS.ProcessEnv): ClusterRule[] {
  const rules = env.CLUSTER_RULES ? (JSON.parse(env.CLUSTER_RULES) as ClusterRule[]) : DEFAULT_CLUSTER_RULES;
  validateClusterRules(rules);
  return rules;
}

/** The respondent may be a person: only this keyed hash of the normalised text leaves the case. */
export function respondentRefOf(caseKeySecret: string, respondent: string): string {
  return `r-${createHmac('sha256', caseKeySecret).update(respondent.normalize('NFKC').replace(/\s+/g, '').toLowerCase()).digest('hex').slice(0, 16)}`;
}

/** CLUSTER_WATCH_SHARDS (1..256, default 8); an invalid value stops the worker at start-up. */
export function clusterShardsFromEnv(env: NodeJS.ProcessEnv): number {
  const shards = env.CLUSTER_WATCH_SHARDS ? Number(env.CLUSTER_WATCH_SHARDS) : DEFAULT_CLUSTER_WATCH_SHARDS;
  validateShardCount(shards);
  return shards;
}

/** Activities of 类案预警: report a registration to its shards of the watch (signal-with-start), store a warning (idempotent). */
@Injectable()
export class ClusterWatchActivitiesService {
  constructor(
    private readonly ds: DataSource,
    @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CLUSTER_SETTINGS) private readonly settings: ClusterSettings,
  ) {}

  asActivities(): ClusterWatchActivities & { reportArrival(input: ReportArrivalInput): Promise<void> } {
    return {
      reportArrival: (input) => this.reportArrival(input),
      recordClusterWarning: (w) => this.record(w),
    };
  }

  private async reportArrival(input: ReportArrivalInput): Promise<void> {
    const respondentRef = respondentRefOf(this.settings.caseKeySecret, input.respondent);
    const arrival = { caseId: input.caseId, at: input.at, respondentRef, regionCode: input.regionCode,
      ...(input.townshipCode ? { townshipCode: input.townshipCode } : {}), category: input.category };
    // One signal per family; each is idempotent on the watch's side (a case seen before is ignored), so a retry is safe.
    await Promise.all(shardsForArrival(arrival, this.settings.rules, this.settings.shards).map((shard) =>
      this.client.workflow.signalWithStart(CLUSTER_WATCH_WORKFLOW_TYPE, {
        workflowId: clusterWatchShardWorkflowId(this.settings.taskQueue, shard),
        taskQueue: this.settings.taskQueue,
        args: [{ rules: rulesOfFamily(this.settings.rules, shard.family), shard }],
        signal: petitionArrivedSignal,
        signalArgs: [arrival],
      })));
  }

  private async record(w: ClusterWarning): Promise<void> {
    await this.ds.query(
      `INSERT INTO cluster_warnings (warning_id, rule_id, dimension, cluster_key, threshold, window_start, raised_at, case_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (warning_id) DO NOTHING`,
      [`${w.ruleId}|${w.key}|${w.at}`, w.ruleId, w.dimension, w.key, w.threshold, w.windowStart, w.at, w.caseIds]);
  }
}
