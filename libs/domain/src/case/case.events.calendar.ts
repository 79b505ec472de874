import type { HolidayYear } from '../calendar';
import type { EventEnvelope, RearmedClock } from './case.events';
import type { DeadlineKey } from './case.types';

/**
 * A holiday arrangement published after the case started is used by the case from now on (the data is recorded, so
 * replay needs no lookup). Provisional clocks are re-armed from their start like a policy change (elapsed time kept).
 */
export interface CalendarAdopted extends EventEnvelope {
  type: 'CalendarAdopted';
  years: HolidayYear[];
  documentNo: string;
  rearmed: RearmedClock[];
}

/**
 * A breach recorded against a due time computed without the holiday arrangement (provisional), withdrawn because
 * the published arrangement moves the due time past the moment of the breach (the deadline had not been missed).
 * The clock runs again to `newDueAt`; the letters the breach caused are withdrawn with it. Only under a policy with
 * `calendarBreachWithdrawal` (docs/calendar-years.md); emitted with the CalendarAdopted it follows.
 */
export interface BreachWithdrawn extends EventEnvelope {
  type: 'BreachWithdrawn';
  deadlineKey: DeadlineKey;
  /** The due time the breach was recorded against, and when it was recorded. */
  previousDueAt: string;
  breachedAt: string;
  /** The corrected due time (after the breach): the clock is re-armed to it. */
  newDueAt: string;
  reasonCode: 'holiday_arrangement_published';
  /** The arrangement: its years, the notice's document number and the published version (when the rollout gave it). */
  years: number[];
  documentNo: string;
  calendarVersion?: number;
  /** Letters the breach caused (its escalation rungs, and the rungs of those letters' missed feedback): withdrawn. */
  letterNos: string[];
  /** Feedback clocks of those letters (they end). */
  feedbackKeys: string[];
  /** Breaches of those letters' feedback clocks, withdrawn too (their deadline keys). */
  feedbackBreaches: string[];
}
