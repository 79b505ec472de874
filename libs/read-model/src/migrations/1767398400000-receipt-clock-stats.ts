import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildUnitStats } from '../unit-stats.rollup';

/** Breaches of the unit's receipt clock (policy limit 'receive') get their own column in the per-unit ledger rollup. */
export class ReceiptClockStats1767398400000 implements MigrationInterface {
  name = 'ReceiptClockStats1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_unit_stats ADD COLUMN IF NOT EXISTS k_receive integer NOT NULL DEFAULT 0`);
    // Recount from the ledger so earlier receipt breaches (if any) are in the new column.
    await rebuildUnitStats(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_unit_stats DROP COLUMN k_receive`);
  }
}
