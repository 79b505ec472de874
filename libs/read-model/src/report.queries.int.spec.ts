import type { DataSource } from 'typeorm';
import type { CaseEvent } from '@petitions/domain';
import { buildAnnualReport, annualReportCsv, annualReportXlsx } from './annual-report';
import { CaseProjectionWriter, foldContiguous } from './case-projection.writer';
import { emptyCaseRow } from './case-row.projection';
import { createReadModelDataSource } from './read-model.data-source';
import { type HistorySpec, day, history, numbered } from './read-model.testkit';
import { type ReportCase, computeFigures, countCases } from './report.formulas';
import { ReportQueries, type ReportScope } from './report.queries';

// Region 44xxxx is used by this file only, so other test files writing to the same database do not disturb it.
const R = '440105';
const specs: HistorySpec[] = [];
const add = (n: number, prefix: string, s: Omit<HistorySpec, 'caseId'>) => {
  for (let i = 0; i < n; i++) specs.push({ regionCode: R, start: i, ...s, caseId: `rep-${prefix}-${i}` });
};
add(40, 'a', { acceptance: 'on_time', reply: 'on_time', evaluation: 'satisfied', close: true });
add(10, 'b', { mode: 'assign', acceptance: 'late', reply: 'late', closure: 'procedural', evaluation: 'lapsed', close: true });
add(5, 'c', { category: 'health', unit: 'unit-health', acceptance: 'on_time', reply: 'on_time', evaluation: 'dissatisfied', review: true });
add(5, 'd', { acceptance: 'pending' });
add(3, 'e', { category: 'education', regionCode: '440205', acceptance: 'not_accepted' });
add(12, 'f', { repeats: 1, acceptance: 'on_time', reply: 'on_time', evaluation: 'basically_satisfied', close: true });
add(3, 'g', { repeats: 1, acceptance: 'on_time', reply: 'on_time', closure: 'procedural' });
specs.push({ caseId: 'rep-h-1', regionCode: R, start: 1, petitionerRef: 'p-h', matterRef: 'm-h', acceptance: 'on_time' });
specs.push({ caseId: 'rep-h-2', regionCode: R, start: 150, petitionerRef: 'p-h', matterRef: 'm-h', acceptance: 'on_time', reply: 'on_time', evaluation: 'satisfied' });

