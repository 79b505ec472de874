import type { CaseEvent } from '@petitions/domain';
import { type PauseRow, foldPauses } from './case-pauses.projection';

const HEAD = { id: 'head-1', role: 'unit_head' as const, unitId: 'u-1' };
const H = 3_600_000;
const fold = (events: CaseEvent[]): PauseRow[] => events.reduce<PauseRow[]>((p, e, i) => foldPauses(p, i + 1, e), []);

const paused: CaseEvent = { type: 'ClockPaused', at: '2026-04-01T10:00:00+08:00', actor: HEAD, reason: '委托鉴定', deadlineKey: 'handling',
  pauseReason: 'appraisal', unitId: 'u-1', remainingMs: 974 * H, approverId: 'head-1', requestedBy: 'h-1' };

describe('cases.pauses (foldPauses)', () => {
  it('a configured pause: started with reason, why, approver and requester; ended by ClockResumed with its paused time', () => {
    const open = fold([paused]);
    expect(open).toEqual([{ seq: 1, deadlineKey: 'handling', reasonCode: 'appraisal', reason: '委托鉴定', approverId: 'head-1', requestedBy: 'h-1',
      actorId: 'head-1', unitId: 'u-1', startedAt: '2026-04-01T02:00:00.000Z', endedAt: null, pausedMs: null, endedBy: null }]);
    const done = fold([paused, { type: 'ClockResumed', at: '2026-04-15T10:00:00+08:00', actor: { id: 'h-1', role: 'handler', unitId: 'u-1' },
      deadlineKey: 'handling', pauseReason: 'appraisal', unitId: 'u-1', pausedMs: 336 * H, dueAt: '2026-05-25T16:00:00.000Z' }]);
    expect(done[0]).toMatchObject({ endedAt: '2026-04-15T02:00:00.000Z', pausedMs: 336 * H, endedBy: 'resumed' });
  });

  it('hearings are pauses of the re-review clock (reason hearing, no approver); a pause running at closure ends there', () => {
    const rr = { id: 'rr-1', role: 'handler' as const, unitId: 'prov' };
    const events: CaseEvent[] = [
      { type: 'HearingStarted', at: '2026-06-22T09:00:00+08:00', actor: rr, unitId: 'prov', remainingMs: 100 * H },
      { type: 'HearingEnded', at: '2026-06-24T17:00:00+08:00', actor: rr, unitId: 'prov', pausedMs: 56 * H, decideReReviewDueAt: null },
      { ...paused, at: '2026-06-25T10:00:00+08:00', deadlineKey: 'decideReReview', approverId: undefined, requestedBy: undefined },
      { type: 'CaseClosed', at: '2026-06-26T10:00:00+08:00', actor: { id: 'reg-1', role: 'registrar' }, closureReason: 'withdrawn', step: 're_review' },
    ];
    expect(fold(events).map((p) => [p.reasonCode, p.approverId, p.pausedMs, p.endedBy])).toEqual([
      ['hearing', null, 56 * H, 'resumed'],
      ['appraisal', null, 24 * H, 'case_closed'],
    ]);
  });
});
