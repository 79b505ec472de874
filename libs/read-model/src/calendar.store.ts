import type { DataSource } from 'typeorm';
import { type BusinessCalendar, CN_CALENDAR, type HolidayYear, withYears } from '@petitions/domain';

/** One publication of a year's holiday arrangement (国务院办公厅通知), as stored in calendar_years. */
export interface PublishedCalendarYear {
  year: number;
  version: number;
  arrangement: HolidayYear;
  /** The notice's document number, e.g. 国办发明电〔2026〕N号. */
  documentNo: string;
  publishedBy: string;
  publishedAt: string;
  note: string | null;
}

export interface CalendarCoverage {
  /** Every year the calendar holds (built in or published), ascending, with where it comes from. */
  years: { year: number; source: 'built_in' | 'published'; documentNo: string | null; version: number | null }[];
  /** Open cases with at least one provisional deadline, per year missing (a case may count in several years). */
  provisionalOpenCases: { year: number; cases: number }[];
}

const COLUMNS = `year, version, arrangement, document_no AS "documentNo", published_by AS "publishedBy", published_at AS "publishedAt", note`;

const normalise = (row: Record<string, unknown>): PublishedCalendarYear => ({
  ...(row as unknown as PublishedCalendarYear),
  year: Number(row.year),
  version: Number(row.version),
  publishedAt: row.publishedAt instanceof Date ? row.publishedAt.toISOString() : (row.publishedAt as string),
});

/**
 * Holiday arrangements as governed data (owner of calendar_years). Publishing never edits a version: it appends the
 * next version of the year with who, when and why; the latest version of each year is in force, on top of the
 * built-in years (libs/domain/src/calendar/data). Arrangements must be validated (validateHolidayYear) before.
 */
export class CalendarStore {
  constructor(private readonly ds: DataSource) {}

  async publish(input: { arrangement: HolidayYear; documentNo: string; publishedBy: string; note?: string }): Promise<PublishedCalendarYear> {
    return this.ds.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 3))', [`calendar-${input.arrangement.year}`]);
      const [previous] = await tx.query('SELECT max(version) AS v FROM calendar_years WHERE year = $1', [input.arrangement.year]);
      const version = previous?.v === null || previous?.v === undefined ? 1 : Number(previous.v) + 1;
      const [row] = await tx.query(
        `INSERT INTO calendar_years (year, version, arrangement, document_no, published_by, note)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [input.arrangement.year, version, JSON.stringify(input.arrangement), input.documentNo, input.publishedBy, input.note ?? null]);
      return normalise(row);
    });
  }

  /** Every published version, by year then version. */
  async versions(): Promise<PublishedCalendarYear[]> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM calendar_years ORDER BY year, version`);
    return rows.map(normalise);
  }

  /** The latest version of every published year. */
  async current(): Promise<PublishedCalendarYear[]> {
    const rows = await this.ds.query(`SELECT DISTINCT ON (year) ${COLUMNS} FROM calendar_years ORDER BY year, version DESC`);
    return rows.map(normalise);
  }

  /** The calendar new cases start with: the built-in years, replaced or completed by the published ones. */
  async calendar(base: BusinessCalendar = CN_CALENDAR): Promise<BusinessCalendar> {
    return withYears(base, (await this.current()).map((p) => p.arrangement));
  }

  async coverage(base: BusinessCalendar = CN_CALENDAR): Promise<CalendarCoverage> {
    const published = await this.current();
    const years = new Map<number, CalendarCoverage['years'][number]>(
      base.years.map((y) => [y.year, { year: y.year, source: 'built_in' as const, documentNo: null, version: null }]));
    for (const p of published) years.set(p.year, { year: p.year, source: 'published', documentNo: p.documentNo, version: p.version });
    const rows: { year: number; cases: number }[] = await this.ds.query(
      `SELECT y AS year, count(*)::int AS cases FROM cases, unnest(provisional_years) AS y
        WHERE status = 'open' GROUP BY y ORDER BY y`);
    return {
      years: [...years.values()].sort((a, b) => a.year - b.year),
      provisionalOpenCases: rows.map((r) => ({ year: Number(r.year), cases: Number(r.cases) })),
    };
  }

  /** Open cases in case-id order after the cursor: a published year reaches every running case (its future deadlines). */
  async openCasesAfter(afterCaseId: string | null, limit: number): Promise<string[]> {
    const rows: { case_id: string }[] = await this.ds.query(
      `SELECT case_id FROM cases WHERE status = 'open' AND case_id > $1 ORDER BY case_id LIMIT $2`, [afterCaseId ?? '', Math.min(limit, 1000)]);
    return rows.map((r) => r.case_id);
  }
}
