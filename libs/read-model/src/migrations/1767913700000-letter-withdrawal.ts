import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters withdrawn with the breach that caused them (BreachWithdrawn, docs/calendar-years.md): when and why. The
 * letter's model (the composed SupervisionLetter) is kept from now on, so a withdrawn letter's HTML and PDF can be
 * rendered again with the 已撤回 / WITHDRAWN mark; letters issued before keep only their rendered documents.
 */
export class LetterWithdrawal1767913700000 implements MigrationInterface {
  name = 'LetterWithdrawal1767913700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE letters
        ADD COLUMN withdrawn_at      timestamptz,
        ADD COLUMN withdrawal_reason text,
        ADD COLUMN model             jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE letters DROP COLUMN model, DROP COLUMN withdrawal_reason, DROP COLUMN withdrawn_at`);
  }
}
