import { type BusinessCalendar, type Limit, computeDueAt, uncoveredYearsOf, validateHolidayYear, withYears } from '../calendar';
import type { HolidayYear } from '../calendar';
import type { SupervisionPolicy } from '../policy/supervision-policy.types';
import { breachOf, clockDueAt, clockStartedAt, completedPausedMs, withClockDue } from './case.clocks';
import type { AdoptCalendar } from './case.commands';
import type { SupervisionContext } from './case.context';
import type { BreachWithdrawn, CaseEvent, RearmedClock } from './case.events';
import { breachWithdrawnEvent, isBreachWithdrawn } from './case.calendar-withdrawal';
import { evolve } from './case.evolve';
import { type DecideResult, accept, envelope, reject } from './case.outcome';
import { slotLimit } from './case.rearm';
import type { CaseState } from './case.state';
import { addMs, extendDueAt, toMs } from './case.time';
import { type DeadlineKey, DEADLINE_KEYS } from './case.types';

/**
 * Provisional deadlines and published holiday arrangements (docs/calendar-years.md). The case computes with the
 * calendar it was started with (workflow input) plus the years adopted since (CalendarAdopted, kept in the state).
 */
export function caseCalendar(base: BusinessCalendar, state: Pick<CaseState, 'calendarYears'>): BusinessCalendar {
  return state.calendarYears && state.calendarYears.length > 0 ? withYears(base, state.calendarYears) : base;
}

/** The limit a running clock was computed with: the policy's, or the assignment's own handling limit. */
function clockLimit(state: CaseState, key: DeadlineKey, policy: SupervisionPolicy): Limit | null {
  const fromPolicy = slotLimit(state, key, policy);
  if (fromPolicy !== undefined) return fromPolicy;
  const a = state.assignment;
  if (key === 'handling' && state.step === 'handling' && a && a.handlingDeadline === null) return a.handlingLimit;
  return null;
}

/** The years the clock's current due time needed and `cal` lacks ([] when final or not running). */
export function clockUncoveredYears(state: CaseState, key: DeadlineKey, policy: SupervisionPolicy, cal: BusinessCalendar): number[] {
  const start = clockStartedAt(state, key);
  const due = clockDueAt(state, key);
  const limit = clockLimit(state, key, policy);
  if (start === null || due === null || limit === null) return [];
  const ext = key === 'handling' && state.extension?.status === 'approved' ? state.extension.extension : null;
  // An approved extension in working days makes every day of the span count.
  const span: Limit = ext?.unit === 'working_days' && limit.unit === 'calendar_days' ? { ...limit, unit: 'working_days' } : limit;
  return uncoveredYearsOf(start, due, span, cal);
}

/**
 * Marks the events of an accepted command whose due times are provisional: each event that moves a clock gets
 * `provisional[key]` = the missing years, when there are any (events stay as they were otherwise).
 */
export function annotateProvisional(state: CaseState, events: CaseEvent[], ctx: SupervisionContext): CaseEvent[] {
  let s = state;
  return events.map((event) => {
    const after = evolve(s, event);
    const policy = after.policy ?? ctx.policy;
    const cal = caseCalendar(ctx.calendar, after);
    const found: Record<string, number[]> = {};
    for (const key of DEADLINE_KEYS) {
      if (clockDueAt(after, key) === null || clockDueAt(after, key) === clockDueAt(s, key)) continue;
      if (event.provisional && key in event.provisional) continue;
      const years = clockUncoveredYears(after, key, policy, cal);
      if (years.length > 0) found[key] = years;
    }
    const annotated = Object.keys(found).length > 0 ? { ...event, provisional: { ...event.provisional, ...found } } : event;
    s = evolve(s, annotated);
    return annotated;
  });
}

function sameYear(a: HolidayYear, b: HolidayYear): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * AdoptCalendar: the case uses the published years from now on. Every running clock (not breached) whose due time
 * needed one of these years is recomputed from its START under the new calendar (elapsed time counts), then an
 * approved extension and the completed paused time are applied again, as for a policy change (rearmClocks).
 */
export function decideAdoptCalendar(state: CaseState, cmd: AdoptCalendar, ctx: SupervisionContext): DecideResult {
  const problems: { path: string; message: string }[] = [];
  if (typeof cmd.documentNo !== 'string' || cmd.documentNo.trim().length === 0) problems.push({ path: 'documentNo', message: 'expected the notice document number' });
  const years: HolidayYear[] = [];
  if (!Array.isArray(cmd.years) || cmd.years.length === 0) problems.push({ path: 'years', message: 'expected a non-empty array' });
  else {
    cmd.years.forEach((y, i) => {
      const r = validateHolidayYear(y);
      if (r.ok) years.push(r.value);
      else problems.push(...r.problems.map((p) => ({ path: p.path ? `years[${i}].${p.path}` : `years[${i}]`, message: p.message })));
    });
    if (new Set(years.map((y) => y.year)).size !== years.length) problems.push({ path: 'years', message: 'a year is listed twice' });
  }
  if (problems.length > 0) return reject('CASE_CALENDAR_INVALID', { problems });

  const current = caseCalendar(ctx.calendar, state);
  if (years.every((y) => current.years.some((c) => sameYear(c, y)))) {
    return reject('CASE_CALENDAR_ALREADY_ADOPTED', { years: years.map((y) => y.year) });
  }
  const next = withYears(current, years);
  const adopted = new Set(years.map((y) => y.year));
  const rearmed: RearmedClock[] = [];
  const provisional: Record<string, number[]> = {};
  const withdrawn: BreachWithdrawn[] = [];
  const e = envelope(cmd);
  for (const key of DEADLINE_KEYS) {
    const limit = clockLimit(state, key, ctx.policy);
    const start = clockStartedAt(state, key);
    const previous = clockDueAt(state, key);
    if (limit === null || start === null || previous === null) continue;
    const breach = breachOf(state, key);
    // A breach stands unless the policy withdraws breaches the arrangement shows were not breaches.
    if (breach !== null && ctx.policy.calendarBreachWithdrawal !== true) continue;
    if (!clockUncoveredYears(state, key, ctx.policy, current).some((y) => adopted.has(y))) continue;
    let due = computeDueAt(start, limit, next);
    if (key === 'handling' && state.extension?.status === 'approved') due = extendDueAt(due, state.extension.extension, next);
    due = addMs(due, completedPausedMs(state, key));
    if (breach !== null) {
      if (isBreachWithdrawn(breach, due)) withdrawn.push(breachWithdrawnEvent(state, cmd, e, breach, key, due, years.map((y) => y.year)));
      continue;
    }
    if (toMs(due) !== toMs(previous)) rearmed.push({ key, previousDueAt: previous, newDueAt: due });
    provisional[key] = clockUncoveredYears(withClockDue(state, key, due), key, ctx.policy, next);
  }
  return accept(
    { type: 'CalendarAdopted', ...e, years, documentNo: cmd.documentNo.trim(), rearmed, provisional },
    ...withdrawn,
  );
}
