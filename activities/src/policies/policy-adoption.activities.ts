import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { AdoptionOutcome, CaseCommandInput, PolicyRolloutActivities } from '@petitions/contracts';
import { sendAdoption } from '../adoption/send-adoption';
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
    return sendAdoption(this.client, caseId, { type: 'AdoptPolicy', policy, actor } as CaseCommandInput, 'PolicyAdopted');
  }
}
