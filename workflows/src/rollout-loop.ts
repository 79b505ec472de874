import { type QueryDefinition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { AdoptionOutcome, RolloutTotals } from '@petitions/contracts';

const PAGE = 200;
const PARALLEL = 8;

type Progress = RolloutTotals & { done: boolean; cursor: string | null };

/**
 * The loop both rollouts share (a published policy version, a published holiday year): page through the open cases
 * after the cursor, send each the adoption (8 at a time), count the outcomes; each case decides for itself and refuses
 * what it already has. Durable: when the history grows long, `continueWith(cursor, totals)` continues as new from the
 * cursor. The order of activity calls is the one both workflows always had, so their histories replay unchanged.
 */
export async function runRollout(opts: {
  start: { totals?: RolloutTotals; afterCaseId?: string | null };
  progress: QueryDefinition<Progress>;
  listPage(afterCaseId: string | null, limit: number): Promise<string[]>;
  adopt(caseId: string): Promise<AdoptionOutcome>;
  continueWith(afterCaseId: string, totals: RolloutTotals): Promise<never>;
}): Promise<RolloutTotals> {
  const totals: RolloutTotals = opts.start.totals ?? { considered: 0, adopted: 0, rejected: 0, byCode: {} };
  let cursor: string | null = opts.start.afterCaseId ?? null;
  let done = false;
  setHandler(opts.progress, () => ({ ...totals, done, cursor }));

  for (;;) {
    const page = await opts.listPage(cursor, PAGE);
    for (let i = 0; i < page.length; i += PARALLEL) {
      const outcomes = await Promise.all(page.slice(i, i + PARALLEL).map((caseId) => opts.adopt(caseId)));
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
    if (workflowInfo().continueAsNewSuggested) await opts.continueWith(cursor, totals);
  }
  done = true;
  return totals;
}
