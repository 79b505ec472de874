import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  type AdoptionOutcome, type PolicyRolloutActivities, type PolicyRolloutInput, type RolloutTotals, rolloutProgressQuery,
} from '@petitions/contracts';

const { listCasesForAdoption, adoptPolicyOnCase } = proxyActivities<PolicyRolloutActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const PAGE = 200;
const PARALLEL = 8;

/**
 * Rolls a newly published policy version out to the open cases it should govern. Each case decides for itself
 * (AdoptPolicy re-arms its clocks keeping the elapsed time); the rollout only counts outcomes. Durable: a crash
 * resumes at the cursor, and re-sending to a case that already adopted is refused by the case, not repeated.
 */
export async function policyRollout(input: PolicyRolloutInput): Promise<RolloutTotals> {
  const totals: RolloutTotals = input.totals ?? { considered: 0, adopted: 0, rejected: 0, byCode: {} };
  let cursor: string | null = input.afterCaseId ?? null;
  let done = false;
  setHandler(rolloutProgressQuery, () => ({ ...totals, done, cursor }));

  for (;;) {
    const page = await listCasesForAdoption({ policy: input.policy, afterCaseId: cursor, limit: PAGE });
    for (let i = 0; i < page.length; i += PARALLEL) {
      const outcomes: AdoptionOutcome[] = await Promise.all(page.slice(i, i + PARALLEL)
        .map((caseId) => adoptPolicyOnCase({ caseId, policy: input.policy, actor: input.actor })));
      for (const o of outcomes) {
        totals.considered++;
        if (o.outcome === 'adopted') totals.adopted++;
        else {
          totals.rejected++;
          totals.byCode[o.code ?? 'UNKNOWN'] = (totals.byCode[o.code ?? 'UNKNOWN'] ?? 0) + 1;
        }
      }
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1];
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof policyRollout>({ ...input, afterCaseId: cursor, totals });
    }
  }
  done = true;
  return totals;
}
