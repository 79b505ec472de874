import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CN_CALENDAR, CalendarError, isWorkingDay } from '@petitions/domain';
import { loadBusinessCalendar } from './business-calendar.loader';
import { thrown } from '../../../tools/test/thrown';

// A made-up arrangement for a year the built-in data does not cover (test data, not a real notice).
const year2030 = {
  year: 2030, source: 'test fixture',
  holidays: [{ name: 'Test Holiday', nameZh: '测试假日', restDays: ['2030-05-01', '2030-05-02', '2030-05-03'] }],
  adjustedWorkdays: ['2030-05-05'],
};

describe('loadBusinessCalendar', () => {
  it('keeps the built-in years when no folder is configured', () => {
    expect(loadBusinessCalendar(undefined)).toBe(CN_CALENDAR);
  });

  it('imports one file per year next to the built-in ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    writeFileSync(join(dir, 'cn-2030.json'), JSON.stringify(year2030));
    const cal = loadBusinessCalendar(dir);
    expect(cal.years.map((y) => y.year)).toEqual([2025, 2026, 2030]);
    expect(isWorkingDay('2030-05-02', cal)).toBe(false); // Thursday, a rest day of the imported arrangement
    expect(isWorkingDay('2030-05-05', cal)).toBe(true); // Sunday, an adjusted working day
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // built-in National Day kept
  });

  it('refuses a bad file with its problems and paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    writeFileSync(join(dir, 'cn-2030.json'), JSON.stringify({ ...year2030, adjustedWorkdays: ['2030-05-06'] }));
    const e = thrown(() => loadBusinessCalendar(dir));
    expect(e).toBeInstanceOf(CalendarError);
    expect((e as CalendarError).problems.map((p) => p.path).join(' ')).toMatch(/adjustedWorkdays/);
    const broken = mkdtempSync(join(tmpdir(), 'cal-'));
    writeFileSync(join(broken, 'cn-2031.json'), '{ not json');
    expect(() => loadBusinessCalendar(broken)).toThrow(CalendarError);
  });
});
