import { deriveCaseKeys } from './case-key';

const secret = 'unit-test-secret-0123456789';
const base = { petitioner: { name: '张三', idNumber: '11010119900307777X' }, respondent: { description: '某区住建局' }, category: 'urban_construction' };

describe('deriveCaseKeys', () => {
  it('gives the same key for the same petitioner and matter, whatever the spacing or case of the id', () => {
    const a = deriveCaseKeys(secret, base);
    const b = deriveCaseKeys(secret, { ...base, petitioner: { name: '张 三', idNumber: '11010119900307777x' }, respondent: { description: ' 某区 住建局 ' } });
    expect(b.caseKey).toBe(a.caseKey);
    expect(a.caseKey).toMatch(/^[0-9a-f]{20}$/);
  });

  it('separates other matters, other petitioners and other secrets', () => {
    const a = deriveCaseKeys(secret, base).caseKey;
    expect(deriveCaseKeys(secret, { ...base, category: 'natural_resources' }).caseKey).not.toBe(a);
    expect(deriveCaseKeys(secret, { ...base, petitioner: { name: '张三', idNumber: '110101199003071234' } }).caseKey).not.toBe(a);
    expect(deriveCaseKeys('another-secret-0123456789', base).caseKey).not.toBe(a);
  });

  it('never embeds personal data', () => {
    const keys = deriveCaseKeys(secret, base);
    for (const v of Object.values(keys)) {
      expect(v).not.toContain('11010119900307777X');
      expect(v).not.toContain('张三');
    }
  });

  it('gives anonymous petitions a fresh key each time', () => {
    const anon = { ...base, petitioner: { name: '匿名' } };
    expect(deriveCaseKeys(secret, anon).caseKey).not.toBe(deriveCaseKeys(secret, anon).caseKey);
  });
});
