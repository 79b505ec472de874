import { ReadModelQueryError, decodeCursor, encodeCursor, requireCursor } from './supervision.filters';
import { thrown } from '../../../tools/test/thrown';

const raw = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

describe('paging cursors', () => {
  it('round-trips what the queries write', () => {
    const key = ['2026-03-02T08:00:00.000Z', 'petition-abc.1', 42];
    expect(decodeCursor(encodeCursor(key), ['instant', 'id', 'seq'])).toEqual(key);
  });

  it('refuses every value PostgreSQL would reject, and other encodings of a key', () => {
    const refused = [
      raw(['not a date', 'c-1']), raw(['2026-02-30T00:00:00.000Z', 'c-1']), raw(['0000-01-01T00:00:00.000Z', 'c-1']),
      raw(['2026-03-02T08:00:00Z', 'c-1']), // not the form the API writes (no milliseconds)
      raw(['2026-03-02T08:00:00.000Z', 'c\u0000']), raw(['2026-03-02T08:00:00.000Z', '\ud800']), raw(['2026-03-02T08:00:00.000Z', 7]),
      raw(['2026-03-02T08:00:00.000Z']), raw({ at: 1 }), 'Zm9v', '', '%%%', `${encodeCursor(['2026-03-02T08:00:00.000Z', 'c-1'])}=`,
    ];
    for (const c of refused) expect(decodeCursor(c, ['instant', 'id'])).toBeNull();
    for (const seq of [-1, 1.5, 2 ** 31, 1e300]) expect(decodeCursor(raw(['2026-03-02T08:00:00.000Z', 'c-1', seq]), ['instant', 'id', 'seq'])).toBeNull();
    // The key below is 34 bytes: its text ends in 'Q', whose low 4 bits are spare; 'R' decodes to the same bytes.
    const good = encodeCursor(['2026-03-02T08:00:00.000Z', 'c-1']);
    expect(good.endsWith('Q')).toBe(true);
    const twin = `${good.slice(0, -1)}R`;
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(good, 'base64url'))).toBe(true);
    expect(decodeCursor(good, ['instant', 'id'])).not.toBeNull();
    expect(decodeCursor(twin, ['instant', 'id'])).toBeNull();
  });

  it('refuses with QUERY_INVALID_CURSOR, zh-CN and English', () => {
    const e = thrown(() => requireCursor(raw(['x', 'y']), ['instant', 'id']));
    expect(e).toBeInstanceOf(ReadModelQueryError);
    expect((e as ReadModelQueryError).code).toBe('QUERY_INVALID_CURSOR');
    expect((e as ReadModelQueryError).messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});
