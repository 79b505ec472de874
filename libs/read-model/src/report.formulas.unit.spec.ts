import { type ReportCase, type ReportCounts, computeFigures, countCases, rate } from './report.formulas';

const base: ReportCase = {
  caseId: 'x', category: 'urban_construction', channel: 'letter', kind: 'claim', leadUnitId: 'u1', persons: 1, repeatCount: 0, isRepeat: false,
  routingMode: 'forward', acceptanceOutcome: 'accepted', acceptanceOnTime: true, acceptanceDueAt: '2026-03-01T00:00:00Z',
  handlingDueAt: '2026-05-01T00:00:00Z', replied: true, repliedOnTime: true, closureType: 'substantive', evaluationState: 'evaluated',
  evaluationValue: 'satisfied', reviewRequested: false, breachCount: 0, supervised: false, closed: true,
};
const ASOF = '2026-06-01T00:00:00Z';
const many = (n: number, patch: Partial<ReportCase>): ReportCase[] => Array.from({ length: n }, (_, i) => ({ ...base, caseId: `${patch.caseId ?? 'c'}${i}`, ...patch }));

describe('report formulas', () => {
  it('rates: 900 of 924 repeat cases applied → 97.40%; an empty denominator has no rate', () => {
    expect(rate(900, 924)).toEqual({ numerator: 900, denominator: 924, rate: 900 / 924, percent: '97.40%' });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null, percent: '—' });
    expect(rate(1, 3).percent).toBe('33.33%');
    expect(rate(2, 3).percent).toBe('66.67%');
  });

  it('resolution-application rate from counts: 900 / 924', () => {
    const cases = [
      ...many(900, { caseId: 'a', isRepeat: true, repeatCount: 1, closureType: 'substantive' }),
      ...many(24, { caseId: 'b', isRepeat: true, repeatCount: 1, closureType: 'procedural' }),
      ...many(76, { caseId: 'f' }),
    ];
    const f = computeFigures(countCases(cases, ASOF));
    expect(f.resolutionApplicationRate.percent).toBe('97.40%');
    expect(f.repeatRate).toMatchObject({ numerator: 924, denominator: 1000, percent: '92.40%' });
    expect(f.volume).toEqual({ cases: 1000, persons: 1000, petitions: 1924 });
  });

  it('splits acceptance into timely / late / overdue-unaccepted; pending within the limit is not counted', () => {
    const c = countCases([
      ...many(90, {}),
      ...many(6, { caseId: 'l', acceptanceOnTime: false }),
      ...many(4, { caseId: 'o', acceptanceOutcome: null, acceptanceOnTime: null, replied: false, closed: false, acceptanceDueAt: '2026-05-01T00:00:00Z' }),
      ...many(3, { caseId: 'p', acceptanceOutcome: null, acceptanceOnTime: null, replied: false, closed: false, acceptanceDueAt: '2026-07-01T00:00:00Z' }),
    ], ASOF);
    expect(c.acceptance).toEqual({ timely: 90, late: 6, overdueUnaccepted: 4, pendingWithinLimit: 3 });
    expect(computeFigures(c).timelyAcceptanceRate.percent).toBe('90.00%');
  });

  it('on-time reply rate counts open and open-overdue accepted cases in the denominator', () => {
    const c = countCases([
      ...many(80, {}),
      ...many(10, { caseId: 'l', repliedOnTime: false }),
      ...many(6, { caseId: 'o', replied: false, repliedOnTime: null, closed: false, handlingDueAt: '2026-07-01T00:00:00Z', evaluationState: 'not_evaluated', evaluationValue: null }),
      ...many(4, { caseId: 'v', replied: false, repliedOnTime: null, closed: false, handlingDueAt: '2026-05-01T00:00:00Z', evaluationState: 'not_evaluated', evaluationValue: null }),
      ...many(5, { caseId: 'w', replied: false, repliedOnTime: null, closed: true, evaluationState: 'not_evaluated', evaluationValue: null }),
    ], ASOF);
    expect(c.reply).toEqual({ onTime: 80, late: 10, open: 6, openOverdue: 4 });
    expect(computeFigures(c).onTimeReplyRate.percent).toBe('80.00%');
  });

  it('satisfaction over evaluated cases, participation over evaluated + lapsed', () => {
    const c = countCases([
      ...many(60, {}), ...many(20, { caseId: 'b', evaluationValue: 'basically_satisfied' }), ...many(20, { caseId: 'd', evaluationValue: 'dissatisfied' }),
      ...many(25, { caseId: 'l', evaluationState: 'lapsed', evaluationValue: null }), ...many(7, { caseId: 'p', evaluationState: 'pending', evaluationValue: null }),
    ], ASOF);
    const f = computeFigures(c);
    expect(f.satisfactionRate.percent).toBe('80.00%');
    expect(f.participationRate.percent).toBe('80.00%');
    expect(c.evaluation.pending).toBe(7);
  });

  it('one-off resolution: first-time, substantive, no review, (basically) satisfied, over first-time replied cases with a settled evaluation', () => {
    const c = countCases([
      ...many(50, {}),
      ...many(10, { caseId: 'pr', closureType: 'procedural' }),
      ...many(10, { caseId: 'rv', reviewRequested: true }),
      ...many(10, { caseId: 'ds', evaluationValue: 'dissatisfied' }),
      ...many(10, { caseId: 'lp', evaluationState: 'lapsed', evaluationValue: null }),
      ...many(10, { caseId: 'rp', isRepeat: true }),
      ...many(5, { caseId: 'pd', evaluationState: 'pending', evaluationValue: null }),
    ], ASOF);
    expect(c.oneOff).toEqual({ settled: 90, resolved: 50 });
    expect(computeFigures(c).oneOffResolutionRate.percent).toBe('55.56%');
  });

  it('top-category share counts the five named categories; routing splits forward / assign / redirect', () => {
    const c: ReportCounts = countCases([
      ...many(30, { category: 'urban_construction' }), ...many(12, { caseId: 'pl', category: 'political_legal', routingMode: 'assign' }),
      ...many(8, { caseId: 'nr', category: 'natural_resources', routingMode: 'redirect_discipline' }),
      ...many(10, { caseId: 'ag', category: 'agriculture', routingMode: null }), ...many(40, { caseId: 'he', category: 'health', supervised: true, breachCount: 2 }),
    ], ASOF);
    expect(computeFigures(c).namedTopCategoryShare.percent).toBe('60.00%');
    expect(c.routing).toEqual({ forwarded: 70, assigned: 12, redirected: 8, unrouted: 10 });
    expect(c.supervisedCases).toBe(40);
    expect(c.breaches).toBe(80);
  });
});
