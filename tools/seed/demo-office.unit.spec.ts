import { superiorOf, validatePolicyDocument } from '@petitions/domain';
import { demoPolicy } from './demo-city';
import { adoptionOf, officeReturns, unitAnswers, unitReanswers } from './demo-office';

describe('demo policy', () => {
  const doc = demoPolicy(['320101', '320102'], '2026-01-01T00:00:00Z');

  it('is a valid policy document with the feedback review, pauses with approval and recommendations to the county government', () => {
    const v = validatePolicyDocument(doc);
    expect(v.ok ? [] : v.problems).toEqual([]);
    if (!v.ok) return;
    expect(v.policy.letterFeedbackReview).toBe(true);
    expect(v.policy.pauseApproval).toEqual({ approverRole: 'unit_head' });
    expect(v.policy.pauseReasons?.map((r) => r.code)).toEqual(['hearing', 'appraisal', 'awaiting_authority']);
    expect(v.policy.limits.decideObjection).toEqual({ amount: 6, unit: 'minutes' });
    expect(v.policy.limits.notifyDecision).toEqual({ amount: 12, unit: 'minutes' });
    const acc = v.policy.accountability!;
    // A department and a town of county 320101 answer to the county government; the county government to the city's.
    expect(superiorOf(acc, 'u-320101-edu')).toBe('u-320101-gov');
    expect(superiorOf(acc, 'u-320102-t03')).toBe('u-320102-gov');
    expect(superiorOf(acc, 'u-320101-gov')).toBe('u-3201-gov');
    // A city unit (the city bureau routes city-level petitions) answers to the city government, which has none listed.
    expect(superiorOf(acc, 'u-3201-xfj')).toBe('u-3201-gov');
    expect(superiorOf(acc, 'u-3201-gov')).toBe('u-3201-gov');
    // Other counties are not listed (the discipline body takes their recommendations).
    expect(superiorOf(acc, 'u-320103-edu')).toBeNull();
  });
});

describe('demo office decisions (by letter serial number)', () => {
  const serials = Array.from({ length: 60 }, (_, i) => i + 1);
  const share = (f: (n: number) => boolean) => serials.filter(f).length / serials.length;

  it('leaves 3 in 10 letters unanswered, returns 1 in 3 first answers, re-answers half of the returned', () => {
    expect(share(unitAnswers)).toBeCloseTo(0.7);
    expect([unitAnswers(10), unitAnswers(11), unitAnswers(12), unitAnswers(13)]).toEqual([false, false, false, true]);
    expect(share((n) => officeReturns(n, 1))).toBeCloseTo(1 / 3);
    expect(serials.some((n) => officeReturns(n, 2))).toBe(false);
    expect(share(unitReanswers)).toBeCloseTo(0.5);
  });

  it('records each adoption outcome on a quarter of the recommendations and leaves a quarter pending', () => {
    expect([4, 5, 6, 7].map(adoptionOf)).toEqual(['adopted', 'partly_adopted', 'not_adopted', null]);
    expect(serials.filter((n) => adoptionOf(n) === null)).toHaveLength(15);
  });
});
