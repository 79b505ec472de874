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
  ctxWith,
  ev,
  given,
  registeredUnder,
  upTo,
} from './case.testkit';

const notified = () => [...upTo.acceptance(), ev.notified()];

describe('DecideAcceptance', () => {
  it('accepts a claim: 60-day handling clock from acceptance (art.34)', () => {
    const state = given(notified()).when(cmd.accept()).then([ev.accepted()]);
    expect(state.step).toBe('handling');
    expect(state.handling).toEqual({ acceptedAt: T.accept, dueAt: '2026-05-11T16:00:00.000Z' });
  });

  it('rolls a handling deadline ending in the Labour Day holiday', () => {
    // 2 Mar + 60: 29 days to 31 Mar, 30 in April, 1 → Fri 1 May (holiday 1–5 May) → Wed 6 May.
    const history = [...notified()];
    const at = '2026-03-02T15:00:00+08:00';
    given(history).when(cmd.accept({ at })).then([ev.accepted({ at, handlingDueAt: '2026-05-06T16:00:00.000Z' })]);
  });

  it('sets no handling clock for a suggestion or a report by default (art.29–30)', () => {
    for (const kind of ['suggestion', 'report'] as const) {
      const state = given([ev.registered({ kind }), ev.routed(), ev.received(), ev.notified()])
        .when(cmd.accept())
        .then([ev.accepted({ handlingDueAt: null })]);
      expect(pendingDeadlines(state, CTX)).toEqual([]);
    }
  });

  it('applies a policy limit for suggestions when one is set', () => {
    const ctx = ctxWith({ limits: { handleSuggestion: { amount: 20, unit: 'working_days' } } });
    // 20 working days after Thu 12 Mar: 13, 16–20, 23–27, 30, 31 Mar, 1, 2, 3 Apr (16),
    // 4–6 Apr Qingming, 7, 8, 9, 10 Apr (20).
    given([ev.registered({ kind: 'suggestion', policy: ctx.policy }), ev.routed(), ev.received(), ev.notified()], ctx)
      .when(cmd.accept())
      .then([ev.accepted({ handlingDueAt: '2026-04-10T16:00:00.000Z' })]);
  });

  it('uses the absolute deadline of an assignment (交办)', () => {
    const handlingDeadline = '2026-04-30T18:00:00+08:00';
    given([ev.registered(), ev.routed({ mode: 'assign', handlingDeadline }), ev.received(), ev.notified()])
      .when(cmd.accept())
      .then([ev.accepted({ handlingDueAt: handlingDeadline })]);
  });

  it('counts an assignment limit from acceptance', () => {
    // 12 Mar + 10 = Sun 22 Mar → Mon 23 Mar.
    const handlingLimit = { amount: 10, unit: 'calendar_days' as const };
    given([ev.registered(), ev.routed({ mode: 'assign', handlingLimit }), ev.received(), ev.notified()])
      .when(cmd.accept())
      .then([ev.accepted({ handlingDueAt: '2026-03-23T16:00:00.000Z' })]);
  });

  it('an assignment deadline also applies to a suggestion', () => {
    const handlingLimit = { amount: 10, unit: 'calendar_days' as const };
    given([ev.registered({ kind: 'suggestion' }), ev.routed({ mode: 'assign', handlingLimit }), ev.received()])
      .when(cmd.accept())
      .then([ev.accepted({ handlingDueAt: '2026-03-23T16:00:00.000Z' })]);
  });

  it('records a late acceptance decision (due 25 Mar 00:00 +08)', () => {
    const at = '2026-03-26T10:00:00+08:00';
    // 26 Mar + 60: 5 days to 31 Mar, 30 in April, 25 → Mon 25 May.
    given(notified()).when(cmd.accept({ at })).then([ev.accepted({ at, onTime: false, handlingDueAt: '2026-05-25T16:00:00.000Z' })]);
  });

  // Under a policy without the 'notifyDecision' limit (older histories): see case.decision-notice.unit.spec.ts for the notice step.
  it('not accepted (reason required), policy without a notice limit: the case closes at the decision', () => {
    const reason = '已经或者依法应当通过诉讼解决 / belongs to the courts';
    const state = given(registeredUnder(NATIONAL_BEFORE_NOTICE, notified()))
      .when(cmd.accept({ outcome: 'not_accepted', reason }))
      .then([
        { type: 'CaseNotAccepted', at: T.accept, actor: HANDLER, reason, unitId: LEAD, onTime: true },
        { type: 'CaseClosed', at: T.accept, actor: HANDLER, reason, closureReason: 'not_accepted', step: 'acceptance' },
      ]);
    expect(state.status).toBe('closed');
    expect(state.assignment?.acceptance).toEqual({ outcome: 'not_accepted', decidedAt: T.accept, divertTo: null });
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });

  it('not accepted without a reason is rejected', () => {
    given(notified()).when(cmd.accept({ outcome: 'not_accepted' })).then('CASE_REASON_REQUIRED');
  });

  it.each(['litigation', 'arbitration', 'administrative_review'] as const)('diverted to %s, policy without a notice limit: the case closes', (divertTo) => {
    given(registeredUnder(NATIONAL_BEFORE_NOTICE, notified()))
      .when(cmd.accept({ outcome: 'diverted', divertTo }))
      .then([
        { type: 'CaseDiverted', at: T.accept, actor: HANDLER, unitId: LEAD, divertTo, onTime: true },
        { type: 'CaseClosed', at: T.accept, actor: HANDLER, closureReason: 'diverted', step: 'acceptance' },
      ]);
  });

  it('diverted needs a channel', () => {
    given(notified()).when(cmd.accept({ outcome: 'diverted' })).then('CASE_INVALID_INPUT');
    given(notified()).when(cmd.accept({ outcome: 'diverted', divertTo: 'mediation' as never })).then('CASE_INVALID_INPUT');
    given(notified()).when(cmd.accept({ outcome: 'accepted', divertTo: 'litigation' })).then('CASE_INVALID_INPUT');
  });

  it('不再受理 is valid only when the matter already had a re-review decision', () => {
    given(notified()).when(cmd.accept({ outcome: 'not_accepted_again' })).then('CASE_NOT_ACCEPTED_AGAIN_INVALID');
  });

  it('不再受理 after a re-review decision closes the new case', () => {
    const prior = { caseId: 'case-2025-0042', decidedAt: '2025-12-01T10:00:00+08:00' };
    const state = given([ev.registered({ priorFinalDecision: prior }), ev.routed(), ev.received()])
      .when(cmd.accept({ outcome: 'not_accepted_again' }))
      .then([
        {
          type: 'CaseNotAcceptedAgain',
          at: T.accept,
          actor: HANDLER,
          unitId: LEAD,
          priorCaseId: 'case-2025-0042',
          priorDecidedAt: '2025-12-01T10:00:00+08:00',
          onTime: true,
        },
        { type: 'CaseClosed', at: T.accept, actor: HANDLER, closureReason: 'not_accepted', step: 'acceptance' },
      ]);
    expect(state.closure?.reason).toBe('not_accepted');
  });

  it('rejects an unknown outcome', () => {
    given(notified()).when(cmd.accept({ outcome: 'maybe' as never })).then('CASE_INVALID_INPUT');
  });

  it('is decided once', () => {
    given(upTo.handling()).when(cmd.accept()).then('CASE_DUPLICATE_COMMAND');
  });

  it('needs a received case', () => {
    given(upTo.receipt()).when(cmd.accept()).then('CASE_WRONG_STEP');
    given(upTo.routing()).when(cmd.accept()).then('CASE_WRONG_STEP');
  });

  it('is for the lead unit handler only', () => {
    given(notified()).when(cmd.accept({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(notified()).when(cmd.accept({ actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(notified()).when(cmd.accept({ actor: UNIT_HEAD })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(notified()).when(cmd.accept({ actor: SUPERVISOR })).then('CASE_NOT_AUTHORIZED_ROLE');
  });
});
