/**
 * AdoptPolicy: a running case moves to another policy document. Clocks keep their start, so the time
 * already elapsed counts: newDueAt = computeDueAt(start, new limit) (+ approved extension, + time paused).
 */
import { CN_CALENDAR } from '../calendar';
import { type SupervisionPolicy, diffPolicies, zhejiangExamplePolicy } from '../policy';
import type { DecideContext } from './case.context';
import { decide } from './case.decide';
import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent, PolicyAdopted } from './case.events';
import { evolveAll } from './case.evolve';
import {
  APPRAISAL_POLICY,
  CTX,
  HANDLER,
  LEAD,
  TEST_POLICY, TEST_POLICY_V2,
  SUPERVISOR,
  SYSTEM,
  T,
  cmd,
  ev,
  given,
  stepClocks,
  upTo,
} from './case.testkit';

const ACCEPTED = '2026-03-09T10:00:00+08:00'; // Mon
/** 9 Mar + 60 = Fri 8 May (working) → due 9 May 00:00 (+08). */
const DUE_60 = '2026-05-08T16:00:00.000Z';
/** 9 Mar + 30 = Wed 8 Apr (working) → due 9 Apr 00:00 (+08). */
const DUE_30 = '2026-04-08T16:00:00.000Z';
/** 20 days in: 9 Mar + 20 = 29 Mar. */
const ADOPT_AT = '2026-03-29T10:00:00+08:00';

const THIRTY: SupervisionPolicy = {
  ...TEST_POLICY_V2,
  name: '办理期限缩短为30日 / handling limit cut to 30 days',
  limits: { ...TEST_POLICY_V2.limits, handleClaim: { amount: 30, unit: 'calendar_days' } },
};
const handlingFrom = (o: Partial<Parameters<typeof ev.accepted>[0]> = {}): CaseEvent[] => [
  ...upTo.acceptance(),
  ev.notified(),
  ev.accepted({ at: ACCEPTED, handlingDueAt: DUE_60, ...o }),
];
const adopted = (o: Partial<PolicyAdopted> & Pick<PolicyAdopted, 'rearmed'>, policy: SupervisionPolicy = THIRTY): PolicyAdopted => ({
  type: 'PolicyAdopted',
  at: ADOPT_AT,
  actor: SUPERVISOR,
  fromId: 'test-practice',
  fromVersion: 1,
  toId: policy.id,
  toVersion: policy.version,
  changes: diffPolicies(TEST_POLICY, policy),
  policy,
  ...o,
});

