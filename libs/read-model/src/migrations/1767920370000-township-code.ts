import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Townships (乡镇街道): a case registered with a 9-digit township code keeps it in township_code (region_code stays
 * the 6-digit county). Null for county-level registrations. Filled from the events for any case already projected.
 */
export class TownshipCode1767920370000 implements MigrationInterface {
  name = 'TownshipCode1767920370000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN township_code text`);
    await q.query(`UPDATE cases c SET township_code = e.payload->>'townshipCode'
      FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'PetitionRegistered' AND e.payload ? 'townshipCode'`);
    await q.query(`CREATE INDEX cases_township_registered ON cases (township_code, registered_at) WHERE township_code IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_township_registered`);
    await q.query(`ALTER TABLE cases DROP COLUMN township_code`);
  }
}
