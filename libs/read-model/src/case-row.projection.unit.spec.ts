import type { CaseEvent } from '@petitions/domain';
import { type CaseRow, type LedgerRow, applyLedgerChange, emptyCaseRow, projectCaseEvent } from './case-row.projection';
import { foldContiguous } from './case-projection.writer';
import { REGISTRAR, SYSTEM, day, handler, history, numbered } from './read-model.testkit';

function fold(caseId: string, events: CaseEvent[]): { row: CaseRow; ledger: Map<number, LedgerRow> } {
  const f = foldContiguous(emptyCaseRow(caseId), numbered(events).map(({ seq, event }) => ({ seq, payload: event })));
  const ledger = new Map<number, LedgerRow>();
  for (const c of f.ledger) applyLedgerChange(ledger, c);
  return { row: f.row, ledger };
}

describe('evolveCaseRow: supervision columns folded from events', () => {
  it('carries the pseudonymous refs, on-time flags, evaluation and the current handler', () => {
    const { row } = fold('c1', history({ caseId: 'c1', petitionerRef: 'p-1', matterRef: 'm-1', acceptance: 'on_time', reply: 'on_time',
      evaluation: 'basically_satisfied', handlerId: 'h-7' }));
    expect(row).toMatchObject({
      petitionerRef: 'p-1', matterRef: 'm-1', routingMode: 'forward', acceptanceOutcome: 'accepted', acceptanceOnTime: true,
      repliedOnTime: true, closureType: 'substantive', evaluationState: 'evaluated', evaluationValue: 'basically_satisfied',
      currentHandlerId: 'h-7', supervised: false, breachCount: 0, reviewRequested: false, status: 'open', step: 'replied',
      handlingDueAt: new Date(Date.parse(day(65, 14))).toISOString(),
    });
    expect(row.openDeadlines).toEqual({});
    expect(row.unitDueAt).toBeNull();
  });

  it('tracks the earliest open unit deadline and closes it when the step is done', () => {
    const events = history({ caseId: 'c2', acceptance: 'pending' });
    const { row } = fold('c2', events);
    expect(row.step).toBe('acceptance');
    expect(Object.keys(row.openDeadlines).sort()).toEqual(['acceptance', 'notify']);
    expect(row.unitDueAt).toBe(new Date(Date.parse(day(17, 14))).toISOString());
    expect(row.unitDueKey).toBe('acceptance');
  });

  it('records a breach once in the ledger, with the handler at the time, and resolves it when met late', () => {
    const { row, ledger } = fold('c3', history({ caseId: 'c3', acceptance: 'late', handlerId: 'h-9' }));
    expect(row).toMatchObject({ breachCount: 1, breachCounts: { acceptance: 1 }, supervised: true, acceptanceOnTime: false, openBreachKeys: [] });
    expect([...ledger.values()]).toEqual([expect.objectContaining({
      caseId: 'c3', seq: 5, deadlineKey: 'acceptance', unitId: 'unit-housing', handlerId: 'h-9', article: '第三十一条',
      resolution: 'fulfilled_late', resolvedSeq: 6, regionCode: '320102', category: 'urban_construction',
    })]);
  });

  it('keeps a breach open (overdue) until the step is done', () => {
    const events = history({ caseId: 'c4', acceptance: 'pending' });
    const due = day(17, 14);
    events.push({ type: 'DeadlineBreached', at: due, actor: SYSTEM, deadlineKey: 'acceptance', step: 'acceptance', unitId: 'unit-housing', article: '第三十一条', dueAt: due });
    const { row, ledger } = fold('c4', events);
    expect(row.openBreachKeys).toEqual(['acceptance']);
    expect(row.unitDueKey).toBe('acceptance');
    expect([...ledger.values()][0]?.resolvedAt).toBeNull();
  });

  it('follows warnings, escalations, letters and feedback into the ledger row of the breach', () => {
    const events = history({ caseId: 'c5', acceptance: 'on_time' });
    const due = day(65, 14);
    const unit = 'unit-housing';
    events.push(
      { type: 'DeadlineWarningRaised', at: day(60), actor: SYSTEM, warningKey: 'handling:warn:0', deadlineKey: 'handling', rule: { before: { amount: 5, unit: 'calendar_days' } } as never,
        step: 'handling', unitId: unit, warnAt: day(60), dueAt: due, clockStartedAt: day(5), remainingMs: 5 * 86_400_000 },
      { type: 'DeadlineBreached', at: due, actor: SYSTEM, deadlineKey: 'handling', step: 'handling', unitId: unit, article: '第三十四条', dueAt: due },
      { type: 'EscalationRaised', at: day(70), actor: SYSTEM, escalationKey: 'handling:esc:reminder_letter' as never, escalationNo: 1, deadlineKey: 'handling',
        rung: 'reminder_letter' as never, step: 'handling', unitId: unit, article: '第四十五条', breachDueAt: due, dueAt: day(70), letterKind: 'reminder_letter' as never },
      { type: 'LetterIssued', at: day(71), actor: { id: 'sup-1', role: 'supervisor' }, escalationKey: 'handling:esc:reminder_letter' as never, escalationNo: 1,
        letterKind: 'reminder_letter' as never, letterNo: '督提〔2026〕1号', issuingBody: 'joint-office', unitId: unit,
        feedbackKey: 'feedback:handling:reminder_letter#1', feedbackDueAt: day(101, 14) },
    );
    const mid = fold('c5', events);
    expect(mid.row).toMatchObject({ warningCount: 1, escalationCount: 1, letterCount: 1, supervised: true });
    expect(Object.keys(mid.row.openDeadlines).sort()).toEqual(['feedback:handling:reminder_letter#1', 'handling']);
    events.push({ type: 'LetterFeedbackRecorded', at: day(80), actor: handler(unit), letterNo: '督提〔2026〕1号', escalationNo: 1, unitId: unit,
      feedbackRef: 'FB-1', feedbackKey: 'feedback:handling:reminder_letter#1', feedbackDueAt: day(101, 14), onTime: true });
    const { row, ledger } = fold('c5', events);
    expect(Object.keys(row.openDeadlines)).toEqual(['handling']);
    expect([...ledger.values()]).toEqual([expect.objectContaining({
      deadlineKey: 'handling', warnedAt: new Date(Date.parse(day(60))).toISOString(), escalationCount: 1, escalationLevel: 'reminder_letter',
      letterId: '督提〔2026〕1号', letterType: 'reminder_letter', feedbackSummary: 'FB-1', feedbackAt: new Date(Date.parse(day(80))).toISOString(),
    })]);
  });

  it('an approved objection supersedes the unit clocks and reopens routing; the hearing pauses the re-review clock', () => {
    const events = history({ caseId: 'c6', acceptance: 'pending' });
    events.push(
      { type: 'ObjectionRaised', at: day(3), actor: handler('unit-housing'), unitId: 'unit-housing' },
      { type: 'ObjectionApproved', at: day(4), actor: REGISTRAR, previousLeadUnitId: 'unit-housing', routeDueAt: day(19, 14) },
    );
    const { row } = fold('c6', events);
    expect(row).toMatchObject({ step: 'routing', leadUnitId: null, currentHandlerId: null, acceptanceDueAt: null, unitDueKey: 'route' });
  });

  it('is exhaustive and pure: the same events give the same row', () => {
    const events = history({ caseId: 'c7', acceptance: 'late', reply: 'late', evaluation: 'dissatisfied', review: true, repeats: 2 });
    expect(fold('c7', events)).toEqual(fold('c7', events));
    const { row } = fold('c7', events);
    expect(row).toMatchObject({ repeatCount: 2, persons: 3, reviewRequested: true, breachCount: 2, unitDueKey: 'decideReview' });
    expect(() => projectCaseEvent(row, 99, { type: 'Nope' } as unknown as CaseEvent)).toThrow('unknown event Nope');
  });
});
