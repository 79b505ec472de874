import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Closed cases' Temporal histories, kept past the server's retention so auditors can still replay them. */
export class HistoryArchive1767571200000 implements MigrationInterface {
  name = 'HistoryArchive1767571200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_history_archive (
        case_id      text        NOT NULL,
        run_id       text        NOT NULL,
        run_index    integer     NOT NULL,
        history      jsonb       NOT NULL,
        archived_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, run_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_history_archive`);
  }
}
