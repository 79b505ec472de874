import {
  SHANGHAI_OFFSET_MS, shanghaiClock, shanghaiDate, shanghaiDayNumber, shanghaiMidnight, shanghaiMidnightIso, shanghaiMidnightOfDate,
  shanghaiMidnightText, shanghaiYear,
} from './shanghai-time';

// Expected values worked out by hand: Shanghai is UTC+8, so 00:00 Shanghai on a day is 16:00Z of the day before,
// and 16:00Z already belongs to the next Shanghai day. 2026-01-01 is day 20454 since 1970-01-01 (56 years, 14 leap days).
describe('the Asia/Shanghai time module', () => {
  it('puts 16:00Z on the next Shanghai day and 15:59:59.999Z on the same one', () => {
    expect(SHANGHAI_OFFSET_MS).toBe(28_800_000);
    expect(shanghaiDate(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(Date.parse('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(shanghaiDayNumber(Date.parse('2025-12-31T16:00:00Z'))).toBe(20_454);
    expect(shanghaiYear(Date.parse('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(shanghaiYear(Date.parse('2025-12-31T15:59:59Z'))).toBe(2025);
  });

  it('gives the midnight of a day, as an instant, as text with its offset and as a UTC ISO string', () => {
    expect(shanghaiMidnight(20_454)).toBe(Date.parse('2025-12-31T16:00:00Z'));
    expect(shanghaiMidnightText('2026-03-05')).toBe('2026-03-05T00:00:00+08:00');
    expect(shanghaiMidnightOfDate('2026-03-05')).toBe(Date.parse('2026-03-04T16:00:00Z'));
    expect(shanghaiMidnightIso('2026-03-05')).toBe('2026-03-04T16:00:00.000Z');
    expect(shanghaiMidnightOfDate('2026-13-01')).toBeNaN();
  });

  it('reads the wall clock', () => {
    expect(shanghaiClock(Date.parse('2026-03-05T06:05:59Z'))).toEqual({ hour: 14, minute: 5 });
    expect(shanghaiClock(Date.parse('2026-03-04T16:00:00Z'))).toEqual({ hour: 0, minute: 0 });
    expect(shanghaiClock(Date.parse('2026-03-05T15:59:00Z'))).toEqual({ hour: 23, minute: 59 });
  });
});
