import { defineQuery } from '@temporalio/workflow';
import type { AdoptionOutcome, RolloutTotals } from './policy-rollout.contract';

export const UNIT_SUCCESSION_WORKFLOW_TYPE = 'unitSuccession';
export const unitSuccessionWorkflowId = (reorganizationId: string): string => `unit-succession-${reorganizationId}`;

/** 机构改革: the open cases of the abolished units move to the successor (each case records UnitSucceeded). */
export interface UnitSuccessionInput {
  reorganizationId: string;
  fromUnitIds: string[];
  toUnitId: string;
  /** The admin who recorded the reorganization, and why: named in each case's event reason (the command runs as system). */
  decidedBy: string;
  reason: string;
  /** Where a continued run resumes: the index into fromUnitIds, the case cursor, the totals so far. */
  unitIndex?: number;
  afterCaseId?: string | null;
  totals?: RolloutTotals;
}

export interface UnitSuccessionActivities {
  /** Open cases in which the unit still has a role, in case-id order after the cursor. */
  listOpenCasesOfUnit(input: { unitId: string; afterCaseId: string | null; limit: number }): Promise<string[]>;
  /** Sends TransferToSuccessor to one case; a refusal (no role any more, closed meanwhile) is an outcome, not an error. */
  transferCaseToSuccessor(input: { caseId: string; fromUnitId: string; toUnitId: string; reorganizationId: string; reason: string }): Promise<AdoptionOutcome>;
}

export const unitSuccessionProgressQuery = defineQuery<RolloutTotals & { done: boolean; cursor: string | null }>('unitSuccessionProgress');
