import { CN_CALENDAR } from '../calendar';
import { testArrangement2027 } from '../calendar/calendar.testkit';
import type { CaseCommand } from './case.commands';
import { decide } from './case.decide';
import type { CaseEvent } from './case.events';
import { evolve } from './case.evolve';
import { type CaseState, initialState } from './case.state';
import { CTX, cmd } from './case.testkit';

// A claim accepted on Sat 12 Dec 2026, when 2027's arrangement is not published yet (CN_CALENDAR: 2025, 2026).
// Handling limit 60 calendar days (national policy): Dec 12 + 19 = Dec 31, + 31 = Jan 31 (50), + 10 = Wed 10 Feb 2027.
// Without 2027 that Wednesday is a plain working day: due 11 Feb 00:00 (+08) = 10 Feb 16:00Z, provisional for 2027.
// With the TEST 2027 arrangement (calendar.testkit: 春节 6–12 Feb, Sat 13 Feb 调休 working): 10, 11, 12 Feb are rest
// days, it rolls to Sat 13 Feb: due 14 Feb 00:00 (+08) = 13 Feb 16:00Z.
const PROVISIONAL_DUE = '2027-02-10T16:00:00.000Z';
const FINAL_DUE = '2027-02-13T16:00:00.000Z';

function run(commands: CaseCommand[]): { state: CaseState; events: CaseEvent[] } {
  let state = initialState();
  const events: CaseEvent[] = [];
  for (const c of commands) {
    const r = decide(state, c, CTX);
    if (!r.ok) throw new Error(`${c.type}: ${r.rejection.code} ${JSON.stringify(r.rejection.details)}`);
    for (const e of r.events) {
      state = evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
}

const december = (): CaseCommand[] => [
  cmd.register({ at: '2026-12-01T09:00:00+08:00' }),
  cmd.route({ at: '2026-12-02T10:00:00+08:00' }),
  cmd.receive({ at: '2026-12-03T09:30:00+08:00' }),
  cmd.notify({ at: '2026-12-04T10:00:00+08:00' }),
  cmd.accept({ at: '2026-12-12T11:00:00+08:00' }),
];

describe('provisional deadlines (2027 not published)', () => {
  it('the event recording a due time that reaches 2027 carries provisional years; deadlines inside 2026 do not', () => {
    const { state, events } = run(december());
    const accepted = events.find((e) => e.type === 'CaseAccepted');
    expect(accepted).toMatchObject({ handlingDueAt: PROVISIONAL_DUE, provisional: { handling: [2027] } });
    // Registration (route due 16 Dec), routing (receive due 8 Dec 00:00), receipt (due 18 Dec): all in 2026.
    expect(events.filter((e) => e.provisional).map((e) => e.type)).toEqual(['CaseAccepted']);
    expect(state.provisional).toEqual({ handling: [2027] });
  });
});

describe('AdoptCalendar (the year is published)', () => {
  const adopt = cmd.adoptCalendar({ at: '2027-01-05T10:00:00+08:00' });

  it('recomputes the provisional clock from its start (elapsed time counts) and makes it final', () => {
    const { state } = run(december());
    const r = decide(state, adopt, CTX);
    if (!r.ok) throw new Error(r.rejection.code);
    expect(r.events).toEqual([{
      type: 'CalendarAdopted', at: adopt.at, actor: adopt.actor, years: [testArrangement2027()], documentNo: adopt.documentNo,
      rearmed: [{ key: 'handling', previousDueAt: PROVISIONAL_DUE, newDueAt: FINAL_DUE }],
      provisional: { handling: [] },
    }]);
    const after = evolve(state, r.events[0] as CaseEvent);
    expect(after.handling?.dueAt).toBe(FINAL_DUE);
    expect(after.provisional).toEqual({});
    expect(after.calendarYears?.map((y) => y.year)).toEqual([2027]);
    // The same arrangement again changes nothing.
    const again = decide(after, { ...adopt, at: '2027-01-06T10:00:00+08:00' }, CTX);
    expect(again.ok ? 'accepted' : again.rejection.code).toBe('CASE_CALENDAR_ALREADY_ADOPTED');
  });

  it('a case started with 2027 in its calendar computes the final due time at once', () => {
    const cal2027 = { ...CTX, calendar: { ...CN_CALENDAR, years: [...CN_CALENDAR.years, testArrangement2027()] } };
    let state = initialState();
    for (const c of december()) {
      const r = decide(state, c, cal2027);
      if (!r.ok) throw new Error(r.rejection.code);
      for (const e of r.events) {
        expect(e.provisional).toBeUndefined();
        state = evolve(state, e);
      }
    }
    expect(state.handling?.dueAt).toBe(FINAL_DUE);
  });

  it('refuses an invalid arrangement with every problem by path, nothing changed', () => {
    const { state } = run(december());
    const bad = { ...testArrangement2027(), holidays: [{ name: 'x', nameZh: '', restDays: ['2028-01-01'] }] };
    const r = decide(state, { ...adopt, years: [bad] }, CTX);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection.code).toBe('CASE_CALENDAR_INVALID');
    expect((r.rejection.details?.problems as { path: string }[]).map((p) => p.path))
      .toEqual(['years[0].holidays[0].nameZh', 'years[0].holidays[0].restDays[0]']);
  });
});
