import type { CaseEvent } from '@petitions/domain';
import type { ProjectCaseEventsInput } from '@petitions/contracts';
import { WorkerMetrics, clockKind } from './worker-metrics';

const actor = { id: 'system', role: 'system' } as CaseEvent['actor'];
const ev = (seq: number, event: Record<string, unknown>) => ({ seq, event: { actor, ...event } as unknown as CaseEvent });
const batch = (events: ReturnType<typeof ev>[]) => ({ caseId: 'petition-x', events, summary: {} } as unknown as ProjectCaseEventsInput);
/** One series' value from the Prometheus text (0 when absent). */
const value = async (m: WorkerMetrics, series: string) => {
  const line = (await m.registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('WorkerMetrics', () => {
  const events = [
    ev(5, { type: 'DeadlineWarningRaised', at: '2026-06-01T00:00:00.000Z', deadlineKey: 'handling' }),
    ev(6, { type: 'DeadlineBreached', at: '2026-06-01T00:00:30.000Z', dueAt: '2026-06-01T00:00:00.000Z', deadlineKey: 'feedback:L-9' }),
    ev(7, { type: 'LetterIssued', at: '2026-06-01T00:00:40.000Z', letterKind: 'reminder_letter' }),
  ];

  it('counts only the events a batch newly applied, by kind, with breach lateness and projection lag', async () => {
    const m = new WorkerMetrics();
    // Events 5–7 applied (lastSeq 7, applied 3), projected at 00:01:00.
    m.observeProjection(batch(events), { applied: 3, lastSeq: 7 }, new Date('2026-06-01T00:01:00.000Z'));
    // The same batch retried: nothing newly applied.
    m.observeProjection(batch(events), { applied: 0, lastSeq: 7 }, new Date('2026-06-01T00:02:00.000Z'));
    expect(await value(m, 'petitions_warnings_total{kind="handling"}')).toBe(1);
    expect(await value(m, 'petitions_breaches_total{kind="feedback"}')).toBe(1);
    expect(await value(m, 'petitions_letters_issued_total{kind="reminder_letter"}')).toBe(1);
    const text = await m.registry.metrics();
    // Breach recorded 30 s after its due time: in the 60 s bucket, not in the 15 s one.
    expect(text).toContain('petitions_breach_lateness_seconds_bucket{le="15",kind="feedback"} 0');
    expect(text).toContain('petitions_breach_lateness_seconds_bucket{le="60",kind="feedback"} 1');
    expect(text).toContain('petitions_breach_lateness_seconds_sum{kind="feedback"} 30');
    // Lags 60 s, 30 s and 20 s: three observations summing to 110 s.
    expect(text).toContain('petitions_projection_lag_seconds_count 3');
    expect(text).toContain('petitions_projection_lag_seconds_sum 110');
  });

  it('counts a batch set aside as stuck, and none of its events', async () => {
    const m = new WorkerMetrics();
    m.observeProjection(batch(events), { applied: 0, lastSeq: 7, stuck: true }, new Date('2026-06-01T00:01:00.000Z'));
    expect(await value(m, 'petitions_projection_batches_held_total')).toBe(1);
    expect(await value(m, 'petitions_breaches_total{kind="feedback"}')).toBe(0);
  });

  it('folds clock keys into kinds', () => {
    expect(['handling', 'feedback:L-1', 'acceptance'].map(clockKind)).toEqual(['handling', 'feedback', 'acceptance']);
  });
});
