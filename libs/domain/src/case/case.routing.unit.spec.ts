import { pendingDeadlines } from './case.deadlines';
import {
  CTX,
  HANDLER,
  LEAD,
  NATIONAL_BEFORE_NOTICE,
  OTHER_HANDLER,
  REGISTRAR,
  SUPERVISOR,
  T,
  UNIT_HEAD,
  cmd,
  ev,
  given,
  registeredUnder,
  upTo,
  stepClocks,
  RECEIPT_CITATION,
} from './case.testkit';

describe('RoutePetition', () => {
  it('forwards (转送) to a lead unit; the case waits for receipt on the receipt clock', () => {
    const state = given(upTo.routing()).when(cmd.route()).then([ev.routed()]);
    expect(state.step).toBe('receipt');
    expect(state.assignment?.leadUnitId).toBe(LEAD);
    // Routed Thu 5 Mar 10:00 + 3 working days (policy default): 6, 9, 10 Mar → 11 Mar 00:00 (+08).
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'receive', step: 'receipt', dueAt: '2026-03-10T16:00:00.000Z', kind: 'breach', article: RECEIPT_CITATION, unitId: LEAD },
    ]);
  });

  it('records co-handling units for joint handling', () => {
    given(upTo.routing())
      .when(cmd.route({ coUnitIds: ['unit-land', 'unit-water'] }))
      .then([ev.routed({ coUnitIds: ['unit-land', 'unit-water'] })]);
  });

  it('may be done by the supervision office', () => {
    given(upTo.routing()).when(cmd.route({ actor: SUPERVISOR })).then([ev.routed({ actor: SUPERVISOR })]);
  });

  it('records a late routing as not on time', () => {
    // Route due 18 Mar 00:00 (+08).
    const at = '2026-03-18T09:00:00+08:00';
    // Receipt due: Wed 18 Mar + 3 working days: 19, 20, 23 Mar → 24 Mar 00:00 (+08).
    given(upTo.routing())
      .when(cmd.route({ at }))
      .then([ev.routed({ at, onTime: false, receiveDueAt: '2026-03-23T16:00:00.000Z' })]);
  });

  it('assigns (交办) with an absolute handling deadline', () => {
    const handlingDeadline = '2026-04-30T18:00:00+08:00';
    given(upTo.routing())
      .when(cmd.route({ mode: 'assign', handlingDeadline }))
      .then([ev.routed({ mode: 'assign', handlingDeadline })]);
  });

  it('assigns (交办) with a handling limit counted from acceptance', () => {
    const handlingLimit = { amount: 10, unit: 'calendar_days' as const };
    given(upTo.routing())
      .when(cmd.route({ mode: 'assign', handlingLimit }))
      .then([ev.routed({ mode: 'assign', handlingLimit })]);
  });

  it('requires a handling deadline for an assignment', () => {
    given(upTo.routing()).when(cmd.route({ mode: 'assign' })).then('CASE_HANDLING_DEADLINE_REQUIRED');
  });

  it.each([
    ['a deadline with a forward', { mode: 'forward' as const, handlingDeadline: '2026-04-30T18:00:00+08:00' }],
    ['a limit with a forward', { mode: 'forward' as const, handlingLimit: { amount: 10, unit: 'calendar_days' as const } }],
    ['both deadline and limit', { mode: 'assign' as const, handlingDeadline: '2026-04-30T18:00:00+08:00', handlingLimit: { amount: 10, unit: 'calendar_days' as const } }],
    ['a deadline in the past', { mode: 'assign' as const, handlingDeadline: '2026-03-01T18:00:00+08:00' }],
    ['a deadline that is not a time', { mode: 'assign' as const, handlingDeadline: 'end of April' }],
    ['a zero limit', { mode: 'assign' as const, handlingLimit: { amount: 0, unit: 'calendar_days' as const } }],
    ['an unknown mode', { mode: 'email' as never }],
    ['an empty lead unit', { leadUnitId: '' }],
    ['the lead unit among co-units', { coUnitIds: [LEAD] }],
    ['duplicate co-units', { coUnitIds: ['unit-land', 'unit-land'] }],
    ['an empty co-unit', { coUnitIds: [''] }],
  ])('rejects %s as invalid input', (_label, override) => {
    given(upTo.routing()).when(cmd.route(override)).then('CASE_INVALID_INPUT');
  });

  it.each(['redirect_political_legal', 'redirect_discipline'] as const)('%s: the matter leaves the petition channel and the case closes', (mode) => {
    const state = given(upTo.routing())
      .when(cmd.route({ mode, leadUnitId: 'county-procuratorate' }))
      .then([
        // The case leaves the petition channel: no unit has to receive it, no receipt clock.
        ev.routed({ mode, leadUnitId: 'county-procuratorate', receiveDueAt: null }),
        { type: 'CaseClosed', at: T.route, actor: REGISTRAR, closureReason: 'redirected', step: 'routing' },
      ]);
    expect(state.status).toBe('closed');
    expect(state.closure).toEqual({ reason: 'redirected', at: T.route, fromStep: 'routing' });
  });

  it('is for the bureau only', () => {
    given(upTo.routing()).when(cmd.route({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.routing()).when(cmd.route({ actor: UNIT_HEAD })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('cannot route a case that is already routed', () => {
    given(upTo.receipt()).when(cmd.route()).then('CASE_WRONG_STEP');
    given(upTo.handling()).when(cmd.route()).then('CASE_WRONG_STEP');
  });
});

describe('ReceiveCase', () => {
  it('starts the notice (15 days), objection (5 working days) and acceptance (15 days) clocks', () => {
    const state = given(upTo.receipt()).when(cmd.receive()).then([ev.received()]);
    expect(state.step).toBe('acceptance');
  });

  it('needs no written notice when name or address is unknown (art.23)', () => {
    given([ev.registered({ nameAndAddressKnown: false }), ev.routed()]).when(cmd.receive()).then([ev.received({ notifyDueAt: null })]);
  });

  it('counts the objection limit in working days across National Day', () => {
    // Received Tue 29 Sep: working days 30 Sep, 8 Oct, 9 Oct, Sat 10 Oct (调休上班), Mon 12 Oct.
    // Notice and acceptance: 29 Sep + 15 = Wed 14 Oct.
    const history = [
      ev.registered({ at: '2026-09-21T09:00:00+08:00', routeDueAt: '2026-10-08T16:00:00.000Z' }),
      ev.routed({ at: '2026-09-24T09:00:00+08:00' }),
    ];
    const at = '2026-09-29T10:00:00+08:00';
    given(history)
      .when(cmd.receive({ at }))
      .then([
        ev.received({
          at,
          objectionDueAt: '2026-10-12T16:00:00.000Z',
          notifyDueAt: '2026-10-14T16:00:00.000Z',
          acceptanceDueAt: '2026-10-14T16:00:00.000Z',
        }),
      ]);
  });

  it('rolls a notice deadline ending in the Spring Festival to the first working day after it', () => {
    // Received 3 Feb + 15 = 18 Feb (holiday 15–23 Feb) → Tue 24 Feb. 5 working days: 4, 5, 6, 9, 10 Feb.
    const at = '2026-02-03T10:00:00+08:00';
    given(upTo.receipt())
      .when(cmd.receive({ at }))
      .then([
        ev.received({
          at,
          objectionDueAt: '2026-02-10T16:00:00.000Z',
          notifyDueAt: '2026-02-24T16:00:00.000Z',
          acceptanceDueAt: '2026-02-24T16:00:00.000Z',
        }),
      ]);
  });

  it('counts an adjusted working Saturday inside the objection window (Spring Festival)', () => {
    // Received Wed 11 Feb: working days 12, 13, Sat 14 Feb (调休上班), then 24, 25 Feb.
    const at = '2026-02-11T10:00:00+08:00';
    const state = given(upTo.receipt()).when(cmd.receive({ at }));
    state.then([
      ev.received({
        at,
        objectionDueAt: '2026-02-25T16:00:00.000Z',
        // 11 Feb + 15 = 26 Feb (Thu, working).
        notifyDueAt: '2026-02-26T16:00:00.000Z',
        acceptanceDueAt: '2026-02-26T16:00:00.000Z',
      }),
    ]);
  });

  it('is for the lead unit only', () => {
    given(upTo.receipt()).when(cmd.receive({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.receipt()).when(cmd.receive({ actor: { id: 'h-x', role: 'handler' } })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.receipt()).when(cmd.receive({ actor: UNIT_HEAD })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.receipt()).when(cmd.receive({ actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('rejects a second receipt as a duplicate', () => {
    given(upTo.acceptance()).when(cmd.receive()).then('CASE_DUPLICATE_COMMAND');
  });

  it('cannot receive a case that is not routed', () => {
    given(upTo.routing()).when(cmd.receive()).then('CASE_WRONG_STEP');
  });
});

describe('NotifyPetitioner (written notice, art.23)', () => {
  it('records the notice on time', () => {
    const state = given(upTo.acceptance()).when(cmd.notify()).then([ev.notified()]);
    expect(state.assignment?.notifiedAt).toBe(T.notify);
  });

  it('records a late notice (due 25 Mar 00:00 +08)', () => {
    const at = '2026-03-25T00:00:00+08:00';
    given(upTo.acceptance()).when(cmd.notify({ at })).then([ev.notified({ at, onTime: false })]);
  });

  it('may be given without a notice reference', () => {
    given(upTo.acceptance()).when(cmd.notify({ noticeRef: undefined })).then([ev.notified({ noticeRef: null })]);
  });

  it('may be given while an objection is pending and after acceptance', () => {
    given(upTo.objection()).when(cmd.notify()).then([ev.notified()]);
    const at = '2026-03-13T10:00:00+08:00';
    given([...upTo.acceptance(), ev.accepted()]).when(cmd.notify({ at })).then([ev.notified({ at })]);
  });

  it('is optional, but allowed, when name or address was unknown', () => {
    given([ev.registered({ nameAndAddressKnown: false }), ev.routed(), ev.received({ notifyDueAt: null })])
      .when(cmd.notify())
      .then([ev.notified()]);
  });

  it('rejects a second notice as a duplicate', () => {
    given(upTo.handling()).when(cmd.notify()).then('CASE_DUPLICATE_COMMAND');
  });

  it('cannot notify before receipt or after the reply', () => {
    given(upTo.receipt()).when(cmd.notify()).then('CASE_WRONG_STEP');
    given(upTo.routing()).when(cmd.notify()).then('CASE_WRONG_STEP');
    given([...upTo.acceptance(), ev.accepted(), ev.replied()]).when(cmd.notify()).then('CASE_WRONG_STEP');
  });

  it('is for the lead unit only', () => {
    given(upTo.acceptance()).when(cmd.notify({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
  });

  it('rejects an empty notice reference', () => {
    given(upTo.acceptance()).when(cmd.notify({ noticeRef: '' })).then('CASE_INVALID_INPUT');
  });
});

describe('RaiseObjection / DecideObjection (not competent, art.23)', () => {
  // The objection window, under a policy without the bureau's decision limit (no clock stops): see
  // case.objection.unit.spec.ts for the pause and the bureau's clock.
  const legacy = (history: ReturnType<typeof upTo.acceptance>) => registeredUnder(NATIONAL_BEFORE_NOTICE, history);

  it('raises an objection within 5 working days', () => {
    const state = given(legacy(upTo.acceptance())).when(cmd.raiseObjection()).then([ev.objectionRaised()]);
    expect(state.step).toBe('objection');
  });

  it('accepts an objection at the last millisecond of the fifth working day', () => {
    const at = '2026-03-16T15:59:59.999Z';
    given(legacy(upTo.acceptance())).when(cmd.raiseObjection({ at })).then([ev.objectionRaised({ at })]);
  });

  it('rejects an objection at 00:00 after the fifth working day', () => {
    given(upTo.acceptance()).when(cmd.raiseObjection({ at: '2026-03-17T00:00:00+08:00' })).then('CASE_OBJECTION_TOO_LATE');
  });

  it('counts the window across National Day: on time on Mon 12 Oct, late on Tue 13 Oct', () => {
    const history = [
      ev.registered({ at: '2026-09-21T09:00:00+08:00', routeDueAt: '2026-10-08T16:00:00.000Z' }),
      ev.routed({ at: '2026-09-24T09:00:00+08:00' }),
      ev.received({
        at: '2026-09-29T10:00:00+08:00',
        objectionDueAt: '2026-10-12T16:00:00.000Z',
        notifyDueAt: '2026-10-14T16:00:00.000Z',
        acceptanceDueAt: '2026-10-14T16:00:00.000Z',
      }),
    ];
    const onTime = '2026-10-12T17:00:00+08:00';
    given(legacy(history)).when(cmd.raiseObjection({ at: onTime })).then([ev.objectionRaised({ at: onTime })]);
    given(history).when(cmd.raiseObjection({ at: '2026-10-13T09:00:00+08:00' })).then('CASE_OBJECTION_TOO_LATE');
  });

  it('requires a reason', () => {
    given(upTo.acceptance()).when(cmd.raiseObjection({ reason: undefined })).then('CASE_REASON_REQUIRED');
    given(upTo.acceptance()).when(cmd.raiseObjection({ reason: '  ' })).then('CASE_REASON_REQUIRED');
  });

  it('is for the receiving unit only', () => {
    given(upTo.acceptance()).when(cmd.raiseObjection({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.acceptance()).when(cmd.raiseObjection({ actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('allows one objection per receipt', () => {
    given(upTo.objection()).when(cmd.raiseObjection()).then('CASE_DUPLICATE_COMMAND');
    given([...upTo.objection(), ev.objectionRejected()]).when(cmd.raiseObjection()).then('CASE_DUPLICATE_COMMAND');
  });

  it('cannot object before receipt or after acceptance', () => {
    given(upTo.receipt()).when(cmd.raiseObjection()).then('CASE_WRONG_STEP');
    given(upTo.handling()).when(cmd.raiseObjection()).then('CASE_WRONG_STEP');
  });

  it('approved: the unit is released and the bureau routes again on a fresh 15-day clock', () => {
    const state = given(upTo.objection()).when(cmd.decideObjection()).then([ev.objectionApproved()]);
    expect(state.step).toBe('routing');
    expect(state.assignment).toBeNull();
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'route', step: 'routing', dueAt: '2026-03-30T16:00:00.000Z', kind: 'breach', article: '第二十二条', unitId: 'bureau-county' },
    ]);
  });

  it('after an approved objection the case is routed again (round 2) to another unit', () => {
    const at = '2026-03-16T10:00:00+08:00';
    // A new receipt clock: Mon 16 Mar + 3 working days: 17, 18, 19 Mar → 20 Mar 00:00 (+08).
    const rerouted = ev.routed({ at, leadUnitId: 'unit-land', round: 2, receiveDueAt: '2026-03-19T16:00:00.000Z' });
    const state = given([...upTo.objection(), ev.objectionApproved()])
      .when(cmd.route({ at, leadUnitId: 'unit-land' }))
      .then([rerouted]);
    // The former lead unit no longer acts on the case.
    given([...upTo.objection(), ev.objectionApproved(), rerouted])
      .when(cmd.receive({ at: '2026-03-17T10:00:00+08:00' }))
      .then('CASE_NOT_AUTHORIZED_UNIT');
    expect(state.assignment?.round).toBe(2);
  });

  it('rejected: the unit keeps the case and decides acceptance', () => {
    const state = given(upTo.objection()).when(cmd.decideObjection({ approved: false })).then([ev.objectionRejected()]);
    expect(state.step).toBe('acceptance');
    given([...upTo.objection(), ev.objectionRejected()])
      .when(cmd.accept({ at: '2026-03-14T10:00:00+08:00' }))
      // 14 Mar + 60: 17 days to 31 Mar, 30 in April, 13 → Wed 13 May.
      .then([ev.accepted({ at: '2026-03-14T10:00:00+08:00', handlingDueAt: '2026-05-13T16:00:00.000Z' })]);
  });

  it('records the bureau reason', () => {
    given(upTo.objection())
      .when(cmd.decideObjection({ approved: false, reason: '属于该单位职责 / within its remit', actor: SUPERVISOR }))
      .then([ev.objectionRejected({ reason: '属于该单位职责 / within its remit', actor: SUPERVISOR })]);
  });

  it('is decided by the bureau only', () => {
    given(upTo.objection()).when(cmd.decideObjection({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.objection()).when(cmd.decideObjection({ actor: UNIT_HEAD })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('needs a pending objection', () => {
    given(upTo.acceptance()).when(cmd.decideObjection()).then('CASE_WRONG_STEP');
  });

  it('rejects a non-boolean decision', () => {
    given(upTo.objection()).when(cmd.decideObjection({ approved: 'yes' as never })).then('CASE_INVALID_INPUT');
  });

  it('blocks the acceptance decision while the objection is pending', () => {
    given(upTo.objection()).when(cmd.accept()).then('CASE_WRONG_STEP');
  });
});
