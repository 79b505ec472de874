import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projections that cannot succeed (投影阻塞): one row per case whose projection failed with a permanent error
 * (PostgreSQL class 22 data exception or 23 integrity violation). The case's events stay in its Temporal history;
 * later batches of the same case are held here too (a projection folds events in order) until an operator replays
 * them (`audit replay-projections`). Owned by libs/read-model/src/projection-dead-letters.store.ts.
 */
export class ProjectionDeadLetters1767900000000 implements MigrationInterface {
  name = 'ProjectionDeadLetters1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS projection_dead_letters (
        case_id text PRIMARY KEY,
        first_seq integer NOT NULL,
        last_seq integer NOT NULL,
        error_code text,
        error_message text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        failed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS projection_dead_letters`);
  }
}
