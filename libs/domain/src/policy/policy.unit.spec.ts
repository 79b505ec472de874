import { CN_CALENDAR, computeDueAt } from '../calendar';
import { NATIONAL_POLICY_V1, STEP_LIMIT_KEYS, diffPolicies, isValidLimit, nationalDefaultPolicy, validatePolicy, validatePolicyDocument } from './index';

describe('nationalDefaultPolicy (《信访工作条例》2022)', () => {
  it('is identified and versioned', () => {
    expect(nationalDefaultPolicy.id).toBe('cn-national-2022');
    expect(nationalDefaultPolicy.version).toBe(2);
  });

  it('version 2 differs from version 1 (as recorded in earlier cases) by the receipt limit (practice, removed) and the extension counting (added)', () => {
    expect(NATIONAL_POLICY_V1.limits.receive).toEqual({ amount: 3, unit: 'working_days' });
    expect(diffPolicies(NATIONAL_POLICY_V1, nationalDefaultPolicy)).toEqual([
      { path: 'version', op: 'changed', from: 1, to: 2 },
      { path: 'limits.receive', op: 'changed', from: { amount: 3, unit: 'working_days' }, to: null },
      { path: 'extensionCounting', op: 'added', from: null, to: 'from_original_last_day' },
    ]);
    expect(validatePolicyDocument(NATIONAL_POLICY_V1).ok).toBe(true);
  });

  it('holds the Regulation limits', () => {
    expect(nationalDefaultPolicy.limits).toEqual({
      route: { amount: 15, unit: 'calendar_days' }, // art.22
      receive: null, // the Regulation sets no receipt limit (practice: see the example practice policy)
      decideObjection: { amount: 5, unit: 'working_days' }, // policy default (unconfirmed): the bureau decides an objection
      notifyDecision: { amount: 15, unit: 'calendar_days' }, // policy default (unconfirmed): notice of not accepted / diverted (art.31)
      notify: { amount: 15, unit: 'calendar_days' }, // art.23
      objection: { amount: 5, unit: 'working_days' }, // art.23
      acceptance: { amount: 15, unit: 'calendar_days' }, // art.31
      handleClaim: { amount: 60, unit: 'calendar_days' }, // art.34
      handleSuggestion: null, // art.29
      handleReport: null, // art.30
      requestReview: { amount: 30, unit: 'calendar_days' }, // art.35
      decideReview: { amount: 30, unit: 'calendar_days' }, // art.35
      requestReReview: { amount: 30, unit: 'calendar_days' }, // art.36
      decideReReview: { amount: 30, unit: 'calendar_days' }, // art.36
    });
    expect(nationalDefaultPolicy.maxExtension).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(nationalDefaultPolicy.evaluationWindow).toEqual({ amount: 30, unit: 'calendar_days' });
  });

  it('has a limit entry (possibly null) for every step key', () => {
    expect(Object.keys(nationalDefaultPolicy.limits).sort()).toEqual([...STEP_LIMIT_KEYS].sort());
  });

  it('is valid', () => {
    expect(validatePolicy(nationalDefaultPolicy)).toEqual([]);
  });

  it('is plain JSON (it travels in workflow inputs)', () => {
    expect(JSON.parse(JSON.stringify(nationalDefaultPolicy))).toEqual(nationalDefaultPolicy);
  });

  it('computes the 15-day route limit with the CN calendar (start day not counted)', () => {
    // Registered Mon 2 Mar 2026 → last day Tue 17 Mar → due 18 Mar 00:00 (+08).
    expect(computeDueAt('2026-03-02T09:00:00+08:00', nationalDefaultPolicy.limits.route!, CN_CALENDAR)).toBe('2026-03-17T16:00:00.000Z');
  });
});

