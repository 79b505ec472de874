import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The letter feedback loop: each letter's feedback state (awaiting / submitted / accepted / returned / answered /
 * not_required), the unit's feedback (summary, measures, document number, attachments), the office's review, and
 * for accountability recommendations the addressee, the copy line (抄送) and the adoption. Letters issued before
 * this migration that need feedback are awaiting it (nothing could answer them).
 */
export class LetterFeedback1767835800000 implements MigrationInterface {
  name = 'LetterFeedback1767835800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE letters
        ADD COLUMN feedback_state       text        NOT NULL DEFAULT 'not_required',
        ADD COLUMN addressee_unit       text,
        ADD COLUMN copy_to              text[]      NOT NULL DEFAULT '{}',
        ADD COLUMN feedback_round       integer     NOT NULL DEFAULT 1,
        ADD COLUMN feedback_at          timestamptz,
        ADD COLUMN feedback_by          text,
        ADD COLUMN feedback_summary     text,
        ADD COLUMN feedback_measures    text,
        ADD COLUMN feedback_doc_no      text,
        ADD COLUMN feedback_attachments text[]      NOT NULL DEFAULT '{}',
        ADD COLUMN review_outcome       text,
        ADD COLUMN review_reason        text,
        ADD COLUMN reviewed_at          timestamptz,
        ADD COLUMN reviewed_by          text,
        ADD COLUMN adoption_outcome     text,
        ADD COLUMN adoption_reason      text,
        ADD COLUMN adoption_doc_no      text,
        ADD COLUMN adopted_at           timestamptz`);
    await q.query(`UPDATE letters SET feedback_state = 'awaiting' WHERE feedback_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX letters_feedback_state ON letters (feedback_state, feedback_due_at)`);
    await q.query(`CREATE INDEX letters_addressee ON letters (addressee_unit) WHERE addressee_unit IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX letters_addressee`);
    await q.query(`DROP INDEX letters_feedback_state`);
    await q.query(`
      ALTER TABLE letters DROP COLUMN feedback_state, DROP COLUMN addressee_unit, DROP COLUMN copy_to, DROP COLUMN feedback_round,
        DROP COLUMN feedback_at, DROP COLUMN feedback_by, DROP COLUMN feedback_summary, DROP COLUMN feedback_measures,
        DROP COLUMN feedback_doc_no, DROP COLUMN feedback_attachments, DROP COLUMN review_outcome, DROP COLUMN review_reason,
        DROP COLUMN reviewed_at, DROP COLUMN reviewed_by, DROP COLUMN adoption_outcome, DROP COLUMN adoption_reason,
        DROP COLUMN adoption_doc_no, DROP COLUMN adopted_at`);
  }
}
