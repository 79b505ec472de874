import type { CaseEvent } from '@petitions/domain';

/**
 * One clock pause of a case as the read model keeps it (`cases.pauses`, jsonb): the configured pauses (鉴定,
 * 等待其他机关决定 …, ClockPaused / ClockResumed) and the hearings of art.36 (HearingStarted / HearingEnded,
 * reason code 'hearing'). A pause still open when the case closes ends with the closure.
 */
export interface PauseRow {
  /** seq of the event that started it. */
  seq: number;
  deadlineKey: string;
  reasonCode: string;
  /** The free-text why of the pause command. */
  reason: string | null;
  /** The approver (policies with pauseApproval); null for hearings and older pauses. */
  approverId: string | null;
  requestedBy: string | null;
  /** Who stopped the clock. */
  actorId: string;
  unitId: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Time stopped (null while the pause lasts). */
  pausedMs: number | null;
  /** 'resumed' (the clock restarted) or 'case_closed'; null while the pause lasts. */
  endedBy: 'resumed' | 'case_closed' | null;
}

const iso = (t: string): string => new Date(Date.parse(t)).toISOString();

function started(pauses: readonly PauseRow[], seq: number, e: CaseEvent, deadlineKey: string, reasonCode: string, unitId: string | null,
  extra: { approverId?: string; requestedBy?: string } = {}): PauseRow[] {
  return [...pauses, { seq, deadlineKey, reasonCode, reason: e.reason ?? null, approverId: extra.approverId ?? null,
    requestedBy: extra.requestedBy ?? null, actorId: e.actor.id, unitId, startedAt: iso(e.at), endedAt: null, pausedMs: null, endedBy: null }];
}

/** Ends the open pause of `deadlineKey` (the last one started). */
function ended(pauses: readonly PauseRow[], deadlineKey: string, at: string, pausedMs: number): PauseRow[] {
  const i = pauses.map((p) => p.deadlineKey === deadlineKey && p.endedAt === null).lastIndexOf(true);
  if (i < 0) return [...pauses];
  return pauses.map((p, j) => (j === i ? { ...p, endedAt: iso(at), pausedMs, endedBy: 'resumed' } : p));
}

/** The pauses after one event (pure). */
export function foldPauses(pauses: readonly PauseRow[], seq: number, e: CaseEvent): PauseRow[] {
  switch (e.type) {
    case 'ClockPaused':
      return started(pauses, seq, e, e.deadlineKey, e.pauseReason, e.unitId, { approverId: e.approverId, requestedBy: e.requestedBy });
    case 'ClockResumed':
      return ended(pauses, e.deadlineKey, e.at, e.pausedMs);
    case 'HearingStarted':
      return started(pauses, seq, e, 'decideReReview', 'hearing', e.unitId);
    case 'HearingEnded':
      return ended(pauses, 'decideReReview', e.at, e.pausedMs);
    case 'CaseClosed':
      return pauses.map((p) => (p.endedAt === null
        ? { ...p, endedAt: iso(e.at), pausedMs: Date.parse(e.at) - Date.parse(p.startedAt), endedBy: 'case_closed' } : p));
    default:
      return pauses as PauseRow[];
  }
}
