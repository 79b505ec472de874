import { type BusinessCalendar, type Limit, CN_CALENDAR, addWorkingDays } from '../calendar';
import { formatYmd, parseYmd } from '../calendar/civil-date';
import { formatInstant } from '../calendar/instant';
import { shanghaiDayNumber, shanghaiMidnight } from '../time/shanghai-time';
import { jsonEqual } from '../policy/json.util';
import { asSupervisionPolicy, warningRulesFor } from '../policy/policy.normalize';
import {
  type BreachDeadlineKey,
  type SupervisionPolicy,
  type WarningRule,
  RUNG_LETTER_KIND,
  isBreachDeadlineKey,
} from '../policy/supervision-policy.types';
import { activePause, breachOf, clockStartedAt, completedPausedMs } from './case.clocks';
import type { DecideContext } from './case.context';
import {
  type PendingClock,
  type PendingDeadline,
  type PendingEscalation,
  type PendingFeedback,
  type PendingWarning,
  DEADLINE_ARTICLES,
  ESCALATION_ARTICLES,
  practiceCitation,
  runningDeadlines,
} from './case.running';
import type { BreachRecord, CaseState, ClockPauseRecord } from './case.state';
import { addMs, extendDueAt, toMs } from './case.time';
import { type ClockKey, assertNever } from './case.types';

/**
 * Warnings, escalation rungs and letter feedback clocks, computed from the state (recorded due times,
 * breaches, letters, the case's policy document) and the calendar. Each item is listed with `done`
 * once it has fired, so ReachDeadline can tell a duplicate from an unknown key.
 *
 * Order (the workflow fires due items in this order): per step clock in DEADLINE_KEYS order its
 * warnings (rule order), the clock, its escalation rungs (ladder order); then each letter's feedback
 * clock and its escalation. A clock's warnings are listed only until it is breached, its rungs only
 * after, and only while the clock still runs (the step completing ends the ladder). Alarms of a
 * stopped clock are paused with it.
 */
export interface CatalogEntry {
  item: PendingDeadline;
  done: boolean;
}

export function activePolicy(state: CaseState, ctx?: DecideContext): SupervisionPolicy | null {
  return state.policy ?? (ctx ? asSupervisionPolicy(ctx.policy) : null);
}

export function deadlineCatalog(state: CaseState, ctx?: DecideContext): CatalogEntry[] {
  const policy = activePolicy(state, ctx);
  // The calendar is an input; without a context (summaries, tests) the CN calendar is the default.
  const cal = ctx?.calendar ?? CN_CALENDAR;
  const out: CatalogEntry[] = [];
  for (const clock of runningDeadlines(state)) {
    if (clock.kind === 'lapse' || !isBreachDeadlineKey(clock.key)) {
      out.push({ item: clock, done: false });
      continue;
    }
    const breach = breachOf(state, clock.key);
    if (breach === null && policy) out.push(...warnings(state, clock, clock.key, policy, cal));
    out.push({ item: clock, done: breach !== null });
    if (breach !== null && policy) out.push(...escalations(state, clock, clock.key, breach, policy, cal));
  }
  if (state.status === 'open') out.push(...feedbackClocks(state, policy, cal));
  return out;
}

function pausedAs<T extends PendingDeadline>(item: T, pause: ClockPauseRecord | null): T {
  return pause === null ? item : { ...item, paused: true, remainingMs: toMs(item.dueAt) - toMs(pause.startedAt) };
}

function withUnit<T extends PendingDeadline>(item: T, unitId: string | null | undefined): T {
  return unitId ? { ...item, unitId } : item;
}

/**
 * When a warning rule fires for a clock, or null when it makes no sense for this clock (not after
 * its start and before its due time).
 */
export function warningInstant(
  rule: WarningRule,
  clock: { startedAt: string; dueAt: string; pausedMs: number },
  cal: BusinessCalendar,
): string | null {
  let at: string;
  if ('before' in rule) {
    const { amount, unit } = rule.before;
    switch (unit) {
      case 'working_days': {
        // 00:00 of the day from which exactly `amount` working days remain: the `amount`-th working
        // day before the day the deadline falls in (for a 00:00 deadline, the day it starts).
        const dueDay = shanghaiDayNumber(toMs(clock.dueAt) - 1) + 1;
        const day = parseYmd(addWorkingDays(formatYmd(dueDay), -amount, cal));
        at = formatInstant(shanghaiMidnight(day ?? dueDay));
        break;
      }
      case 'calendar_days':
        at = addMs(clock.dueAt, -amount * 86_400_000);
        break;
      case 'hours':
        at = addMs(clock.dueAt, -amount * 3_600_000);
        break;
      case 'minutes':
        at = addMs(clock.dueAt, -amount * 60_000);
        break;
      case 'seconds':
        at = addMs(clock.dueAt, -amount * 1000);
        break;
      default:
        return assertNever(unit);
    }
  } else if ('atFraction' in rule) {
    // The fraction of the counted time: paused time is not counted, so it shifts the warning.
    const counted = toMs(clock.dueAt) - toMs(clock.startedAt) - clock.pausedMs;
    at = addMs(clock.startedAt, clock.pausedMs + Math.round(rule.atFraction * counted));
  } else {
    return assertNever(rule);
  }
  return toMs(at) > toMs(clock.startedAt) && toMs(at) < toMs(clock.dueAt) ? at : null;
}

