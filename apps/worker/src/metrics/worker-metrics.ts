import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CaseEvent } from '@petitions/domain';
import type { ProjectCaseEventsInput } from '@petitions/contracts';

/** A clock key's kind: 'handling', 'acceptance', … ('feedback:<letter>' → 'feedback'), so labels stay few. */
export const clockKind = (key: string): string => key.split(':')[0] || 'unknown';

/**
 * The worker's own metrics, counted where the events land in the read model: a projection batch counts only the
 * events it newly applied (a retried or duplicated batch applies none), so each event is counted once per deployment.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly projected = new Counter({ name: 'petitions_events_projected_total', help: 'Case events projected into the read model, by event type', labelNames: ['type'], registers: [this.registry] });
  private readonly registrations = new Counter({ name: 'petitions_cases_registered_total', help: 'Cases registered (PetitionRegistered projected)', registers: [this.registry] });
  private readonly warnings = new Counter({ name: 'petitions_warnings_total', help: '预警 deadline warnings raised, by clock kind', labelNames: ['kind'], registers: [this.registry] });
  private readonly breaches = new Counter({ name: 'petitions_breaches_total', help: 'Deadline breaches recorded, by clock kind', labelNames: ['kind'], registers: [this.registry] });
  private readonly lettersIssued = new Counter({ name: 'petitions_letters_issued_total', help: 'Supervision letters issued, by letter kind', labelNames: ['kind'], registers: [this.registry] });
  private readonly lettersAnswered = new Counter({ name: 'petitions_letters_answered_total', help: 'Written feedback recorded on supervision letters, by on-time', labelNames: ['on_time'], registers: [this.registry] });
  private readonly held = new Counter({ name: 'petitions_projection_batches_held_total', help: 'Projection batches set aside as stuck (dead letters)', registers: [this.registry] });
  private readonly breachLateness = new Histogram({
    name: 'petitions_breach_lateness_seconds', help: 'How long after the due time a breach was recorded (timer and worker delay), by clock kind',
    labelNames: ['kind'], buckets: [0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600], registers: [this.registry],
  });
  private readonly projectionLag = new Histogram({
    name: 'petitions_projection_lag_seconds', help: 'From an event being recorded by its workflow to its landing in the read model',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800], registers: [this.registry],
  });

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'petitions_worker_' });
  }

  /** After a projection batch: the events with seq in (lastSeq − applied, lastSeq] are the ones just applied. */
  observeProjection(input: ProjectCaseEventsInput, result: { applied: number; lastSeq: number; stuck?: true }, now: Date): void {
    if (result.stuck) { this.held.inc(); return; }
    const from = result.lastSeq - result.applied;
    for (const { seq, event } of input.events) {
      if (seq <= from || seq > result.lastSeq) continue;
      this.observeEvent(event, now);
    }
  }

  private observeEvent(e: CaseEvent, now: Date): void {
    this.projected.inc({ type: e.type });
    const lag = (now.getTime() - Date.parse(e.at)) / 1000;
    if (Number.isFinite(lag)) this.projectionLag.observe(Math.max(0, lag));
    switch (e.type) {
      case 'PetitionRegistered': this.registrations.inc(); break;
      case 'DeadlineWarningRaised': this.warnings.inc({ kind: clockKind(e.deadlineKey) }); break;
      case 'DeadlineBreached': {
        const kind = clockKind(e.deadlineKey);
        this.breaches.inc({ kind });
        const late = (Date.parse(e.at) - Date.parse(e.dueAt)) / 1000;
        if (Number.isFinite(late)) this.breachLateness.observe({ kind }, Math.max(0, late));
        break;
      }
      case 'LetterIssued': this.lettersIssued.inc({ kind: e.letterKind }); break;
      case 'LetterFeedbackRecorded': this.lettersAnswered.inc({ on_time: String(e.onTime) }); break;
      default: break;
    }
  }
}
