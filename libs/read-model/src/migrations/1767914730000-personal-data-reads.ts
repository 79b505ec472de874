import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The log of personal-data reads (个人信息查阅记录): one row per answer that gave a petitioner's personal data in clear
 * (who: actor id, role and unit; which case; when; the route and the stated purpose; the basis of the access rule; which
 * fields). Append-only, enforced in PostgreSQL by triggers: UPDATE and DELETE (row triggers) and TRUNCATE (statement
 * trigger) raise an error for every role, the table's owner included; only a schema change (dropping the trigger,
 * itself a DDL change recorded by the migrations) could lift it. Owned by libs/read-model/src/personal-data-reads.store.ts.
 * `read_at` is the database's clock at the insert (clock_timestamp), never the caller's.
 */
export class PersonalDataReads1767914730000 implements MigrationInterface {
  name = 'PersonalDataReads1767914730000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS personal_data_reads (
        id bigserial PRIMARY KEY,
        read_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_unit text,
        case_id text NOT NULL,
        route text NOT NULL,
        purpose text NOT NULL,
        basis text NOT NULL,
        fields text[] NOT NULL CHECK (cardinality(fields) > 0)
      )`);
    await q.query('CREATE INDEX IF NOT EXISTS personal_data_reads_case ON personal_data_reads (case_id, id)');
    await q.query('CREATE INDEX IF NOT EXISTS personal_data_reads_actor ON personal_data_reads (actor_id, id)');
    await q.query('CREATE INDEX IF NOT EXISTS personal_data_reads_at ON personal_data_reads (read_at)');
    await q.query(`
      CREATE OR REPLACE FUNCTION personal_data_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'personal_data_reads is append-only: % refused', TG_OP
          USING ERRCODE = 'P0001', HINT = '个人信息查阅记录只能追加，不能修改或删除 / the personal-data read log can only be appended to';
      END $$`);
    await q.query(`CREATE TRIGGER personal_data_reads_no_change BEFORE UPDATE OR DELETE ON personal_data_reads
      FOR EACH ROW EXECUTE FUNCTION personal_data_reads_append_only()`);
    await q.query(`CREATE TRIGGER personal_data_reads_no_truncate BEFORE TRUNCATE ON personal_data_reads
      FOR EACH STATEMENT EXECUTE FUNCTION personal_data_reads_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS personal_data_reads');
    await q.query('DROP FUNCTION IF EXISTS personal_data_reads_append_only()');
  }
}
