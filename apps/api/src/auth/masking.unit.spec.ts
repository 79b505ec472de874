import { maskAddress, maskIdNumber, maskName, maskPhone, petitionerFor } from './masking';
import { TokenBucketLimiter } from './rate-limit';

const p = { name: '李秀英', idNumber: '310104198805061234', phone: '13912345678', address: '上海市徐汇区漕溪北路 88 弄 5 号', summary: '加装电梯停工' };

describe('petitioner masking', () => {
  it('masks names, identity numbers, phones and addresses', () => {
    expect(maskName('李秀英')).toBe('李**');
    expect(maskName('李')).toBe('*');
    expect(maskIdNumber('310104198805061234')).toBe('310***********1234');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskAddress('上海市徐汇区漕溪北路 88 弄 5 号')).toBe('上海市徐汇区********');
  });

  it('shows registrars and unit staff everything, and the other roles masked identifiers', () => {
    for (const role of ['registrar', 'handler', 'unit_head']) expect(petitionerFor(role, p)).toEqual({ ...p, masked: false });
    for (const role of ['supervisor', 'leader', 'auditor', 'admin']) {
      const v = petitionerFor(role, p);
      expect(v).toMatchObject({ name: '李**', idNumber: '310***********1234', phone: '139****5678', masked: true });
      expect(JSON.stringify(v)).not.toContain('198805061234');
      expect(JSON.stringify(v)).not.toContain('12345678');
    }
    expect(petitionerFor('auditor', { name: '王五' })).toEqual({ name: '王*', masked: true });
  });
});

describe('registration rate limiter (token bucket)', () => {
  it('allows the budget per minute, then says how long to wait, and refills', () => {
    let t = 0;
    const limiter = new TokenBucketLimiter(3, () => t);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(20);
    expect(limiter.take('b')).toBe(0);
    t += 20_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });
});
