import type { DataSource, EntityManager } from 'typeorm';
import type { CaseEvent } from '@petitions/domain';
import type { ProjectCaseEventsInput } from '@petitions/contracts';
import { type CaseRow, type LedgerChange, type LedgerEntry, type LedgerRow, emptyCaseRow, projectCaseEvent } from './case-row.projection';
import { applyLetterEvents } from './letters.projection';
import { type StatsKey, caseStatsKeys, ledgerStatsKeys, refreshCaseStats, refreshLedgerStats } from './unit-stats.rollup';

/** CaseRow property → `cases` column. prior_case_id and is_repeat are not folded (see linkRepeatPair). */
export const CASE_ROW_COLUMNS: [keyof CaseRow, string][] = [
  ['caseId', 'case_id'], ['status', 'status'], ['step', 'step'], ['channel', 'channel'], ['kind', 'kind'],
  ['category', 'category'], ['regionCode', 'region_code'], ['townshipCode', 'township_code'], ['level', 'level'], ['persons', 'persons'],
  ['leadUnitId', 'lead_unit_id'], ['coUnitIds', 'co_unit_ids'], ['leaderId', 'leader_id'], ['registeredAt', 'registered_at'],
  ['routedAt', 'routed_at'], ['routingMode', 'routing_mode'], ['receivedAt', 'received_at'], ['notifiedAt', 'notified_at'],
  ['acceptedAt', 'accepted_at'], ['acceptanceOutcome', 'acceptance_outcome'], ['repliedAt', 'replied_at'],
  ['closureType', 'closure_type'], ['closedAt', 'closed_at'], ['closureReason', 'closure_reason'],
  ['satisfaction', 'satisfaction'], ['repeatCount', 'repeat_count'], ['breachCount', 'breach_count'],
  ['nextDeadlineKey', 'next_deadline_key'], ['nextDeadlineAt', 'next_deadline_at'], ['policyId', 'policy_id'],
  ['policyVersion', 'policy_version'], ['lastSeq', 'last_seq'], ['updatedAt', 'updated_at'],
  ['petitionerRef', 'petitioner_ref'], ['matterRef', 'matter_ref'], ['bureauUnitId', 'bureau_unit_id'], ['respondentUnit', 'respondent_unit'], ['routeRound', 'route_round'],
  ['routedOnTime', 'routed_on_time'], ['notifiedOnTime', 'notified_on_time'], ['acceptanceDueAt', 'acceptance_due_at'],
  ['acceptanceOnTime', 'acceptance_on_time'], ['handlingDueAt', 'handling_due_at'], ['extensionStatus', 'extension_status'],
  ['repliedOnTime', 'replied_on_time'], ['claimUpheld', 'claim_upheld'], ['evaluationState', 'evaluation_state'],
  ['evaluationValue', 'evaluation_value'], ['evaluationDueAt', 'evaluation_due_at'], ['evaluatedAt', 'evaluated_at'],
  ['reviewRequested', 'review_requested'], ['reviewDecision', 'review_decision'], ['reviewOnTime', 'review_on_time'],
  ['reReviewRequested', 're_review_requested'], ['reReviewDecision', 're_review_decision'], ['reReviewOnTime', 're_review_on_time'],
  ['withdrawnAt', 'withdrawn_at'], ['breachCounts', 'breach_counts'], ['openDeadlines', 'open_deadlines'],
  ['unitDueAt', 'unit_due_at'], ['unitDueKey', 'unit_due_key'], ['openBreachKeys', 'open_breach_keys'],
  ['warningCount', 'warning_count'], ['escalationCount', 'escalation_count'], ['letterCount', 'letter_count'],
  ['supervised', 'supervised'], ['currentHandlerId', 'current_handler_id'], ['escalationLinks', 'escalation_links'],
  ['relatedCases', 'related_cases'], ['respondentRef', 'respondent_ref'], ['contentSketch', 'content_sketch'],
  ['pauses', 'pauses'],
  ['provisionalYears', 'provisional_years'],
];
const JSON_COLUMNS = new Set(['breach_counts', 'open_deadlines', 'escalation_links', 'related_cases', 'pauses']);
/** Events that set a case's (petitioner, matter) pair: the repeat links of the pair are recomputed after them. */
const PAIR_EVENTS = new Set<CaseEvent['type']>(['PetitionRegistered', 'RelatedCaseLinked', 'RelatedCaseUnlinked']);

