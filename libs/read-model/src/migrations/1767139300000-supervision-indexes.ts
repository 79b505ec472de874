import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the supervision queries; each is explained in libs/read-model/INDEXES.md. Region filters are code
 * prefixes (LIKE 'prefix%'): text_pattern_ops lets a B-tree serve them whatever the database collation.
 */
export const SUPERVISION_INDEXES: [name: string, ddl: string][] = [
  // Overdue / due-soon lists: open cases in deadline order (keyset by (unit_due_at, case_id)).
  ['cases_open_unit_due', `ON cases (unit_due_at, case_id) WHERE status = 'open'`],
  // … per responsible unit; INCLUDE makes the unit's handler workload an index-only scan.
  ['cases_open_lead_due', `ON cases (lead_unit_id, unit_due_at, case_id) INCLUDE (current_handler_id, open_breach_keys) WHERE status = 'open'`],
  // … per region (city or county prefix), same covering columns for the workload by region.
  ['cases_open_region_due', `ON cases (region_code text_pattern_ops, unit_due_at) INCLUDE (current_handler_id, lead_unit_id, open_breach_keys)
    WHERE status = 'open'`],
  // … per handler.
  ['cases_open_handler_due', `ON cases (current_handler_id, unit_due_at) INCLUDE (lead_unit_id, open_breach_keys)
    WHERE status = 'open' AND current_handler_id IS NOT NULL`],
  // Repeat cases, newest first; and the cases of one (petitioner, matter) pair, oldest first (links, relinking).
  ['cases_repeat_registered', `ON cases (registered_at DESC, case_id DESC) WHERE is_repeat`],
  ['cases_pair', `ON cases (petitioner_ref, matter_ref, registered_at, case_id) WHERE petitioner_ref IS NOT NULL`],
  // Period aggregates per unit (most-complained units): index-only scans of the period's rows, all of them or one region's.
  ['cases_registered_unit', `ON cases (registered_at) INCLUDE (lead_unit_id, persons, is_repeat, supervised, breach_count,
    evaluation_value, region_code, category, channel)`],
  ['cases_region_registered', `ON cases (region_code text_pattern_ops, registered_at) INCLUDE (lead_unit_id, persons, is_repeat,
    supervised, breach_count, evaluation_value, category, channel)`],
  // Ledger: newest breaches first (covering the per-unit summary); per unit and period; per region and period.
  ['ledger_breached', `ON accountability_ledger (breached_at DESC, case_id DESC, seq DESC) INCLUDE (unit_id, deadline_key, resolved_at,
    resolution, escalation_count, letter_id, feedback_at, region_code)`],
  ['ledger_unit_breached', `ON accountability_ledger (unit_id, breached_at)`],
  ['ledger_region_breached', `ON accountability_ledger (region_code text_pattern_ops, breached_at)`],
];

export class SupervisionIndexes1767139300000 implements MigrationInterface {
  name = 'SupervisionIndexes1767139300000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, ddl] of SUPERVISION_INDEXES) await q.query(`CREATE INDEX ${name} ${ddl}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of SUPERVISION_INDEXES) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
