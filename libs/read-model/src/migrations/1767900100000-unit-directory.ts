import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization directory (owned by UnitDirectory, libs/read-model/src/directory): every unit as versioned
 * rows. A change never edits a row: it appends the unit's next version with who, when and why, and the date the
 * change takes effect (effective_from), so a name can be read as of a date (a letter of 2026 keeps the name the unit
 * had in 2026). valid_from / valid_to bound the unit's own existence (an abolished unit is inactive).
 */
export class UnitDirectory1767900100000 implements MigrationInterface {
  name = 'UnitDirectory1767900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_units (
        unit_id text NOT NULL,
        version integer NOT NULL,
        name_zh text NOT NULL,
        short_name text,
        kind text NOT NULL,
        parent_id text,
        region_code text,
        supervising_body_id text,
        valid_from date,
        valid_to date,
        effective_from timestamptz NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        reason text,
        PRIMARY KEY (unit_id, version)
      )`);
    await q.query(`CREATE INDEX org_units_effective_idx ON org_units (unit_id, effective_from DESC, version DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_units`);
  }
}
