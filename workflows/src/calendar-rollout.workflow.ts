import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import {
  type CalendarRolloutActivities, type CalendarRolloutInput, type RolloutTotals, calendarRolloutProgressQuery,
} from '@petitions/contracts';
import { runRollout } from './rollout-loop';

const { listOpenCasesForCalendar, adoptCalendarOnCase } = proxyActivities<CalendarRolloutActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Brings a newly published holiday arrangement to every open case (like policyRollout): each case decides for itself
 * (AdoptCalendar keeps the year for its later deadlines and recomputes its provisional ones from their start); the
 * rollout only counts outcomes. Durable: a crash resumes at the cursor; a case that already has the arrangement refuses.
 */
export async function calendarRollout(input: CalendarRolloutInput): Promise<RolloutTotals> {
  return runRollout({
    start: input,
    progress: calendarRolloutProgressQuery,
    listPage: (afterCaseId, limit) => listOpenCasesForCalendar({ afterCaseId, limit }),
    adopt: (caseId) => adoptCalendarOnCase({
      caseId, arrangement: input.arrangement, documentNo: input.documentNo, publishedBy: input.publishedBy,
      ...(input.version === undefined ? {} : { version: input.version }),
    }),
    continueWith: (afterCaseId, totals) => continueAsNew<typeof calendarRollout>({ ...input, afterCaseId, totals }),
  });
}
