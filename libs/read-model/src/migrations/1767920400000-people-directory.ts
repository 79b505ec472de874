import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people directory (owned by PersonDirectory, libs/read-model/src/directory): handlers, unit heads, leaders,
 * supervisors, auditors and registrars as versioned rows (who, when, why, from when), like org_units. And the
 * reorganizations (机构改革, owned by Reorganizations): merge, rename, move, close, with the rollout that moved the
 * open cases of a merged or closed unit to its successor.
 */
export class PeopleDirectory1767920400000 implements MigrationInterface {
  name = 'PeopleDirectory1767920400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_people (
        person_id text NOT NULL,
        version integer NOT NULL,
        name_zh text NOT NULL,
        unit_id text NOT NULL,
        roles text[] NOT NULL,
        valid_from date,
        valid_to date,
        effective_from timestamptz NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        reason text,
        PRIMARY KEY (person_id, version)
      )`);
    await q.query(`CREATE INDEX org_people_unit_idx ON org_people (unit_id)`);
    await q.query(`
      CREATE TABLE org_reorganizations (
        reorganization_id text PRIMARY KEY,
        kind text NOT NULL,
        unit_ids text[] NOT NULL,
        successor_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        effective_from timestamptz NOT NULL,
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL,
        rollout_workflow_id text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_reorganizations`);
    await q.query(`DROP TABLE org_people`);
  }
}
