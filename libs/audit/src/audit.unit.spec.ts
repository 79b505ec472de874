import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_PAYLOAD_KEY } from '../../../workflows/src/replay/fixture-key';
import { historyFromFile } from './case-history.source';
import { type DecodedCase, decodeCaseHistories } from './history-events';
import { divergingEventId } from './history-replay';
import { renderTimeline, stateAsOf } from './case-timeline';
import { canonical, describeMismatch, diffCaseRow, diffEventRows, expectedCaseRow, expectedEventRows } from './read-model.consistency';
import { CASE_ROW_COLUMNS, caseRowValues } from '@petitions/read-model';

const HISTORIES = join(__dirname, '../../../workflows/src/replay/histories');
let decoded: DecodedCase;

beforeAll(async () => {
  decoded = await decodeCaseHistories([historyFromFile(readFileSync(join(HISTORIES, 'extension-handling-breach.json'), 'utf8'))], FIXTURE_PAYLOAD_KEY);
});

describe('divergingEventId', () => {
  it('reads the event id from Core\'s nondeterminism messages', () => {
    expect(divergingEventId('[TMPRL1100] Nondeterminism error: Activity machine does not handle this event: HistoryEvent(id: 5, WorkflowExecutionUpdateAccepted)')).toBe(5);
    expect(divergingEventId('Nondeterminism error: ... event_id: 12 ...')).toBe(12);
    expect(divergingEventId('something else')).toBeNull();
  });
});

describe('historyFromFile', () => {
  it('refuses what is not a history', () => {
    expect(() => historyFromFile('{"x":1}')).toThrow(/not a Temporal history/);
    expect(() => historyFromFile('nope')).toThrow();
  });
});

describe('timeline and point-in-time state (pure folds of the decoded events)', () => {
  const ctx = () => ({ policy: decoded.input.policy, calendar: decoded.input.calendar });

  it('lists every event with when, who and why', () => {
    const t = renderTimeline(decoded.events);
    expect(t).toHaveLength(decoded.events.length);
    expect(t.map((e) => e.seq)).toEqual(t.map((_e, i) => i + 1));
    for (const e of t) {
      expect(e).toMatchObject({ seq: expect.any(Number), at: expect.any(String), actor: { id: expect.any(String), role: expect.any(String) }, type: expect.any(String) });
      expect(Object.keys(e).sort()).toEqual(['actor', 'at', 'reason', 'seq', 'type']);
    }
    expect(t.some((e) => e.actor.unitId !== null)).toBe(true);
  });

  it('folds up to an event number or a moment, with the deadlines pending then', () => {
    const first = stateAsOf(decoded.events, { seq: 1 }, ctx());
    expect(first).toMatchObject({ seq: 1, asOf: decoded.events[0]!.event.at });
    expect(first.state.step).toBe('routing');
    expect(first.pendingDeadlines.map((d) => d.key)).toContain('route');
    const breach = decoded.events.find((r) => r.event.type === 'DeadlineBreached')!;
    const byMoment = stateAsOf(decoded.events, { at: breach.event.at }, ctx());
    expect(byMoment.seq).toBeGreaterThanOrEqual(breach.seq);
    const justBefore = stateAsOf(decoded.events, { at: new Date(Date.parse(breach.event.at) - 1).toISOString() }, ctx());
    expect(justBefore.seq).toBeLessThan(breach.seq);
    expect(stateAsOf(decoded.events, { seq: 0 }, ctx())).toMatchObject({ seq: 0, asOf: null, pendingDeadlines: [], state: { status: 'unregistered' } });
    expect(() => stateAsOf(decoded.events, { at: 'not a time' }, ctx())).toThrow(RangeError);
  });
});

describe('read-model consistency (pure diff)', () => {
  /** The row and events as the pg driver would return them after the projection wrote them. */
  const dbRow = () => {
    const row = expectedCaseRow(decoded.caseId, decoded.events, decoded.projectedSummary);
    const values = caseRowValues(row);
    const out: Record<string, unknown> = { prior_case_id: null, is_repeat: false };
    CASE_ROW_COLUMNS.forEach(([, col], i) => {
      const v = values[i];
      out[col] = typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v;
    });
    return out;
  };
  const dbEvents = () => expectedEventRows(decoded.events).map((e) => ({ ...e, occurred_at: new Date(e.occurred_at), payload: JSON.parse(JSON.stringify(e.payload)) }));

  it('finds nothing when PostgreSQL holds what the history implies', () => {
    const expected = expectedCaseRow(decoded.caseId, decoded.events, decoded.projectedSummary);
    expect(expected.nextDeadlineKey).toBe(decoded.projectedSummary?.nextDeadlineKey);
    expect(diffCaseRow(expected, dbRow())).toEqual([]);
    expect(diffEventRows(decoded.caseId, expectedEventRows(decoded.events), dbEvents())).toEqual([]);
  });

  it('lists a changed column, a changed, missing or extra event, and a missing row', () => {
    const expected = expectedCaseRow(decoded.caseId, decoded.events, decoded.projectedSummary);
    const row = { ...dbRow(), breach_count: 99 };
    expect(diffCaseRow(expected, row)).toEqual([{ kind: 'case_column', caseId: decoded.caseId, column: 'breach_count', expected: expected.breachCount, actual: 99 }]);
    expect(diffCaseRow(expected, undefined)).toEqual([{ kind: 'case_missing', caseId: decoded.caseId }]);
    const events = dbEvents();
    events[0] = { ...events[0]!, actor_id: 'forger' };
    const missing = events.splice(2, 1)[0]!;
    events.push({ ...missing, seq: 999 });
    const diff = diffEventRows(decoded.caseId, expectedEventRows(decoded.events), events);
    expect(diff).toEqual([
      expect.objectContaining({ kind: 'event_column', seq: 1, column: 'actor_id', actual: 'forger' }),
      expect.objectContaining({ kind: 'event_missing', seq: 3 }),
      expect.objectContaining({ kind: 'event_extra', seq: 999 }),
    ]);
    expect(diff.map(describeMismatch)[0]).toMatch(/case_events #1\.actor_id is "forger"/);
  });

  it('compares instants as instants and objects regardless of key order', () => {
    expect(canonical({ b: '2026-01-01T08:00:00+08:00', a: [new Date('2026-01-01T00:00:00Z')] }))
      .toEqual({ a: ['2026-01-01T00:00:00.000Z'], b: '2026-01-01T00:00:00.000Z' });
  });
});

describe('a run with no completed workflow task', () => {
  it('is recognised, so the replay reports it instead of waiting for a decision that never comes', async () => {
    const { hasCompletedWorkflowTask } = await import('./history-replay');
    expect(hasCompletedWorkflowTask({ events: [{ eventId: 1, eventType: 1 }] } as never)).toBe(false);
    expect(hasCompletedWorkflowTask({ events: [{ eventId: 1, eventType: 1 }, { eventId: 2, eventType: 5 }, { eventId: 3, eventType: 6 }] } as never)).toBe(false);
    expect(hasCompletedWorkflowTask({ events: [{ eventId: 1, eventType: 1 }, { eventId: 2, eventType: 5 }, { eventId: 3, eventType: 6 },
      { eventId: 4, eventType: 7, workflowTaskCompletedEventAttributes: { scheduledEventId: 2 } }] } as never)).toBe(true);
  });
});
