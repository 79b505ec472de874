import { CN_CALENDAR, computeDueAt, createCalendar } from './business-calendar';
import { computeDueWithCoverage, coversInstant, uncoveredYearsOf, withYears } from './calendar-coverage';
import { testArrangement2027 } from './calendar.testkit';
import { CalendarError } from './calendar-error';
import { thrown } from '../../../../tools/test/thrown';

// Expected dates worked out by hand (weekday of each date checked against a wall calendar). 2026 is the real
// arrangement (国办发明电〔2025〕7号: nothing after 10 October); 2027 is the TEST arrangement of calendar.testkit.ts.
// Deadlines end at 00:00 Asia/Shanghai after the last day = 16:00Z of the last day.
const with2027 = withYears(CN_CALENDAR, [testArrangement2027()]);

describe('20 working days from Sunday 2026-12-20', () => {
  const start = '2026-12-20T10:00:00+08:00';
  const limit = { amount: 20, unit: 'working_days' } as const;

  it('2027 not loaded: plain weekdays, 1 January counts, provisional for 2027', () => {
    // Dec 21–25 (5), Dec 28–31 (9), Fri Jan 1 counted as a plain weekday (10), Jan 4–8 (15), Jan 11–15 (20).
    expect(computeDueWithCoverage(start, limit, CN_CALENDAR)).toEqual({ dueAt: '2027-01-15T16:00:00.000Z', uncoveredYears: [2027] });
  });

  it('TEST 2027 loaded: 元旦 is skipped, the limit ends one working day later and is final', () => {
    // Dec 21–25 (5), Dec 28–31 (9), Jan 1 rest (元旦), Jan 4–8 (14), Jan 11–15 (19), Mon Jan 18 (20).
    expect(computeDueWithCoverage(start, limit, with2027)).toEqual({ dueAt: '2027-01-18T16:00:00.000Z', uncoveredYears: [] });
  });
});

describe('60 calendar days ending in the TEST Spring Festival', () => {
  // Dec 12 + 19 = Dec 31, + 31 = Jan 31 (50), + 10 = Wed 10 Feb 2027 (60).
  const start = '2026-12-12T09:00:00+08:00';
  const limit = { amount: 60, unit: 'calendar_days' } as const;

  it('2027 not loaded: Wednesday 10 February is a plain working day, no roll, provisional', () => {
    expect(computeDueWithCoverage(start, limit, CN_CALENDAR)).toEqual({ dueAt: '2027-02-10T16:00:00.000Z', uncoveredYears: [2027] });
  });

  it('TEST 2027 loaded: 10–12 Feb are rest days, it rolls to Saturday 13 Feb (调休 working day)', () => {
    expect(computeDueWithCoverage(start, limit, with2027)).toEqual({ dueAt: '2027-02-13T16:00:00.000Z', uncoveredYears: [] });
  });

  it('without rolling the due time does not depend on the calendar: never provisional', () => {
    const noRoll = { ...limit, rollToWorkingDay: false };
    expect(computeDueWithCoverage(start, noRoll, CN_CALENDAR)).toEqual({ dueAt: '2027-02-10T16:00:00.000Z', uncoveredYears: [] });
  });
});

describe('uncoveredYearsOf', () => {
  it('a limit that stays inside loaded years is final', () => {
    // 10 working days from Mon 2026-12-14: Dec 15–18 (4), Dec 21–25 (9), Mon Dec 28 (10).
    const r = computeDueWithCoverage('2026-12-14T09:00:00+08:00', { amount: 10, unit: 'working_days' }, CN_CALENDAR);
    expect(r).toEqual({ dueAt: '2026-12-28T16:00:00.000Z', uncoveredYears: [] });
  });

  it('time limits never depend on holidays, even across New Year', () => {
    expect(uncoveredYearsOf('2026-12-31T20:00:00+08:00', '2027-01-01T20:00:00+08:00', { amount: 24, unit: 'hours' }, CN_CALENDAR)).toEqual([]);
  });

  it('lists every missing year a long working-day limit crosses', () => {
    const empty = createCalendar([]);
    expect(uncoveredYearsOf('2026-12-30T09:00:00+08:00', '2028-01-05T16:00:00.000Z', { amount: 260, unit: 'working_days' }, empty))
      .toEqual([2026, 2027, 2028]);
  });

  it('a calendar-day limit ending on 31 December that is a working day needs no next year', () => {
    // Dec 1 + 30 = Thu Dec 31 2026, a working day: nothing of 2027 is consulted.
    const r = computeDueWithCoverage('2026-12-01T09:00:00+08:00', { amount: 30, unit: 'calendar_days' }, CN_CALENDAR);
    expect(r).toEqual({ dueAt: '2026-12-31T16:00:00.000Z', uncoveredYears: [] });
  });
});

describe('withYears', () => {
  it('adds a year, keeps the others, and the result is what computeDueAt uses', () => {
    expect(with2027.years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    expect(coversInstant(with2027, '2027-03-01T00:00:00+08:00')).toBe(true);
    expect(coversInstant(CN_CALENDAR, '2027-03-01T00:00:00+08:00')).toBe(false);
    expect(computeDueAt('2026-12-31T12:00:00+08:00', { amount: 1, unit: 'working_days' }, with2027)).toBe('2027-01-04T16:00:00.000Z');
  });

  it('refuses invalid data with every problem by path', () => {
    const bad = { ...testArrangement2027(), adjustedWorkdays: ['2027-02-10', '2027-13-01'] };
    const e = thrown(() => withYears(CN_CALENDAR, [bad]));
    expect(e).toBeInstanceOf(CalendarError);
    expect((e as CalendarError).problems?.map((p) => p.path)).toEqual(['years[0].adjustedWorkdays[0]', 'years[0].adjustedWorkdays[0]', 'years[0].adjustedWorkdays[1]']);
  });
});
