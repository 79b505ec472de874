import { diffPolicies } from './policy.diff';
import { zhejiangExamplePolicy } from './policy.examples';
import { nationalDefaultPolicy } from './policy.national';
import type { SupervisionPolicy } from './supervision-policy.types';

describe('diffPolicies (what changed, recorded on publication and adoption)', () => {
  it('equal documents: no change', () => {
    expect(diffPolicies(nationalDefaultPolicy, JSON.parse(JSON.stringify(nationalDefaultPolicy)))).toEqual([]);
  });

  it('national → Zhejiang example: every leaf that differs, by path, in document order', () => {
    expect(diffPolicies(nationalDefaultPolicy, zhejiangExamplePolicy)).toEqual([
      { path: 'id', op: 'changed', from: 'cn-national-2022', to: 'zj-2016' },
      { path: 'version', op: 'changed', from: 2, to: 1 },
      { path: 'name', op: 'changed', from: nationalDefaultPolicy.name, to: zhejiangExamplePolicy.name },
      { path: 'source', op: 'changed', from: nationalDefaultPolicy.source, to: zhejiangExamplePolicy.source },
      { path: 'scope.regionPrefixes', op: 'added', from: null, to: ['33'] },
      { path: 'effectiveFrom', op: 'changed', from: '2022-05-01T00:00:00+08:00', to: '2016-01-01T00:00:00+08:00' },
      { path: 'limits.route.amount', op: 'changed', from: 15, to: 5 },
      { path: 'limits.route.unit', op: 'changed', from: 'calendar_days', to: 'working_days' },
      // The example leaves the optional receipt limit out: compared as null (no limit), as the national policy sets it.
      { path: 'limits.handleClaim.amount', op: 'changed', from: 60, to: 30 },
      // … and the optional objection-decision and decision-notice limits (compared as null: the older behaviour).
      { path: 'limits.decideObjection', op: 'changed', from: { amount: 5, unit: 'working_days' }, to: null },
      { path: 'limits.notifyDecision', op: 'changed', from: { amount: 15, unit: 'calendar_days' }, to: null },
      { path: 'maxExtension.amount', op: 'changed', from: 30, to: 60 },
      { path: 'continueAsNewAfterEvents', op: 'removed', from: 2000, to: null },
      // The example predates answered recommendations and feedback review.
      { path: 'lettersRequiringFeedback[2]', op: 'removed', from: 'accountability_recommendation', to: null },
      // National: hearing, appraisal (handling), awaiting_authority (handling, decideReview), approval by the unit head;
      // Zhejiang: hearing, expert_appraisal (handling), no approval setting.
      { path: 'pauseReasons[1].code', op: 'changed', from: 'appraisal', to: 'expert_appraisal' },
      { path: 'pauseReasons[1].nameEn', op: 'changed', from: 'Appraisal', to: 'Expert appraisal' },
      {
        path: 'pauseReasons[2]',
        op: 'removed',
        from: { code: 'awaiting_authority', nameZh: '等待其他机关决定', nameEn: "Awaiting another authority's decision", appliesTo: ['handling', 'decideReview'] },
        to: null,
      },
      { path: 'pauseApproval', op: 'removed', from: { approverRole: 'unit_head' }, to: null },
      { path: 'letterFeedbackReview', op: 'removed', from: true, to: null },
      {
        path: 'accountability',
        op: 'removed',
        from: { recommendationAddressee: 'superior', disciplineBodyId: 'discipline-body', superiors: {} },
        to: null,
      },
      // The 2016 provincial example predates published holiday years: its cases keep a breach (docs/calendar-years.md).
      { path: 'calendarBreachWithdrawal', op: 'removed', from: true, to: null },
    ]);
  });

  it('arrays compare index by index; a type change is one change of the whole value', () => {
    const a: SupervisionPolicy = { ...nationalDefaultPolicy, version: 1 };
    const b: SupervisionPolicy = {
      ...nationalDefaultPolicy,
      version: 2,
      escalation: nationalDefaultPolicy.escalation.slice(0, 2),
      limits: { ...nationalDefaultPolicy.limits, handleSuggestion: { amount: 20, unit: 'working_days' } },
    };
    expect(diffPolicies(a, b)).toEqual([
      { path: 'version', op: 'changed', from: 1, to: 2 },
      { path: 'limits.handleSuggestion', op: 'changed', from: null, to: { amount: 20, unit: 'working_days' } },
      { path: 'escalation[2]', op: 'removed', from: { rung: 'accountability_recommendation', after: { amount: 10, unit: 'working_days' } }, to: null },
      { path: 'escalation[3]', op: 'removed', from: { rung: 'escalate_to_superior', after: { amount: 10, unit: 'working_days' } }, to: null },
    ]);
  });

  it('is plain JSON (it is recorded in PolicyAdopted)', () => {
    const changes = diffPolicies(nationalDefaultPolicy, zhejiangExamplePolicy);
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
  });
});
