import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { CaseEvent } from '@petitions/domain';
import { type PauseRow, foldPauses } from '../case-pauses.projection';

/**
 * The clock pauses of a case (current and past: clock, reason, approver, start, end, time stopped) in
 * `cases.pauses`, folded from ClockPaused / ClockResumed and the hearings. Cases that already paused a clock
 * (hearings) get theirs from their events; a partial index serves the reports, which read only cases with pauses.
 */
export class ClockPauses1767830471000 implements MigrationInterface {
  name = 'ClockPauses1767830471000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN IF NOT EXISTS pauses jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`CREATE INDEX IF NOT EXISTS cases_with_pauses ON cases (registered_at) WHERE pauses <> '[]'::jsonb`);
    const ids: { case_id: string }[] = await q.query(
      `SELECT DISTINCT case_id FROM case_events WHERE type IN ('ClockPaused', 'HearingStarted')`);
    for (const { case_id } of ids) {
      const events: { seq: number; payload: CaseEvent }[] = await q.query('SELECT seq, payload FROM case_events WHERE case_id = $1 ORDER BY seq', [case_id]);
      let pauses: PauseRow[] = [];
      for (const { seq, payload } of events) pauses = foldPauses(pauses, seq, payload);
      await q.query('UPDATE cases SET pauses = $2::jsonb WHERE case_id = $1', [case_id, JSON.stringify(pauses)]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS cases_with_pauses');
    await q.query('ALTER TABLE cases DROP COLUMN pauses');
  }
}