function warnings(
  state: CaseState,
  clock: PendingClock,
  key: BreachDeadlineKey,
  policy: SupervisionPolicy,
  cal: BusinessCalendar,
): CatalogEntry[] {
  const startedAt = clockStartedAt(state, key);
  if (startedAt === null) return [];
  const pausedMs = completedPausedMs(state, key);
  const pause = activePause(state, key);
  const out: CatalogEntry[] = [];
  warningRulesFor(policy, key).forEach((rule, index) => {
    const at = warningInstant(rule, { startedAt, dueAt: clock.dueAt, pausedMs }, cal);
    if (at === null) return;
    const item: PendingWarning = {
      key: `${key}:warn:${index}`,
      step: clock.step,
      dueAt: at,
      kind: 'warning',
      article: clock.article,
      deadlineKey: key,
      rule,
      deadlineDueAt: clock.dueAt,
      clockStartedAt: startedAt,
    };
    // Once per rule and clock: a rule that fired is not raised again when the deadline moves.
    const done = state.warnings.some((w) => w.deadlineKey === key && toMs(w.clockStartedAt) === toMs(startedAt) && jsonEqual(w.rule, rule));
    out.push({ item: pausedAs(withUnit(item, clock.unitId), pause), done });
  });
  return out;
}

/** When a rung is due: at the breach for a delay of 0, else counted on from the breached deadline. */
export function rungDueAt(breachDueAt: string, after: Limit, cal: BusinessCalendar): string {
  return after.amount === 0 ? formatInstant(toMs(breachDueAt)) : extendDueAt(breachDueAt, after, cal);
}

function escalations(
  state: CaseState,
  clock: PendingClock,
  key: BreachDeadlineKey,
  breach: BreachRecord,
  policy: SupervisionPolicy,
  cal: BusinessCalendar,
): CatalogEntry[] {
  const pause = activePause(state, key);
  return policy.escalation.map((rung) => {
    const item: PendingEscalation = {
      key: `${key}:esc:${rung.rung}`,
      step: clock.step,
      dueAt: rungDueAt(breach.dueAt, rung.after, cal),
      kind: 'escalation',
      // The broken duty's own article (or a practice limit's source); the ground only on the recommendation.
      article: clock.article,
      ...(rung.rung === 'accountability_recommendation'
        ? { groundArticle: key === 'receive' ? practiceCitation(state) : ESCALATION_ARTICLES[key] }
        : {}),
      deadlineKey: key,
      rung: rung.rung,
      breachDueAt: breach.dueAt,
      letterKind: RUNG_LETTER_KIND[rung.rung],
    };
    return { item: pausedAs(withUnit(item, clock.unitId), pause), done: isRaised(state, item) };
  });
}

function isRaised(state: CaseState, item: PendingEscalation): boolean {
  return state.escalations.some((e) => e.escalationKey === item.key && toMs(e.breachDueAt) === toMs(item.breachDueAt));
}

/**
 * A letter's feedback clock runs until the unit's feedback is recorded (not only while the step
 * runs: the letter must be answered). Missed, it is breached once and escalates once, to an
 * accountability recommendation at the breach. Feedback returned by the office restarts the clock
 * under a new key (LetterFeedbackReturned), so only missing or returned-and-unanswered feedback breaches.
 */
function feedbackClocks(state: CaseState, policy: SupervisionPolicy | null, cal: BusinessCalendar): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const letter of state.letters) {
    if (letter.feedbackKey === null || letter.feedbackDueAt === null || letter.feedbackAt !== null || letter.withdrawnAt !== undefined) continue;
    const key: ClockKey = letter.feedbackKey;
    const item: PendingFeedback = {
      key: letter.feedbackKey,
      step: state.step,
      dueAt: letter.feedbackDueAt,
      kind: 'feedback',
      article: DEADLINE_ARTICLES.letterFeedback,
      escalationNo: letter.escalationNo,
      letterNo: letter.letterNo,
    };
    const breach = breachOf(state, key);
    // The body that owes the answer: a recommendation's addressee (superior, discipline body), else the letter's unit.
    out.push({ item: withUnit(item, letter.addresseeId ?? letter.unitId), done: breach !== null });
    if (breach === null || policy === null) continue;
    // Under feedback review a recommendation left unanswered is on record as breached; it is not
    // recommended again (the ladder's report to the superior follows the step's own breach).
    if (policy.letterFeedbackReview === true && letter.letterKind === 'accountability_recommendation') continue;
    const esc: PendingEscalation = {
      key: `${letter.feedbackKey}:esc:accountability_recommendation`,
      step: state.step,
      dueAt: rungDueAt(breach.dueAt, { amount: 0, unit: 'calendar_days' }, cal),
      kind: 'escalation',
      // The duty: written feedback on a supervision letter (art.40); the ground: ignoring it (art.45).
      article: DEADLINE_ARTICLES.letterFeedback,
      groundArticle: ESCALATION_ARTICLES.letterFeedback,
      deadlineKey: key,
      rung: 'accountability_recommendation',
      breachDueAt: breach.dueAt,
      letterKind: RUNG_LETTER_KIND.accountability_recommendation,
    };
    out.push({ item: withUnit(esc, letter.unitId), done: isRaised(state, esc) });
  }
  return out;
}
