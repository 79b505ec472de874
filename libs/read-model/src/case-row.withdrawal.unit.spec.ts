import type { CaseEvent } from '@petitions/domain';
import { type CaseRow, type LedgerRow, applyLedgerChange, emptyCaseRow } from './case-row.projection';
import { foldContiguous } from './case-projection.writer';
import { SYSTEM, day, history, numbered } from './read-model.testkit';

function fold(caseId: string, events: CaseEvent[]): { row: CaseRow; ledger: Map<number, LedgerRow> } {
  const f = foldContiguous(emptyCaseRow(caseId), numbered(events).map(({ seq, event }) => ({ seq, payload: event })));
  const ledger = new Map<number, LedgerRow>();
  for (const c of f.ledger) applyLedgerChange(ledger, c);
  return { row: f.row, ledger };
}

// Accepted on day 5: handling due day 65 14:00Z. Breached there, reminder letter issued, then a published holiday
// arrangement moves the due time to day 68 and withdraws the breach and the letter.
const unit = 'unit-housing';
const due = day(65, 14);
const newDue = day(68, 14);
const FEEDBACK = 'feedback:handling:reminder_letter#1';
const breached = (): CaseEvent[] => [
  ...history({ caseId: 'w1', acceptance: 'on_time' }),
  { type: 'DeadlineBreached', at: due, actor: SYSTEM, deadlineKey: 'handling', step: 'handling', unitId: unit, article: '第三十四条', dueAt: due },
  { type: 'EscalationRaised', at: due, actor: SYSTEM, escalationKey: 'handling:esc:reminder_letter', escalationNo: 1, deadlineKey: 'handling',
    rung: 'reminder_letter', step: 'handling', unitId: unit, article: '第三十四条', breachDueAt: due, dueAt: due, letterKind: 'reminder_letter' },
  { type: 'LetterIssued', at: day(66), actor: SYSTEM, escalationKey: 'handling:esc:reminder_letter', escalationNo: 1, letterKind: 'reminder_letter',
    letterNo: '测〔2026〕1号', issuingBody: 'office', unitId: unit, feedbackKey: FEEDBACK, feedbackDueAt: day(96, 14) },
];
const withdrawn: CaseEvent = {
  type: 'BreachWithdrawn', at: day(67), actor: SYSTEM, deadlineKey: 'handling', previousDueAt: due, breachedAt: due, newDueAt: newDue,
  reasonCode: 'holiday_arrangement_published', years: [2026], documentNo: 'TEST', calendarVersion: 1,
  letterNos: ['测〔2026〕1号'], feedbackKeys: [FEEDBACK], feedbackBreaches: [],
};

describe('BreachWithdrawn in the read model', () => {
  it('before: one breach on the ledger with its letter, the letter feedback clock open', () => {
    const { row, ledger } = fold('w1', breached());
    expect(row).toMatchObject({ breachCount: 1, breachCounts: { handling: 1 }, openBreachKeys: ['handling'] });
    expect(Object.keys(row.openDeadlines).sort()).toEqual([FEEDBACK, 'handling']);
    expect([...ledger.values()]).toEqual([expect.objectContaining({ deadlineKey: 'handling', letterId: '测〔2026〕1号' })]);
  });

  it('after: the ledger row is gone, the counts drop, the clock is open again at the corrected time, the feedback clock ends', () => {
    const { row, ledger } = fold('w1', [...breached(), withdrawn]);
    expect(ledger.size).toBe(0);
    expect(row).toMatchObject({ breachCount: 0, breachCounts: {}, openBreachKeys: [], handlingDueAt: new Date(newDue).toISOString(),
      unitDueKey: 'handling', unitDueAt: new Date(newDue).toISOString() });
    expect(Object.keys(row.openDeadlines)).toEqual(['handling']);
    expect(row.openDeadlines.handling).toMatchObject({ breachSeq: null, dueAt: new Date(newDue).toISOString() });
  });

  it('a breach again at the corrected time is a new ledger row', () => {
    const again: CaseEvent = { type: 'DeadlineBreached', at: newDue, actor: SYSTEM, deadlineKey: 'handling', step: 'handling', unitId: unit,
      article: '第三十四条', dueAt: newDue };
    const { row, ledger } = fold('w1', [...breached(), withdrawn, again]);
    expect(row.breachCount).toBe(1);
    expect([...ledger.values()].map((l) => l.dueAt)).toEqual([new Date(newDue).toISOString()]);
  });
});
