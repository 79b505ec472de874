import { deadlineCatalog } from './case.alarms';
import { caseCalendar } from './case.calendar';
import type { DecideContext } from './case.context';
import type { PendingDeadline } from './case.running';
import { type CaseState, upgradeCaseState } from './case.state';
import { toMs } from './case.time';
import { type DeadlineKey, DEADLINE_KEYS } from './case.types';

export {
  type PendingClock,
  type PendingDeadline,
  type PendingEscalation,
  type PendingFeedback,
  type PendingWarning,
  DEADLINE_ARTICLES,
  ESCALATION_ARTICLES,
  runningDeadlines,
} from './case.running';

/**
 * What the workflow sets timers for.
 *
 * - 'breach' deadlines bind the bureau or a unit (route, receive, notify, acceptance, decideObjection
 *   (the bureau's, while the unit's clocks stop), notifyDecision (the written notice of not accepted /
 *   diverted), handling, decideReview, decideReReview). 'receive' runs in step receipt, from the routing instant until the
 *   lead unit's ReceiveCase (a policy limit, national default 3 working days, unconfirmed). When the workflow's timer fires, ReachDeadline records DeadlineBreached once per
 *   clock; the case stays open and the deadline is no longer pending.
 * - 'lapse' deadlines are the petitioner's windows (evaluation, requestReview, requestReReview). When
 *   one runs out it is recorded; when the last open window runs out the case closes.
 * - 'warning' (key '<deadline>:warn:<i>'): before a breach deadline, per the policy's warning rules.
 * - 'escalation' (key '<clock>:esc:<rung>'): the ladder after a breach, until the step is done.
 * - 'feedback' (key 'feedback:<deadline>:<rung>#<escalationNo>'): a unit's written feedback on a
 *   supervision letter; missed, it is breached and escalates once.
 * - The objection window (5 working days, art.23) is none of these: nothing happens when it ends, a
 *   later objection is simply rejected. See objectionWindow().
 * - A paused clock (hearing, or a configured pause reason) and its alarms need no timer: they are
 *   listed with paused: true and remainingMs; nextDeadline() skips them.
 *
 * Step due times come from the events that started each clock; alarm times are derived from them,
 * the case's policy document and ctx.calendar (the CN calendar when ctx is omitted).
 */
export function pendingDeadlines(state: CaseState, ctx?: DecideContext): PendingDeadline[] {
  const s = upgradeCaseState(state);
  // Years adopted since the case started (CalendarAdopted) count for its alarm times too.
  return deadlineCatalog(s, ctx && { ...ctx, calendar: caseCalendar(ctx.calendar, s) })
    .filter((e) => !e.done)
    .map((e) => e.item);
}

/** The earliest item that needs a timer (paused ones excluded); ties go to the first listed. */
export function nextDeadline(state: CaseState, ctx?: DecideContext): PendingDeadline | null {
  let best: PendingDeadline | null = null;
  for (const d of pendingDeadlines(state, ctx)) {
    if (d.paused) continue;
    if (best === null || toMs(d.dueAt) < toMs(best.dueAt)) best = d;
  }
  return best;
}

/** The objection window of the current receipt (not a timer; see the note above). */
export function objectionWindow(state: CaseState): { dueAt: string; open: boolean } | null {
  const a = state.assignment;
  if (!a?.objectionDueAt) return null;
  return { dueAt: a.objectionDueAt, open: state.step === 'acceptance' && a.objection === null };
}

export function isDeadlineKey(key: string): key is DeadlineKey {
  return (DEADLINE_KEYS as readonly string[]).includes(key);
}
