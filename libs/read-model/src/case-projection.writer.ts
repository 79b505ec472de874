import type { DataSource, EntityManager } from 'typeorm';
import type { CaseEvent } from '@petitions/domain';
import type { ProjectCaseEventsInput } from '@petitions/contracts';
import { type CaseRow, emptyCaseRow, evolveCaseRow } from './case-row.projection';

const COLUMNS: [keyof CaseRow, string][] = [
  ['caseId', 'case_id'], ['status', 'status'], ['step', 'step'], ['channel', 'channel'], ['kind', 'kind'],
  ['category', 'category'], ['regionCode', 'region_code'], ['level', 'level'], ['persons', 'persons'],
  ['leadUnitId', 'lead_unit_id'], ['coUnitIds', 'co_unit_ids'], ['leaderId', 'leader_id'], ['registeredAt', 'registered_at'],
  ['routedAt', 'routed_at'], ['routingMode', 'routing_mode'], ['receivedAt', 'received_at'], ['notifiedAt', 'notified_at'],
  ['acceptedAt', 'accepted_at'], ['acceptanceOutcome', 'acceptance_outcome'], ['repliedAt', 'replied_at'],
  ['closureType', 'closure_type'], ['closedAt', 'closed_at'], ['closureReason', 'closure_reason'],
  ['satisfaction', 'satisfaction'], ['repeatCount', 'repeat_count'], ['breachCount', 'breach_count'],
  ['nextDeadlineKey', 'next_deadline_key'], ['nextDeadlineAt', 'next_deadline_at'], ['policyId', 'policy_id'],
  ['policyVersion', 'policy_version'], ['lastSeq', 'last_seq'], ['updatedAt', 'updated_at'],
];

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : (v as string | null));

function rowFromDb(db: Record<string, unknown>): CaseRow {
  const row = {} as Record<string, unknown>;
  for (const [prop, col] of COLUMNS) row[prop] = db[col] instanceof Date ? iso(db[col]) : db[col];
  return row as unknown as CaseRow;
}

/**
 * Idempotent projection: events are appended by (case_id, seq) with ON CONFLICT DO NOTHING, then the row folds
 * every contiguous event after its last_seq, all in one transaction. A retried, duplicated or out-of-order delivery
 * therefore changes nothing it should not: gaps wait until the missing events arrive.
 */
export class CaseProjectionWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(input: ProjectCaseEventsInput): Promise<{ applied: number; lastSeq: number }> {
    return this.dataSource.transaction(async (tx) => {
      // Serialises writers of one case (a retried activity may overlap the original attempt).
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [input.caseId]);
      await this.appendEvents(tx, input);
      const [current] = await tx.query('SELECT * FROM cases WHERE case_id = $1', [input.caseId]);
      let row = current ? rowFromDb(current) : emptyCaseRow(input.caseId);
      const pending: { seq: number; payload: CaseEvent }[] = await tx.query(
        'SELECT seq, payload FROM case_events WHERE case_id = $1 AND seq > $2 ORDER BY seq', [input.caseId, row.lastSeq]);
      let applied = 0;
      for (const { seq, payload } of pending) {
        if (seq !== row.lastSeq + 1) break;
        row = evolveCaseRow(row, seq, payload);
        applied++;
      }
      const batchLast = Math.max(0, ...input.events.map((e) => e.seq));
      if (batchLast === row.lastSeq) {
        // The summary describes the case as of this batch's last event: apply it only when that is the row's state.
        row = { ...row, nextDeadlineKey: input.summary.nextDeadlineKey, nextDeadlineAt: input.summary.nextDeadlineAt,
          policyId: input.summary.policyId, policyVersion: input.summary.policyVersion };
      }
      if (applied > 0 || batchLast === row.lastSeq) await this.upsertRow(tx, row);
      return { applied, lastSeq: row.lastSeq };
    });
  }

  private async appendEvents(tx: EntityManager, input: ProjectCaseEventsInput): Promise<void> {
    if (input.events.length === 0) return;
    const values: unknown[] = [];
    const tuples = input.events.map(({ seq, event }, i) => {
      const { actor } = event;
      values.push(input.caseId, seq, event.type, event.at, actor.id, actor.role, actor.unitId ?? null, event.reason ?? null, JSON.stringify(event));
      const b = i * 9;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}::jsonb)`;
    });
    await tx.query(
      `INSERT INTO case_events (case_id, seq, type, occurred_at, actor_id, actor_role, actor_unit, reason, payload)
       VALUES ${tuples.join(', ')} ON CONFLICT (case_id, seq) DO NOTHING`, values);
  }

  private async upsertRow(tx: EntityManager, row: CaseRow): Promise<void> {
    const cols = COLUMNS.map(([, c]) => c);
    const params = COLUMNS.map(([p]) => row[p]);
    const placeholders = cols.map((_, i) => `$${i + 1}`);
    const updates = cols.filter((c) => c !== 'case_id').map((c) => `${c} = EXCLUDED.${c}`);
    await tx.query(
      `INSERT INTO cases (${cols.join(', ')}) VALUES (${placeholders.join(', ')})
       ON CONFLICT (case_id) DO UPDATE SET ${updates.join(', ')}`, params);
  }
}