export const LEDGER_COLUMNS: [keyof LedgerEntry, string][] = [
  ['caseId', 'case_id'], ['seq', 'seq'], ['deadlineKey', 'deadline_key'], ['step', 'step'], ['unitId', 'unit_id'],
  ['handlerId', 'handler_id'], ['leadUnitId', 'lead_unit_id'], ['regionCode', 'region_code'], ['category', 'category'],
  ['article', 'article'], ['dueAt', 'due_at'], ['breachedAt', 'breached_at'], ['warnedAt', 'warned_at'],
];

/** LedgerRow property → accountability_ledger column (all the projection fills). */
export const LEDGER_ROW_COLUMNS: [keyof LedgerRow, string][] = [
  ...LEDGER_COLUMNS,
  ['resolvedAt', 'resolved_at'], ['resolvedSeq', 'resolved_seq'], ['resolution', 'resolution'], ['escalationCount', 'escalation_count'],
  ['escalationLevel', 'escalation_level'], ['escalatedAt', 'escalated_at'], ['letterId', 'letter_id'], ['letterType', 'letter_type'],
  ['letterIssuedAt', 'letter_issued_at'], ['feedbackDueAt', 'feedback_due_at'], ['feedbackAt', 'feedback_at'], ['feedbackSummary', 'feedback_summary'],
];

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : (v as string | null));

function rowFromDb(db: Record<string, unknown>): CaseRow {
  const row = {} as Record<string, unknown>;
  for (const [prop, col] of CASE_ROW_COLUMNS) row[prop] = db[col] instanceof Date ? iso(db[col]) : db[col];
  return row as unknown as CaseRow;
}

/** Query parameters of one row, in CASE_ROW_COLUMNS order (jsonb as text, so arrays inside stay JSON). */
export function caseRowValues(row: CaseRow): unknown[] {
  return CASE_ROW_COLUMNS.map(([p, c]) => (JSON_COLUMNS.has(c) ? JSON.stringify(row[p]) : row[p]));
}

export interface FoldResult { row: CaseRow; applied: number; ledger: LedgerChange[]; registered: boolean }

/** Folds the contiguous events after row.lastSeq (pure). */
export function foldContiguous(start: CaseRow, events: readonly { seq: number; payload: CaseEvent }[]): FoldResult {
  let row = start;
  let applied = 0;
  let registered = false;
  const ledger: LedgerChange[] = [];
  for (const { seq, payload } of events) {
    if (seq !== row.lastSeq + 1) break;
    const p = projectCaseEvent(row, seq, payload);
    row = p.row;
    ledger.push(...p.ledger);
    registered ||= PAIR_EVENTS.has(payload.type);
    applied++;
  }
  return { row, applied, ledger, registered };
}

/**
 * Idempotent projection: events are appended by (case_id, seq) with ON CONFLICT DO NOTHING, then the row folds
 * every contiguous event after its last_seq, all in one transaction. A retried, duplicated or out-of-order delivery
 * therefore changes nothing it should not: gaps wait until the missing events arrive. Ledger rows are keyed by the
 * breach's (case_id, seq) and resolved at most once, so they follow the same rule.
 */
