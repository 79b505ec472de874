import { permanentProjectionErrorCode } from './projection-dead-letters.store';

describe('permanentProjectionErrorCode: which projection failures no retry can fix', () => {
  it('treats PostgreSQL data exceptions (22) and integrity violations (23) as permanent', () => {
    expect(permanentProjectionErrorCode({ code: '22P02' })).toBe('22P02');
    expect(permanentProjectionErrorCode({ code: '22021' })).toBe('22021');
    expect(permanentProjectionErrorCode({ code: '23502' })).toBe('23502');
    // TypeORM's QueryFailedError carries the driver's error
    expect(permanentProjectionErrorCode({ driverError: { code: '23514' } })).toBe('23514');
  });

  it('retries a unique violation (concurrent writers) and every transient or unknown failure', () => {
    expect(permanentProjectionErrorCode({ code: '23505' })).toBeNull();
    expect(permanentProjectionErrorCode({ code: '40001' })).toBeNull(); // serialization failure
    expect(permanentProjectionErrorCode({ code: '57P01' })).toBeNull(); // admin shutdown (PostgreSQL stopped)
    expect(permanentProjectionErrorCode({ code: '08006' })).toBeNull(); // connection failure
    expect(permanentProjectionErrorCode({ code: 'ECONNREFUSED' })).toBeNull();
    expect(permanentProjectionErrorCode(new Error('boom'))).toBeNull();
    expect(permanentProjectionErrorCode(null)).toBeNull();
  });
});
