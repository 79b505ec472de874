import type { DataSource } from 'typeorm';
import { CaseProjectionWriter } from './case-projection.writer';
import { createReadModelDataSource } from './read-model.data-source';
import { type HistorySpec, day, history, numbered } from './read-model.testkit';
import { RegionReports } from './region.report';
import { ReportQueries, type ReportScope } from './report.queries';

// City 4602 is used by this file only: other files write to the same read model.
const T1 = '460202001', T2 = '460202002', T3 = '460202003', OTHER = '460203001';
const specs: HistorySpec[] = [
  // Township 1: 4 cases, 6 persons; 3 accepted and replied on time, satisfied; 1 accepted late, replied late (2 breaches), dissatisfied.
  { caseId: 'twp-1a', townshipCode: T1, acceptance: 'on_time', reply: 'on_time', evaluation: 'satisfied', close: true },
  { caseId: 'twp-1b', townshipCode: T1, start: 1, acceptance: 'on_time', reply: 'on_time', evaluation: 'satisfied', close: true },
  { caseId: 'twp-1c', townshipCode: T1, start: 2, persons: 3, acceptance: 'on_time', reply: 'on_time', evaluation: 'satisfied', close: true },
  { caseId: 'twp-1d', townshipCode: T1, start: 3, acceptance: 'late', reply: 'late', evaluation: 'dissatisfied' },
  // Township 2: 3 cases (2 health, 1 urban construction); 2 on time, basically satisfied; 1 never decided (overdue unaccepted).
  { caseId: 'twp-2a', townshipCode: T2, category: 'health', acceptance: 'on_time', reply: 'on_time', evaluation: 'basically_satisfied', close: true },
  { caseId: 'twp-2b', townshipCode: T2, category: 'health', start: 1, acceptance: 'on_time', reply: 'on_time', evaluation: 'basically_satisfied', close: true },
  { caseId: 'twp-2c', townshipCode: T2, start: 2, acceptance: 'pending' },
  // Township 3: 1 case accepted on time, not replied by its due day (open-overdue at asOf).
  { caseId: 'twp-3a', townshipCode: T3, acceptance: 'on_time' },
  // The county itself (six-digit registrations): 2 not accepted, on time.
  { caseId: 'twp-ca', regionCode: '460202', category: 'education', acceptance: 'not_accepted' },
  { caseId: 'twp-cb', regionCode: '460202', category: 'education', start: 1, acceptance: 'not_accepted' },
  // Another county's township: 1 case, on time, satisfied.
  { caseId: 'twp-oa', townshipCode: OTHER, acceptance: 'on_time', reply: 'on_time', evaluation: 'satisfied', close: true },
];
const scope = (regionPrefix: string): ReportScope => ({ from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00', regionPrefix, asOf: day(400) });

let ds: DataSource;
let regions: RegionReports;

beforeAll(async () => {
  ds = await createReadModelDataSource(process.env.DATABASE_URL as string, { poolSize: 2 }).initialize();
  regions = new RegionReports(ds);
  const writer = new CaseProjectionWriter(ds);
  for (const s of specs) {
    await writer.write({ caseId: s.caseId, events: numbered(history(s)),
      summary: { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 1 } });
  }
});
afterAll(async () => ds?.destroy());

describe('reports by township (乡镇街道) on a known data set', () => {
  it('figures per township equal the hand count, ranked within the county', async () => {
    const r = await regions.byRegion(scope('4602'), 'township');
    const view = r.rows.map((x) => ({ code: x.code, only: x.countyLevelOnly, rank: x.rankInParent, cases: x.counts.cases, persons: x.counts.persons,
      timely: x.figures.timelyAcceptanceRate.percent, reply: x.figures.onTimeReplyRate.percent, sat: x.figures.satisfactionRate.percent, breaches: x.counts.breaches }));
    expect(view).toEqual([
      // 2 decisions on time of 2; no accepted case → no reply rate; nothing evaluated.
      { code: '460202', only: true, rank: null, cases: 2, persons: 2, timely: '100.00%', reply: '—', sat: '—', breaches: 0 },
      // 3 timely of 4 decisions; 3 on time of 4 replies; 3 satisfied of 4 evaluated; 2 breaches (acceptance + handling of twp-1d).
      { code: T1, only: false, rank: 1, cases: 4, persons: 6, timely: '75.00%', reply: '75.00%', sat: '75.00%', breaches: 2 },
      // 2 timely of 2 + 1 overdue unaccepted = 2/3; 2 on time of 2; 2 basically satisfied of 2.
      { code: T2, only: false, rank: 2, cases: 3, persons: 3, timely: '66.67%', reply: '100.00%', sat: '100.00%', breaches: 0 },
      // 1 timely of 1; 0 on time of 1 (open, overdue).
      { code: T3, only: false, rank: 3, cases: 1, persons: 1, timely: '100.00%', reply: '0.00%', sat: '—', breaches: 0 },
      { code: OTHER, only: false, rank: 1, cases: 1, persons: 1, timely: '100.00%', reply: '100.00%', sat: '100.00%', breaches: 0 },
    ]);
    const t2 = r.rows.find((x) => x.code === T2)!;
    expect(t2.topCategories).toEqual([{ category: 'health', cases: 2 }, { category: 'urban_construction', cases: 1 }]);
    expect(t2.parentCode).toBe('460202');
  });

  it('counties add up their townships and their county-level cases; the city adds up its counties', async () => {
    const counties = await regions.byRegion(scope('4602'), 'county');
    expect(counties.rows.map((x) => [x.code, x.parentCode, x.rankInParent, x.counts.cases, x.counts.persons, x.counts.breaches])).toEqual([
      ['460202', '4602', 1, 10, 12, 2], ['460203', '4602', 2, 1, 1, 0],
    ]);
    // 460202: timely = 3 + 2 + 1 + 2 = 8; late = 1 (twp-1d); overdue unaccepted = 1 (twp-2c) → 8 / 10.
    expect(counties.rows[0]!.figures.timelyAcceptanceRate).toMatchObject({ numerator: 8, denominator: 10, percent: '80.00%' });
    const city = await regions.byRegion(scope('4602'), 'city');
    expect(city.rows.map((x) => [x.code, x.counts.cases, x.counts.persons])).toEqual([['4602', 11, 13]]);
  });

  it('the event log gives the same township report, and a 9-digit region scopes the summary to one township', async () => {
    const fromCases = await regions.byRegion(scope('4602'), 'township', 'cases');
    const fromEvents = await regions.byRegion(scope('4602'), 'township', 'events');
    expect(fromEvents.rows).toEqual(fromCases.rows);
    const reports = new ReportQueries(ds);
    for (const source of ['cases', 'events'] as const) {
      const one = await reports.report(scope(T1), source);
      expect([one.counts.cases, one.counts.persons, one.counts.breaches, one.breachesByKey]).toEqual([4, 6, 2, { acceptance: 1, handling: 1 }]);
      // A county prefix takes its township-level cases too: 10 cases.
      expect((await reports.report(scope('460202'), source)).counts.cases).toBe(10);
    }
  });
});
