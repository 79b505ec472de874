import type { DataSource } from 'typeorm';
import { type ReportCounts, type ReportFigures, computeFigures } from './report.formulas';
import { type ReportScope, type ReportSource, type Row, countsSql, reportSourceSql, sumRows, toCounts } from './report.queries';
import { Params } from './supervision.filters';

/**
 * Reports by place (属地): the cases of a scope grouped by city (4 digits), county (6) or township (9), with every
 * figure of the summary per place and the ranks of places within their parent (townships within their county,
 * counties within their city). At township level, cases registered with a county code only form one row per county
 * (`countyLevelOnly`), unranked. Names come from the organization directory (the caller adds them).
 */
export type RegionGrouping = 'city' | 'county' | 'township';

export interface RegionRow {
  code: string;
  level: RegionGrouping;
  parentCode: string | null;
  /** At township level: the county's cases registered without a township (code and parentCode = the county code). */
  countyLevelOnly: boolean;
  counts: ReportCounts;
  figures: ReportFigures;
  /** The place's three largest categories (cases; ties by code). */
  topCategories: { category: string | null; cases: number }[];
  /** 1 = most cases among the places with the same parent (ties: persons, then code); null for countyLevelOnly rows. */
  rankInParent: number | null;
}

export interface RegionReport { scope: ReportScope; source: ReportSource; level: RegionGrouping; rows: RegionRow[] }

const KEY: Record<RegionGrouping, string> = {
  city: 'substr(region_code, 1, 4)',
  county: 'region_code',
  township: 'coalesce(township_code, region_code)',
};
const parentOf = (code: string, level: RegionGrouping): string | null =>
  level === 'township' ? code.slice(0, 6) : level === 'county' ? code.slice(0, 4) : null;

/** Orders places within a parent: most cases first, then most persons, then code. */
export function rankWithinParents(rows: RegionRow[]): RegionRow[] {
  const groups = new Map<string, RegionRow[]>();
  for (const r of rows) if (!r.countyLevelOnly) groups.set(r.parentCode ?? '', [...(groups.get(r.parentCode ?? '') ?? []), r]);
  for (const g of groups.values()) {
    g.sort((a, b) => b.counts.cases - a.counts.cases || b.counts.persons - a.counts.persons || a.code.localeCompare(b.code))
      .forEach((r, i) => { r.rankInParent = i + 1; });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code) || Number(a.countyLevelOnly) - Number(b.countyLevelOnly));
}

export class RegionReports {
  constructor(private readonly ds: DataSource) {}

  async byRegion(scope: ReportScope, level: RegionGrouping, source: ReportSource = 'cases'): Promise<RegionReport> {
    const rows = await this.ds.transaction(async (tx) => {
      await tx.query('SET LOCAL jit = off');
      const p = new Params();
      const src = `(SELECT *, ${KEY[level]} AS place, (${level === 'township' ? 'township_code IS NULL' : 'false'}) AS county_only
        FROM (${reportSourceSql(scope, source, p)}) per_case) src`;
      const asOf = `${p.add(scope.asOf)}::timestamptz`;
      return tx.query(countsSql(src, asOf, 'place, county_only, category'), p.values) as Promise<Record<string, unknown>[]>;
    });
    const by = new Map<string, Record<string, unknown>[]>();
    for (const r of rows) {
      const k = `${String(r.place)}|${r.county_only ? 1 : 0}`;
      by.set(k, [...(by.get(k) ?? []), r]);
    }
    const out: RegionRow[] = [...by.entries()].map(([k, rs]) => {
      const [code, countyOnly] = k.split('|') as [string, string];
      const counts = toCounts(sumRows(rs) as Row);
      const topCategories = rs.map((r) => ({ category: r.category as string | null, cases: Number(r.cases) }))
        .sort((a, b) => b.cases - a.cases || String(a.category).localeCompare(String(b.category))).slice(0, 3);
      return { code, level, parentCode: countyOnly === '1' ? code : parentOf(code, level), countyLevelOnly: countyOnly === '1',
        counts, figures: computeFigures(counts), topCategories, rankInParent: null };
    });
    return { scope, source, level, rows: rankWithinParents(out) };
  }
}
