import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import {
  type RolloutTotals, type UnitSuccessionActivities, type UnitSuccessionInput, unitSuccessionProgressQuery,
} from '@petitions/contracts';
import { runRollout } from './rollout-loop';

const { listOpenCasesOfUnit, transferCaseToSuccessor } = proxyActivities<UnitSuccessionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 机构改革 (like calendarRollout): every open case of each merged or closed unit is sent TransferToSuccessor; the case
 * decides for itself (UnitSucceeded, due times kept) or refuses (no role any more), and the rollout counts outcomes.
 * Durable: a crash resumes at the cursor; a long run continues as new from the unit and case it reached.
 */
export async function unitSuccession(input: UnitSuccessionInput): Promise<RolloutTotals> {
  let totals = input.totals;
  for (let i = input.unitIndex ?? 0; i < input.fromUnitIds.length; i++) {
    const fromUnitId = input.fromUnitIds[i]!;
    const resumeAt = i === (input.unitIndex ?? 0) ? input.afterCaseId ?? null : null;
    totals = await runRollout({
      start: { totals, afterCaseId: resumeAt },
      progress: unitSuccessionProgressQuery,
      listPage: (afterCaseId, limit) => listOpenCasesOfUnit({ unitId: fromUnitId, afterCaseId, limit }),
      adopt: (caseId) => transferCaseToSuccessor({ caseId, fromUnitId, toUnitId: input.toUnitId, reorganizationId: input.reorganizationId,
        reason: `${input.reason}（${input.reorganizationId}，决定人 ${input.decidedBy}） / reorganization by ${input.decidedBy}` }),
      continueWith: (afterCaseId, t) => continueAsNew<typeof unitSuccession>({ ...input, unitIndex: i, afterCaseId, totals: t }),
    });
  }
  return totals ?? { considered: 0, adopted: 0, rejected: 0, byCode: {} };
}
