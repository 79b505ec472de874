import { clearPetitioner, maskAddress, maskIdNumber, maskName, maskPhone, maskedPetitioner } from './masking';
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

  it('gives the clear view whole, and the masked view masked identifiers without the summary', () => {
    expect(clearPetitioner(p)).toEqual({ ...p, masked: false });
    const v = maskedPetitioner(p);
    expect(v).toEqual({ name: '李**', idNumber: '310***********1234', phone: '139****5678', address: '上海市徐汇区********', masked: true });
    expect(JSON.stringify(v)).not.toContain('198805061234');
    expect(JSON.stringify(v)).not.toContain('12345678');
    expect(JSON.stringify(v)).not.toContain('电梯');
    expect(maskedPetitioner({ name: '王五' })).toEqual({ name: '王*', masked: true });
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
