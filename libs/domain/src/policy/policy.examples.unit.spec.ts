import { CN_CALENDAR, computeDueAt } from '../calendar';
import { PRACTICE_EXAMPLE_POLICY_DOCUMENT, ZHEJIANG_EXAMPLE_POLICY_DOCUMENT, practiceExamplePolicy, requirePolicyDocument, zhejiangExamplePolicy } from './policy.examples';
import { diffPolicies } from './policy.diff';
import { nationalDefaultPolicy } from './policy.national';
import { PolicyError } from './policy-error';
import { validatePolicyDocument } from './policy-document.validate';
import { effectivePauseReasons, pauseReasonFor } from './policy.normalize';
import { thrown } from '../../../../tools/test/thrown';

describe('Zhejiang example policy (data file policy/data/zj-2016.json)', () => {
  it('is a valid policy document', () => {
    expect(validatePolicyDocument(ZHEJIANG_EXAMPLE_POLICY_DOCUMENT)).toEqual({ ok: true, policy: zhejiangExamplePolicy });
  });

  it('applies to Zhejiang (division codes 33…) from 2016', () => {
    expect(zhejiangExamplePolicy.scope).toEqual({ regionPrefixes: ['33'] });
    expect(zhejiangExamplePolicy.effectiveFrom).toBe('2016-01-01T00:00:00+08:00');
  });

  it('routes in 5 working days, handles claims in 30 days, extends by at most 60', () => {
    expect(zhejiangExamplePolicy.limits.route).toEqual({ amount: 5, unit: 'working_days' });
    expect(zhejiangExamplePolicy.limits.handleClaim).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(zhejiangExamplePolicy.maxExtension).toEqual({ amount: 60, unit: 'calendar_days' });
    // Registered Wed 16 Sep 2026: 17, 18, (19 Sat), 20 Sun (调休, working), 21, 22 → due 23 Sep 00:00 (+08).
    expect(computeDueAt('2026-09-16T09:00:00+08:00', zhejiangExamplePolicy.limits.route!, CN_CALENDAR)).toBe('2026-09-22T16:00:00.000Z');
  });

  it('configures the appraisal pause (鉴定) for handling besides the built-in hearing', () => {
    expect(effectivePauseReasons(zhejiangExamplePolicy).map((r) => r.code)).toEqual(['hearing', 'expert_appraisal']);
    expect(pauseReasonFor(zhejiangExamplePolicy, 'expert_appraisal', 'handling')?.nameZh).toBe('鉴定');
    expect(pauseReasonFor(zhejiangExamplePolicy, 'expert_appraisal', 'decideReview')).toBeNull();
  });

  it('a broken data file fails loudly with every problem', () => {
    expect(() => requirePolicyDocument({ ...zhejiangExamplePolicy, version: 0, warnings: [{ atFraction: 2 }] })).toThrow(PolicyError);
    const e = thrown(() => requirePolicyDocument({ ...zhejiangExamplePolicy, version: 0, warnings: [{ atFraction: 2 }] }));
    expect((e as PolicyError).problems.map((p) => p.path)).toEqual(['version', 'warnings[0].atFraction']);
    expect((e as PolicyError).messageZh).toBe('政策文件无效');
  });
});

describe('example practice policy (policy/data/practice-example.json)', () => {
  it('is a valid document that adds a receipt limit to the national limits, citing its own source', () => {
    expect(validatePolicyDocument(PRACTICE_EXAMPLE_POLICY_DOCUMENT)).toEqual({ ok: true, policy: practiceExamplePolicy });
    const limitChanges = diffPolicies(nationalDefaultPolicy, practiceExamplePolicy).filter((c) => c.path.startsWith('limits.'));
    expect(limitChanges).toEqual([{ path: 'limits.receive', op: 'changed', from: null, to: { amount: 3, unit: 'working_days' } }]);
    // Its own source, never an article of the Regulation.
    expect(practiceExamplePolicy.source).toContain('示范市信访工作联席会议《信访事项签收办理工作规程（示例）》第五条');
    expect(practiceExamplePolicy.source).not.toContain('信访工作条例');
    expect(practiceExamplePolicy.scope).toEqual({ regionPrefixes: ['3201'] });
  });

  it('receipt: routed Fri 18 Sep 2026 + 3 working days: Sun 20 (调休, working), Mon 21, Tue 22 → 23 Sep 00:00 (+08)', () => {
    expect(computeDueAt('2026-09-18T10:00:00+08:00', practiceExamplePolicy.limits.receive!, CN_CALENDAR)).toBe('2026-09-22T16:00:00.000Z');
  });
});