export class CaseProjectionWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(input: ProjectCaseEventsInput): Promise<{ applied: number; lastSeq: number; chainHead: string | null }> {
    return this.dataSource.transaction(async (tx) => {
      // Serialises writers of one case (a retried activity may overlap the original attempt); taken with the append.
      await this.lockAndAppendEvents(tx, input);
      const [current] = await tx.query(
        `SELECT c.*, COALESCE((SELECT json_agg(json_build_object('seq', e.seq, 'payload', e.payload) ORDER BY e.seq) FROM case_events e
           WHERE e.case_id = $1 AND e.seq > COALESCE(c.last_seq, 0)), '[]'::json) AS pending_events
         FROM (SELECT 1) one LEFT JOIN cases c ON c.case_id = $1`, [input.caseId]);
      const start = current.case_id !== null ? rowFromDb(current) : emptyCaseRow(input.caseId);
      const pending = current.pending_events as { seq: number; payload: CaseEvent }[];
      const folded = foldContiguous(start, pending);
      let row = folded.row;
      const batchLast = Math.max(0, ...input.events.map((e) => e.seq));
      if (batchLast === row.lastSeq) {
        // The summary describes the case as of this batch's last event: apply it only when that is the row's state.
        row = { ...row, nextDeadlineKey: input.summary.nextDeadlineKey, nextDeadlineAt: input.summary.nextDeadlineAt,
          policyId: input.summary.policyId, policyVersion: input.summary.policyVersion };
      }
      if (folded.applied > 0 || batchLast === row.lastSeq) {
        // A link or unlink moves the case from one pair to another: both pairs are relinked.
        const pairs = folded.registered ? repeatPairs(start, row) : [];
        for (const p of pairs) await lockRepeatPair(tx, p);
        await upsertCaseRow(tx, row);
        const ledgerKeys = await applyLedgerChanges(tx, folded.ledger);
        await applyLetterEvents(tx, input.caseId, pending.slice(0, folded.applied).map((e) => e.payload));
        const relinked: StatsKey[] = [];
        for (const p of pairs) relinked.push(...await linkRepeatPair(tx, p));
        const changed = statsSignature(start) !== statsSignature(row) ? [...caseStatsKeys(start), ...caseStatsKeys(row)] : [];
        await refreshCaseStats(tx, [...changed, ...relinked]);
        await refreshLedgerStats(tx, ledgerKeys);
      }
      const chainHead = await extendChain(tx, input.caseId, start.lastSeq, row.lastSeq);
      return { applied: folded.applied, lastSeq: row.lastSeq, chainHead };
    });
  }

  /** Rebuilds one case's row and ledger from case_events (the same fold, from an empty row). */
  async rebuildFromEventLog(caseId: string): Promise<{ lastSeq: number }> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [caseId]);
      return refoldCaseFromEventLog(tx, caseId);
    });
  }

  /** Takes the case's lock and appends the batch in one statement (the lock is taken before any row is inserted). */
  private async lockAndAppendEvents(tx: EntityManager, input: ProjectCaseEventsInput): Promise<void> {
    if (input.events.length === 0) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [input.caseId]);
      return;
    }
    const rows = input.events.map(({ seq, event }) => ({
      seq, type: event.type, occurred_at: event.at, actor_id: event.actor.id, actor_role: event.actor.role,
      actor_unit: event.actor.unitId ?? null, reason: event.reason ?? null, payload: event,
    }));
    await tx.query(
      `WITH lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtextextended($1, 0)))
       INSERT INTO case_events (case_id, seq, type, occurred_at, actor_id, actor_role, actor_unit, reason, payload)
       SELECT $1, v.seq, v.type, v.occurred_at, v.actor_id, v.actor_role, v.actor_unit, v.reason, v.payload
       FROM lock, jsonb_to_recordset($2::jsonb) AS v(seq integer, type text, occurred_at timestamptz, actor_id text, actor_role text,
         actor_unit text, reason text, payload jsonb)
       ON CONFLICT (case_id, seq) DO NOTHING`, [input.caseId, JSON.stringify(rows)]);
  }
}

/**
 * Chains the events just folded (seq in (fromSeq, toSeq]) onto the case's hash chain and returns its head.
 * The hash is PostgreSQL's (case_event_hash), so writer and auditor share one definition.
 */
async function extendChain(tx: EntityManager, caseId: string, fromSeq: number, toSeq: number): Promise<string | null> {
  if (toSeq === 0) return null;
  const [r] = await tx.query('SELECT case_chain_extend($1, $2, $3) AS head', [caseId, fromSeq, toSeq]);
  return r?.head ?? null;
}

/**
 * Refolds a case from its event log: row, ledger, repeat links and (unless `rollups: false`, for migrations that run
 * before the rollup tables exist) the unit rollups. The caller holds the case lock.
 */