describe('nationalDefaultPolicy as a supervision document', () => {
  it('applies everywhere since the Regulation took effect (1 May 2022)', () => {
    expect(nationalDefaultPolicy.scope).toEqual({});
    expect(nationalDefaultPolicy.effectiveFrom).toBe('2022-05-01T00:00:00+08:00');
    expect(validatePolicyDocument(nationalDefaultPolicy).ok).toBe(true);
  });

  it('warns when 3 working days are left and at 80% of the time', () => {
    expect(nationalDefaultPolicy.warnings).toEqual([{ before: { amount: 3, unit: 'working_days' } }, { atFraction: 0.8 }]);
  });

  it('escalates: reminder letter at the breach, listed supervision after 5 working days, accountability and the superior after 10', () => {
    expect(nationalDefaultPolicy.escalation).toEqual([
      { rung: 'reminder_letter', after: { amount: 0, unit: 'working_days' } },
      { rung: 'listed_supervision', after: { amount: 5, unit: 'working_days' } },
      { rung: 'accountability_recommendation', after: { amount: 10, unit: 'working_days' } },
      { rung: 'escalate_to_superior', after: { amount: 10, unit: 'working_days' } },
    ]);
  });

  it('expects written feedback on every letter, recommendations included, within 30 days (art.40), reviewed by the office', () => {
    expect(nationalDefaultPolicy.letterFeedbackLimit).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(nationalDefaultPolicy.lettersRequiringFeedback).toEqual(['reminder_letter', 'listed_supervision_notice', 'accountability_recommendation']);
    expect(nationalDefaultPolicy.letterFeedbackReview).toBe(true);
  });

  it('addresses recommendations to the superior, falling back to the discipline body (no superior is listed nationally)', () => {
    expect(nationalDefaultPolicy.accountability).toEqual({ recommendationAddressee: 'superior', disciplineBodyId: 'discipline-body', superiors: {} });
  });

  it('lists the hearing (听证) as the pause of the re-review (art.36), appraisal and awaiting another authority; the unit head approves', () => {
    expect(nationalDefaultPolicy.pauseReasons).toEqual([
      { code: 'hearing', nameZh: '听证', nameEn: 'Hearing', appliesTo: ['decideReReview'] },
      { code: 'appraisal', nameZh: '鉴定', nameEn: 'Appraisal', appliesTo: ['handling'] },
      { code: 'awaiting_authority', nameZh: '等待其他机关决定', nameEn: "Awaiting another authority's decision", appliesTo: ['handling', 'decideReview'] },
    ]);
    expect(nationalDefaultPolicy.pauseApproval).toEqual({ approverRole: 'unit_head' });
  });
});

describe('validatePolicy', () => {
  it('reports every problem with a path and bilingual message', () => {
    const bad = {
      ...nationalDefaultPolicy,
      id: '',
      version: 0,
      limits: { ...nationalDefaultPolicy.limits, route: { amount: -1, unit: 'calendar_days' as const } },
      evaluationWindow: { amount: 1.5, unit: 'working_days' as const },
      maxExtension: { amount: 30, unit: 'fortnights' as never },
      continueAsNewAfterEvents: 0,
    };
    const problems = validatePolicy(bad);
    expect(problems.map((p) => p.path)).toEqual(['id', 'version', 'limits.route', 'evaluationWindow', 'maxExtension', 'continueAsNewAfterEvents']);
    for (const p of problems) {
      expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messageEn.length).toBeGreaterThan(0);
    }
  });

  it('reports a missing limit key (null must be explicit)', () => {
    const { notify: _omit, ...rest } = nationalDefaultPolicy.limits;
    const problems = validatePolicy({ ...nationalDefaultPolicy, limits: rest as typeof nationalDefaultPolicy.limits });
    expect(problems.map((p) => p.path)).toEqual(['limits.notify']);
  });
});

describe('isValidLimit', () => {
  it.each([
    [{ amount: 15, unit: 'calendar_days' }, true],
    [{ amount: 5, unit: 'working_days' }, true],
    [{ amount: 1.5, unit: 'hours' }, true],
    [{ amount: 10, unit: 'calendar_days', rollToWorkingDay: false }, true],
    [{ amount: 0, unit: 'calendar_days' }, false],
    [{ amount: 2.5, unit: 'calendar_days' }, false],
    [{ amount: 4000, unit: 'working_days' }, false],
    [{ amount: Number.POSITIVE_INFINITY, unit: 'seconds' }, false],
    [{ amount: 3, unit: 'weeks' }, false],
    [{ amount: 3, unit: 'calendar_days', rollToWorkingDay: 'yes' }, false],
    [null, false],
    ['15 days', false],
  ])('%j → %p', (limit, expected) => {
    expect(isValidLimit(limit)).toBe(expected);
  });
});
