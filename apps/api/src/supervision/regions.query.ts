import { type RegionEntry, type RegionGrouping, type RegionReport, RegionReports, type ReportScope, type ReportSource, type UnitDirectory } from '@petitions/read-model';
import type { DataSource } from 'typeorm';

/** The level a drill-down shows below a region prefix: the whole → cities, a city → counties, a county → townships. */
export const levelBelow = (region: string | undefined): RegionGrouping =>
  !region || region.length < 4 ? 'city' : region.length < 6 ? 'county' : 'township';

export interface NamedRegionRow {
  code: string;
  name: string;
  level: RegionGrouping;
  parentCode: string | null;
  parentName: string | null;
  countyLevelOnly: boolean;
  rankInParent: number | null;
}

/** Places by code with their directory names (as of `asOf`); a code the directory does not name keeps the code. */
export async function regionNames(directory: UnitDirectory, asOf: string): Promise<Map<string, string>> {
  return new Map((await directory.regions(asOf)).map((r: RegionEntry) => [r.code, r.name]));
}

/** A region report with names on every row and on its parent. */
export async function namedRegionReport(ds: DataSource, directory: UnitDirectory, scope: ReportScope, level: RegionGrouping, source: ReportSource):
  Promise<{ report: RegionReport; names: Map<string, string>; rows: (RegionReport['rows'][number] & { name: string; parentName: string | null })[] }> {
  const report = await new RegionReports(ds).byRegion(scope, level, source);
  const asOf = new Date(Math.min(Date.parse(scope.to) - 1, Date.parse(scope.asOf))).toISOString();
  const names = await regionNames(directory, asOf);
  const rows = report.rows.map((r) => ({ ...r,
    name: r.countyLevelOnly ? `${names.get(r.code) ?? r.code}（未细分到乡镇 county level only）` : names.get(r.code) ?? r.code,
    parentName: r.parentCode ? names.get(r.parentCode) ?? r.parentCode : null }));
  return { report, names, rows };
}
