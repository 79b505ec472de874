import { bilingual, formatLocalTime, formatRemaining } from './time.format';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatLocalTime (Asia/Shanghai)', () => {
  it.each([
    ['2025-12-16T15:59:59Z', '2025-12-16 23:59:59 +08:00'],
    ['2025-12-16T16:00:00.000Z', '2025-12-17 00:00:00 +08:00'],
    ['2025-12-31T23:30:00+00:00', '2026-01-01 07:30:00 +08:00'],
    ['2026-01-01T00:00:00+08:00', '2026-01-01 00:00:00 +08:00'],
    ['2024-02-28T20:00:00-05:00', '2024-02-29 09:00:00 +08:00'],
    // China keeps +08:00 all year: no DST shift in summer.
    ['2025-07-01T04:05:06Z', '2025-07-01 12:05:06 +08:00'],
  ])('%s → %s', (iso, local) => {
    expect(formatLocalTime(iso)).toBe(local);
  });

  it('formats in another zone when asked', () => {
    expect(formatLocalTime('2025-12-16T15:59:59Z', 'UTC')).toBe('2025-12-16 15:59:59 +00:00');
  });

  it('shows a dash for nothing and leaves text that is not an instant unchanged', () => {
    expect(formatLocalTime(null)).toBe('—');
    expect(formatLocalTime(undefined)).toBe('—');
    expect(formatLocalTime('')).toBe('—');
    expect(formatLocalTime('soon')).toBe('soon');
  });
});

describe('formatRemaining', () => {
  it.each([
    [3 * DAY + 4 * HOUR, '剩余3天4小时', '3d 4h left'],
    [3 * DAY + 4 * HOUR + 59 * MIN, '剩余3天4小时', '3d 4h left'],
    [15 * DAY, '剩余15天', '15d left'],
    [DAY, '剩余1天', '1d left'],
    [DAY - 1, '剩余23小时59分钟', '23h 59m left'],
    [5 * HOUR + 12 * MIN + 30_000, '剩余5小时12分钟', '5h 12m left'],
    [2 * HOUR, '剩余2小时', '2h left'],
    [7 * MIN + 59_999, '剩余7分钟', '7m left'],
    [59_999, '剩余不足1分钟', '<1m left'],
    [0, '剩余不足1分钟', '<1m left'],
    [-2 * HOUR - 1, '已超期2小时', 'overdue by 2h'],
    [-(1 * DAY + 3 * HOUR), '已超期1天3小时', 'overdue by 1d 3h'],
  ])('%i ms → %s / %s', (ms, zh, en) => {
    expect(formatRemaining(ms)).toEqual({ zh, en });
  });

  it('never invents a value', () => {
    expect(formatRemaining(Number.NaN)).toEqual({ zh: '未知', en: 'unknown' });
  });

  it('joins both languages', () => {
    expect(bilingual(formatRemaining(3 * DAY + 4 * HOUR))).toBe('剩余3天4小时 / 3d 4h left');
  });
});
