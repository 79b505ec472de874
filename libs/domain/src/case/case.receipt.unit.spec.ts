/**
 * The receipt clock ('receive'): after PetitionRouted (转送 / 交办) the lead unit must register receipt
 * (ReceiveCase) within the policy's 'receive' limit, counted from the routing instant. The Regulation sets
 * no receipt limit (it counts the notice limit from receipt, art.23): the national policy has none, a
 * practice policy (here the test policy, 3 working days) sets it. Breach, warnings and rungs cite the
 * practice policy's own source (RECEIPT_CITATION), never an article of the Regulation; so does the
 * ground of the accountability recommendation.
 *
 * Instants derived by hand from the 2026 arrangement (国办发明电〔2025〕7号): Mid-Autumn rest 25–27 Sep,
 * National Day rest 1–7 Oct, Sun 20 Sep and Sat 10 Oct worked. "00:00 (+08)" of a day is 16:00Z of
 * the day before.
 */
import { CN_CALENDAR } from '../calendar';
import { type SupervisionPolicy, diffPolicies, validatePolicy, validatePolicyDocument, zhejiangExamplePolicy } from '../policy';
import type { DecideContext } from './case.context';
import { nextDeadline, pendingDeadlines } from './case.deadlines';
import type { CaseEvent, PolicyAdopted } from './case.events';
import { evolveAll } from './case.evolve';
import { CTX, DUE, LEAD, RECEIPT_CITATION, TEST_POLICY, TEST_POLICY_V2, REGISTRAR, SUPERVISOR, SYSTEM, cmd, ctxWith, ev, given, runTimers, stepClocks, upTo } from './case.testkit';

const REG = '2026-09-16T09:00:00+08:00'; // Wed
/** 16 Sep + 15 = Thu 1 Oct (National Day) → rolls to Thu 8 Oct → 9 Oct 00:00 (+08). */
const ROUTE_DUE = '2026-10-08T16:00:00.000Z';
const ROUTED = '2026-09-18T10:00:00+08:00'; // Fri
/**
 * Fri 18 Sep + 3 working days (start day not counted): Sat 19 Sep rest; Sun 20 Sep worked (调休) (1);
 * Mon 21 (2); Tue 22 Sep (3) → due at the end of Tue 22 Sep = Wed 23 Sep 00:00 (+08).
 */
const RECEIVE_DUE = '2026-09-22T16:00:00.000Z';
/** "3 working days left": 22, 21, Sun 20 Sep (worked) → Sun 20 Sep 00:00 (+08). */
const WARN_3WD = '2026-09-19T16:00:00.000Z';
/** 80%: 18 Sep 02:00Z → 22 Sep 16:00Z = 4 d 14 h = 110 h; 88 h → 21 Sep 18:00Z. */
const WARN_80 = '2026-09-21T18:00:00.000Z';
/** Listed supervision, +5 working days from the last day 22 Sep: 23, 24, (25–27 rest), 28, 29, 30 Sep → 1 Oct 00:00 (+08). */
const LISTED = '2026-09-30T16:00:00.000Z';
/** +10: … 30 Sep (5), (1–7 Oct rest), 8 (6), 9 (7), Sat 10 (8, worked), 12 (9), 13 Oct (10) → 14 Oct 00:00 (+08). */
const ACCOUNT = '2026-10-13T16:00:00.000Z';

const registered = ev.registered({ at: REG, routeDueAt: ROUTE_DUE });
const routed = ev.routed({ at: ROUTED, receiveDueAt: RECEIVE_DUE });
const atReceipt = (): CaseEvent[] => [registered, routed];

