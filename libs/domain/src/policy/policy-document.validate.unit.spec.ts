import { cloneJson } from './json.util';
import { validatePolicyDocument } from './policy-document.validate';
import { nationalDefaultPolicy } from './policy.national';

const problemsOf = (input: unknown) => {
  const r = validatePolicyDocument(input);
  return r.ok ? [] : r.problems;
};
const pathsOf = (input: unknown) => problemsOf(input).map((p) => p.path);

describe('validatePolicyDocument', () => {
  it('accepts the national default and returns a private copy', () => {
    const r = validatePolicyDocument(nationalDefaultPolicy);
    expect(r).toEqual({ ok: true, policy: nationalDefaultPolicy });
    expect(r.ok && r.policy).not.toBe(nationalDefaultPolicy);
  });

  it('lists EVERY problem by JSON path, in document order', () => {
    const bad = {
      ...cloneJson(nationalDefaultPolicy),
      id: 'has space',
      version: 1.5,
      colour: 'red', // unknown key
      effectiveFrom: '2026-13-01',
      scope: { regionPrefixes: ['3', '33', '33'], channels: ['fax'], provinces: ['zj'] },
      limits: { ...nationalDefaultPolicy.limits, route: { amount: -5, unit: 'working_days' }, handleClaim: { amount: 60, unit: 'fortnights' } },
      warnings: [{ before: { amount: 0, unit: 'working_days' } }, { atFraction: 1 }, { atFraction: 0.5, before: { amount: 1, unit: 'hours' } }],
      warningOverrides: { evaluation: [], bogus: [{ atFraction: 0.9 }] },
      escalation: [
        { rung: 'listed_supervision', after: { amount: 5, unit: 'working_days' } },
        { rung: 'reminder_letter', after: { amount: 0, unit: 'working_days' } },
        { rung: 'listed_supervision', after: { amount: 10, unit: 'working_days' } },
        { rung: 'name_and_shame', after: { amount: 12, unit: 'working_days', extra: true } },
      ],
      letterFeedbackLimit: { amount: 0, unit: 'calendar_days' },
      lettersRequiringFeedback: ['memo'],
      pauseReasons: [
        { code: 'hearing', nameZh: '听证', nameEn: 'Hearing', appliesTo: ['decideReview'] },
        { code: 'expert_appraisal', nameZh: '鉴定', nameEn: 'Appraisal', appliesTo: ['handling', 'requestReview', 'nowhere'] },
        { code: 'expert_appraisal', nameZh: '', nameEn: 'Again', appliesTo: [] },
      ],
    };
    expect(pathsOf(bad)).toEqual([
      'colour',
      'id',
      'version',
      'effectiveFrom',
      'scope.provinces',
      'scope.regionPrefixes[0]',
      'scope.regionPrefixes[2]',
      'scope.channels[0]',
      'limits.route.amount',
      'limits.handleClaim.unit',
      'letterFeedbackLimit.amount',
      'warnings[0].before.amount',
      'warnings[1].atFraction',
      'warnings[2]',
      'warningOverrides.evaluation',
      'warningOverrides.bogus',
      'escalation[1].after', // reminder at 0 after listed supervision at +5: out of order
      'escalation[2].rung', // listed_supervision twice
      'escalation[3].rung',
      'escalation[3].after.extra',
      'lettersRequiringFeedback[0]',
      'pauseReasons[0].appliesTo', // the hearing must apply to the re-review (art.36)
      'pauseReasons[1].appliesTo[1]', // a petitioner's window cannot be paused
      'pauseReasons[1].appliesTo[2]',
      'pauseReasons[2].code',
      'pauseReasons[2].nameZh',
      'pauseReasons[2].appliesTo',
    ]);
  });

  it('gives each problem a Chinese and an English message, and both in one line', () => {
    for (const p of problemsOf({ ...nationalDefaultPolicy, version: 0, scope: { regionPrefixes: [] } })) {
      expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messageEn).toMatch(/[a-z]/);
      expect(p.message).toBe(`${p.messageZh} / ${p.messageEn}`);
    }
  });

  it('reports missing required fields (and only them) on a limits-only policy', () => {
    const { scope: _s, effectiveFrom: _e, warnings: _w, escalation: _l, letterFeedbackLimit: _f, pauseReasons: _p, ...limitsOnly } = nationalDefaultPolicy;
    expect(pathsOf(limitsOnly)).toEqual(['scope', 'effectiveFrom', 'warnings', 'escalation', 'letterFeedbackLimit', 'pauseReasons']);
    expect(problemsOf(limitsOnly).every((p) => p.messageEn === 'required field missing')).toBe(true);
  });

  it('reports a missing step limit (null must be explicit) and a missing rung delay', () => {
    const { notify: _omit, ...limits } = nationalDefaultPolicy.limits;
    expect(pathsOf({ ...nationalDefaultPolicy, limits, escalation: [{ rung: 'reminder_letter' }] })).toEqual(['limits.notify', 'escalation[0].after']);
  });

  it.each([
    ['not an object', 'policy', ['']],
    ['null', null, ['']],
    ['an array', [], ['']],
  ])('rejects %s as a whole', (_label, input, paths) => {
    expect(pathsOf(input)).toEqual(paths);
  });

  it.each([
    ['a 2-digit province', ['33'], true],
    ['a 4-digit city', ['3301'], true],
    ['a 6-digit county', ['330102'], true],
    ['an odd length', ['330'], false],
    ['a leading zero', ['03'], false],
    ['letters', ['ZJ'], false],
    ['9 digits (township)', ['330102001'], false],
    ['an empty list (omit it for "anywhere")', [], false],
  ])('region prefixes: %s', (_label, regionPrefixes, ok) => {
    expect(validatePolicyDocument({ ...nationalDefaultPolicy, scope: { regionPrefixes } }).ok).toBe(ok);
  });

  it.each([
    ['0 (never)', 0, false],
    ['0.8', 0.8, true],
    ['1 (that is the deadline)', 1, false],
    ['negative', -0.2, false],
    ['a string', '80%', false],
  ])('warning fraction %s', (_label, atFraction, ok) => {
    expect(validatePolicyDocument({ ...nationalDefaultPolicy, warnings: [{ atFraction }] }).ok).toBe(ok);
  });

  it('allows a rung at the breach (0) but no negative delay; equal delays are in order', () => {
    const ladder = (a: number, b: number) => [
      { rung: 'reminder_letter', after: { amount: a, unit: 'working_days' } },
      { rung: 'listed_supervision', after: { amount: b, unit: 'working_days' } },
    ];
    expect(validatePolicyDocument({ ...nationalDefaultPolicy, escalation: ladder(0, 0) }).ok).toBe(true);
    expect(pathsOf({ ...nationalDefaultPolicy, escalation: ladder(-1, 5) })).toEqual(['escalation[0].after.amount']);
    expect(pathsOf({ ...nationalDefaultPolicy, escalation: ladder(7, 5) })).toEqual(['escalation[1].after']);
  });

  it('compares rungs in different units by their rough length (5 working days ≈ 7 calendar days)', () => {
    const ladder = (days: number) => [
      { rung: 'listed_supervision', after: { amount: 5, unit: 'working_days' } },
      { rung: 'accountability_recommendation', after: { amount: days, unit: 'calendar_days' } },
    ];
    expect(validatePolicyDocument({ ...nationalDefaultPolicy, escalation: ladder(7) }).ok).toBe(true);
    expect(pathsOf({ ...nationalDefaultPolicy, escalation: ladder(6) })).toEqual(['escalation[1].after']);
  });

  it('accepts per-deadline warning overrides ([] silences a deadline)', () => {
    const r = validatePolicyDocument({ ...nationalDefaultPolicy, warningOverrides: { handling: [{ atFraction: 0.5 }], route: [] } });
    expect(r.ok).toBe(true);
  });

  it('rejects a policy that is not plain JSON-like data', () => {
    expect(pathsOf({ ...nationalDefaultPolicy, priority: 1.5, continueAsNewAfterEvents: 0, source: '' })).toEqual([
      'source',
      'priority',
      'continueAsNewAfterEvents',
    ]);
  });
});
