import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import { type PolicyRolloutActivities, type PolicyRolloutInput, type RolloutTotals, rolloutProgressQuery } from '@petitions/contracts';
import { runRollout } from './rollout-loop';

const { listCasesForAdoption, adoptPolicyOnCase } = proxyActivities<PolicyRolloutActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Rolls a newly published policy version out to the open cases it should govern. Each case decides for itself
 * (AdoptPolicy re-arms its clocks keeping the elapsed time); the rollout only counts outcomes. Durable: a crash
 * resumes at the cursor, and re-sending to a case that already adopted is refused by the case, not repeated.
 */
export async function policyRollout(input: PolicyRolloutInput): Promise<RolloutTotals> {
  return runRollout({
    start: input,
    progress: rolloutProgressQuery,
    listPage: (afterCaseId, limit) => listCasesForAdoption({ policy: input.policy, afterCaseId, limit }),
    adopt: (caseId) => adoptPolicyOnCase({ caseId, policy: input.policy, actor: input.actor }),
    continueWith: (afterCaseId, totals) => continueAsNew<typeof policyRollout>({ ...input, afterCaseId, totals }),
  });
}
