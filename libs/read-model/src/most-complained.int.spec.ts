import type { DataSource } from 'typeorm';
import { buildAnnualReport } from './annual-report';
import { CaseProjectionWriter } from './case-projection.writer';
import { createReadModelDataSource } from './read-model.data-source';
import { type HistorySpec, history, numbered } from './read-model.testkit';
import { ReportQueries, type ReportScope } from './report.queries';
import { SupervisionQueries } from './supervision.queries';

/**
 * The most complained-about units are the respondents (被反映单位), not the units handling the cases (domain.md
 * Precisions). Hand-made data set in region 6590xx (used by this file only):
 *
 *   case      respondent              handled by  persons
 *   mc-1..3   unit 示范区住建局          unit-a      1, 1, 2
 *   mc-4..5   unit 示范区城管局          unit-a      1, 1
 *   mc-6      unit 示范区城管局          unit-b      3
 *   mc-7..8   person 某某（not ranked）   unit-b      1, 1
 *
 * Respondents: 城管局 3 cases / 5 persons, 住建局 3 cases / 4 persons → 城管局 first (tie on cases, more persons).
 * Handling units: unit-a 5 cases / 6 persons, unit-b 3 cases / 5 persons.
 */
const R = '659001';
const ZJ = '示范区住建局';
const CG = '示范区城管局';
const unit = (description: string) => ({ type: 'unit' as const, description });
const specs: HistorySpec[] = [
  { caseId: 'mc-1', start: 1, respondent: unit(ZJ), unit: 'unit-a', persons: 1 },
  { caseId: 'mc-2', start: 2, respondent: unit(` ${ZJ} `), unit: 'unit-a', persons: 1 },
  { caseId: 'mc-3', start: 3, respondent: unit(ZJ), unit: 'unit-a', persons: 2 },
  { caseId: 'mc-4', start: 4, respondent: unit(CG), unit: 'unit-a', persons: 1 },
  { caseId: 'mc-5', start: 5, respondent: unit(CG), unit: 'unit-a', persons: 1 },
  { caseId: 'mc-6', start: 6, respondent: unit(CG), unit: 'unit-b', persons: 3 },
  { caseId: 'mc-7', start: 7, respondent: { type: 'person' as const, description: '某某' }, unit: 'unit-b', persons: 1 },
  { caseId: 'mc-8', start: 8, respondent: { type: 'person' as const, description: '某某' }, unit: 'unit-b', persons: 1 },
].map((s) => ({ ...s, regionCode: R, acceptance: 'on_time' as const }));

const scope: ReportScope = { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00', regionPrefix: '6590', asOf: '2027-01-01T00:00:00+08:00' };
let ds: DataSource;

beforeAll(async () => {
  ds = await createReadModelDataSource(process.env.DATABASE_URL as string, { poolSize: 2 }).initialize();
  const writer = new CaseProjectionWriter(ds);
  for (const s of specs) {
    await writer.write({ caseId: s.caseId, events: numbered(history(s)), summary: { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 2 } });
  }
});
afterAll(async () => ds?.destroy());

describe('most complained-about units = the respondents (被反映单位)', () => {
  it('the supervision list ranks the respondents; the handling units are their own list', async () => {
    const q = new SupervisionQueries(ds);
    const complained = await q.mostComplainedUnits({ regionPrefix: '6590' }, { limit: 10, offset: 0 });
    expect(complained.map((u) => [u.respondent, u.cases, u.persons])).toEqual([[CG, 3, 5], [ZJ, 3, 4]]);
    const handled = await q.mostHandledUnits({ regionPrefix: '6590' }, { limit: 10, offset: 0 });
    expect(handled.map((u) => [u.unitId, u.cases, u.persons])).toEqual([['unit-a', 5, 6], ['unit-b', 3, 5]]);
  });

  it('the annual report (art.41) ranks the respondents, from the cases table and from the event log alike', async () => {
    const reports = new ReportQueries(ds);
    for (const source of ['cases', 'events'] as const) {
      const r = await reports.report(scope, source);
      // The two cases against a person have no respondent unit (key null): listed, never ranked.
      expect(r.respondents.map((g) => [g.key, g.cases, g.persons])).toEqual([[CG, 3, 5], [ZJ, 3, 4], [null, 2, 2]]);
      const annual = buildAnnualReport(2026, r);
      expect(annual.mostComplainedUnits.map((u) => [u.rank, u.respondent, u.cases, u.persons])).toEqual([[1, CG, 3, 5], [2, ZJ, 3, 4]]);
      expect(annual.mostHandledUnits.map((u) => [u.rank, u.unitId, u.cases, u.persons])).toEqual([[1, 'unit-a', 5, 6], [2, 'unit-b', 3, 5]]);
    }
  });
});