const breach = ev.breached({ at: RECEIVE_DUE, deadlineKey: 'receive', dueAt: RECEIVE_DUE, step: 'receipt', unitId: LEAD, article: RECEIPT_CITATION });
type Rung = 'reminder_letter' | 'listed_supervision' | 'accountability_recommendation' | 'escalate_to_superior';
const LETTER: Record<Rung, 'reminder_letter' | 'listed_supervision_notice' | 'accountability_recommendation' | null> = {
  reminder_letter: 'reminder_letter',
  listed_supervision: 'listed_supervision_notice',
  accountability_recommendation: 'accountability_recommendation',
  escalate_to_superior: null,
};
const rung = (escalationNo: number, r: Rung, dueAt: string): CaseEvent =>
  ev.escalated({
    at: dueAt,
    escalationKey: `receive:esc:${r}`,
    escalationNo,
    deadlineKey: 'receive',
    rung: r,
    step: 'receipt',
    unitId: LEAD,
    article: RECEIPT_CITATION,
    ...(r === 'accountability_recommendation' ? { groundArticle: RECEIPT_CITATION } : {}),
    breachDueAt: RECEIVE_DUE,
    dueAt,
    letterKind: LETTER[r],
  });
const warning = (index: 0 | 1, at: string, rule: SupervisionPolicy['warnings'][number]): CaseEvent => ({
  type: 'DeadlineWarningRaised',
  at,
  actor: SYSTEM,
  warningKey: `receive:warn:${index}`,
  deadlineKey: 'receive',
  rule,
  step: 'receipt',
  unitId: LEAD,
  warnAt: at,
  dueAt: RECEIVE_DUE,
  clockStartedAt: ROUTED,
  remainingMs: Date.parse(RECEIVE_DUE) - Date.parse(at),
});

describe('the receipt clock starts at routing (PetitionRouted.receiveDueAt)', () => {
  it('routed Fri 18 Sep 2026: due at the end of Tue 22 Sep (Sun 20 Sep is a 调休 working day)', () => {
    const state = given([registered]).when(cmd.route({ at: ROUTED })).then([routed]);
    expect(state.assignment?.receiveDueAt).toBe(RECEIVE_DUE);
    expect(pendingDeadlines(state, CTX)).toEqual([
      {
        key: 'receive:warn:0',
        step: 'receipt',
        dueAt: WARN_3WD,
        kind: 'warning',
        article: RECEIPT_CITATION,
        deadlineKey: 'receive',
        rule: { before: { amount: 3, unit: 'working_days' } },
        deadlineDueAt: RECEIVE_DUE,
        clockStartedAt: ROUTED,
        unitId: LEAD,
      },
      {
        key: 'receive:warn:1',
        step: 'receipt',
        dueAt: WARN_80,
        kind: 'warning',
        article: RECEIPT_CITATION,
        deadlineKey: 'receive',
        rule: { atFraction: 0.8 },
        deadlineDueAt: RECEIVE_DUE,
        clockStartedAt: ROUTED,
        unitId: LEAD,
      },
      { key: 'receive', step: 'receipt', dueAt: RECEIVE_DUE, kind: 'breach', article: RECEIPT_CITATION, unitId: LEAD },
    ]);
    expect(nextDeadline(state, CTX)?.key).toBe('receive:warn:0');
  });

  it('an assignment (交办) runs the same clock', () => {
    const handlingDeadline = '2026-10-30T18:00:00+08:00';
    given([registered])
      .when(cmd.route({ at: ROUTED, mode: 'assign', handlingDeadline }))
      .then([ev.routed({ at: ROUTED, mode: 'assign', handlingDeadline, receiveDueAt: RECEIVE_DUE })]);
  });

  it('a policy with receive: null runs no clock', () => {
    const ctx = ctxWith({ limits: { receive: null } });
    const state = given([ev.registered({ at: REG, routeDueAt: ROUTE_DUE, policy: ctx.policy })], ctx)
      .when(cmd.route({ at: ROUTED }))
      .then([ev.routed({ at: ROUTED, receiveDueAt: null })]);
    expect(pendingDeadlines(state, ctx)).toEqual([]);
    expect(nextDeadline(state, ctx)).toBeNull();
  });

  it('a document without the key (published before it existed, e.g. the Zhejiang example) is valid and means no clock', () => {
    expect(validatePolicyDocument(zhejiangExamplePolicy).ok).toBe(true);
    expect('receive' in zhejiangExamplePolicy.limits).toBe(false);
    const zj: DecideContext = { policy: zhejiangExamplePolicy, calendar: CN_CALENDAR };
    // Zhejiang route limit 5 working days from Wed 16 Sep: 17, 18, Sun 20, 21, 22 → 23 Sep 00:00 (+08).
    const state = given([ev.registered({ at: REG, routeDueAt: RECEIVE_DUE, policy: zhejiangExamplePolicy })], zj)
      .when(cmd.route({ at: ROUTED }))
      .then([ev.routed({ at: ROUTED, receiveDueAt: null })]);
    expect(pendingDeadlines(state, zj)).toEqual([]);
  });

  it('a history recorded before the receipt clock (no receiveDueAt) replays with no clock', () => {
    const { receiveDueAt: _dropped, ...legacy } = routed;
    const state = evolveAll([registered, legacy]);
    expect(state.assignment?.receiveDueAt).toBeNull();
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });
});

