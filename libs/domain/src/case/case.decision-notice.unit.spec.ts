import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent, CaseNotAccepted, DecisionNotified } from './case.events';
import { evolveAll } from './case.evolve';
import { CTX, HANDLER, LEAD, OTHER_HANDLER, T, cmd, ev, given, runTimers, stepClocks, upTo } from './case.testkit';

/**
 * Not accepted / diverted under the national policy (limits.notifyDecision = 15 calendar days from the
 * decision, art.31): decided Thu 12 Mar 11:00 (+08); 12 Mar + 15 = Fri 27 Mar (working) → the notice is
 * due 28 Mar 00:00 (+08) = 27 Mar 16:00Z. The case waits in step decision_notice and closes at the notice.
 */
const NOTICE_DUE = '2026-03-27T16:00:00.000Z';
const reason = '已经或者依法应当通过诉讼解决 / belongs to the courts';
const notified = () => [...upTo.acceptance(), ev.notified()];
const notAccepted: CaseNotAccepted = { type: 'CaseNotAccepted', at: T.accept, actor: HANDLER, reason, unitId: LEAD, onTime: true, noticeDueAt: NOTICE_DUE };
const decided = (): CaseEvent[] => [...notified(), notAccepted];
const notice = (at: string, onTime: boolean): DecisionNotified => ({
  type: 'DecisionNotified', at, actor: HANDLER, reason, unitId: LEAD, outcome: 'not_accepted', divertTo: null, noticeRef: 'notice-31', onTime,
});

describe('written notice of not accepted / diverted (art.31)', () => {
  it('not accepted: the case stays open, waiting for the written notice within 15 days of the decision', () => {
    const state = given(notified()).when(cmd.accept({ outcome: 'not_accepted', reason })).then([notAccepted]);
    expect(state.status).toBe('open');
    expect(state.step).toBe('decision_notice');
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'notifyDecision', step: 'decision_notice', dueAt: NOTICE_DUE, kind: 'breach', article: '第三十一条', unitId: LEAD },
    ]);
  });

  it('the receipt notice clock gives way to the decision notice (not listed in decision_notice)', () => {
    const state = given(upTo.acceptance()).when(cmd.accept({ outcome: 'not_accepted', reason })).then([notAccepted]);
    expect(stepClocks(pendingDeadlines(state, CTX)).map((d) => d.key)).toEqual(['notifyDecision']);
  });

  it('the notice (reference, reasons) closes the case as not accepted', () => {
    const at = '2026-03-20T10:00:00+08:00';
    const state = given(decided())
      .when({ type: 'NotifyDecision', actor: HANDLER, at, reason, noticeRef: 'notice-31' })
      .then([notice(at, true), { type: 'CaseClosed', at, actor: HANDLER, reason, closureReason: 'not_accepted', step: 'decision_notice' }]);
    expect(state.status).toBe('closed');
    expect(state.closure).toEqual({ reason: 'not_accepted', at, fromStep: 'decision_notice' });
  });

  it('a late notice is breached on the unit (art.31, escalated under art.44), and the case closes after the notice', () => {
    const { state, events } = runTimers(evolveAll(decided()), CTX, '2026-03-28T12:00:00+08:00');
    expect(events.filter((e) => e.type === 'DeadlineBreached')).toEqual([
      expect.objectContaining({ deadlineKey: 'notifyDecision', unitId: LEAD, dueAt: NOTICE_DUE, article: '第三十一条', step: 'decision_notice' }),
    ]);
    expect(events.filter((e) => e.type === 'EscalationRaised')).toEqual([
      // The broken duty (the written notice, art.31); the ground art.44 only on the accountability recommendation.
      expect.objectContaining({ rung: 'reminder_letter', deadlineKey: 'notifyDecision', unitId: LEAD, article: '第三十一条' }),
    ]);
    expect(state.status).toBe('open');
    const at = '2026-03-30T10:00:00+08:00';
    given([...decided(), ...events])
      .when({ type: 'NotifyDecision', actor: HANDLER, at, reason, noticeRef: 'notice-31' })
      .then([notice(at, false), { type: 'CaseClosed', at, actor: HANDLER, reason, closureReason: 'not_accepted', step: 'decision_notice' }]);
  });

  it('diverted: the notice names the channel and closes the case as diverted', () => {
    const diverted: CaseEvent = { type: 'CaseDiverted', at: T.accept, actor: HANDLER, unitId: LEAD, divertTo: 'arbitration', onTime: true, noticeDueAt: NOTICE_DUE };
    given(notified()).when(cmd.accept({ outcome: 'diverted', divertTo: 'arbitration' })).then([diverted]);
    const at = '2026-03-16T10:00:00+08:00';
    const why = '劳动争议，应申请劳动仲裁 / a labour dispute for arbitration';
    given([...notified(), diverted])
      .when({ type: 'NotifyDecision', actor: HANDLER, at, reason: why, noticeRef: 'notice-32' })
      .then([
        { type: 'DecisionNotified', at, actor: HANDLER, reason: why, unitId: LEAD, outcome: 'diverted', divertTo: 'arbitration', noticeRef: 'notice-32', onTime: true },
        { type: 'CaseClosed', at, actor: HANDLER, reason: why, closureReason: 'diverted', step: 'decision_notice' },
      ]);
  });

  it('needs the notice reference and the reasons, from the lead unit, in step decision_notice', () => {
    const at = '2026-03-20T10:00:00+08:00';
    given(decided()).when({ type: 'NotifyDecision', actor: HANDLER, at, reason, noticeRef: ' ' }).then('CASE_INVALID_INPUT');
    given(decided()).when({ type: 'NotifyDecision', actor: HANDLER, at, noticeRef: 'notice-31' }).then('CASE_REASON_REQUIRED');
    given(decided()).when({ type: 'NotifyDecision', actor: OTHER_HANDLER, at, reason, noticeRef: 'notice-31' }).then('CASE_NOT_AUTHORIZED_UNIT');
    given(notified()).when({ type: 'NotifyDecision', actor: HANDLER, at, reason, noticeRef: 'notice-31' }).then('CASE_WRONG_STEP');
    given(decided()).when(cmd.accept({ outcome: 'accepted' })).then('CASE_DUPLICATE_COMMAND');
  });
});
