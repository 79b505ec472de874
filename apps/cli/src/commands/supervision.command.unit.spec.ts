import { UsageError } from '../cli-errors';
import { formatSupervision, supervisionPath } from './supervision.command';

describe('petitions supervision: view and flags → API path', () => {
  it('maps views to their endpoints with the filters as query parameters', () => {
    expect(supervisionPath('overdue', { 'unit-id': 'xuhui-housing', unit: 'joint-office', limit: '20' })).toBe('/supervision/overdue?unit=xuhui-housing&limit=20');
    expect(supervisionPath('due-soon', { days: '3', working: true })).toBe('/supervision/due-soon?days=3&working=true');
    expect(supervisionPath('most-complained', { region: '3101', period: '2026' })).toBe('/supervision/units/most-complained?region=3101&period=2026');
    expect(supervisionPath('most-handled', { region: '3101', period: '2026' })).toBe('/supervision/units/most-handled?region=3101&period=2026');
    expect(supervisionPath('annual', { year: '2026' })).toBe('/supervision/reports/annual?year=2026&format=json');
    expect(supervisionPath('clusters', { q: ['dimension=respondent'] })).toBe('/supervision/cluster-warnings?dimension=respondent');
  });

  it('refuses an unknown view or a malformed --q as a usage error', () => {
    expect(() => supervisionPath('everything', {})).toThrow(UsageError);
    expect(() => supervisionPath(undefined, {})).toThrow(UsageError);
    expect(() => supervisionPath('overdue', { q: ['novalue'] })).toThrow(UsageError);
  });

  it('prints the rows of a list answer one per line, and other answers as JSON', () => {
    expect(formatSupervision({ items: [{ caseId: 'petition-1', unitDueAt: '2026-12-01T16:00:00Z', leadUnitId: null }], nextCursor: null }))
      .toBe('caseId=petition-1  unitDueAt=2026-12-01T16:00:00Z');
    expect(formatSupervision({ items: [] })).toBe('（无记录） / (no rows)');
    // A unit the directory names is shown by its name, the id in brackets (the directory's fallback, the id, stays as is).
    expect(formatSupervision({ items: [{ unitId: 'u-320101-housing', unitName: '示范市第1区住房和城乡建设局', breaches: 2 }, { unitId: 'x-1', unitName: 'x-1', breaches: 1 }] }))
      .toBe('unit=示范市第1区住房和城乡建设局（u-320101-housing）  breaches=2\nunitId=x-1  breaches=1');
    expect(formatSupervision({ year: 2026 })).toBe('{\n  "year": 2026\n}');
  });
});