describe('an untouched receipt: warnings → breach once → the whole ladder (art.23 / art.44)', () => {
  it('fires in order under the national ladder', () => {
    const { state, events, rejections } = runTimers(evolveAll(atReceipt()), CTX, '2026-10-31T00:00:00+08:00');
    expect(rejections).toEqual([]);
    expect(events).toEqual([
      warning(0, WARN_3WD, { before: { amount: 3, unit: 'working_days' } }),
      warning(1, WARN_80, { atFraction: 0.8 }),
      breach,
      rung(1, 'reminder_letter', RECEIVE_DUE),
      rung(2, 'listed_supervision', LISTED),
      rung(3, 'accountability_recommendation', ACCOUNT),
      rung(4, 'escalate_to_superior', ACCOUNT),
    ]);
    expect(state.step).toBe('receipt');
    expect(state.status).toBe('open');
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });

  it('the breach is recorded once', () => {
    given(atReceipt()).when(cmd.reach('receive', RECEIVE_DUE)).then([breach]);
    given([...atReceipt(), breach]).when(cmd.reach('receive', '2026-09-23T10:00:00+08:00')).then('CASE_DUPLICATE_COMMAND');
    given(atReceipt()).when(cmd.reach('receive', '2026-09-22T15:59:59.999Z')).then('CASE_DEADLINE_NOT_DUE');
  });
});

describe('the receipt clock stops', () => {
  it('on ReceiveCase, even late after the breach: the ladder ends, the art.23 clocks start', () => {
    const history = [...atReceipt(), breach, rung(1, 'reminder_letter', RECEIVE_DUE)];
    // Received Thu 24 Sep 10:00: notice 24 Sep + 15 = Fri 9 Oct (working) → 10 Oct 00:00 (+08);
    // objection 5 working days: (25–27 rest), 28, 29, 30 Sep, (1–7 Oct rest), 8, 9 Oct → 10 Oct 00:00 (+08).
    const at = '2026-09-24T10:00:00+08:00';
    const state = given(history)
      .when(cmd.receive({ at }))
      .then([
        ev.received({
          at,
          notifyDueAt: '2026-10-09T16:00:00.000Z',
          objectionDueAt: '2026-10-09T16:00:00.000Z',
          acceptanceDueAt: '2026-10-09T16:00:00.000Z',
        }),
      ]);
    expect(stepClocks(pendingDeadlines(state, CTX)).map((d) => d.key)).toEqual(['notify', 'acceptance']);
    expect(pendingDeadlines(state, CTX).some((d) => d.key.startsWith('receive'))).toBe(false);
    // The breach stays recorded; the rest of the ladder no longer fires.
    expect(state.breaches).toHaveLength(1);
    given([...history, ev.received({ at })]).when(cmd.reach('receive:esc:listed_supervision', LISTED)).then('CASE_DEADLINE_NOT_PENDING');
  });

  it('on ReceiveCase before the due time: no receipt item is left', () => {
    const state = evolveAll([...upTo.receipt(), ev.received()]);
    expect(pendingDeadlines(state, CTX).filter((d) => d.key.startsWith('receive'))).toEqual([]);
    given(upTo.acceptance()).when(cmd.reach('receive', DUE.receive)).then('CASE_DEADLINE_NOT_PENDING');
  });

  it('on withdrawal (the case closes)', () => {
    const at = '2026-09-21T10:00:00+08:00';
    const state = given(atReceipt())
      .when(cmd.withdraw({ at }))
      .then([
        { type: 'PetitionWithdrawn', at, actor: REGISTRAR, reason: '信访人申请撤回 / petitioner asked to withdraw', step: 'receipt' },
        { type: 'CaseClosed', at, actor: REGISTRAR, reason: '信访人申请撤回 / petitioner asked to withdraw', closureReason: 'withdrawn', step: 'receipt' },
      ]);
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });
});

