import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refoldCaseFromEventLog } from '../case-projection.writer';

/**
 * Supervision columns on `cases` (all folded from events by evolveCaseRow), the accountability ledger (one row per
 * DeadlineBreached, keyed by (case_id, seq)) and the cross-case repeat link (prior_case_id, kept by the writer).
 * Existing rows are refolded from case_events so the new columns are filled.
 */
export class SupervisionReadModel1767139200000 implements MigrationInterface {
  name = 'SupervisionReadModel1767139200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN petitioner_ref      text,
        ADD COLUMN matter_ref          text,
        ADD COLUMN bureau_unit_id      text,
        ADD COLUMN route_round         integer     NOT NULL DEFAULT 0,
        ADD COLUMN routed_on_time      boolean,
        ADD COLUMN notified_on_time    boolean,
        ADD COLUMN acceptance_due_at   timestamptz,
        ADD COLUMN acceptance_on_time  boolean,
        ADD COLUMN handling_due_at     timestamptz,
        ADD COLUMN extension_status    text,
        ADD COLUMN replied_on_time     boolean,
        ADD COLUMN claim_upheld        boolean,
        ADD COLUMN evaluation_state    text        NOT NULL DEFAULT 'not_evaluated',
        ADD COLUMN evaluation_value    text,
        ADD COLUMN evaluation_due_at   timestamptz,
        ADD COLUMN evaluated_at        timestamptz,
        ADD COLUMN review_requested    boolean     NOT NULL DEFAULT false,
        ADD COLUMN review_decision     text,
        ADD COLUMN review_on_time      boolean,
        ADD COLUMN re_review_requested boolean     NOT NULL DEFAULT false,
        ADD COLUMN re_review_decision  text,
        ADD COLUMN re_review_on_time   boolean,
        ADD COLUMN withdrawn_at        timestamptz,
        ADD COLUMN breach_counts       jsonb       NOT NULL DEFAULT '{}',
        ADD COLUMN open_deadlines      jsonb       NOT NULL DEFAULT '{}',
        ADD COLUMN escalation_links    jsonb       NOT NULL DEFAULT '{}',
        ADD COLUMN unit_due_at         timestamptz,
        ADD COLUMN unit_due_key        text,
        ADD COLUMN open_breach_keys    text[]      NOT NULL DEFAULT '{}',
        ADD COLUMN warning_count       integer     NOT NULL DEFAULT 0,
        ADD COLUMN escalation_count    integer     NOT NULL DEFAULT 0,
        ADD COLUMN letter_count        integer     NOT NULL DEFAULT 0,
        ADD COLUMN supervised          boolean     NOT NULL DEFAULT false,
        ADD COLUMN current_handler_id  text,
        ADD COLUMN prior_case_id       text`);
    // Not part of the fold: the writer sets prior_case_id across the cases of one (petitioner, matter) pair.
    await q.query(`ALTER TABLE cases ADD COLUMN is_repeat boolean GENERATED ALWAYS AS (repeat_count > 0 OR prior_case_id IS NOT NULL) STORED`);
    await q.query(`
      CREATE TABLE accountability_ledger (
        case_id           text        NOT NULL,
        seq               integer     NOT NULL,
        deadline_key      text        NOT NULL,
        step              text        NOT NULL,
        unit_id           text,
        handler_id        text,
        lead_unit_id      text,
        region_code       text,
        category          text,
        article           text        NOT NULL,
        due_at            timestamptz NOT NULL,
        breached_at       timestamptz NOT NULL,
        resolved_at       timestamptz,
        resolved_seq      integer,
        resolution        text,
        -- filled once warning / escalation / letter events exist (DeadlineWarningRaised, EscalationRaised, LetterIssued, …)
        warned_at         timestamptz,
        escalation_count  integer     NOT NULL DEFAULT 0,
        escalation_level  text,
        escalated_at      timestamptz,
        escalated_to      text,
        letter_id         text,
        letter_type       text,
        letter_issued_at  timestamptz,
        feedback_due_at   timestamptz,
        feedback_at       timestamptz,
        feedback_summary  text,
        recommendation_adopted boolean,
        recorded_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, seq)
      )`);
    const rows: { case_id: string }[] = await q.query('SELECT case_id FROM cases ORDER BY case_id');
    // The unit rollups do not exist yet: their own migration builds them from the refolded rows.
    for (const { case_id } of rows) await refoldCaseFromEventLog(q.manager, case_id, { rollups: false });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accountability_ledger`);
    await q.query(`ALTER TABLE cases DROP COLUMN is_repeat`);
    await q.query(`
      ALTER TABLE cases
        DROP COLUMN petitioner_ref, DROP COLUMN matter_ref, DROP COLUMN bureau_unit_id, DROP COLUMN route_round,
        DROP COLUMN routed_on_time, DROP COLUMN notified_on_time, DROP COLUMN acceptance_due_at, DROP COLUMN acceptance_on_time,
        DROP COLUMN handling_due_at, DROP COLUMN extension_status, DROP COLUMN replied_on_time, DROP COLUMN claim_upheld,
        DROP COLUMN evaluation_state, DROP COLUMN evaluation_value, DROP COLUMN evaluation_due_at, DROP COLUMN evaluated_at,
        DROP COLUMN review_requested, DROP COLUMN review_decision, DROP COLUMN review_on_time, DROP COLUMN re_review_requested,
        DROP COLUMN re_review_decision, DROP COLUMN re_review_on_time, DROP COLUMN withdrawn_at, DROP COLUMN breach_counts,
        DROP COLUMN open_deadlines, DROP COLUMN escalation_links, DROP COLUMN unit_due_at, DROP COLUMN unit_due_key, DROP COLUMN open_breach_keys,
        DROP COLUMN warning_count, DROP COLUMN escalation_count, DROP COLUMN letter_count, DROP COLUMN supervised,
        DROP COLUMN current_handler_id, DROP COLUMN prior_case_id`);
  }
}
