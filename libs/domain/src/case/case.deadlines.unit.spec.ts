import { nextDeadline, objectionWindow, pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { evolveAll } from './case.evolve';
import {
  BUREAU,
  CTX,
  DUE,
  HANDLER,
  LEAD,
  REGISTRAR,
  RE_REVIEW_BODY,
  REVIEW_BODY,
  SYSTEM,
  cmd,
  ctxWith,
  ev,
  given,
  stepClocks,
  upTo,
  TEST_POLICY,
  RECEIPT_CITATION,
} from './case.testkit';

// The step deadlines only: since supervision policies the list also holds warnings (tested in case.alarms.unit.spec.ts).
const pending = (events: CaseEvent[]) => stepClocks(pendingDeadlines(evolveAll(events), CTX));

describe('pendingDeadlines: one clock per step, due times from the CN calendar', () => {
  it('routing: the bureau has 15 days (art.22)', () => {
    expect(pending(upTo.routing())).toEqual([
      { key: 'route', step: 'routing', dueAt: DUE.route, kind: 'breach', article: '第二十二条', unitId: BUREAU },
    ]);
  });

  it('routing without a bureau unit: no unit named', () => {
    expect(pending([ev.registered({ bureauUnitId: null })])).toEqual([
      { key: 'route', step: 'routing', dueAt: DUE.route, kind: 'breach', article: '第二十二条' },
    ]);
  });

  it('receipt: the lead unit must register receipt (policy default 3 working days from routing)', () => {
    // Routed Thu 5 Mar 10:00: 6, 9, 10 Mar → 11 Mar 00:00 (+08). art.23 counts the notice from receipt.
    expect(pending(upTo.receipt())).toEqual([
      { key: 'receive', step: 'receipt', dueAt: DUE.receive, kind: 'breach', article: RECEIPT_CITATION, unitId: LEAD },
    ]);
  });

  it('receipt recorded before the receipt clock existed (no receiveDueAt): no clock', () => {
    const { receiveDueAt: _dropped, ...legacy } = ev.routed();
    expect(pending([ev.registered(), legacy])).toEqual([]);
  });

  it('acceptance: notice (art.23) and acceptance decision (art.31), both on the lead unit', () => {
    expect(pending(upTo.acceptance())).toEqual([
      { key: 'notify', step: 'acceptance', dueAt: DUE.notify, kind: 'breach', article: '第二十三条', unitId: LEAD },
      { key: 'acceptance', step: 'acceptance', dueAt: DUE.acceptance, kind: 'breach', article: '第三十一条', unitId: LEAD },
    ]);
  });

  it('acceptance with name or address unknown: no notice clock', () => {
    expect(pending([ev.registered({ nameAndAddressKnown: false }), ev.routed(), ev.received({ notifyDueAt: null })])).toEqual([
      { key: 'acceptance', step: 'acceptance', dueAt: DUE.acceptance, kind: 'breach', article: '第三十一条', unitId: LEAD },
    ]);
  });

  it('objection pending: the unit clocks keep running', () => {
    expect(pending(upTo.objection())).toEqual([
      { key: 'notify', step: 'objection', dueAt: DUE.notify, kind: 'breach', article: '第二十三条', unitId: LEAD },
      { key: 'acceptance', step: 'objection', dueAt: DUE.acceptance, kind: 'breach', article: '第三十一条', unitId: LEAD },
    ]);
  });

  it('handling a claim: 60 days (art.34); the notice clock stays until the notice is given', () => {
    expect(pending(upTo.handling())).toEqual([
      { key: 'handling', step: 'handling', dueAt: DUE.handling, kind: 'breach', article: '第三十四条', unitId: LEAD },
    ]);
    expect(pending([...upTo.acceptance(), ev.accepted()])).toEqual([
      { key: 'notify', step: 'handling', dueAt: DUE.notify, kind: 'breach', article: '第二十三条', unitId: LEAD },
      { key: 'handling', step: 'handling', dueAt: DUE.handling, kind: 'breach', article: '第三十四条', unitId: LEAD },
    ]);
  });

  it('handling an assignment cites art.22; suggestions and reports with a policy limit cite art.29 / art.30', () => {
    const due = '2026-03-23T16:00:00.000Z';
    expect(pending([ev.registered(), ev.routed({ mode: 'assign', handlingDeadline: due }), ev.received(), ev.notified(), ev.accepted({ handlingDueAt: due })])).toEqual([
      { key: 'handling', step: 'handling', dueAt: due, kind: 'breach', article: '第二十二条', unitId: LEAD },
    ]);
    for (const [kind, article] of [['suggestion', '第二十九条'], ['report', '第三十条']] as const) {
      expect(pending([ev.registered({ kind }), ev.routed(), ev.received(), ev.notified(), ev.accepted({ handlingDueAt: due })])).toEqual([
        { key: 'handling', step: 'handling', dueAt: due, kind: 'breach', article, unitId: LEAD },
      ]);
    }
  });

  it('handling a suggestion without limit: nothing to watch', () => {
    expect(pending([ev.registered({ kind: 'suggestion' }), ev.routed(), ev.received(), ev.notified(), ev.accepted({ handlingDueAt: null })])).toEqual([]);
  });

  it('replied: the petitioner windows (evaluation, review request) lapse; no unit answers for them', () => {
    expect(pending(upTo.replied())).toEqual([
      { key: 'evaluation', step: 'replied', dueAt: DUE.evaluation, kind: 'lapse', article: '政策规定' },
      { key: 'requestReview', step: 'replied', dueAt: DUE.requestReview, kind: 'lapse', article: '第三十五条' },
    ]);
  });

  it('review: the review body has 30 days (art.35); a pending evaluation still lapses', () => {
    expect(pending([...upTo.replied(), ev.reviewRequested()])).toEqual([
      { key: 'evaluation', step: 'review', dueAt: DUE.evaluation, kind: 'lapse', article: '政策规定' },
      { key: 'decideReview', step: 'review', dueAt: DUE.decideReview, kind: 'breach', article: '第三十五条', unitId: REVIEW_BODY },
    ]);
  });

  it('review decided: 30 days to ask for re-review (art.36)', () => {
    expect(pending(upTo.reviewDecided())).toEqual([
      { key: 'requestReReview', step: 'review_decided', dueAt: DUE.requestReReview, kind: 'lapse', article: '第三十六条' },
    ]);
  });

  it('re-review: 30 days for the re-review body (art.36)', () => {
    expect(pending(upTo.reReview())).toEqual([
      { key: 'decideReReview', step: 're_review', dueAt: DUE.decideReReview, kind: 'breach', article: '第三十六条', unitId: RE_REVIEW_BODY },
    ]);
  });

  it('closed: nothing', () => {
    const closed = [...upTo.handling(), { type: 'CaseClosed' as const, at: '2026-03-20T10:00:00+08:00', actor: REGISTRAR, closureReason: 'withdrawn' as const, step: 'handling' as const }];
    expect(pending(closed)).toEqual([]);
    expect(pending([])).toEqual([]);
  });

  it('the review decision limit rolls past the Dragon Boat holiday', () => {
    // Requested 20 May + 30 = Fri 19 Jun (holiday 19–21 Jun) → Mon 22 Jun.
    given(upTo.replied())
      .when(cmd.requestReview({ at: '2026-05-20T10:00:00+08:00' }))
      .then([ev.reviewRequested({ at: '2026-05-20T10:00:00+08:00', decideReviewDueAt: '2026-06-22T16:00:00.000Z' })]);
  });

  it('the re-review limit rolls past National Day', () => {
    // 30 Jun + 30 = Thu 30 Jul (working): no roll.
    given(upTo.reviewDecided())
      .when(cmd.requestReReview({ at: '2026-06-30T10:00:00+08:00' }))
      .then([ev.reReviewRequested({ at: '2026-06-30T10:00:00+08:00', decideReReviewDueAt: '2026-07-30T16:00:00.000Z' })]);
    // Requested 1 Sep + 30 = 1 Oct (holiday) → Thu 8 Oct.
    const history = [...upTo.replied(), ev.reviewRequested(), ev.reviewDecided({ requestReReviewDueAt: '2026-10-08T16:00:00.000Z' })];
    given(history)
      .when(cmd.requestReReview({ at: '2026-09-01T10:00:00+08:00' }))
      .then([ev.reReviewRequested({ at: '2026-09-01T10:00:00+08:00', decideReReviewDueAt: '2026-10-08T16:00:00.000Z' })]);
  });

  it('time-unit limits are exact elapsed time (policy may set hours)', () => {
    const ctx = ctxWith({ limits: { route: { amount: 36, unit: 'hours' } } });
    // 2 Mar 09:00 (+08) + 36 h = 3 Mar 21:00 (+08) = 13:00Z.
    given([], ctx).when(cmd.register()).then([ev.registered({ policy: ctx.policy, routeDueAt: '2026-03-03T13:00:00.000Z' })]);
  });

  it('a null limit means no clock', () => {
    const ctx = ctxWith({ limits: { route: null, notify: null, objection: null, acceptance: null, decideObjection: null } });
    const state = given([], ctx).when(cmd.register()).then([ev.registered({ policy: ctx.policy, routeDueAt: null })]);
    expect(pendingDeadlines(state, ctx)).toEqual([]);
    given([ev.registered({ policy: ctx.policy, routeDueAt: null }), ev.routed()], ctx)
      .when(cmd.receive())
      .then([ev.received({ notifyDueAt: null, objectionDueAt: null, acceptanceDueAt: null })]);
    // Without an objection limit an objection is never late.
    given([ev.registered({ policy: ctx.policy, routeDueAt: null }), ev.routed(), ev.received({ notifyDueAt: null, objectionDueAt: null, acceptanceDueAt: null })], ctx)
      .when(cmd.raiseObjection({ at: '2026-12-01T10:00:00+08:00' }))
      .then([ev.objectionRaised({ at: '2026-12-01T10:00:00+08:00' })]);
  });
});

describe('nextDeadline', () => {
  it('is the earliest; ties go to the first key (notify before acceptance)', () => {
    // Notice and acceptance are both due 25 Mar 00:00 (+08); so are their warnings "3 working days
    // left": 24, 23, (22–21 weekend) 20 Mar → 20 Mar 00:00 (+08) = 19 Mar 16:00Z, before the 80% ones.
    expect(nextDeadline(evolveAll(upTo.acceptance()), CTX)).toMatchObject({ key: 'notify:warn:0', dueAt: '2026-03-19T16:00:00.000Z' });
    // Route due 18 Mar 00:00 (+08): 17, 16, (15–14 weekend) 13 Mar → 13 Mar 00:00 (+08) = 12 Mar 16:00Z.
    expect(nextDeadline(evolveAll(upTo.routing()), CTX)?.dueAt).toBe('2026-03-12T16:00:00.000Z');
    // Without warnings (a limits-only policy) the deadline itself is next.
    const quiet = { ...TEST_POLICY, warnings: [] };
    expect(nextDeadline(evolveAll([ev.registered({ policy: quiet })]), CTX)?.dueAt).toBe(DUE.route);
    expect(nextDeadline(evolveAll([ev.registered({ policy: quiet }), ev.routed(), ev.received()]), CTX)?.key).toBe('notify');
  });

  it('picks an earlier later-listed deadline', () => {
    // Notified late is irrelevant here: the evaluation (7 days) lapses before the review window.
    const state = evolveAll([...upTo.handling(), ev.replied({ evaluationDueAt: '2026-04-27T16:00:00.000Z' })]);
    expect(nextDeadline(state, CTX)?.key).toBe('evaluation');
    const state2 = evolveAll([...upTo.handling(), ev.replied({ requestReviewDueAt: '2026-04-27T16:00:00.000Z' })]);
    expect(nextDeadline(state2, CTX)?.key).toBe('requestReview');
  });

  it('is null when nothing is running', () => {
    expect(nextDeadline(evolveAll([ev.registered(), ev.routed({ receiveDueAt: null })]), CTX)).toBeNull();
  });

  it('at receipt: the receipt clock\'s first warning (3 working days left = 6 Mar 00:00 +08)', () => {
    expect(nextDeadline(evolveAll(upTo.receipt()), CTX)).toMatchObject({ key: 'receive:warn:0', dueAt: '2026-03-05T16:00:00.000Z' });
  });
});

describe('objectionWindow (not a timer: late objections are just rejected)', () => {
  it('is open after receipt, closed once an objection was raised or the case moved on', () => {
    expect(objectionWindow(evolveAll(upTo.receipt()))).toBeNull();
    expect(objectionWindow(evolveAll(upTo.acceptance()))).toEqual({ dueAt: DUE.objection, open: true });
    expect(objectionWindow(evolveAll(upTo.objection()))).toEqual({ dueAt: DUE.objection, open: false });
    expect(objectionWindow(evolveAll(upTo.handling()))).toEqual({ dueAt: DUE.objection, open: false });
  });

  it('is not a pending deadline, and a timer for it is refused', () => {
    expect(pending(upTo.acceptance()).map((d) => d.key)).not.toContain('objection');
    given(upTo.acceptance()).when(cmd.reach('objection', '2026-03-17T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
  });
});

describe('ReachDeadline on breach deadlines: DeadlineBreached once, case stays open', () => {
  const cases = [
    { key: 'route', history: upTo.routing, at: '2026-03-18T00:00:00+08:00', dueAt: DUE.route, step: 'routing', unitId: BUREAU, article: '第二十二条' },
    { key: 'notify', history: upTo.acceptance, at: '2026-03-25T00:00:00+08:00', dueAt: DUE.notify, step: 'acceptance', unitId: LEAD, article: '第二十三条' },
    { key: 'acceptance', history: upTo.acceptance, at: '2026-03-25T00:00:00+08:00', dueAt: DUE.acceptance, step: 'acceptance', unitId: LEAD, article: '第三十一条' },
    { key: 'acceptance', history: upTo.objection, at: '2026-03-25T00:00:00+08:00', dueAt: DUE.acceptance, step: 'objection', unitId: LEAD, article: '第三十一条' },
    { key: 'handling', history: upTo.handling, at: '2026-05-12T00:00:00+08:00', dueAt: DUE.handling, step: 'handling', unitId: LEAD, article: '第三十四条' },
    { key: 'decideReview', history: upTo.review, at: '2026-06-06T00:00:00+08:00', dueAt: DUE.decideReview, step: 'review', unitId: REVIEW_BODY, article: '第三十五条' },
    { key: 'decideReReview', history: upTo.reReview, at: '2026-07-11T00:00:00+08:00', dueAt: DUE.decideReReview, step: 're_review', unitId: RE_REVIEW_BODY, article: '第三十六条' },
  ] as const;

  it.each(cases)('$key in $step: recorded at its due time, once', ({ key, history, at, dueAt, step, unitId, article }) => {
    const breach = ev.breached({ at, deadlineKey: key, dueAt, step, unitId, article });
    const state = given(history()).when(cmd.reach(key, at)).then([breach]);
    expect(state.status).toBe('open');
    expect(state.step).toBe(step);
    expect(state.breaches).toEqual([{ deadlineKey: key, dueAt, at, unitId }]);
    // No longer pending: the workflow will not set the timer again.
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).not.toContain(key);
    // A second firing (replay, duplicate timer) is refused.
    given([...history(), breach]).when(cmd.reach(key, '2026-12-31T00:00:00+08:00')).then('CASE_DUPLICATE_COMMAND');
  });

  it.each(cases)('$key in $step: a timer that fires early is refused', ({ key, history, dueAt }) => {
    given(history()).when(cmd.reach(key, new Date(Date.parse(dueAt) - 1).toISOString())).then('CASE_DEADLINE_NOT_DUE');
  });

  it('a breach does not stop the unit from acting', () => {
    const breach = ev.breached({ at: '2026-03-18T00:00:00+08:00', deadlineKey: 'route', dueAt: DUE.route, step: 'routing', unitId: BUREAU, article: '第二十二条' });
    const at = '2026-03-19T10:00:00+08:00';
    // Receipt due: Thu 19 Mar + 3 working days: 20, 23, 24 Mar → 25 Mar 00:00 (+08).
    given([...upTo.routing(), breach])
      .when(cmd.route({ at }))
      .then([ev.routed({ at, onTime: false, receiveDueAt: '2026-03-24T16:00:00.000Z' })]);
  });

  it('a re-route after an approved objection runs a new route clock with its own breach', () => {
    const first = ev.breached({ at: '2026-03-18T00:00:00+08:00', deadlineKey: 'route', dueAt: DUE.route, step: 'routing', unitId: BUREAU, article: '第二十二条' });
    const history = [
      ...upTo.routing(),
      first,
      ev.routed({ at: '2026-03-19T10:00:00+08:00', onTime: false, receiveDueAt: '2026-03-24T16:00:00.000Z' }),
      // Fri 20 Mar + 15 = Sat 4 Apr (Qingming 4–6 Apr) → Tue 7 Apr; 5 working days: 23–27 Mar.
      ev.received({
        at: '2026-03-20T10:00:00+08:00',
        notifyDueAt: '2026-04-07T16:00:00.000Z',
        objectionDueAt: '2026-03-27T16:00:00.000Z',
        acceptanceDueAt: '2026-04-07T16:00:00.000Z',
      }),
      ev.objectionRaised({ at: '2026-03-23T10:00:00+08:00' }),
    ];
    // Approved Wed 25 Mar + 15 = Thu 9 Apr.
    const approvedAt = '2026-03-25T10:00:00+08:00';
    const approved = ev.objectionApproved({ at: approvedAt, routeDueAt: '2026-04-09T16:00:00.000Z' });
    given(history).when(cmd.decideObjection({ at: approvedAt })).then([approved]);
    const at = '2026-04-10T00:00:00+08:00';
    const state = given([...history, approved])
      .when(cmd.reach('route', at))
      .then([ev.breached({ at, deadlineKey: 'route', dueAt: '2026-04-09T16:00:00.000Z', step: 'routing', unitId: BUREAU, article: '第二十二条' })]);
    expect(state.breaches.map((b) => b.dueAt)).toEqual([DUE.route, '2026-04-09T16:00:00.000Z']);
  });

  it('refuses keys that are not running in the current step', () => {
    given(upTo.routing()).when(cmd.reach('handling', '2026-06-01T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
    given(upTo.handling()).when(cmd.reach('notify', '2026-06-01T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
    given(upTo.handling()).when(cmd.reach('acceptance', '2026-06-01T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
    given(upTo.handling()).when(cmd.reach('no-such-key', '2026-06-01T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
  });

  it('is sent by the system only', () => {
    given(upTo.routing()).when(cmd.reach('route', '2026-03-18T00:00:00+08:00', { actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.handling()).when(cmd.reach('handling', '2026-05-12T00:00:00+08:00', { actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });
});

describe('ReachDeadline on the petitioner windows: lapse, then closure when none is left', () => {
  const lapseEvaluation = { type: 'EvaluationLapsed' as const, at: '2026-05-21T00:00:00+08:00', actor: SYSTEM, dueAt: DUE.evaluation };
  const lapseReview = { type: 'RequestWindowLapsed' as const, at: '2026-05-21T00:00:00+08:00', actor: SYSTEM, deadlineKey: 'requestReview' as const, dueAt: DUE.requestReview };
  const at = '2026-05-21T00:00:00+08:00';

  it('evaluation lapses; the review window is still open, so the case stays open', () => {
    const state = given(upTo.replied()).when(cmd.reach('evaluation', at)).then([lapseEvaluation]);
    expect(state.status).toBe('open');
    expect(state.evaluation.status).toBe('lapsed');
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).toEqual(['requestReview']);
  });

  it('the review window lapses after the evaluation: the case closes (windows_lapsed)', () => {
    const state = given([...upTo.replied(), lapseEvaluation])
      .when(cmd.reach('requestReview', at))
      .then([lapseReview, { type: 'CaseClosed', at, actor: SYSTEM, closureReason: 'windows_lapsed', step: 'replied' }]);
    expect(state.closure).toEqual({ reason: 'windows_lapsed', at, fromStep: 'replied' });
  });

  it('the review window lapses after a satisfaction evaluation: the case closes', () => {
    given([...upTo.replied(), ev.evaluated()])
      .when(cmd.reach('requestReview', at))
      .then([lapseReview, { type: 'CaseClosed', at, actor: SYSTEM, closureReason: 'windows_lapsed', step: 'replied' }]);
  });

  it('the review window lapses first: open until the evaluation lapses, then closed', () => {
    const state = given(upTo.replied()).when(cmd.reach('requestReview', at)).then([lapseReview]);
    expect(state.status).toBe('open');
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).toEqual(['evaluation']);
    given([...upTo.replied(), lapseReview])
      .when(cmd.reach('evaluation', at))
      .then([lapseEvaluation, { type: 'CaseClosed', at, actor: SYSTEM, closureReason: 'windows_lapsed', step: 'replied' }]);
  });

  it('an evaluation lapse during the review does not close the case', () => {
    const state = given([...upTo.replied(), ev.reviewRequested()]).when(cmd.reach('evaluation', at)).then([lapseEvaluation]);
    expect(state.step).toBe('review');
    expect(state.status).toBe('open');
  });

  it('the re-review window lapses: the case closes', () => {
    const at2 = '2026-07-02T00:00:00+08:00';
    given(upTo.reviewDecided())
      .when(cmd.reach('requestReReview', at2))
      .then([
        { type: 'RequestWindowLapsed', at: at2, actor: SYSTEM, deadlineKey: 'requestReReview', dueAt: DUE.requestReReview },
        { type: 'CaseClosed', at: at2, actor: SYSTEM, closureReason: 'windows_lapsed', step: 'review_decided' },
      ]);
  });

  it('a lapsed window is not pending any more; early timers are refused', () => {
    given([...upTo.replied(), lapseEvaluation]).when(cmd.reach('evaluation', at)).then('CASE_DEADLINE_NOT_PENDING');
    given([...upTo.replied(), lapseReview]).when(cmd.reach('requestReview', at)).then('CASE_DEADLINE_NOT_PENDING');
    given(upTo.replied()).when(cmd.reach('evaluation', '2026-05-20T23:59:59+08:00')).then('CASE_DEADLINE_NOT_DUE');
    given(upTo.reviewDecided()).when(cmd.reach('requestReReview', '2026-07-01T23:59:59+08:00')).then('CASE_DEADLINE_NOT_DUE');
  });

  it('after closure every timer is refused', () => {
    const closed = [...upTo.replied(), lapseEvaluation, lapseReview, { type: 'CaseClosed' as const, at, actor: SYSTEM, closureReason: 'windows_lapsed' as const, step: 'replied' as const }];
    given(closed).when(cmd.reach('requestReview', at)).then('CASE_CLOSED');
    given(closed).when(cmd.requestReview({ at })).then('CASE_CLOSED');
  });
});