describe('AdoptPolicy: re-arming running clocks keeps the elapsed time', () => {
  it('a 60-day handling clock 20 days in, new policy 30 days → due 10 days later', () => {
    const event = adopted({ rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }] });
    const state = given(handlingFrom()).when(cmd.adoptPolicy(THIRTY, { at: ADOPT_AT })).then([event]);
    expect(event.changes).toEqual([
      { path: 'version', op: 'changed', from: 1, to: 2 },
      { path: 'name', op: 'changed', from: TEST_POLICY.name, to: THIRTY.name },
      { path: 'effectiveFrom', op: 'changed', from: '2022-05-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' },
      { path: 'limits.handleClaim.amount', op: 'changed', from: 60, to: 30 },
    ]);
    expect(state.policy).toEqual(THIRTY);
    expect([state.policyId, state.policyVersion]).toEqual(['test-practice', 2]);
    expect(state.handling?.dueAt).toBe(DUE_30);
    // Warnings follow the new deadline (9 Apr 00:00 +08): 3 working days left = 8, 7, (6–4 Apr Qingming),
    // Fri 3 Apr → 3 Apr 00:00 (+08); 80% of 9 Mar 02:00Z → 8 Apr 16:00Z = 734 h: 587.2 h → 2 Apr 13:12Z.
    expect(pendingDeadlines(state, CTX).map((d) => [d.key, d.dueAt])).toEqual([
      ['handling:warn:0', '2026-04-02T16:00:00.000Z'],
      ['handling:warn:1', '2026-04-02T13:12:00.000Z'],
      ['handling', DUE_30],
    ]);
  });

  it('from then on the case decides under the adopted policy, whatever ctx.policy says', () => {
    const h = [...handlingFrom(), adopted({ rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }] })];
    // The national maximum extension (30 days) still applies: THIRTY kept it.
    given(h).when(cmd.requestExtension({ at: '2026-04-01T10:00:00+08:00', extension: { amount: 31, unit: 'calendar_days' } })).then('CASE_EXTENSION_TOO_LONG');
    const zj = { ...THIRTY, id: 'zj-like', maxExtension: { amount: 60, unit: 'calendar_days' as const } };
    const h2 = [...handlingFrom(), adopted({ toId: 'zj-like', rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }], changes: [] }, zj)];
    const r = decide(evolveAll(h2), cmd.requestExtension({ at: '2026-04-01T10:00:00+08:00', extension: { amount: 60, unit: 'calendar_days' } }), CTX);
    expect(r.ok).toBe(true);
  });

  it('a new due time already past fires at the next timer', () => {
    const late = '2026-04-15T10:00:00+08:00'; // 37 days in
    const event = adopted({ at: late, rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }] });
    const state = given(handlingFrom()).when(cmd.adoptPolicy(THIRTY, { at: late })).then([event]);
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).toEqual(['handling:warn:0', 'handling:warn:1', 'handling']);
    // The workflow fires everything due at once, warnings first, then the breach of the new due time.
    given([...handlingFrom(), event])
      .when(cmd.reach('handling', late))
      .then([ev.breached({ at: late, deadlineKey: 'handling', dueAt: DUE_30, step: 'handling', unitId: LEAD, article: '第三十四条' })]);
  });

  it('longer limits give more time; every running clock of the step is re-armed from its own start', () => {
    const longer = { ...TEST_POLICY_V2, limits: { ...TEST_POLICY_V2.limits, notify: { amount: 20, unit: 'calendar_days' as const }, acceptance: { amount: 20, unit: 'calendar_days' as const } } };
    // Received 9 Mar 09:30 (+08): + 20 = Sun 29 Mar → Mon 30 Mar → due 31 Mar 00:00 (+08).
    given(upTo.acceptance())
      .when(cmd.adoptPolicy(longer, { at: '2026-03-12T10:00:00+08:00' }))
      .then([
        adopted(
          {
            at: '2026-03-12T10:00:00+08:00',
            rearmed: [
              { key: 'notify', previousDueAt: '2026-03-24T16:00:00.000Z', newDueAt: '2026-03-30T16:00:00.000Z' },
              { key: 'acceptance', previousDueAt: '2026-03-24T16:00:00.000Z', newDueAt: '2026-03-30T16:00:00.000Z' },
            ],
          },
          longer,
        ),
      ]);
  });

  it('a limit where there was none arms the clock (a suggestion under a policy that now limits them)', () => {
    const limited = { ...TEST_POLICY_V2, limits: { ...TEST_POLICY_V2.limits, handleSuggestion: { amount: 20, unit: 'working_days' as const } } };
    const h = [ev.registered({ kind: 'suggestion' }), ev.routed(), ev.received(), ev.notified(), ev.accepted({ handlingDueAt: null })];
    // Accepted Thu 12 Mar: 20 working days: 13 (1), 16–20 (6), 23–27 (11), 30–31 Mar (13), 1–3 Apr (16),
    // (4–6 Apr Qingming), 7, 8, 9, 10 Apr (20) → last day Fri 10 Apr → due 11 Apr 00:00 (+08).
    const state = given(h).when(cmd.adoptPolicy(limited)).then([
      adopted({ at: '2026-04-01T10:00:00+08:00', rearmed: [{ key: 'handling', previousDueAt: null, newDueAt: '2026-04-10T16:00:00.000Z' }] }, limited),
    ]);
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'handling', step: 'handling', dueAt: '2026-04-10T16:00:00.000Z', kind: 'breach', article: '第二十九条', unitId: LEAD },
    ]);
  });

  it('an approved extension is applied again on top of the new limit', () => {
    const approved: CaseEvent = {
      type: 'ExtensionApproved', at: '2026-03-20T10:00:00+08:00', actor: { id: 'head-1', role: 'unit_head', unitId: LEAD },
      extension: { amount: 30, unit: 'calendar_days' }, previousDueAt: DUE_60, newDueAt: '2026-06-07T16:00:00.000Z',
    };
    const h = [...handlingFrom(), ev.extensionRequested({ at: '2026-03-19T10:00:00+08:00', currentDueAt: DUE_60, requestedDueAt: '2026-06-07T16:00:00.000Z' }), approved];
    // 30 days → last day 8 Apr; + 30 days from it = 8 May (Fri, working) → due 9 May 00:00 (+08).
    given(h).when(cmd.adoptPolicy(THIRTY, { at: ADOPT_AT })).then([
      adopted({ rearmed: [{ key: 'handling', previousDueAt: '2026-06-07T16:00:00.000Z', newDueAt: DUE_60 }] }),
    ]);
  });

  it('paused clocks keep their pause accounting (completed pauses are added, a running pause keeps running)', () => {
    const policy = APPRAISAL_POLICY;
    const thirty = { ...policy, version: 2, effectiveFrom: '2026-01-01T00:00:00+08:00', limits: { ...policy.limits, handleClaim: { amount: 30, unit: 'calendar_days' as const } } };
    const base = [ev.registered({ policy }), ...handlingFrom().slice(1)];
    const paused = ev.clockPaused({ at: '2026-03-20T10:00:00+08:00', remainingMs: Date.parse(DUE_60) - Date.parse('2026-03-20T10:00:00+08:00') });
    // Stopped 20 → 25 Mar 10:00: 5 days; the 60-day due moved to 14 May 00:00 (+08).
    const resumed: CaseEvent = { type: 'ClockResumed', at: '2026-03-25T10:00:00+08:00', actor: HANDLER, deadlineKey: 'handling', pauseReason: 'expert_appraisal', unitId: LEAD, pausedMs: 120 * 3_600_000, dueAt: '2026-05-13T16:00:00.000Z' };
    const ctx: DecideContext = { policy, calendar: CN_CALENDAR };
    // Completed pause: 30-day due 9 Apr 00:00 (+08) + 5 days → 14 Apr 00:00 (+08).
    given([...base, paused, resumed], ctx).when(cmd.adoptPolicy(thirty, { at: ADOPT_AT })).then([
      adopted({ fromId: policy.id, changes: diffPolicies(policy, thirty), rearmed: [{ key: 'handling', previousDueAt: '2026-05-13T16:00:00.000Z', newDueAt: '2026-04-13T16:00:00.000Z' }] }, thirty),
    ]);
    // Pause in progress: the clock is re-armed without it and stays stopped; resuming adds the pause.
    const event = adopted({ fromId: policy.id, changes: diffPolicies(policy, thirty), rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }] }, thirty);
    const during = given([...base, paused], ctx).when(cmd.adoptPolicy(thirty, { at: ADOPT_AT })).then([event]);
    expect(stepClocks(pendingDeadlines(during, ctx))).toEqual([
      // Stopped at 20 Mar 10:00 (+08) with 19 d 14 h left of the new limit (→ 9 Apr 00:00).
      { key: 'handling', step: 'handling', dueAt: DUE_30, kind: 'breach', article: '第三十四条', unitId: LEAD, paused: true, remainingMs: (19 * 24 + 14) * 3_600_000 },
    ]);
    // Resumed 30 Mar 10:00 (+08), 10 days later: due 9 Apr + 10 days = 19 Apr 00:00 (+08).
    given([...base, paused, event], ctx)
      .when(cmd.resumeClock({ at: '2026-03-30T10:00:00+08:00' }))
      .then([{ type: 'ClockResumed', at: '2026-03-30T10:00:00+08:00', actor: HANDLER, deadlineKey: 'handling', pauseReason: 'expert_appraisal', unitId: LEAD, pausedMs: 240 * 3_600_000, dueAt: '2026-04-18T16:00:00.000Z' }]);
  });

  it('recorded breaches stay: a breached clock keeps its due time and its ladder', () => {
    const at = '2026-05-13T10:00:00+08:00';
    const h = [...upTo.escalated()];
    const state = given(h).when(cmd.adoptPolicy(THIRTY, { at })).then([adopted({ at, rearmed: [] })]);
    expect(state.breaches).toHaveLength(1);
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).toEqual([
      'handling:esc:listed_supervision',
      'handling:esc:accountability_recommendation',
      'handling:esc:escalate_to_superior',
    ]);
  });

  it('the new ladder applies to breaches from then on; rungs already raised are not raised again', () => {
    const gentle = { ...TEST_POLICY_V2, escalation: [{ rung: 'reminder_letter' as const, after: { amount: 0, unit: 'working_days' as const } }, { rung: 'listed_supervision' as const, after: { amount: 15, unit: 'working_days' as const } }] };
    const at = '2026-05-13T10:00:00+08:00';
    const state = evolveAll([...upTo.escalated(), adopted({ at, rearmed: [], changes: [] }, gentle)]);
    // +15 working days from Mon 11 May: 12–15, 18–22, 25–29, 1 Jun (15) → 2 Jun 00:00 (+08).
    expect(pendingDeadlines(state, CTX).map((d) => [d.key, d.dueAt])).toEqual([['handling:esc:listed_supervision', '2026-06-01T16:00:00.000Z']]);
  });

  it('adoption also works for the petitioner windows (every running clock), from their own start', () => {
    const shorter = { ...TEST_POLICY_V2, evaluationWindow: { amount: 15, unit: 'calendar_days' as const } };
    // Replied Mon 20 Apr: + 15 = Tue 5 May (Labour Day rest) → Wed 6 May → due 7 May 00:00 (+08).
    given(upTo.replied()).when(cmd.adoptPolicy(shorter, { at: '2026-04-21T10:00:00+08:00' })).then([
      adopted({ at: '2026-04-21T10:00:00+08:00', rearmed: [{ key: 'evaluation', previousDueAt: '2026-05-20T16:00:00.000Z', newDueAt: '2026-05-06T16:00:00.000Z' }] }, shorter),
    ]);
  });

  it('an assignment keeps the deadline the bureau set (not policy)', () => {
    const due = '2026-03-23T16:00:00.000Z';
    const h = [ev.registered(), ev.routed({ mode: 'assign', handlingDeadline: due }), ev.received(), ev.notified(), ev.accepted({ handlingDueAt: due })];
    given(h).when(cmd.adoptPolicy(THIRTY, { at: '2026-03-13T10:00:00+08:00' })).then([adopted({ at: '2026-03-13T10:00:00+08:00', rearmed: [] })]);
  });

  it('the system may adopt too (e.g. a policy store rolling out a new version)', () => {
    const e = adopted({ actor: SYSTEM, rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }] });
    given(handlingFrom()).when(cmd.adoptPolicy(THIRTY, { at: ADOPT_AT, actor: SYSTEM })).then([e]);
  });
});

