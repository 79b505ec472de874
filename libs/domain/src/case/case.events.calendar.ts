import type { HolidayYear } from '../calendar';
import type { EventEnvelope, RearmedClock } from './case.events';

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
