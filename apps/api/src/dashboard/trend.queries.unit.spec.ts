import { bucketLabels, bucketOf } from './trend.queries';

describe('dashboard trend buckets (Asia/Shanghai days and months)', () => {
  it('puts an instant in the Shanghai day and month it falls on', () => {
    expect(bucketOf('2026-11-30T15:59:59.999Z', 'day')).toBe('2026-11-30');
    expect(bucketOf('2026-11-30T16:00:00.000Z', 'day')).toBe('2026-12-01');
    expect(bucketOf('2026-11-30T16:00:00.000Z', 'month')).toBe('2026-12');
  });

  it('lists every day of a range, empty days included', () => {
    const labels = bucketLabels('2026-02-26T16:00:00.000Z', '2026-03-03T16:00:00.000Z', 'day');
    expect(labels).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03']);
  });

  it('lists every month once, short months included', () => {
    const labels = bucketLabels('2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', 'month');
    expect(labels).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    // A range ending one day into a month still shows that month.
    expect(bucketLabels('2025-11-30T16:00:00.000Z', '2026-12-01T16:00:00.000Z', 'month')).toHaveLength(13);
  });
});
