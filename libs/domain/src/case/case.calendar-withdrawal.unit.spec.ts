import type { CaseCommand } from './case.commands';
import type { DecideContext } from './case.context';
import { decide } from './case.decide';
import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { evolve } from './case.evolve';
import { type CaseState, initialState } from './case.state';
import { CTX, TEST_POLICY, cmd } from './case.testkit';

// The case of case.calendar.unit.spec.ts: a claim accepted Sat 12 Dec 2026, handling limit 60 calendar days.
// Without 2027 it ends Wed 10 Feb 2027 (a plain working day): due 11 Feb 00:00 (+08) = 10 Feb 16:00Z, provisional.
// The TEST 2027 arrangement (calendar.testkit: 春节 6–12 Feb, Sat 13 Feb 调休 working) makes 10, 11 and 12 Feb rest
// days: it rolls to Sat 13 Feb, due 14 Feb 00:00 (+08) = 13 Feb 16:00Z.
const PROVISIONAL_DUE = '2027-02-10T16:00:00.000Z';
const FINAL_DUE = '2027-02-13T16:00:00.000Z';
const BREACHED_AT = '2027-02-11T00:00:00+08:00';
const LETTER_NO = '测信督〔2027〕1号';
const FEEDBACK_KEY = 'feedback:handling:reminder_letter#1';

function run(commands: CaseCommand[], ctx: DecideContext = CTX): { state: CaseState; events: CaseEvent[] } {
  let state = initialState();
  const events: CaseEvent[] = [];
  for (const c of commands) {
    const r = decide(state, c, ctx);
    if (!r.ok) throw new Error(`${c.type}: ${r.rejection.code} ${JSON.stringify(r.rejection.details)}`);
    for (const e of r.events) {
      state = evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
}

/** Breached on the provisional due time (a day the TEST arrangement makes 春节), reminder letter issued. */
const breachedInFebruary = (): CaseCommand[] => [
  cmd.register({ at: '2026-12-01T09:00:00+08:00' }),
  cmd.route({ at: '2026-12-02T10:00:00+08:00' }),
  cmd.receive({ at: '2026-12-03T09:30:00+08:00' }),
  cmd.notify({ at: '2026-12-04T10:00:00+08:00' }),
  cmd.accept({ at: '2026-12-12T11:00:00+08:00' }),
  cmd.reach('handling', BREACHED_AT),
  cmd.reach('handling:esc:reminder_letter', BREACHED_AT),
  cmd.letterIssued({ at: '2027-02-11T10:00:00+08:00', letterNo: LETTER_NO }),
];

describe('a published arrangement withdraws a breach it shows was not one (calendarBreachWithdrawal)', () => {
  const adopt = cmd.adoptCalendar({ at: '2027-02-12T10:00:00+08:00', calendarVersion: 1 });

  it('withdraws the breach and its letter, and re-arms the clock to the corrected due time', () => {
    const { state } = run(breachedInFebruary());
    expect(state.breaches).toEqual([{ deadlineKey: 'handling', dueAt: PROVISIONAL_DUE, at: BREACHED_AT, unitId: expect.any(String) }]);
    expect(state.letters.map((l) => [l.letterNo, l.feedbackKey])).toEqual([[LETTER_NO, FEEDBACK_KEY]]);

    const r = decide(state, adopt, CTX);
    if (!r.ok) throw new Error(r.rejection.code);
    expect(r.events.map((e) => e.type)).toEqual(['CalendarAdopted', 'BreachWithdrawn']);
    // The breached clock is not in CalendarAdopted.rearmed: the withdrawal moves it.
    expect(r.events[0]).toMatchObject({ rearmed: [], provisional: {} });
    expect(r.events[1]).toEqual({
      type: 'BreachWithdrawn', at: adopt.at, actor: adopt.actor, deadlineKey: 'handling',
      previousDueAt: PROVISIONAL_DUE, breachedAt: BREACHED_AT, newDueAt: FINAL_DUE, reasonCode: 'holiday_arrangement_published',
      years: [2027], documentNo: adopt.documentNo, calendarVersion: 1,
      letterNos: [LETTER_NO], feedbackKeys: [FEEDBACK_KEY], feedbackBreaches: [],
    });

    const after = r.events.reduce(evolve, state);
    expect(after.breaches).toEqual([]);
    expect(after.handling?.dueAt).toBe(FINAL_DUE);
    expect(after.provisional).toEqual({});
    expect(after.letters[0]?.withdrawnAt).toBe(adopt.at);
    // The clock runs again (not breached); the withdrawn letter's feedback clock is gone.
    const pending = pendingDeadlines(after, CTX);
    expect(pending.find((d) => d.key === 'handling')).toMatchObject({ dueAt: FINAL_DUE, kind: 'breach' });
    expect(pending.some((d) => d.key === FEEDBACK_KEY)).toBe(false);
    // Nothing is due on the withdrawn letter: feedback on it is refused.
    const feedback = decide(after, cmd.letterFeedback({ at: '2027-02-12T11:00:00+08:00', letterNo: LETTER_NO }), CTX);
    expect(feedback.ok ? 'accepted' : feedback.rejection.code).toBe('CASE_LETTER_WITHDRAWN');

    // Missed at the corrected time, it is breached again and escalates again (a new letter can follow).
    const again = run([...breachedInFebruary(), adopt, cmd.reach('handling', '2027-02-14T00:00:00+08:00'),
      cmd.reach('handling:esc:reminder_letter', '2027-02-14T00:00:00+08:00')]);
    expect(again.events.slice(-2).map((e) => e.type)).toEqual(['DeadlineBreached', 'EscalationRaised']);
    expect(again.state.breaches).toEqual([expect.objectContaining({ deadlineKey: 'handling', dueAt: FINAL_DUE })]);
    expect(again.events.at(-1)).toMatchObject({ escalationNo: 2, breachDueAt: FINAL_DUE });
  });

  it('a breach recorded after the corrected due time stands (it would have been missed anyway)', () => {
    // The timer fired late, on Mon 15 Feb, after the corrected due time (14 Feb 00:00 +08).
    const late = breachedInFebruary().map((c) => (c.type === 'ReachDeadline' ? { ...c, at: '2027-02-15T09:00:00+08:00' } : c));
    const { state } = run(late);
    const r = decide(state, adopt, CTX);
    if (!r.ok) throw new Error(r.rejection.code);
    expect(r.events.map((e) => e.type)).toEqual(['CalendarAdopted']);
    const after = r.events.reduce(evolve, state);
    expect(after.breaches).toHaveLength(1);
    expect(after.handling?.dueAt).toBe(PROVISIONAL_DUE);
    expect(after.letters[0]?.withdrawnAt).toBeUndefined();
  });

  it('under a policy document without the setting (recorded before it) the breach stands', () => {
    const { calendarBreachWithdrawal: _absent, ...older } = TEST_POLICY;
    const oldCtx: DecideContext = { ...CTX, policy: older };
    const { state } = run(breachedInFebruary(), oldCtx);
    const r = decide(state, adopt, oldCtx);
    if (!r.ok) throw new Error(r.rejection.code);
    expect(r.events.map((e) => e.type)).toEqual(['CalendarAdopted']);
    expect(r.events[0]).toMatchObject({ rearmed: [] });
    expect(r.events.reduce(evolve, state).breaches).toHaveLength(1);
  });
});
