import { newCaseKey, ownMatterRefOf, petitionerRefOf, respondentRefOf } from './case-key';

const secret = 'unit-test-secret-0123456789';
const person = { name: '张三', idNumber: '11010119900307777X' };

describe('case keys and pseudonymous references', () => {
  it('gives one petitioner reference whatever the case of the identity number, another for another person', () => {
    expect(petitionerRefOf(secret, { ...person, idNumber: '11010119900307777x' })).toBe(petitionerRefOf(secret, person));
    expect(petitionerRefOf(secret, { ...person, idNumber: '110101199003071234' })).not.toBe(petitionerRefOf(secret, person));
    expect(petitionerRefOf(secret, { name: '张 三', phone: '13900000000' })).toBe(petitionerRefOf(secret, { name: '张三', phone: '13900000000' }));
    expect(petitionerRefOf('another-secret-0123456789', person)).not.toBe(petitionerRefOf(secret, person));
  });

  it('gives anonymous petitioners a fresh reference each time (they match nobody)', () => {
    expect(petitionerRefOf(secret, { name: '匿名' })).not.toBe(petitionerRefOf(secret, { name: '匿名' }));
  });

  it('derives the respondent reference from respondent and category only, spacing ignored', () => {
    const a = respondentRefOf(secret, { description: '某区住建局' }, 'urban_construction');
    expect(respondentRefOf(secret, { description: ' 某区 住建局 ' }, 'urban_construction')).toBe(a);
    expect(respondentRefOf(secret, { description: '某区住建局' }, 'natural_resources')).not.toBe(a);
    expect(a).toMatch(/^m-[0-9a-f]{16}$/);
  });

  it('keeps the case id shape, fixed by the idempotent request, random without one', () => {
    expect(newCaseKey(secret, 'idem-abc')).toBe(newCaseKey(secret, 'idem-abc'));
    expect(newCaseKey(secret, 'idem-abc')).not.toBe(newCaseKey(secret, 'idem-abd'));
    expect(newCaseKey(secret)).not.toBe(newCaseKey(secret));
    for (const k of [newCaseKey(secret, 'idem-abc'), newCaseKey(secret)]) expect(`petition-${k}`).toMatch(/^petition-[a-z0-9]{20}$/);
    expect(ownMatterRefOf(secret, 'k1')).not.toBe(ownMatterRefOf(secret, 'k2'));
  });

  it('never embeds personal data', () => {
    for (const v of [petitionerRefOf(secret, person), respondentRefOf(secret, { description: '某区住建局' }, 'x')]) {
      expect(v).not.toContain('11010119900307777X');
      expect(v).not.toContain('张三');
    }
  });
});
