import type { CaseEvent } from '@petitions/domain';
import { type CaseRow, type LedgerRow, applyLedgerChange, emptyCaseRow } from './case-row.projection';
import { foldContiguous } from './case-projection.writer';
import { REGISTRAR, SYSTEM, day, handler, history, numbered } from './read-model.testkit';

function fold(caseId: string, events: CaseEvent[]): { row: CaseRow; ledger: LedgerRow[] } {
  const f = foldContiguous(emptyCaseRow(caseId), numbered(events).map(({ seq, event }) => ({ seq, payload: event })));
  const ledger = new Map<number, LedgerRow>();
  for (const c of f.ledger) applyLedgerChange(ledger, c);
  return { row: f.row, ledger: [...ledger.values()] };
}
const iso = (t: string) => new Date(Date.parse(t)).toISOString();
const UNIT = 'unit-housing';
const BUREAU = 'bureau-3201';
const h = handler(UNIT);

describe('read model: objection pause and the bureau\'s decision clock', () => {
  // history(): received on day 2, notice and acceptance due day 17 14:00; objection on day 4, the bureau's decision due day 9 14:00.
  const objected = (): CaseEvent[] => [
    ...history({ caseId: 'o1', acceptance: 'pending' }),
    { type: 'ObjectionRaised', at: day(4), actor: h, reason: '不属本单位职责', unitId: UNIT, decideDueAt: day(9, 14), bureauUnitId: BUREAU },
    { type: 'ClockPaused', at: day(4), actor: h, deadlineKey: 'notify', pauseReason: 'objection', unitId: UNIT, remainingMs: 13 * 86_400_000 + 4 * 3_600_000 },
    { type: 'ClockPaused', at: day(4), actor: h, deadlineKey: 'acceptance', pauseReason: 'objection', unitId: UNIT, remainingMs: 13 * 86_400_000 + 4 * 3_600_000 },
    { type: 'DeadlineBreached', at: day(9, 14), actor: SYSTEM, deadlineKey: 'decideObjection', step: 'objection', unitId: BUREAU, article: '第二十三条', dueAt: day(9, 14) },
  ];

  it('shows the unit\'s clocks stopped and the bureau\'s decision overdue, in the ledger under the bureau', () => {
    const { row, ledger } = fold('o1', objected());
    expect(row.step).toBe('objection');
    expect(row.openDeadlines.notify).toMatchObject({ paused: true, unitId: UNIT, breachSeq: null });
    expect(row.openDeadlines.acceptance).toMatchObject({ paused: true, unitId: UNIT, breachSeq: null });
    expect(row.openDeadlines.decideObjection).toMatchObject({ dueAt: iso(day(9, 14)), unitId: BUREAU, breachSeq: 7 });
    // Stopped clocks are not "due": the overdue one is the bureau's.
    expect(row.unitDueKey).toBe('decideObjection');
    expect(row.openBreachKeys).toEqual(['decideObjection']);
    expect(ledger).toEqual([expect.objectContaining({ deadlineKey: 'decideObjection', unitId: BUREAU, article: '第二十三条', resolvedAt: null })]);
  });

  it('a rejection resolves the bureau\'s breach (late) and restarts the unit\'s clocks with moved deadlines', () => {
    // Stopped day 4 → rejected day 12: 8 days; due day 17 14:00 → day 25 14:00.
    const events: CaseEvent[] = [
      ...objected(),
      { type: 'ObjectionRejected', at: day(12), actor: REGISTRAR, unitId: UNIT, onTime: false },
      { type: 'ClockResumed', at: day(12), actor: REGISTRAR, deadlineKey: 'notify', pauseReason: 'objection', unitId: UNIT, pausedMs: 8 * 86_400_000, dueAt: day(25, 14) },
      { type: 'ClockResumed', at: day(12), actor: REGISTRAR, deadlineKey: 'acceptance', pauseReason: 'objection', unitId: UNIT, pausedMs: 8 * 86_400_000, dueAt: day(25, 14) },
    ];
    const { row, ledger } = fold('o1', events);
    expect(row.step).toBe('acceptance');
    expect(row.acceptanceDueAt).toBe(iso(day(25, 14)));
    expect(row.openDeadlines.acceptance).toMatchObject({ paused: false, dueAt: iso(day(25, 14)) });
    expect(row.openDeadlines.decideObjection).toBeUndefined();
    expect(row.unitDueAt).toBe(iso(day(25, 14)));
    expect(ledger).toEqual([expect.objectContaining({ deadlineKey: 'decideObjection', unitId: BUREAU, resolution: 'fulfilled_late', resolvedSeq: 8 })]);
  });
});

describe('read model: written notice of not accepted (art.31)', () => {
  it('waits in decision_notice on the notice clock, breaches it on the unit, closes after the notice', () => {
    const events: CaseEvent[] = [
      ...history({ caseId: 'n1', acceptance: 'pending' }), // seq 1–3
      { type: 'CaseNotAccepted', at: day(5), actor: h, reason: '应通过诉讼解决', unitId: UNIT, onTime: true, noticeDueAt: day(20, 14) },
    ];
    let { row } = fold('n1', events);
    expect(row).toMatchObject({ status: 'open', step: 'decision_notice', acceptanceOutcome: 'not_accepted', unitDueKey: 'notifyDecision',
      unitDueAt: iso(day(20, 14)) });
    // The decision notice replaces the receipt notice clock.
    expect(Object.keys(row.openDeadlines)).toEqual(['notifyDecision']);
    events.push(
      { type: 'DeadlineBreached', at: day(20, 14), actor: SYSTEM, deadlineKey: 'notifyDecision', step: 'decision_notice', unitId: UNIT, article: '第三十一条', dueAt: day(20, 14) },
      { type: 'DecisionNotified', at: day(22), actor: h, reason: '应通过诉讼解决', unitId: UNIT, outcome: 'not_accepted', divertTo: null, noticeRef: 'N-31', onTime: false },
      { type: 'CaseClosed', at: day(22), actor: h, reason: '应通过诉讼解决', closureReason: 'not_accepted', step: 'decision_notice' },
    );
    const folded = fold('n1', events);
    row = folded.row;
    expect(row).toMatchObject({ status: 'closed', closureReason: 'not_accepted', openDeadlines: {}, breachCounts: { notifyDecision: 1 } });
    expect(folded.ledger).toEqual([expect.objectContaining({ deadlineKey: 'notifyDecision', unitId: UNIT, article: '第三十一条', resolution: 'fulfilled_late', resolvedSeq: 6 })]);
  });
});
