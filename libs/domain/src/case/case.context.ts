import type { BusinessCalendar } from '../calendar';
import type { CasePolicy, SupervisionPolicy } from '../policy';

/**
 * What the decider needs besides state and command: the calendar, and the policy a new case is
 * registered under. A registered case runs under its own policy document (state.policy, recorded at
 * registration and replaced by PolicyAdopted); ctx.policy is then only a default for new cases.
 * A limits-only CasePolicy is accepted (see asSupervisionPolicy).
 */
export interface DecideContext {
  policy: CasePolicy | SupervisionPolicy;
  calendar: BusinessCalendar;
}

/** The context the step deciders see: the case's own policy document. */
export interface SupervisionContext extends DecideContext {
  policy: SupervisionPolicy;
}
