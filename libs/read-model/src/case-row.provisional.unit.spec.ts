import type { CaseEvent } from '@petitions/domain';
import { emptyCaseRow, evolveCaseRow } from './case-row.projection';
import { SYSTEM, handler, history } from './read-model.testkit';

// Hand-made events (the due times are the domain's, see libs/domain case.calendar.unit.spec.ts): a claim accepted
// Sat 12 Dec 2026, handling 60 calendar days → Wed 10 Feb 2027 by plain weekdays (2027 not loaded: provisional);
// the year published (a TEST arrangement, 春节 6–12 Feb) moves it to Sat 13 Feb and makes it final.
const h = handler('unit-housing');
const events: CaseEvent[] = [
  ...history({ caseId: 'c-1', acceptance: 'pending' }),
  { type: 'CaseAccepted', at: '2026-12-12T03:00:00.000Z', actor: h, unitId: 'unit-housing', onTime: true,
    handlingDueAt: '2027-02-10T16:00:00.000Z', provisional: { handling: [2027] } },
  { type: 'CalendarAdopted', at: '2027-01-05T02:00:00.000Z', actor: SYSTEM, years: [], documentNo: 'TEST-2027',
    rearmed: [{ key: 'handling', previousDueAt: '2027-02-10T16:00:00.000Z', newDueAt: '2027-02-13T16:00:00.000Z' }],
    provisional: { handling: [] } },
];
const fold = (n: number) => events.slice(0, n).reduce((row, e, i) => evolveCaseRow(row, i + 1, e), emptyCaseRow('c-1'));

describe('cases.provisional_years', () => {
  it('is empty while every open deadline is final', () => {
    expect(fold(events.length - 2).provisionalYears).toEqual([]);
  });

  it('lists 2027 while the handling deadline is provisional, and nothing once the year is adopted', () => {
    const before = fold(events.length - 1);
    expect(before.provisionalYears).toEqual([2027]);
    expect(before.openDeadlines.handling?.provisionalYears).toEqual([2027]);
    const after = fold(events.length);
    expect(after.provisionalYears).toEqual([]);
    expect(after.handlingDueAt).toBe('2027-02-13T16:00:00.000Z');
    expect(after.openDeadlines.handling?.dueAt).toBe('2027-02-13T16:00:00.000Z');
  });

  it('a closed deadline leaves no provisional year behind', () => {
    const replied: CaseEvent = { type: 'PetitionerReplied', at: '2027-01-20T02:00:00.000Z', actor: h, unitId: 'unit-housing',
      closureType: 'substantive', outcomeRef: 'DOC-1', claimUpheld: true, handlingDueAt: '2027-02-10T16:00:00.000Z', onTime: true,
      evaluationDueAt: '2027-02-19T16:00:00.000Z', requestReviewDueAt: '2027-02-19T16:00:00.000Z' };
    const row = evolveCaseRow(fold(events.length - 1), events.length, replied);
    expect(row.provisionalYears).toEqual([]);
  });
});
