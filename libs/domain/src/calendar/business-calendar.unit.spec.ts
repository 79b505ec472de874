import {
  CN_CALENDAR as cal,
  addWorkingDays,
  calendarCovers,
  computeDueAt,
  countWorkingDaysBetween,
  createCalendar,
  isWorkingDay,
  localDate,
  type Limit,
} from './business-calendar';
import { CalendarError } from './calendar-error';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';
import { thrown } from '../../../../tools/test/thrown';

// Every expected value below was worked out by hand from the State Council notices
// (国办发明电〔2024〕12号 for 2025, 〔2025〕7号 for 2026). Deadlines end at 00:00 Shanghai = 16:00Z.

function codeOf(fn: () => unknown): string {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(CalendarError);
  expect((e as CalendarError).messageZh.length).toBeGreaterThan(0);
  return (e as CalendarError).code;
}

describe('isWorkingDay', () => {
  it.each([
    ['2026-02-14', true, 'Sat, 调休上班 before Spring Festival'],
    ['2026-02-16', false, 'Mon, Spring Festival'],
    ['2026-02-23', false, 'Mon, last day of Spring Festival'],
    ['2026-02-28', true, 'Sat, 调休上班 after Spring Festival'],
    ['2026-01-04', true, 'Sun, 调休上班 after New Year'],
    ['2026-01-02', false, 'Fri, New Year'],
    ['2026-09-20', true, 'Sun, 调休上班 before National Day'],
    ['2026-10-10', true, 'Sat, 调休上班 after National Day'],
    ['2026-10-07', false, 'Wed, National Day'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2026-03-09', true, 'ordinary Monday'],
    ['2025-01-26', true, 'Sun, 调休上班 before Spring Festival'],
    ['2025-01-28', false, 'Tue, Spring Festival eve'],
    ['2025-02-08', true, 'Sat, 调休上班 after Spring Festival'],
    ['2025-04-27', true, 'Sun, 调休上班 before Labour Day'],
    ['2025-10-08', false, 'Wed, 8th day of National Day'],
    ['2025-10-11', true, 'Sat, 调休上班'],
  ])('%s is working: %s (%s)', (ymd, expected) => {
    expect(isWorkingDay(ymd, cal)).toBe(expected);
  });

  it('falls back to Monday–Friday for years without data', () => {
    expect(isWorkingDay('2027-01-01', cal)).toBe(true); // a Friday
    expect(isWorkingDay('2027-01-02', cal)).toBe(false); // a Saturday
    expect(isWorkingDay('2024-12-31', cal)).toBe(true); // a Tuesday
  });

  it('rejects a malformed date', () => {
    expect(codeOf(() => isWorkingDay('2026-02-30', cal))).toBe('CALENDAR_INVALID_DATE');
    expect(codeOf(() => isWorkingDay('2026/02/14', cal))).toBe('CALENDAR_INVALID_DATE');
  });
});

describe('calendarCovers', () => {
  it('covers exactly the years with data', () => {
    expect(calendarCovers(cal, '2025-01-01')).toBe(true);
    expect(calendarCovers(cal, '2026-12-31')).toBe(true);
    expect(calendarCovers(cal, '2024-12-31')).toBe(false);
    expect(calendarCovers(cal, '2027-01-01')).toBe(false);
  });
});

describe('localDate', () => {
  it('uses Asia/Shanghai (UTC+8)', () => {
    expect(localDate('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(localDate('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(localDate('2026-03-01T16:00:00Z')).toBe('2026-03-02');
    expect(localDate('2025-12-31T16:00:00Z')).toBe('2026-01-01');
  });

  it('honours explicit offsets', () => {
    expect(localDate('2026-03-02T01:30:00+08:00')).toBe('2026-03-02');
    expect(localDate('2026-03-01T12:00:00-06:00')).toBe('2026-03-02'); // 18:00Z
  });

  it('rejects instants that are invalid or have no offset', () => {
    for (const bad of ['not a date', '2026-02-30T00:00:00Z', '2026-03-01T10:00:00', '2026-03-01', '2026-03-01T24:00:00Z']) {
      expect(codeOf(() => localDate(bad))).toBe('CALENDAR_INVALID_INSTANT');
    }
  });
});

describe('addWorkingDays', () => {
  it('skips National Day: 5 working days after 2026-09-29', () => {
    // Sep 30 (1), Oct 1–7 off, Oct 8 (2), Oct 9 (3), Sat Oct 10 调休 (4), Sun Oct 11 off, Mon Oct 12 (5)
    expect(addWorkingDays('2026-09-29', 5, cal)).toBe('2026-10-12');
  });

  it('counts adjusted Saturdays and skips Spring Festival 2026', () => {
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24');
    expect(addWorkingDays('2025-01-24', 1, cal)).toBe('2025-01-26');
  });

  it('goes backwards for negative n and returns the day itself for 0', () => {
    expect(addWorkingDays('2026-10-08', -1, cal)).toBe('2026-09-30');
    expect(addWorkingDays('2026-03-07', 0, cal)).toBe('2026-03-07');
  });

  it('uses Monday–Friday outside the data', () => {
    expect(addWorkingDays('2027-01-01', 1, cal)).toBe('2027-01-04');
  });

  it('rejects a bad date or count', () => {
    expect(codeOf(() => addWorkingDays('2026-02-30', 1, cal))).toBe('CALENDAR_INVALID_DATE');
    expect(codeOf(() => addWorkingDays('2026-02-13', 1.5, cal))).toBe('CALENDAR_INVALID_LIMIT');
    expect(codeOf(() => addWorkingDays('2026-02-13', Number.NaN, cal))).toBe('CALENDAR_INVALID_LIMIT');
  });
});

describe('computeDueAt: calendar days', () => {
  const days = (amount: number, rollToWorkingDay?: boolean): Limit => ({ amount, unit: 'calendar_days', rollToWorkingDay });

  it('ends at 00:00 Shanghai after the N-th day, start day not counted', () => {
    // Mon 2026-03-02 + 15 = Tue 2026-03-17
    expect(computeDueAt('2026-03-02T02:00:00Z', days(15), cal)).toBe('2026-03-17T16:00:00.000Z');
  });

  it('rolls a deadline ending on National Day to the next working day', () => {
    // Wed 2026-09-16 + 15 = Oct 1 (holiday until Oct 7) → Thu Oct 8
    expect(computeDueAt('2026-09-16T02:00:00Z', days(15), cal)).toBe('2026-10-08T16:00:00.000Z');
    expect(computeDueAt('2026-09-16T02:00:00Z', days(15, false), cal)).toBe('2026-10-01T16:00:00.000Z');
  });

  it('rolls a deadline ending on an ordinary weekend to Monday', () => {
    // Fri 2026-03-06 + 15 = Sat Mar 21 → Mon Mar 23
    expect(computeDueAt('2026-03-06T01:00:00Z', days(15), cal)).toBe('2026-03-23T16:00:00.000Z');
  });

  it('does not roll when the last day is an adjusted working Saturday', () => {
    // Fri 2026-02-13 + 15 = Sat Feb 28, 调休上班
    expect(computeDueAt('2026-02-13T03:00:00Z', days(15), cal)).toBe('2026-02-28T16:00:00.000Z');
  });

  it('spans the 2025 Spring Festival', () => {
    // Mon 2025-01-20 + 15 = Tue Feb 4, last day of the festival → Wed Feb 5
    expect(computeDueAt('2025-01-20T01:00:00Z', days(15), cal)).toBe('2025-02-05T16:00:00.000Z');
    expect(computeDueAt('2025-01-20T01:00:00Z', days(15, false), cal)).toBe('2025-02-04T16:00:00.000Z');
  });

  it('rolls over Labour Day (60-day handling limit, 30-day limit)', () => {
    // 2026-03-02 + 60 = May 1 (off until May 5) → Wed May 6
    expect(computeDueAt('2026-03-02T02:00:00Z', days(60), cal)).toBe('2026-05-06T16:00:00.000Z');
    // 2025-04-01 + 30 = May 1 (off until Mon May 5) → Tue May 6
    expect(computeDueAt('2025-04-01T02:00:00Z', days(30), cal)).toBe('2025-05-06T16:00:00.000Z');
  });

  it('crosses the year boundary into the 2026 data', () => {
    // 2025-12-20 + 15 = Sun 2026-01-04, 调休上班
    expect(computeDueAt('2025-12-20T02:00:00Z', days(15), cal)).toBe('2026-01-04T16:00:00.000Z');
    // 2025-12-17 + 15 = Jan 1 (off to Sat Jan 3) → Sun Jan 4
    expect(computeDueAt('2025-12-17T02:00:00Z', days(15), cal)).toBe('2026-01-04T16:00:00.000Z');
  });

  it('takes the start day in Shanghai, not in UTC', () => {
    // 17:30Z on Mar 1 is 01:30 on Mon Mar 2 in Shanghai: +1 = Tue Mar 3
    expect(computeDueAt('2026-03-01T17:30:00Z', days(1), cal)).toBe('2026-03-03T16:00:00.000Z');
    // 15:59:59Z on Mar 1 is still Sun Mar 1 in Shanghai: +1 = Mon Mar 2
    expect(computeDueAt('2026-03-01T15:59:59Z', days(1), cal)).toBe('2026-03-02T16:00:00.000Z');
  });
});

describe('computeDueAt: working days', () => {
  const wd = (amount: number): Limit => ({ amount, unit: 'working_days' });

  it('lands after National Day: 5 working days from 2026-09-29', () => {
    expect(computeDueAt('2026-09-29T02:00:00Z', wd(5), cal)).toBe('2026-10-12T16:00:00.000Z');
  });

  it('crosses Mid-Autumn and National Day 2026', () => {
    // Fri Sep 18: Sun 20 调休 (1), 21–24 (2–5), 25–27 off, 28–30 (6–8), Oct 1–7 off, Oct 8 (9), Oct 9 (10)
    expect(computeDueAt('2026-09-18T02:00:00Z', wd(10), cal)).toBe('2026-10-09T16:00:00.000Z');
  });

  it('spans the 2025 Spring Festival', () => {
    // Fri Jan 24: Sun 26 调休 (1), Mon 27 (2), Jan 28–Feb 4 off, Feb 5 (3), 6 (4), 7 (5)
    expect(computeDueAt('2025-01-24T02:00:00Z', wd(5), cal)).toBe('2025-02-07T16:00:00.000Z');
  });

  it('takes the start day in Shanghai', () => {
    // 16:30Z Feb 13 is Sat Feb 14 in Shanghai, so the next working day is Tue Feb 24
    expect(computeDueAt('2026-02-13T16:30:00Z', wd(1), cal)).toBe('2026-02-24T16:00:00.000Z');
    // 15:30Z Feb 13 is still Fri Feb 13: the next working day is the adjusted Sat Feb 14
    expect(computeDueAt('2026-02-13T15:30:00Z', wd(1), cal)).toBe('2026-02-14T16:00:00.000Z');
  });

  it('0 working days ends with the start day', () => {
    expect(computeDueAt('2026-03-04T02:00:00Z', wd(0), cal)).toBe('2026-03-04T16:00:00.000Z');
  });
});

describe('computeDueAt: elapsed time', () => {
  it('adds hours, minutes and seconds exactly, never rolling', () => {
    expect(computeDueAt('2026-02-14T10:00:00Z', { amount: 36, unit: 'hours' }, cal)).toBe('2026-02-15T22:00:00.000Z');
    expect(computeDueAt('2026-02-14T10:00:00Z', { amount: 36, unit: 'hours', rollToWorkingDay: true }, cal)).toBe(
      '2026-02-15T22:00:00.000Z',
    );
    expect(computeDueAt('2026-10-01T23:00:00Z', { amount: 90, unit: 'minutes' }, cal)).toBe('2026-10-02T00:30:00.000Z');
    expect(computeDueAt('2026-01-01T00:00:00Z', { amount: 45, unit: 'seconds' }, cal)).toBe('2026-01-01T00:00:45.000Z');
    expect(computeDueAt('2026-03-02T00:00:00Z', { amount: 1.5, unit: 'hours' }, cal)).toBe('2026-03-02T01:30:00.000Z');
  });

  it('returns UTC for an offset start', () => {
    expect(computeDueAt('2026-03-02T09:00:00+08:00', { amount: 2, unit: 'hours' }, cal)).toBe('2026-03-02T03:00:00.000Z');
  });
});

describe('computeDueAt: rejected input', () => {
  const start = '2026-03-02T02:00:00Z';
  it.each([
    ['negative days', { amount: -1, unit: 'calendar_days' }],
    ['fractional days', { amount: 1.5, unit: 'calendar_days' }],
    ['fractional working days', { amount: 2.5, unit: 'working_days' }],
    ['NaN', { amount: Number.NaN, unit: 'working_days' }],
    ['Infinity hours', { amount: Number.POSITIVE_INFINITY, unit: 'hours' }],
    ['negative minutes', { amount: -5, unit: 'minutes' }],
    ['string amount', { amount: '5', unit: 'calendar_days' }],
    ['unknown unit', { amount: 1, unit: 'weeks' }],
    ['non-boolean roll flag', { amount: 1, unit: 'calendar_days', rollToWorkingDay: 'no' }],
    ['absurdly many days', { amount: 3661, unit: 'calendar_days' }],
  ])('%s', (_label, limit) => {
    expect(codeOf(() => computeDueAt(start, limit as unknown as Limit, cal))).toBe('CALENDAR_INVALID_LIMIT');
  });

  it('rejects an invalid start', () => {
    expect(codeOf(() => computeDueAt('2026-03-02', { amount: 1, unit: 'calendar_days' }, cal))).toBe(
      'CALENDAR_INVALID_INSTANT',
    );
    expect(codeOf(() => computeDueAt('yesterday', { amount: 1, unit: 'hours' }, cal))).toBe('CALENDAR_INVALID_INSTANT');
  });
});

describe('countWorkingDaysBetween', () => {
  it('counts the end day but not the start day, in Shanghai days', () => {
    expect(countWorkingDaysBetween('2026-09-29T02:00:00Z', '2026-10-12T02:00:00Z', cal)).toBe(5);
    expect(countWorkingDaysBetween('2025-01-24T02:00:00Z', '2025-02-07T10:00:00Z', cal)).toBe(5);
    expect(countWorkingDaysBetween('2026-03-02T01:00:00Z', '2026-03-02T15:00:00Z', cal)).toBe(0);
    // Sun Mar 1 23:00 → Mon Mar 2 01:30 in Shanghai
    expect(countWorkingDaysBetween('2026-03-01T15:00:00Z', '2026-03-01T17:30:00Z', cal)).toBe(1);
  });

  it('is negative when the end is earlier', () => {
    expect(countWorkingDaysBetween('2026-10-12T02:00:00Z', '2026-09-29T02:00:00Z', cal)).toBe(-5);
  });

  it('counts February 2026: 20 weekdays − 6 festival weekdays + 2 adjusted Saturdays', () => {
    expect(countWorkingDaysBetween('2026-01-31T16:00:00Z', '2026-02-28T10:00:00Z', cal)).toBe(16);
  });

  it('counts 248 working days in each of 2025 and 2026', () => {
    // 2025: 261 weekdays − 18 holiday weekdays + 5 调休; 2026: 261 − 19 + 6
    expect(countWorkingDaysBetween('2024-12-31T04:00:00Z', '2025-12-31T04:00:00Z', cal)).toBe(248);
    expect(countWorkingDaysBetween('2025-12-31T04:00:00Z', '2026-12-31T04:00:00Z', cal)).toBe(248);
  });
});

describe('createCalendar and CN_CALENDAR', () => {
  it('CN_CALENDAR holds 2025 and 2026 in Asia/Shanghai', () => {
    expect(cal.timeZone).toBe('Asia/Shanghai');
    expect(cal.years.map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('sorts years', () => {
    expect(createCalendar([cn2026, cn2025]).years.map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('survives a JSON round trip (workflow input)', () => {
    const copy = JSON.parse(JSON.stringify(cal));
    expect(isWorkingDay('2026-02-14', copy)).toBe(true);
    expect(isWorkingDay('2026-02-16', copy)).toBe(false);
  });

  it('rejects duplicate years', () => {
    expect(codeOf(() => createCalendar([cn2025, cn2026, cn2025]))).toBe('CALENDAR_DUPLICATE_YEAR');
  });

  it('rejects invalid data with problems prefixed by the year index', () => {
    const bad = { ...cn2026, adjustedWorkdays: ['2026-02-16'] }; // a Monday inside Spring Festival
    const e = thrown(() => createCalendar([cn2025, bad]));
    expect((e as CalendarError).code).toBe('CALENDAR_INVALID_YEAR_DATA');
    expect((e as CalendarError).problems.map((p) => p.path)).toEqual(['years[1].adjustedWorkdays[0]', 'years[1].adjustedWorkdays[0]']);
  });

  it('an empty calendar is plain Monday–Friday', () => {
    const plain = createCalendar([]);
    expect(isWorkingDay('2026-02-16', plain)).toBe(true);
    expect(isWorkingDay('2026-02-14', plain)).toBe(false);
  });
});
