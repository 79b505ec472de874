import { defineQuery } from '@temporalio/workflow';
import type { Actor, SupervisionPolicy } from '@petitions/domain';

export const POLICY_ROLLOUT_WORKFLOW_TYPE = 'policyRollout';
export const policyRolloutWorkflowId = (policyId: string, version: number): string => `policy-rollout-${policyId}-v${version}`;

export interface RolloutTotals { considered: number; adopted: number; rejected: number; byCode: Record<string, number> }

export interface PolicyRolloutInput {
  policy: SupervisionPolicy;
  /** The supervisor who published the version: recorded in every case's PolicyAdopted event. */
  actor: Actor;
  /** Continue-as-new cursor and running totals. */
  afterCaseId?: string;
  totals?: RolloutTotals;
}

export interface AdoptionOutcome { caseId: string; outcome: 'adopted' | 'rejected'; code?: string; rearmed?: number }

export interface PolicyRolloutActivities {
  /** Open cases that this version should reach, in case-id order after the cursor. */
  listCasesForAdoption(input: { policy: SupervisionPolicy; afterCaseId: string | null; limit: number }): Promise<string[]>;
  /** Sends AdoptPolicy to one case; the case's decider accepts or refuses it (refusals are outcomes, not errors). */
  adoptPolicyOnCase(input: { caseId: string; policy: SupervisionPolicy; actor: Actor }): Promise<AdoptionOutcome>;
}

export const rolloutProgressQuery = defineQuery<RolloutTotals & { done: boolean; cursor: string | null }>('rolloutProgress');
