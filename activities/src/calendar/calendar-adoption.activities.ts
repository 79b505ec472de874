import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { AdoptionOutcome, CalendarRolloutActivities, CaseCommandInput } from '@petitions/contracts';
import { CalendarStore } from '@petitions/read-model';
import { sendAdoption } from '../adoption/send-adoption';
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
    const { caseId, arrangement, documentNo, publishedBy, version } = input;
    const command = {
      type: 'AdoptCalendar', years: [arrangement], documentNo, actor: { id: 'system', role: 'system' },
      ...(version === undefined ? {} : { calendarVersion: version }),
      reason: `${arrangement.year}年节假日安排发布（${documentNo}，发布人 ${publishedBy}） / ${arrangement.year} holiday arrangement published by ${publishedBy}`,
    };
    return sendAdoption(this.client, caseId, command as CaseCommandInput, 'CalendarAdopted');
  }
}
