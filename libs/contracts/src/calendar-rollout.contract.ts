import { defineQuery } from '@temporalio/workflow';
import type { HolidayYear } from '@petitions/domain';
import type { AdoptionOutcome, RolloutTotals } from './policy-rollout.contract';

export const CALENDAR_ROLLOUT_WORKFLOW_TYPE = 'calendarRollout';
export const calendarRolloutWorkflowId = (year: number, version: number): string => `calendar-rollout-${year}-v${version}`;

export interface CalendarRolloutInput {
  arrangement: HolidayYear;
  documentNo: string;
  /** The admin who published the year: named in each case's CalendarAdopted reason (the case command runs as system). */
  publishedBy: string;
  /** The published version (calendar_years): recorded on each withdrawn breach. Absent from older rollouts. */
  version?: number;
  afterCaseId?: string;
  totals?: RolloutTotals;
}

export interface CalendarRolloutActivities {
  /** Open cases in case-id order after the cursor (every running case: its later deadlines need the year too). */
  listOpenCasesForCalendar(input: { afterCaseId: string | null; limit: number }): Promise<string[]>;
  /** Sends AdoptCalendar to one case; a refusal (e.g. already adopted) is an outcome, not an error. */
  adoptCalendarOnCase(input: { caseId: string; arrangement: HolidayYear; documentNo: string; publishedBy: string; version?: number }): Promise<AdoptionOutcome>;
}

export const calendarRolloutProgressQuery = defineQuery<RolloutTotals & { done: boolean; cursor: string | null }>('calendarRolloutProgress');
