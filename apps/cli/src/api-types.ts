/**
 * The HTTP API's answers as the CLI reads them (JSON: instants are ISO strings). Only what the CLI shows is
 * typed; every field is read defensively, so a newer API with more fields still works.
 */
export interface ActorJson {
  id: string;
  role: string;
  unitId?: string | null;
}

export interface EventSummaryJson {
  seq: number;
  type: string;
  at: string;
}

/** POST /petitions and POST /petitions/:id/commands. */
export interface CommandOutcomeJson {
  caseId: string;
  result?: 'registered' | 'repeat' | 'applied' | string;
  status: string;
  step: string;
  events: EventSummaryJson[];
}

/** GET /petitions/:id — the PostgreSQL read model. */
export interface CaseRowJson {
  caseId: string;
  status: string;
  step: string;
  channel?: string | null;
  kind?: string | null;
  category?: string | null;
  regionCode?: string | null;
  level?: string | null;
  persons?: number;
  leadUnitId?: string | null;
  coUnitIds?: string[];
  leaderId?: string | null;
  registeredAt?: string | null;
  acceptanceOutcome?: string | null;
  closureType?: string | null;
  closedAt?: string | null;
  closureReason?: string | null;
  satisfaction?: string | null;
  repeatCount?: number;
  breachCount?: number;
  nextDeadlineKey?: string | null;
  nextDeadlineAt?: string | null;
  /** 暂定: years of holidays some open deadline was computed without. */
  provisionalYears?: number[];
  policyId?: string | null;
  policyVersion?: number | null;
  lastSeq?: number;
  updatedAt?: string;
  pauses?: PauseJson[];
}

/** A clock pause as the read model keeps it (cases.pauses). */
export interface PauseJson {
  deadlineKey: string;
  reasonCode: string;
  reason?: string | null;
  approverId?: string | null;
  requestedBy?: string | null;
  startedAt: string;
  endedAt?: string | null;
  pausedMs?: number | null;
  endedBy?: string | null;
}

export interface CaseEventRowJson {
  seq: number;
  type: string;
  at: string;
  actor: ActorJson;
  reason?: string | null;
}

export interface CaseReadModelJson {
  case: CaseRowJson;
  events: CaseEventRowJson[];
}

/** GET /petitions/:id/live — the workflow's view. */
export interface LiveEventJson {
  seq: number;
  event: { type: string; at: string; actor?: ActorJson; reason?: string };
}

export interface PendingDeadlineJson {
  key: string;
  step: string;
  dueAt: string;
  kind: string;
  article?: string;
  unitId?: string;
  paused?: boolean;
  remainingMs: number;
  /** 暂定: the years of holidays the due time was computed without (absent when final). */
  provisionalYears?: number[];
}

export interface LiveStateJson {
  caseId: string | null;
  status: string;
  step: string;
  petition?: { channel?: string; kind?: string; category?: string; regionCode?: string; level?: string; persons?: number } | null;
  assignment?: { mode?: string; leadUnitId?: string; coUnitIds?: string[] } | null;
  leaderId?: string | null;
  closure?: { reason: string; at: string } | null;
  breaches?: unknown[];
  repeatCount?: number;
  eventCount?: number;
  /** The workflow's pause records (pauseReason, start, end, time stopped, approver). */
  pauses?: { deadlineKey: string; pauseReason: string; startedAt: string; endedAt: string | null; pausedMs: number | null; approverId?: string }[];
}

export interface CaseLiveViewJson {
  caseId: string;
  policy?: { id: string; version: number };
  state: LiveStateJson;
  timeline: LiveEventJson[];
  pendingDeadlines: PendingDeadlineJson[];
  asOf: string;
  /** The read-model projection: 'stuck' (投影阻塞) when it failed for good and waits for a replay. */
  projection?: { status: 'ok' | 'stuck'; fromSeq?: number; errorCode?: string | null; since?: string };
}

/** Every refusal: `{ error: { code, message (zh-CN), messageEn, details? } }`. */
export interface ErrorBodyJson {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}
