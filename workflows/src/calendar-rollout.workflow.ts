import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  type AdoptionOutcome, type CalendarRolloutActivities, type CalendarRolloutInput, type RolloutTotals, calendarRolloutProgressQuery,
} from '@petitions/contracts';

const { listOpenCasesForCalendar, adoptCalendarOnCase } = proxyActivities<CalendarRolloutActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const PAGE = 200;
const PARALLEL = 8;

/**
 * Brings a newly published holiday arrangement to every open case (like policyRollout): each case decides for itself
 * (AdoptCalendar keeps the year for its later deadlines and recomputes its provisional ones from their start); the
 * rollout only counts outcomes. Durable: a crash resumes at the cursor; a case that already has the arrangement refuses.
 */
export async function calendarRollout(input: CalendarRolloutInput): Promise<RolloutTotals> {
  const totals: RolloutTotals = input.totals ?? { considered: 0, adopted: 0, rejected: 0, byCode: {} };
  let cursor: string | null = input.afterCaseId ?? null;
  let done = false;
  setHandler(calendarRolloutProgressQuery, () => ({ ...totals, done, cursor }));

  for (;;) {
    const page = await listOpenCasesForCalendar({ afterCaseId: cursor, limit: PAGE });
    for (let i = 0; i < page.length; i += PARALLEL) {
      const outcomes: AdoptionOutcome[] = await Promise.all(page.slice(i, i + PARALLEL).map((caseId) =>
        adoptCalendarOnCase({ caseId, arrangement: input.arrangement, documentNo: input.documentNo, publishedBy: input.publishedBy })));
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
      await continueAsNew<typeof calendarRollout>({ ...input, afterCaseId: cursor, totals });
    }
  }
  done = true;
  return totals;
}
