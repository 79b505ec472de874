import { validateHolidayYear } from './holiday-year.schema';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';

function problemsOf(data: unknown) {
  const r = validateHolidayYear(data);
  if (r.ok) throw new Error('expected validation to fail');
  return r.problems;
}

describe('validateHolidayYear', () => {
  it('accepts the 2025 and 2026 State Council arrangements unchanged', () => {
    for (const data of [cn2025, cn2026]) {
      expect(validateHolidayYear(data)).toEqual({ ok: true, value: data });
    }
  });

  it('holds the day counts of the notices', () => {
    // 2025: 1 + 8 + 3 + 5 + 3 + 8 rest days, 5 调休 Saturdays/Sundays; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7, 6 workdays.
    const restCount = (y: typeof cn2025) => y.holidays.reduce((n, h) => n + h.restDays.length, 0);
    expect(restCount(cn2025)).toBe(28);
    expect(cn2025.adjustedWorkdays).toHaveLength(5);
    expect(restCount(cn2026)).toBe(33);
    expect(cn2026.adjustedWorkdays).toHaveLength(6);
  });

  it('returns a copy, so later edits of the input do not leak into the value', () => {
    const input = JSON.parse(JSON.stringify(cn2026));
    const r = validateHolidayYear(input);
    input.adjustedWorkdays.push('2026-12-26');
    expect(r.ok && r.value.adjustedWorkdays).toHaveLength(6);
  });

  it('rejects a non-object at the root', () => {
    expect(problemsOf(null)).toEqual([{ path: '', message: 'expected an object' }]);
    expect(problemsOf([cn2026])[0].path).toBe('');
  });

  it('reports a wrong year and missing arrays', () => {
    expect(problemsOf({ year: 2026.5, source: 'x', holidays: [], adjustedWorkdays: [] }).map((p) => p.path)).toEqual(['year']);
    expect(problemsOf({ year: '2026', source: 'x', holidays: [], adjustedWorkdays: [] }).map((p) => p.path)).toEqual(['year']);
    expect(problemsOf({ year: 2026, source: 'x' }).map((p) => p.path)).toEqual(['holidays', 'adjustedWorkdays']);
  });

  it('reports a date that belongs to another year', () => {
    const data = { ...cn2025, adjustedWorkdays: ['2026-02-14'] };
    expect(problemsOf(data)).toEqual([{ path: 'adjustedWorkdays[0]', message: '2026-02-14 is outside the year 2025' }]);
  });

  it('lists every problem by path', () => {
    const data = {
      year: 2026,
      source: '',
      holidays: [
        {
          name: 'Spring Festival',
          nameZh: '春节',
          restDays: ['2026-02-15', '2026-2-16', '2026-02-30', '2025-12-31', '2026-02-15'],
        },
        { name: '', nameZh: '国庆节', restDays: [] },
        'oops',
      ],
      // 2026-02-16 is a Monday; 2026-02-15 is a Sunday already listed as a rest day.
      adjustedWorkdays: ['2026-02-14', '2026-02-16', '2026-02-15', '2026-02-14'],
      extra: true,
    };
    const problems = problemsOf(data);
    expect(problems.map((p) => p.path)).toEqual([
      'extra',
      'source',
      'holidays[0].restDays[1]',
      'holidays[0].restDays[2]',
      'holidays[0].restDays[3]',
      'holidays[0].restDays[4]',
      'holidays[1].name',
      'holidays[1].restDays',
      'holidays[2]',
      'adjustedWorkdays[1]',
      'adjustedWorkdays[2]',
      'adjustedWorkdays[3]',
    ]);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['holidays[0].restDays[3]']).toContain('outside the year 2026');
    expect(byPath['holidays[0].restDays[4]']).toContain('already listed at holidays[0].restDays[0]');
    expect(byPath['adjustedWorkdays[1]']).toContain('not a Saturday or Sunday');
    expect(byPath['adjustedWorkdays[2]']).toContain('both a working day and a rest day');
  });
});
