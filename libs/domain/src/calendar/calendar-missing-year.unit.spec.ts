import { missingYearWarning } from './calendar-missing-year';

// Built in: 2025 and 2026. Instants are UTC; the date that counts is Shanghai's (UTC+8).
const BUILT_IN = [2025, 2026];

describe('missingYearWarning (the December warning)', () => {
  it('is silent before the warning date, even though the coming year is missing', () => {
    // 30 Nov 2026 23:59 in Shanghai (15:59Z).
    expect(missingYearWarning('2026-11-30T15:59:00Z', BUILT_IN)).toBeNull();
  });

  it('names the coming year from 1 December (Shanghai date), until it is loaded', () => {
    // 30 Nov 16:00Z is 1 Dec 00:00 in Shanghai.
    const w = missingYearWarning('2026-11-30T16:00:00Z', BUILT_IN);
    expect(w).toMatchObject({ missingYears: [2027], warnFrom: '12-01' });
    expect(w?.messageZh).toContain('2027年节假日安排尚未发布');
    expect(w?.messageEn).toContain('2027');
    expect(missingYearWarning('2026-12-07T02:00:00Z', [...BUILT_IN, 2027])).toBeNull();
  });

  it('follows a configured date', () => {
    expect(missingYearWarning('2026-11-20T02:00:00Z', BUILT_IN, '11-15')?.missingYears).toEqual([2027]);
    expect(missingYearWarning('2026-12-07T02:00:00Z', BUILT_IN, '12-20')).toBeNull();
    expect(() => missingYearWarning('2026-12-07T02:00:00Z', BUILT_IN, '13-01')).toThrow(RangeError);
  });

  it('names the current year whatever the date when it is missing (January with no arrangement)', () => {
    expect(missingYearWarning('2027-01-04T02:00:00Z', BUILT_IN)?.missingYears).toEqual([2027]);
    // December 2027 with neither 2027 nor 2028.
    expect(missingYearWarning('2027-12-02T02:00:00Z', BUILT_IN)?.missingYears).toEqual([2027, 2028]);
  });
});