export async function refoldCaseFromEventLog(tx: EntityManager, caseId: string, opts: { rollups?: boolean } = {}): Promise<{ lastSeq: number }> {
  const [current] = await tx.query('SELECT next_deadline_key, next_deadline_at, policy_id, policy_version FROM cases WHERE case_id = $1', [caseId]);
  const events: { seq: number; payload: CaseEvent }[] = await tx.query('SELECT seq, payload FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
  const folded = foldContiguous(emptyCaseRow(caseId), events);
  if (folded.applied === 0) return { lastSeq: 0 };
  // The workflow's summary is not an event; keep the one last written.
  const row: CaseRow = current ? { ...folded.row, nextDeadlineKey: current.next_deadline_key, nextDeadlineAt: iso(current.next_deadline_at),
    policyId: current.policy_id ?? folded.row.policyId, policyVersion: current.policy_version ?? folded.row.policyVersion } : folded.row;
  const [old] = await tx.query('SELECT registered_at, lead_unit_id, region_code, category, petitioner_ref, matter_ref FROM cases WHERE case_id = $1', [caseId]);
  const deleted = touchedKeys(await tx.query('DELETE FROM accountability_ledger WHERE case_id = $1 RETURNING breached_at, unit_id, region_code', [caseId]));
  const pairs = repeatPairs(old ? { petitionerRef: old.petitioner_ref, matterRef: old.matter_ref } : row, row);
  for (const p of pairs) await lockRepeatPair(tx, p);
  await upsertCaseRow(tx, row);
  const ledgerKeys = await applyLedgerChanges(tx, folded.ledger);
  const relinked: StatsKey[] = [];
  for (const p of pairs) relinked.push(...await linkRepeatPair(tx, p));
  if (opts.rollups === false) return { lastSeq: row.lastSeq };
  await refreshCaseStats(tx, [...(old ? caseStatsKeys(keyFields(old)) : []), ...caseStatsKeys(row), ...relinked]);
  await refreshLedgerStats(tx, [...ledgerKeys, ...deleted]);
  return { lastSeq: row.lastSeq };
}

export async function upsertCaseRow(tx: EntityManager, row: CaseRow): Promise<void> {
  const cols = CASE_ROW_COLUMNS.map(([, c]) => c);
  const placeholders = cols.map((c, i) => (JSON_COLUMNS.has(c) ? `$${i + 1}::jsonb` : `$${i + 1}`));
  const updates = cols.filter((c) => c !== 'case_id').map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO cases (${cols.join(', ')}) VALUES (${placeholders.join(', ')})
     ON CONFLICT (case_id) DO UPDATE SET ${updates.join(', ')}`, caseRowValues(row));
}

/** What the unit rollups count of a case row: when it does not change, the rollups need no refresh. */
const statsSignature = (r: CaseRow): string => JSON.stringify([r.registeredAt, r.leadUnitId, r.regionCode, r.category, r.persons,
  r.repeatCount, r.supervised, r.breachCount, r.evaluationState, r.evaluationValue]);

const keyFields = (db: Record<string, unknown>) => ({ registeredAt: iso(db.registered_at), leadUnitId: db.lead_unit_id as string | null,
  regionCode: db.region_code as string | null, category: db.category as string | null });

type Touched = { breached_at: Date; unit_id: string | null; region_code: string | null };
/** TypeORM answers UPDATE / DELETE … RETURNING with [rows, affected]. */
const returned = <T>(result: [T[], number]): T[] => result[0];
const touchedKeys = (result: [Touched[], number]): StatsKey[] => returned(result).flatMap((d) =>
  ledgerStatsKeys({ breachedAt: d.breached_at.toISOString(), unitId: d.unit_id, regionCode: d.region_code }));
const RETURNING_KEY = 'RETURNING breached_at, unit_id, region_code';

/**
 * Ledger changes in event order, each idempotent (see applyLedgerChange, its in-memory twin). Returns the ledger
 * rollup rows the changes touched.
 */
export async function applyLedgerChanges(tx: EntityManager, changes: readonly LedgerChange[]): Promise<StatsKey[]> {
  const keys: StatsKey[] = [];
  for (const c of changes) {
    switch (c.kind) {
      case 'breach': {
        const cols = LEDGER_COLUMNS.map(([, col]) => col);
        await tx.query(
          `INSERT INTO accountability_ledger (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
           ON CONFLICT (case_id, seq) DO NOTHING`, LEDGER_COLUMNS.map(([p]) => c.entry[p]));
        keys.push(...ledgerStatsKeys(c.entry));
        break;
      }
      case 'resolve':
        keys.push(...touchedKeys(await tx.query(
          `UPDATE accountability_ledger SET resolved_at = $3, resolved_seq = $4, resolution = $5
           WHERE case_id = $1 AND seq = $2 AND resolved_at IS NULL ${RETURNING_KEY}`, [c.caseId, c.breachSeq, c.resolvedAt, c.resolvedSeq, c.resolution])));
        break;
      case 'escalate':
        keys.push(...touchedKeys(await tx.query(
          `UPDATE accountability_ledger SET escalation_count = $3, escalation_level = $4, escalated_at = $5 WHERE case_id = $1 AND seq = $2
           ${RETURNING_KEY}`, [c.caseId, c.breachSeq, c.escalationCount, c.rung, c.escalatedAt])));
        break;
      case 'letter':
        keys.push(...touchedKeys(await tx.query(
          `UPDATE accountability_ledger SET letter_id = $3, letter_type = $4, letter_issued_at = $5, feedback_due_at = $6
           WHERE case_id = $1 AND seq = $2 ${RETURNING_KEY}`, [c.caseId, c.breachSeq, c.letterNo, c.letterKind, c.issuedAt, c.feedbackDueAt])));
        break;
      case 'feedback':
        keys.push(...touchedKeys(await tx.query(
          `UPDATE accountability_ledger SET feedback_at = $3, feedback_summary = $4 WHERE case_id = $1 AND seq = $2 ${RETURNING_KEY}`,
          [c.caseId, c.breachSeq, c.feedbackAt, c.feedbackRef])));
        break;
      case 'withdraw':
        keys.push(...touchedKeys(await tx.query(
          `DELETE FROM accountability_ledger WHERE case_id = $1 AND ((deadline_key = $2 AND due_at = $3) OR deadline_key = ANY($4::text[]))
           ${RETURNING_KEY}`, [c.caseId, c.deadlineKey, c.dueAt, c.feedbackKeys])));
        break;
      default: {
        const never: never = c;
        throw new Error(`unknown ledger change ${(never as { kind: string }).kind}`);
      }
    }
  }
  return keys;
}

type RepeatPair = Pick<CaseRow, 'petitionerRef' | 'matterRef'>;

/** The distinct (petitioner, matter) pairs of a case before and after a batch, in lock order. */
function repeatPairs(before: RepeatPair, after: RepeatPair): RepeatPair[] {
  const key = (p: RepeatPair) => `${p.petitionerRef}|${p.matterRef}`;
  const pairs = [before, after].filter((p) => p.petitionerRef !== null && p.matterRef !== null);
  return [...new Map(pairs.map((p) => [key(p), p])).values()].sort((a, b) => key(a).localeCompare(key(b)));
}

// Writers of two cases of one petitioner and matter both relink the pair: a pair lock taken before the row
// locks orders them, so they wait instead of deadlocking.
async function lockRepeatPair(tx: EntityManager, row: RepeatPair): Promise<void> {
  if (row.petitionerRef === null || row.matterRef === null) return;
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [`${row.petitionerRef}|${row.matterRef}`]);
}

/**
 * Cross-case repeats: among the cases of one (petitioner_ref, matter_ref), each links to the one registered just
 * before it. Recomputed for the whole pair whenever a case of it is registered, so the order in which cases are
 * projected does not matter.
 */
export async function linkRepeatPair(tx: EntityManager, row: RepeatPair): Promise<StatsKey[]> {
  if (row.petitionerRef === null || row.matterRef === null) return [];
  const changed = returned<Record<string, unknown>>(await tx.query(
    `UPDATE cases c SET prior_case_id = s.prev
     FROM (SELECT case_id, lag(case_id) OVER (ORDER BY registered_at, case_id) AS prev
           FROM cases WHERE petitioner_ref = $1 AND matter_ref = $2) s
     WHERE c.case_id = s.case_id AND c.prior_case_id IS DISTINCT FROM s.prev
     RETURNING c.registered_at, c.lead_unit_id, c.region_code, c.category`, [row.petitionerRef, row.matterRef]));
  // The repeat flag of these cases changed: their unit rollups follow.
  return changed.flatMap((r) => caseStatsKeys(keyFields(r)));
}
