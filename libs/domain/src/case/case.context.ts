import type { BusinessCalendar } from '../calendar';
import type { CasePolicy } from '../policy';

/** What the decider needs besides state and command: the case's pinned policy and the calendar. */
export interface DecideContext {
  policy: CasePolicy;
  calendar: BusinessCalendar;
}
