import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type AdoptionOutcome, type CalendarRolloutActivities, type CaseCommandInput, executeCommandUpdate } from '@petitions/contracts';
import { CalendarStore } from '@petitions/read-model';
import { ACTIVITY_TEMPORAL_CLIENT } from '../policies/policy-adoption.activities';

/** Activities of a calendar rollout: one read (open cases), one write per case (its AdoptCalendar update). */
@Injectable()
export class CalendarAdoptionActivities {
  constructor(private readonly store: CalendarStore, @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly client: Client) {}

  asActivities(): CalendarRolloutActivities {
    return {
      listOpenCasesForCalendar: ({ afterCaseId, limit }) => this.store.openCasesAfter(afterCaseId, limit),
      adoptCalendarOnCase: (input) => this.adopt(input),
    };
  }

  private async adopt(input: Parameters<CalendarRolloutActivities['adoptCalendarOnCase']>[0]): Promise<AdoptionOutcome> {
    const { caseId, arrangement, documentNo, publishedBy } = input;
    const command = {
      type: 'AdoptCalendar', years: [arrangement], documentNo, actor: { id: 'system', role: 'system' },
      reason: `${arrangement.year}年节假日安排发布（${documentNo}，发布人 ${publishedBy}） / ${arrangement.year} holiday arrangement published by ${publishedBy}`,
    };
    try {
      const outcome = await this.client.workflow.getHandle(caseId).executeUpdate(executeCommandUpdate, { args: [command as CaseCommandInput] });
      const adopted = outcome.events.find((e) => e.event.type === 'CalendarAdopted')?.event;
      return { caseId, outcome: 'adopted', rearmed: adopted && 'rearmed' in adopted ? adopted.rearmed.length : 0 };
    } catch (err) {
      // The case refusing is an answer (already adopted, closed meanwhile), not a failure to retry.
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        return { caseId, outcome: 'rejected', code: err.cause.type ?? 'CASE_COMMAND_REJECTED' };
      }
      if (err instanceof WorkflowNotFoundError) return { caseId, outcome: 'rejected', code: 'CASE_NOT_RUNNING' };
      throw err;
    }
  }
}
