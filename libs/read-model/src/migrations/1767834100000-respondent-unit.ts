import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The respondent unit (被反映单位) of each case, for the most-complained-about units (domain.md Precisions: the
 * respondents, not the units handling the cases). Only a respondent of type 'unit' is kept (a person named as
 * respondent is not ranked). Backfilled from each case's PetitionRegistered event.
 */
export class RespondentUnit1767834100000 implements MigrationInterface {
  name = 'RespondentUnit1767834100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN IF NOT EXISTS respondent_unit text`);
    await q.query(`
      UPDATE cases c SET respondent_unit = btrim(e.payload->'respondent'->>'description')
        FROM case_events e
       WHERE e.case_id = c.case_id AND e.type = 'PetitionRegistered' AND e.payload->'respondent'->>'type' = 'unit'
         AND c.respondent_unit IS NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS cases_respondent_unit_registered ON cases (respondent_unit, registered_at) WHERE respondent_unit IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_respondent_unit_registered`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS respondent_unit`);
  }
}