describe('AdoptPolicy re-arms the receipt clock from the routing instant', () => {
  const ADOPT_AT = '2026-09-21T10:00:00+08:00';
  const FIVE: SupervisionPolicy = {
    ...TEST_POLICY_V2,
    name: '签收期限5个工作日 / receipt within 5 working days',
    limits: { ...TEST_POLICY_V2.limits, receive: { amount: 5, unit: 'working_days' } },
  };
  const adopted = (policy: SupervisionPolicy, rearmed: PolicyAdopted['rearmed']): PolicyAdopted => ({
    type: 'PolicyAdopted',
    at: ADOPT_AT,
    actor: SUPERVISOR,
    fromId: 'test-practice',
    fromVersion: 1,
    toId: policy.id,
    toVersion: policy.version,
    changes: diffPolicies(TEST_POLICY, policy),
    rearmed,
    policy,
  });

  it('5 working days from Fri 18 Sep (elapsed time kept): Sun 20, 21, 22, 23, 24 Sep → 25 Sep 00:00 (+08)', () => {
    const newDue = '2026-09-24T16:00:00.000Z';
    const event = adopted(FIVE, [{ key: 'receive', previousDueAt: RECEIVE_DUE, newDueAt: newDue }]);
    expect(event.changes).toContainEqual({ path: 'limits.receive.amount', op: 'changed', from: 3, to: 5 });
    const state = given(atReceipt()).when(cmd.adoptPolicy(FIVE, { at: ADOPT_AT })).then([event]);
    expect(state.assignment?.receiveDueAt).toBe(newDue);
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'receive', step: 'receipt', dueAt: newDue, kind: 'breach', article: RECEIPT_CITATION, unitId: LEAD },
    ]);
  });

  it('a policy without a receipt limit (Zhejiang example: key left out) stops the clock', () => {
    const event: PolicyAdopted = {
      ...adopted(zhejiangExamplePolicy, [{ key: 'receive', previousDueAt: RECEIVE_DUE, newDueAt: null }]),
    };
    const state = given(atReceipt()).when(cmd.adoptPolicy(zhejiangExamplePolicy, { at: ADOPT_AT })).then([event]);
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });

  it('a history routed before the receipt clock gets one on adoption, counted from its routing', () => {
    const { receiveDueAt: _dropped, ...legacy } = routed;
    const event = adopted(TEST_POLICY_V2, [{ key: 'receive', previousDueAt: null, newDueAt: RECEIVE_DUE }]);
    const state = given([registered, legacy]).when(cmd.adoptPolicy(TEST_POLICY_V2, { at: ADOPT_AT })).then([event]);
    expect(state.assignment?.receiveDueAt).toBe(RECEIVE_DUE);
  });

  it('a breached receipt clock keeps its due time and ladder', () => {
    const event = adopted(FIVE, []);
    given([...atReceipt(), breach]).when(cmd.adoptPolicy(FIVE, { at: '2026-09-23T10:00:00+08:00' })).then([{ ...event, at: '2026-09-23T10:00:00+08:00' }]);
  });
});

