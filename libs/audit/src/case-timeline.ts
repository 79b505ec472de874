import { type CaseState, type DecideContext, type PendingDeadline, evolve, initialState, pendingDeadlines } from '@petitions/domain';
import type { RecordedEvent } from '@petitions/contracts';

/** One line of the audit timeline: when, who (id, role, unit), what, why. */
export interface TimelineEntry {
  seq: number;
  at: string;
  actor: { id: string; role: string; unitId: string | null };
  type: string;
  reason: string | null;
}

export function renderTimeline(events: readonly RecordedEvent[]): TimelineEntry[] {
  return events.map(({ seq, event }) => ({
    seq,
    at: event.at,
    actor: { id: event.actor.id, role: event.actor.role, unitId: event.actor.unitId ?? null },
    type: event.type,
    reason: event.reason ?? null,
  }));
}

export type AsOf = { seq: number } | { at: string };

export interface PointInTimeState {
  /** The last event folded (0: before registration). */
  seq: number;
  /** The moment the state describes: the given moment, or the time of event `seq`. */
  asOf: string | null;
  state: CaseState;
  pendingDeadlines: (PendingDeadline & { remainingMs: number })[];
}

/**
 * The case as it stood after event number `seq`, or at a moment (every event at or before it): `evolve` folded
 * from `initialState()`, with the deadlines that were pending then (under the case's own policy when it has one).
 */
export function stateAsOf(events: readonly RecordedEvent[], asOf: AsOf, ctx: DecideContext): PointInTimeState {
  const limitMs = 'at' in asOf ? Date.parse(asOf.at) : NaN;
  if ('at' in asOf && Number.isNaN(limitMs)) throw new RangeError(`not a moment: ${asOf.at}`);
  let state = initialState();
  let seq = 0;
  let lastAt: string | null = null;
  for (const r of events) {
    if ('seq' in asOf ? r.seq > asOf.seq : Date.parse(r.event.at) > limitMs) break;
    state = evolve(state, r.event);
    seq = r.seq;
    lastAt = r.event.at;
  }
  const asOfIso = 'at' in asOf ? new Date(limitMs).toISOString() : lastAt;
  const nowMs = asOfIso === null ? NaN : Date.parse(asOfIso);
  const pending = state.status === 'unregistered' ? [] : pendingDeadlines(state, ctx).map((d) => ({
    ...d, remainingMs: d.paused ? d.remainingMs ?? 0 : Date.parse(d.dueAt) - nowMs,
  }));
  return { seq, asOf: asOfIso, state, pendingDeadlines: pending };
}