const scope: ReportScope = { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00', regionPrefix: '44', asOf: day(400) };
let ds: DataSource;
let reports: ReportQueries;
const histories = new Map<string, CaseEvent[]>();

beforeAll(async () => {
  ds = await createReadModelDataSource(process.env.DATABASE_URL as string, { poolSize: 4 }).initialize();
  reports = new ReportQueries(ds);
  const writer = new CaseProjectionWriter(ds);
  // Delivered in reverse order of registration, in two batches each: the projection must not care.
  for (const s of [...specs].reverse()) {
    const evs = history(s);
    histories.set(s.caseId, evs);
    const all = numbered(evs);
    const summary = { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 1 };
    await writer.write({ caseId: s.caseId, events: all.slice(3), summary });
    await writer.write({ caseId: s.caseId, events: all.slice(0, 3), summary });
  }
});
afterAll(async () => ds?.destroy());

describe('report formulas on a hand-made data set: cases table = event log = known answers', () => {
  it('gives the known counts and rates from the cases table', async () => {
    const r = await reports.report(scope, 'cases');
    expect(r.counts).toEqual({
      cases: 80, persons: 95, petitions: 95, repeatCases: 16,
      acceptance: { timely: 65, late: 10, overdueUnaccepted: 5, pendingWithinLimit: 0 },
      reply: { onTime: 61, late: 10, open: 0, openOverdue: 1 },
      evaluation: { satisfied: 41, basicallySatisfied: 12, dissatisfied: 5, lapsed: 10, pending: 3 },
      repeatApplied: 13, oneOff: { settled: 55, resolved: 40 }, namedTopCategoryCases: 72,
      routing: { forwarded: 70, assigned: 10, redirected: 0, unrouted: 0 }, supervisedCases: 10, breaches: 20, closed: 65,
    });
    const f = r.figures;
    expect([f.repeatRate, f.timelyAcceptanceRate, f.onTimeReplyRate, f.satisfactionRate, f.participationRate, f.resolutionApplicationRate,
      f.oneOffResolutionRate, f.namedTopCategoryShare].map((x) => x.percent))
      .toEqual(['20.00%', '81.25%', '84.72%', '91.38%', '85.29%', '81.25%', '72.73%', '90.00%']);
    expect(r.categories.map((c) => [c.key, c.cases])).toEqual([['urban_construction', 72], ['health', 5], ['education', 3]]);
    expect(r.units[0]).toMatchObject({ key: 'unit-housing', cases: 75, supervisedCases: 10, breaches: 20 });
    expect(r.breachesByKey).toEqual({ acceptance: 10, handling: 10 });
  });

  it('the event log alone gives exactly the same report', async () => {
    const fromCases = await reports.report(scope, 'cases');
    const fromEvents = await reports.report(scope, 'events');
    expect({ ...fromEvents, source: 'cases' }).toEqual(fromCases);
  });

  it('a pure fold of the same events gives the same counts', async () => {
    const rows = [...histories.entries()].map(([id, evs]) =>
      foldContiguous(emptyCaseRow(id), numbered(evs).map(({ seq, event }) => ({ seq, payload: event }))).row);
    const seen = new Set<string>();
    const ordered = rows.sort((a, b) => Date.parse(a.registeredAt as string) - Date.parse(b.registeredAt as string) || a.caseId.localeCompare(b.caseId));
    const cases: ReportCase[] = ordered.map((r) => {
      const pair = `${r.petitionerRef}|${r.matterRef}`;
      const prior = seen.has(pair);
      seen.add(pair);
      return { caseId: r.caseId, category: r.category, channel: r.channel, kind: r.kind, leadUnitId: r.leadUnitId, persons: r.persons,
        repeatCount: r.repeatCount, isRepeat: r.repeatCount > 0 || prior, routingMode: r.routingMode, acceptanceOutcome: r.acceptanceOutcome,
        acceptanceOnTime: r.acceptanceOnTime, acceptanceDueAt: r.acceptanceDueAt, handlingDueAt: r.handlingDueAt, replied: r.repliedAt !== null,
        repliedOnTime: r.repliedOnTime, closureType: r.closureType, evaluationState: r.evaluationState, evaluationValue: r.evaluationValue,
        reviewRequested: r.reviewRequested, breachCount: r.breachCount, supervised: r.supervised, closed: r.status === 'closed' };
    });
    const fromDb = await reports.report(scope, 'cases');
    expect(countCases(cases, scope.asOf)).toEqual(fromDb.counts);
    expect(computeFigures(countCases(cases, scope.asOf))).toEqual(fromDb.figures);
  });

  it('filters by region prefix on both paths', async () => {
    const narrow = { ...scope, regionPrefix: '4401' };
    const a = await reports.report(narrow, 'cases');
    const b = await reports.report(narrow, 'events');
    expect(a.counts.cases).toBe(77);
    expect(b.counts).toEqual(a.counts);
  });

  it('renders the annual report as CSV (with BOM) and XLSX', async () => {
    const annual = buildAnnualReport(2026, await reports.report(scope, 'cases'));
    expect(annual.routing).toEqual({ forwarded: 70, assigned: 10, redirected: 0, supervised: 10 });
    expect(annual.recommendations).toMatchObject({ issued: 0, adopted: 0 });
    // Every case of the set names the same respondent (被反映单位); 75 of the 80 are handled by unit-housing.
    expect(annual.mostComplainedUnits).toEqual([expect.objectContaining({ rank: 1, respondent: '某区住建局', cases: 80 })]);
    expect(annual.mostHandledUnits[0]).toMatchObject({ rank: 1, unitId: 'unit-housing', cases: 75 });
    const csv = annualReportCsv(annual);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('申请化解率 Resolution application (repeat),81.25%,13,16');
    expect(csv).toContain('urban_construction,城乡建设,72,');
    const xlsx = await annualReportXlsx(annual);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });
});
