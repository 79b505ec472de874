import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holiday arrangements (国务院办公厅 yearly notice) as governed data, owned by CalendarStore: every publication of a
 * year appends a version (who, when, why, the notice's document number); the latest version of each year is in
 * force. And the `cases` column of provisional deadlines (暂定): the years some open deadline was computed without.
 */
export class CalendarYears1767834000000 implements MigrationInterface {
  name = 'CalendarYears1767834000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_years (
        year integer NOT NULL,
        version integer NOT NULL,
        arrangement jsonb NOT NULL,
        document_no text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        note text,
        PRIMARY KEY (year, version)
      )`);
    await q.query(`ALTER TABLE cases ADD COLUMN provisional_years integer[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX cases_provisional_years_idx ON cases USING gin (provisional_years) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_provisional_years_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN provisional_years`);
    await q.query(`DROP TABLE calendar_years`);
  }
}