describe('an approved objection: the new routing starts a fresh receipt clock', () => {
  it('round 1 breached; round 2 warns, runs and may be breached again on its own due time', () => {
    const received = ev.received({
      // Received late, Wed 11 Mar 10:00: notice 11 + 15 = Thu 26 Mar; objection 12, 13, 16, 17, 18 Mar.
      at: '2026-03-11T10:00:00+08:00',
      notifyDueAt: '2026-03-26T16:00:00.000Z',
      objectionDueAt: '2026-03-18T16:00:00.000Z',
      acceptanceDueAt: '2026-03-26T16:00:00.000Z',
    });
    const firstBreach = ev.breached({ at: DUE.receive, deadlineKey: 'receive', dueAt: DUE.receive, step: 'receipt', unitId: LEAD, article: RECEIPT_CITATION });
    const history = [...upTo.receipt(), firstBreach, received, ev.objectionRaised({ at: '2026-03-12T10:00:00+08:00' }), ev.objectionApproved()];
    // Re-routed Mon 16 Mar 10:00 to another unit: 17, 18, 19 Mar → 20 Mar 00:00 (+08).
    const at = '2026-03-16T10:00:00+08:00';
    const due2 = '2026-03-19T16:00:00.000Z';
    const state = given(history)
      .when(cmd.route({ at, leadUnitId: 'unit-land' }))
      .then([ev.routed({ at, leadUnitId: 'unit-land', round: 2, receiveDueAt: due2 })]);
    // Warnings again, for the new clock: 3 working days left = 19, 18, 17 Mar → 17 Mar 00:00 (+08);
    // 80% of 16 Mar 02:00Z → 19 Mar 16:00Z (86 h) = 68.8 h → 18 Mar 22:48Z.
    expect(pendingDeadlines(state, CTX).map((d) => [d.key, d.dueAt, d.unitId])).toEqual([
      ['receive:warn:0', '2026-03-16T16:00:00.000Z', 'unit-land'],
      ['receive:warn:1', '2026-03-18T22:48:00.000Z', 'unit-land'],
      ['receive', due2, 'unit-land'],
    ]);
    given([...history, ev.routed({ at, leadUnitId: 'unit-land', round: 2, receiveDueAt: due2 })])
      .when(cmd.reach('receive', due2))
      .then([ev.breached({ at: due2, deadlineKey: 'receive', dueAt: due2, step: 'receipt', unitId: 'unit-land', article: RECEIPT_CITATION })]);
  });
});

describe('the receipt limit in policy documents', () => {
  const withoutReceive = (): Record<string, unknown> => {
    const { receive: _dropped, ...limits } = TEST_POLICY.limits;
    return { ...TEST_POLICY, limits };
  };

  it('is optional: left out (older documents) or null both validate and both mean no limit', () => {
    expect(validatePolicyDocument(withoutReceive()).ok).toBe(true);
    expect(validatePolicyDocument({ ...TEST_POLICY, limits: { ...TEST_POLICY.limits, receive: null } }).ok).toBe(true);
    expect(validatePolicy(withoutReceive() as unknown as SupervisionPolicy)).toEqual([]);
  });

  it('is checked like any limit when present', () => {
    const result = validatePolicyDocument({ ...TEST_POLICY, limits: { ...TEST_POLICY.limits, receive: { amount: 0, unit: 'working_days' } } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['limits.receive.amount']);
  });

  it('may carry its own warning rules and pause reasons (a breach deadline key)', () => {
    const doc = {
      ...TEST_POLICY,
      warningOverrides: { receive: [{ before: { amount: 1, unit: 'working_days' } }] },
      pauseReasons: [...TEST_POLICY.pauseReasons, { code: 'unit_merger', nameZh: '机构调整', nameEn: 'Unit reorganisation', appliesTo: ['receive'] }],
    };
    expect(validatePolicyDocument(doc).ok).toBe(true);
  });

  it('diffPolicies: left out and null are the same (no change); setting it shows as changed from null', () => {
    const a = withoutReceive() as unknown as SupervisionPolicy;
    const b: SupervisionPolicy = { ...TEST_POLICY, limits: { ...TEST_POLICY.limits, receive: null } };
    expect(diffPolicies(a, b)).toEqual([]);
    expect(diffPolicies(a, TEST_POLICY)).toEqual([{ path: 'limits.receive', op: 'changed', from: null, to: { amount: 3, unit: 'working_days' } }]);
  });
});