describe('AdoptPolicy is refused, and nothing changes, when', () => {
  const at = ADOPT_AT;

  it('the document is invalid: every problem is listed by path', () => {
    const broken = { ...THIRTY, version: 0, warnings: [{ atFraction: 1.5 }], scope: { regionPrefixes: ['3'] } };
    const r = decide(evolveAll(handlingFrom()), cmd.adoptPolicy(broken as SupervisionPolicy, { at }), CTX);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection.code).toBe('CASE_POLICY_INVALID');
    expect((r.rejection.details?.problems as Array<{ path: string }>).map((p) => p.path)).toEqual(['version', 'scope.regionPrefixes[0]', 'warnings[0].atFraction']);
  });

  it('it is the policy in force (same id and version)', () => {
    given(handlingFrom()).when(cmd.adoptPolicy(TEST_POLICY, { at })).then('CASE_POLICY_ALREADY_ACTIVE');
    given([...handlingFrom(), adopted({ rearmed: [] })]).when(cmd.adoptPolicy(THIRTY, { at })).then('CASE_POLICY_ALREADY_ACTIVE');
  });

  it('it is not in force yet', () => {
    given(handlingFrom()).when(cmd.adoptPolicy({ ...THIRTY, effectiveFrom: '2026-03-29T10:00:00.001+08:00' }, { at })).then('CASE_POLICY_NOT_EFFECTIVE');
    const justInForce: SupervisionPolicy = { ...THIRTY, effectiveFrom: at };
    given(handlingFrom()).when(cmd.adoptPolicy(justInForce, { at })).then([
      adopted({ rearmed: [{ key: 'handling', previousDueAt: DUE_60, newDueAt: DUE_30 }], changes: diffPolicies(TEST_POLICY, justInForce) }, justInForce),
    ]);
  });

  it('it does not apply to the case (region 330102 is not Shanghai; category, kind)', () => {
    given(handlingFrom()).when(cmd.adoptPolicy({ ...THIRTY, id: 'sh', scope: { regionPrefixes: ['31'] } }, { at })).then('CASE_POLICY_OUT_OF_SCOPE');
    given(handlingFrom()).when(cmd.adoptPolicy({ ...THIRTY, id: 'x', scope: { kinds: ['report'] } }, { at })).then('CASE_POLICY_OUT_OF_SCOPE');
    // The Zhejiang example applies to this Hangzhou case.
    expect(decide(evolveAll(handlingFrom()), cmd.adoptPolicy(zhejiangExamplePolicy, { at }), CTX).ok).toBe(true);
  });

  it('the actor is not the supervision office or the system', () => {
    given(handlingFrom()).when(cmd.adoptPolicy(THIRTY, { at, actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('the case is closed', () => {
    const closed = [...handlingFrom(), ev.closed({ closureReason: 'withdrawn', step: 'handling', at: T.reply, actor: { id: 'reg-1', role: 'registrar' } })];
    given(closed).when(cmd.adoptPolicy(THIRTY, { at })).then('CASE_CLOSED');
  });
});
