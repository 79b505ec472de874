import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { type ClusterRule, type ClusterWarning, DEFAULT_CLUSTER_RULES, validateClusterRules } from '@petitions/domain';
import {
  CLUSTER_WATCH_WORKFLOW_TYPE, clusterWatchWorkflowId, type ClusterWatchActivities, type ReportArrivalInput, petitionArrivedSignal,
} from '@petitions/contracts';
import { DataSource } from 'typeorm';
import { ACTIVITY_TEMPORAL_CLIENT } from '../policies/policy-adoption.activities';

export const CLUSTER_SETTINGS = Symbol('CLUSTER_SETTINGS');
export interface ClusterSettings { caseKeySecret: string; taskQueue: string; rules: ClusterRule[] }

/** Rules from CLUSTER_RULES (a JSON array) or the defaults; invalid rules stop the worker at start-up. */
export function clusterRulesFromEnv(env: NodeJS.ProcessEnv): ClusterRule[] {
  const rules = env.CLUSTER_RULES ? (JSON.parse(env.CLUSTER_RULES) as ClusterRule[]) : DEFAULT_CLUSTER_RULES;
  validateClusterRules(rules);
  return rules;
}

/** Activities of 类案预警: report a registration to the watch (signal-with-start), store a warning (idempotent). */
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
    // The respondent may be a person: only its keyed hash leaves the case.
    const respondentRef = `r-${createHmac('sha256', this.settings.caseKeySecret)
      .update(input.respondent.normalize('NFKC').replace(/\s+/g, '').toLowerCase()).digest('hex').slice(0, 16)}`;
    await this.client.workflow.signalWithStart(CLUSTER_WATCH_WORKFLOW_TYPE, {
      workflowId: clusterWatchWorkflowId(this.settings.taskQueue),
      taskQueue: this.settings.taskQueue,
      args: [{ rules: this.settings.rules }],
      signal: petitionArrivedSignal,
      signalArgs: [{ caseId: input.caseId, at: input.at, respondentRef, regionCode: input.regionCode, category: input.category }],
    });
  }

  private async record(w: ClusterWarning): Promise<void> {
    await this.ds.query(
      `INSERT INTO cluster_warnings (warning_id, rule_id, dimension, cluster_key, threshold, window_start, raised_at, case_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (warning_id) DO NOTHING`,
      [`${w.ruleId}|${w.key}|${w.at}`, w.ruleId, w.dimension, w.key, w.threshold, w.windowStart, w.at, w.caseIds]);
  }
}
