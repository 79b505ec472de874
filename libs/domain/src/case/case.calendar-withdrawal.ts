import type { BreachRecord, CaseState, LetterRecord } from './case.state';
import type { AdoptCalendar } from './case.commands';
import type { BreachWithdrawn, EventEnvelope } from './case.events';
import { withClockDue } from './case.clocks';
import { toMs } from './case.time';
import type { DeadlineKey } from './case.types';

/**
 * Breaches withdrawn by a published holiday arrangement (docs/calendar-years.md). A breach was recorded against a
 * provisional due time; the arrangement makes some of the days counted rest days, and the corrected due time falls
 * after the moment the breach was recorded: the deadline had not been missed. Only then is the breach withdrawn
 * (a corrected due time still before the breach leaves it standing: it would have been missed anyway).
 */
export function isBreachWithdrawn(breach: BreachRecord, newDueAt: string): boolean {
  return toMs(newDueAt) > toMs(breach.at);
}

/** The base of a feedback clock key (a returned feedback runs `<first key>:return:<round>`). */
function feedbackBase(key: string): string {
  const i = key.indexOf(':return:');
  return i < 0 ? key : key.slice(0, i);
}

/**
 * The letters a breach caused: those issued for the escalation rungs of this breach (clock key and breached due
 * time), then, transitively, those issued for rungs of the missed feedback of such a letter.
 */
export function lettersCausedBy(state: CaseState, key: DeadlineKey, breachDueAt: string): LetterRecord[] {
  const escalationNos = new Set(
    state.escalations.filter((e) => e.deadlineKey === key && toMs(e.breachDueAt) === toMs(breachDueAt)).map((e) => e.escalationNo),
  );
  const caused: LetterRecord[] = [];
  let frontier = state.letters.filter((l) => escalationNos.has(l.escalationNo) && l.withdrawnAt === undefined);
  while (frontier.length > 0) {
    caused.push(...frontier);
    const bases = new Set(frontier.filter((l) => l.feedbackKey !== null).map((l) => feedbackBase(l.feedbackKey as string)));
    const next = new Set(state.escalations.filter((e) => bases.has(feedbackBase(e.deadlineKey))).map((e) => e.escalationNo));
    frontier = state.letters.filter((l) => next.has(l.escalationNo) && l.withdrawnAt === undefined && !caused.includes(l));
  }
  return caused;
}

export function breachWithdrawnEvent(
  state: CaseState, cmd: AdoptCalendar, e: EventEnvelope, breach: BreachRecord, key: DeadlineKey, newDueAt: string, years: number[],
): BreachWithdrawn {
  const letters = lettersCausedBy(state, key, breach.dueAt);
  const bases = new Set(letters.flatMap((l) => (l.feedbackKey === null ? [] : [feedbackBase(l.feedbackKey)])));
  return {
    type: 'BreachWithdrawn',
    ...e,
    deadlineKey: key,
    previousDueAt: breach.dueAt,
    breachedAt: breach.at,
    newDueAt,
    reasonCode: 'holiday_arrangement_published',
    years,
    documentNo: cmd.documentNo.trim(),
    ...(typeof cmd.calendarVersion === 'number' ? { calendarVersion: cmd.calendarVersion } : {}),
    letterNos: letters.map((l) => l.letterNo),
    feedbackKeys: letters.flatMap((l) => (l.feedbackKey === null ? [] : [l.feedbackKey])),
    feedbackBreaches: state.breaches.filter((b) => bases.has(feedbackBase(b.deadlineKey))).map((b) => b.deadlineKey),
  };
}

/**
 * BreachWithdrawn folded: the clock runs again to the corrected due time, the breach (and its letters' feedback
 * breaches) leave the record, the letters are withdrawn (their feedback clocks end).
 */
export function evolveBreachWithdrawn(state: CaseState, event: BreachWithdrawn): CaseState {
  const feedbackBreaches = new Set(event.feedbackBreaches);
  const letterNos = new Set(event.letterNos);
  const rearmed = withClockDue(state, event.deadlineKey, event.newDueAt);
  return {
    ...rearmed,
    breaches: state.breaches.filter(
      (b) => !(b.deadlineKey === event.deadlineKey && toMs(b.dueAt) === toMs(event.previousDueAt)) && !feedbackBreaches.has(b.deadlineKey),
    ),
    letters: state.letters.map((l) => (letterNos.has(l.letterNo) ? { ...l, withdrawnAt: event.at } : l)),
  };
}
