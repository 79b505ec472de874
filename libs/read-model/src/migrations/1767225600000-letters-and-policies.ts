import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision letters with official numbers (sequential per issuing body and year), the policy store (every
 * published version with who, when and what changed), and cluster warnings (类案预警).
 */
export class LettersAndPolicies1767225600000 implements MigrationInterface {
  name = 'LettersAndPolicies1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE letter_sequences (
        issuing_body text    NOT NULL,
        year         integer NOT NULL,
        last_no      integer NOT NULL,
        PRIMARY KEY (issuing_body, year)
      )`);
    await q.query(`
      CREATE TABLE letters (
        letter_id        bigserial   PRIMARY KEY,
        case_id          text        NOT NULL,
        escalation_key   text        NOT NULL,
        kind             text        NOT NULL,
        issuing_body     text        NOT NULL,
        year             integer     NOT NULL,
        seq_no           integer     NOT NULL,
        letter_no        text        NOT NULL,
        recipient_unit   text        NOT NULL,
        deadline_key     text        NOT NULL,
        issued_at        timestamptz NOT NULL,
        feedback_due_at  timestamptz,
        html             text        NOT NULL,
        pdf              bytea       NOT NULL,
        UNIQUE (case_id, escalation_key),
        UNIQUE (issuing_body, year, seq_no)
      )`);
    await q.query(`CREATE INDEX letters_recipient_issued ON letters (recipient_unit, issued_at DESC)`);
    await q.query(`
      CREATE TABLE policy_versions (
        policy_id     text        NOT NULL,
        version       integer     NOT NULL,
        document      jsonb       NOT NULL,
        published_by  text        NOT NULL,
        published_at  timestamptz NOT NULL DEFAULT now(),
        changes       jsonb       NOT NULL DEFAULT '[]',
        note          text,
        adopt_open_cases boolean  NOT NULL DEFAULT false,
        PRIMARY KEY (policy_id, version)
      )`);
    // 类案预警: one row per warning of the cluster watch; the id makes a retried write a no-op.
    await q.query(`
      CREATE TABLE cluster_warnings (
        warning_id    text        PRIMARY KEY,
        rule_id       text        NOT NULL,
        dimension     text        NOT NULL,
        cluster_key   text        NOT NULL,
        threshold     integer     NOT NULL,
        window_start  timestamptz NOT NULL,
        raised_at     timestamptz NOT NULL,
        case_ids      text[]      NOT NULL
      )`);
    await q.query(`CREATE INDEX cluster_warnings_raised ON cluster_warnings (raised_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cluster_warnings`);
    await q.query(`DROP TABLE policy_versions`);
    await q.query(`DROP TABLE letters`);
    await q.query(`DROP TABLE letter_sequences`);
  }
}
