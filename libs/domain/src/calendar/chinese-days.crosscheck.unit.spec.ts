import { isWorkday } from 'chinese-days';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { CN_CALENDAR, isWorkingDay } from './business-calendar';

/**
 * A test-time cross-check of the built-in years against `chinese-days` (npm, community-maintained State Council data;
 * docs/calendar-years.md "chinese-days"). Our published data stays the source of truth: the package is never read at
 * run time. A difference fails here, and someone reads the notice to see which side is wrong.
 */
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe.each(CN_CALENDAR.years.map((y) => y.year))('built-in %i against chinese-days', (year) => {
  const ours = CN_CALENDAR.years.find((y) => y.year === year)!;

  it('has the same rest days (holidays) and the same 调休 working days', () => {
    const inYear = (k: string) => k.startsWith(`${year}-`);
    expect(ours.holidays.flatMap((h) => h.restDays).sort()).toEqual(Object.keys(data.holidays).filter(inYear).sort());
    expect([...ours.adjustedWorkdays].sort()).toEqual(Object.keys(data.workdays).filter(inYear).sort());
  });

  it('agrees on every day of the year: working or not', () => {
    const differ = daysOf(year).filter((day) => isWorkingDay(day, CN_CALENDAR) !== isWorkday(day));
    expect(differ).toEqual([]);
  });
});

describe('the cross-check itself', () => {
  it('covers the built-in years and would see a difference', () => {
    expect(CN_CALENDAR.years.map((y) => y.year)).toEqual([2025, 2026]);
    // 2026-02-14 (Sat) is a 调休 working day in both; a plain Saturday (2026-03-07) is a rest day in both.
    expect([isWorkingDay('2026-02-14', CN_CALENDAR), isWorkday('2026-02-14')]).toEqual([true, true]);
    expect([isWorkingDay('2026-03-07', CN_CALENDAR), isWorkday('2026-03-07')]).toEqual([false, false]);
    // 2026-10-07 (Wed) is the last day of 国庆 (1–7 Oct) in both; Thu 8 Oct is a working day again.
    expect([isWorkingDay('2026-10-07', CN_CALENDAR), isWorkday('2026-10-07')]).toEqual([false, false]);
    expect([isWorkingDay('2026-10-08', CN_CALENDAR), isWorkday('2026-10-08')]).toEqual([true, true]);
  });
});
