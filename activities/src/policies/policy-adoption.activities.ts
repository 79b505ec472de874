import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type AdoptionOutcome, type CaseCommandInput, type PolicyRolloutActivities, executeCommandUpdate } from '@petitions/contracts';
import { listCasesForAdoption } from '@petitions/read-model';
import { DataSource } from 'typeorm';

export const ACTIVITY_TEMPORAL_CLIENT = Symbol('ACTIVITY_TEMPORAL_CLIENT');

/** Activities of a policy rollout: one read (which cases), one write per case (its AdoptPolicy update). */
@Injectable()
export class PolicyAdoptionActivities {
  constructor(private readonly ds: DataSource, @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly client: Client) {}

  asActivities(): PolicyRolloutActivities {
    return {
      listCasesForAdoption: ({ policy, afterCaseId, limit }) => listCasesForAdoption(this.ds, policy, afterCaseId, limit),
      adoptPolicyOnCase: (input) => this.adopt(input),
    };
  }

  private async adopt({ caseId, policy, actor }: Parameters<PolicyRolloutActivities['adoptPolicyOnCase']>[0]): Promise<AdoptionOutcome> {
    try {
      const outcome = await this.client.workflow.getHandle(caseId).executeUpdate(executeCommandUpdate, {
        args: [{ type: 'AdoptPolicy', policy, actor } as CaseCommandInput],
      });
      const adopted = outcome.events.find((e) => e.event.type === 'PolicyAdopted')?.event;
      return { caseId, outcome: 'adopted', rearmed: adopted && 'rearmed' in adopted ? adopted.rearmed.length : 0 };
    } catch (err) {
      // The case refusing is an answer (e.g. already on this version, or out of scope), not a failure to retry.
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        return { caseId, outcome: 'rejected', code: err.cause.type ?? 'CASE_COMMAND_REJECTED' };
      }
      if (err instanceof WorkflowNotFoundError) return { caseId, outcome: 'rejected', code: 'CASE_NOT_RUNNING' };
      throw err;
    }
  }
}
