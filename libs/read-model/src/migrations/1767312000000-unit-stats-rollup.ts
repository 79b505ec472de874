import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildUnitStats } from '../unit-stats.rollup';

/**
 * Per-unit monthly and yearly rollups of cases (by registration) and of the accountability ledger (by breach time),
 * kept exact by the writer (unit-stats.rollup.ts). They make whole-province, whole-year unit rankings cheap.
 */
export class UnitStatsRollup1767312000000 implements MigrationInterface {
  name = 'UnitStatsRollup1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_unit_stats (
        granularity      text    NOT NULL CHECK (granularity IN ('month', 'year')),
        period_start     date    NOT NULL,
        lead_unit_id     text    NOT NULL,
        city_code        text    NOT NULL,
        category         text    NOT NULL,
        cases            integer NOT NULL,
        persons          integer NOT NULL,
        repeat_cases     integer NOT NULL,
        supervised_cases integer NOT NULL,
        breaches         integer NOT NULL,
        dissatisfied     integer NOT NULL,
        PRIMARY KEY (granularity, period_start, lead_unit_id, city_code, category)
      )`);
    await q.query(`
      CREATE TABLE ledger_unit_stats (
        granularity        text    NOT NULL CHECK (granularity IN ('month', 'year')),
        period_start       date    NOT NULL,
        unit_id            text    NOT NULL,
        city_code          text    NOT NULL,
        breaches           integer NOT NULL,
        open               integer NOT NULL,
        fulfilled_late     integer NOT NULL,
        escalations        integer NOT NULL,
        letters            integer NOT NULL,
        feedbacks          integer NOT NULL,
        k_route            integer NOT NULL,
        k_notify           integer NOT NULL,
        k_acceptance       integer NOT NULL,
        k_handling         integer NOT NULL,
        k_decide_review    integer NOT NULL,
        k_decide_re_review integer NOT NULL,
        -- added with the receipt clock before any release; 1767398400000 adds it to databases created earlier
        k_receive          integer NOT NULL DEFAULT 0,
        PRIMARY KEY (granularity, period_start, unit_id, city_code)
      )`);
    // The writer recomputes one (unit, period) at a time.
    await q.query(`CREATE INDEX cases_lead_registered ON cases (lead_unit_id, registered_at)`);
    await rebuildUnitStats(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_lead_registered`);
    await q.query(`DROP TABLE ledger_unit_stats`);
    await q.query(`DROP TABLE case_unit_stats`);
  }
}
