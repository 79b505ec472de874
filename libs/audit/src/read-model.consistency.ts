import type { CaseRowSummary, RecordedEvent } from '@petitions/contracts';
import { CASE_ROW_COLUMNS, type CaseRow, emptyCaseRow, foldContiguous } from '@petitions/read-model';

/**
 * `cases` columns the check does not compare: prior_case_id and is_repeat link a case to other cases of the same
 * petitioner and matter, so one case's history cannot derive them. Every column of CASE_ROW_COLUMNS is compared
 * (updated_at is the time of the last event; next_deadline_* and policy_* come from the last projection batch's
 * summary, which the history also records).
 */
export const UNCOMPARED_CASE_COLUMNS = ['prior_case_id', 'is_repeat'] as const;

/** The `case_events` columns compared (recorded_at is the database's own insert time). */
export const COMPARED_EVENT_COLUMNS = ['type', 'occurred_at', 'actor_id', 'actor_role', 'actor_unit', 'reason', 'payload'] as const;

export interface ExpectedEventRow {
  seq: number;
  type: string;
  occurred_at: string;
  actor_id: string;
  actor_role: string;
  actor_unit: string | null;
  reason: string | null;
  payload: unknown;
}

export type Mismatch =
  | { kind: 'case_missing'; caseId: string }
  | { kind: 'case_column'; caseId: string; column: string; expected: unknown; actual: unknown }
  | { kind: 'event_missing'; caseId: string; seq: number; type: string }
  | { kind: 'event_extra'; caseId: string; seq: number; type: string }
  | { kind: 'event_column'; caseId: string; seq: number; column: string; expected: unknown; actual: unknown }
  | { kind: 'history_unreadable'; caseId: string; error: string }
  /** The case's hash chain in PostgreSQL: a changed event ('hash'), a broken link ('link': deleted, inserted or reordered), a missing seq ('gap'). */
  | { kind: 'chain_broken'; caseId: string; seq: number; reason: 'hash' | 'link' | 'gap' }
  /** PostgreSQL's chain head differs from the head the history recorded (the whole chain was rewritten). */
  | { kind: 'chain_head'; caseId: string; seq: number; expected: string; actual: string | null }
  /** The case's projection failed for good and waits in the dead-letter table (投影阻塞) from event #seq. */
  | { kind: 'projection_stuck'; caseId: string; seq: number; error: string }
  /** The history holds events PostgreSQL lacks (beyond the grace for a batch in flight). */
  | { kind: 'projection_behind'; caseId: string; historySeq: number; readModelEvents: number; unprojected: number };

/** The `cases` row the projection writes for these events: the same fold, then the last batch's summary. */
export function expectedCaseRow(caseId: string, events: readonly RecordedEvent[], summary: CaseRowSummary | null): CaseRow {
  const folded = foldContiguous(emptyCaseRow(caseId), events.map((r) => ({ seq: r.seq, payload: r.event })));
  return summary ? { ...folded.row, ...summary } : folded.row;
}

export function expectedEventRows(events: readonly RecordedEvent[]): ExpectedEventRow[] {
  return events.map(({ seq, event }) => ({
    seq, type: event.type, occurred_at: event.at, actor_id: event.actor.id, actor_role: event.actor.role,
    actor_unit: event.actor.unitId ?? null, reason: event.reason ?? null, payload: event,
  }));
}

const ISO_LIKE = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** One comparable form for both sides: instants as ISO UTC, objects with sorted keys (jsonb reorders them). */
export function canonical(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' && ISO_LIKE.test(v) && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Differences between the row the history implies and the row in PostgreSQL (`actual` as the driver returns it). */
export function diffCaseRow(expected: CaseRow, actual: Record<string, unknown> | undefined): Mismatch[] {
  if (!actual) return [{ kind: 'case_missing', caseId: expected.caseId }];
  const out: Mismatch[] = [];
  for (const [prop, column] of CASE_ROW_COLUMNS) {
    if (!same(expected[prop], actual[column])) {
      out.push({ kind: 'case_column', caseId: expected.caseId, column, expected: canonical(expected[prop]), actual: canonical(actual[column]) });
    }
  }
  return out;
}

/** Differences between the events the history records and the `case_events` rows, by seq. */
export function diffEventRows(caseId: string, expected: readonly ExpectedEventRow[], actual: readonly Record<string, unknown>[]): Mismatch[] {
  const out: Mismatch[] = [];
  const bySeq = new Map(actual.map((r) => [Number(r.seq), r]));
  for (const e of expected) {
    const row = bySeq.get(e.seq);
    bySeq.delete(e.seq);
    if (!row) {
      out.push({ kind: 'event_missing', caseId, seq: e.seq, type: e.type });
      continue;
    }
    for (const column of COMPARED_EVENT_COLUMNS) {
      if (!same(e[column], row[column])) {
        out.push({ kind: 'event_column', caseId, seq: e.seq, column, expected: canonical(e[column]), actual: canonical(row[column]) });
      }
    }
  }
  for (const [seq, row] of [...bySeq].sort((a, b) => a[0] - b[0])) out.push({ kind: 'event_extra', caseId, seq, type: String(row.type) });
  return out;
}

/** One line per mismatch, for people. */
export function describeMismatch(m: Mismatch): string {
  switch (m.kind) {
    case 'case_missing': return `${m.caseId}: no row in cases`;
    case 'case_column': return `${m.caseId}: cases.${m.column} is ${JSON.stringify(m.actual)}, history says ${JSON.stringify(m.expected)}`;
    case 'event_missing': return `${m.caseId}: event #${m.seq} (${m.type}) missing from case_events`;
    case 'event_extra': return `${m.caseId}: case_events has #${m.seq} (${m.type}) that the history does not`;
    case 'event_column': return `${m.caseId}: case_events #${m.seq}.${m.column} is ${JSON.stringify(m.actual)}, history says ${JSON.stringify(m.expected)}`;
    case 'history_unreadable': return `${m.caseId}: history unreadable: ${m.error}`;
    case 'chain_broken': return `${m.caseId}: hash chain broken at #${m.seq} (${m.reason === 'hash' ? 'event changed' : m.reason === 'link' ? 'event deleted, inserted or moved' : 'event missing'})`;
    case 'projection_stuck': return `${m.caseId}: projection stuck (投影阻塞) from #${m.seq}: ${m.error}`;
    case 'projection_behind': return `${m.caseId}: the history has ${m.historySeq} events, ${m.unprojected} of them not in case_events (${m.readModelEvents} rows)`;
    case 'chain_head': return `${m.caseId}: chain head at #${m.seq} is ${m.actual ?? 'missing'}, the history recorded ${m.expected}`;
    default: {
      const never: never = m;
      return String(never);
    }
  }
}
