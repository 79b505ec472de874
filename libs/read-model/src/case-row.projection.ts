import type { CaseDiverted, CaseEvent, CaseNotAccepted } from '@petitions/domain';
import { type PauseRow, foldPauses } from './case-pauses.projection';
import { withProvisional } from './case-row.provisional';
import { withStepDue, withdrawBreach } from './case-row.withdrawal';

/** A deadline binding the bureau or a unit that has not been met yet (breached or not). */
export interface OpenDeadline {
  dueAt: string;
  unitId: string | null;
  /** seq of the DeadlineBreached event once the deadline is missed; the ledger row is keyed by it. */
  breachSeq: number | null;
  /** The clock is stopped (a hearing 听证 of art.36, or a configured pause such as 鉴定). */
  paused: boolean;
  /** The last warning (预警) raised on this clock, carried into the ledger row when it is breached. */
  warnedAt: string | null;
  /** Escalation rungs raised after the breach. */
  escalations: number;
  /** 暂定: the years of holidays the due time was computed without (absent or empty: final). */
  provisionalYears?: number[];
}

/** Clock keys: the step deadlines ('route' … 'decideReReview') and letter feedback clocks ('feedback:…'). */
type Deadlines = Record<string, OpenDeadline>;

export type EvaluationState = 'not_evaluated' | 'pending' | 'evaluated' | 'lapsed';

/** The `cases` row as plain data; `evolveCaseRow` folds domain events into it, with no I/O. */
export interface CaseRow {
  caseId: string;
  status: string;
  step: string;
  channel: string | null;
  kind: string | null;
  category: string | null;
  regionCode: string | null;
  /** The township (9 digits) when the registration named one. */
  townshipCode: string | null;
  level: string | null;
  persons: number;
  leadUnitId: string | null;
  coUnitIds: string[];
  leaderId: string | null;
  registeredAt: string | null;
  routedAt: string | null;
  routingMode: string | null;
  receivedAt: string | null;
  notifiedAt: string | null;
  acceptedAt: string | null;
  acceptanceOutcome: string | null;
  repliedAt: string | null;
  closureType: string | null;
  closedAt: string | null;
  closureReason: string | null;
  satisfaction: string | null;
  repeatCount: number;
  breachCount: number;
  nextDeadlineKey: string | null;
  nextDeadlineAt: string | null;
  policyId: string | null;
  policyVersion: number | null;
  lastSeq: number;
  updatedAt: string;
  // ── supervision columns (migration 1767139200000) ──
  petitionerRef: string | null;
  matterRef: string | null;
  bureauUnitId: string | null;
  /** 被反映单位: the respondent when it is a unit (by its description), else null. */
  respondentUnit: string | null;
  routeRound: number;
  routedOnTime: boolean | null;
  notifiedOnTime: boolean | null;
  acceptanceDueAt: string | null;
  acceptanceOnTime: boolean | null;
  handlingDueAt: string | null;
  extensionStatus: string | null;
  repliedOnTime: boolean | null;
  claimUpheld: boolean | null;
  evaluationState: EvaluationState;
  evaluationValue: string | null;
  evaluationDueAt: string | null;
  evaluatedAt: string | null;
  reviewRequested: boolean;
  reviewDecision: string | null;
  reviewOnTime: boolean | null;
  reReviewRequested: boolean;
  reReviewDecision: string | null;
  reReviewOnTime: boolean | null;
  withdrawnAt: string | null;
  breachCounts: Record<string, number>;
  openDeadlines: Deadlines;
  /** escalationNo → seq of the breach it escalates (letters and feedback refer to the escalation number). */
  escalationLinks: Record<string, number>;
  /** Earliest due time among the open deadlines (breached ones included, paused ones excluded). */
  unitDueAt: string | null;
  unitDueKey: string | null;
  /** Deadlines missed and still not met. */
  openBreachKeys: string[];
  warningCount: number;
  escalationCount: number;
  letterCount: number;
  /** 督办: any breach or escalation. */
  supervised: boolean;
  /** Last actor with role handler of the current lead unit. */
  currentHandlerId: string | null;
  // ── same matter (migration 1767830437000) ──
  relatedCases: RelatedCaseEntry[];
  respondentRef: string | null;
  contentSketch: number[] | null;
  /** Clock pauses, current and past (case-pauses.projection.ts). */
  pauses: PauseRow[];
  /** 暂定: years (ascending) missing from the calendar for some open deadline; empty when every deadline is final. */
  provisionalYears: number[];
}

/** A link to another case on the same matter, as shown on the case. */
export interface RelatedCaseEntry {
  caseId: string;
  /** 'registration': this petition takes up the earlier, closed case; 'registrar': linked later. */
  via: 'registration' | 'registrar';
  linkedAt: string;
  /** How the earlier case ended (registration links). */
  closureReason?: string;
  reason?: string | null;
}

export function emptyCaseRow(caseId: string): CaseRow {
  return {
    caseId, status: 'unregistered', step: 'unregistered', channel: null, kind: null, category: null, regionCode: null, townshipCode: null,
    level: null, persons: 0, leadUnitId: null, coUnitIds: [], leaderId: null, registeredAt: null, routedAt: null,
    routingMode: null, receivedAt: null, notifiedAt: null, acceptedAt: null, acceptanceOutcome: null, repliedAt: null,
    closureType: null, closedAt: null, closureReason: null, satisfaction: null, repeatCount: 0, breachCount: 0,
    nextDeadlineKey: null, nextDeadlineAt: null, policyId: null, policyVersion: null, lastSeq: 0, updatedAt: '1970-01-01T00:00:00.000Z',
    petitionerRef: null, matterRef: null, bureauUnitId: null, respondentUnit: null, routeRound: 0, routedOnTime: null, notifiedOnTime: null,
    acceptanceDueAt: null, acceptanceOnTime: null, handlingDueAt: null, extensionStatus: null, repliedOnTime: null,
    claimUpheld: null, evaluationState: 'not_evaluated', evaluationValue: null, evaluationDueAt: null, evaluatedAt: null,
    reviewRequested: false, reviewDecision: null, reviewOnTime: null, reReviewRequested: false, reReviewDecision: null,
    reReviewOnTime: null, withdrawnAt: null, breachCounts: {}, openDeadlines: {}, unitDueAt: null, unitDueKey: null,
    escalationLinks: {}, openBreachKeys: [], warningCount: 0, escalationCount: 0, letterCount: 0, supervised: false, currentHandlerId: null,
    relatedCases: [], respondentRef: null, contentSketch: null,
    pauses: [],
    provisionalYears: [],
  };
}

/** One row of `accountability_ledger` per DeadlineBreached, keyed by (case_id, seq). */
export interface LedgerEntry {
  caseId: string;
  seq: number;
  deadlineKey: string;
  step: string;
  unitId: string | null;
  handlerId: string | null;
  leadUnitId: string | null;
  regionCode: string | null;
  category: string | null;
  article: string;
  dueAt: string;
  breachedAt: string;
  warnedAt: string | null;
}

/** How a breach ended: the unit met the deadline late, the clock was replaced, or the case closed first. */
export type BreachResolution = 'fulfilled_late' | 'superseded' | 'case_closed';

export type LedgerChange =
  | { kind: 'breach'; entry: LedgerEntry }
  | { kind: 'resolve'; caseId: string; breachSeq: number; resolvedAt: string; resolvedSeq: number; resolution: BreachResolution }
  | { kind: 'escalate'; caseId: string; breachSeq: number; escalationCount: number; rung: string; escalatedAt: string }
  | { kind: 'letter'; caseId: string; breachSeq: number; letterNo: string; letterKind: string; issuedAt: string; feedbackDueAt: string | null }
  | { kind: 'feedback'; caseId: string; breachSeq: number; feedbackAt: string; feedbackRef: string }
  /** BreachWithdrawn: the breach of `deadlineKey` at `dueAt` (and any breach of `feedbackKeys`) leaves the ledger. */
  | { kind: 'withdraw'; caseId: string; deadlineKey: string; dueAt: string; feedbackKeys: string[] };

export interface ProjectedEvent {
  row: CaseRow;
  ledger: LedgerChange[];
}

const iso = (t: string): string => new Date(Date.parse(t)).toISOString();

function open(ds: Deadlines, key: string, dueAt: string | null, unitId: string | null): Deadlines {
  const next = { ...ds };
  if (dueAt === null) delete next[key];
  else next[key] = { dueAt: iso(dueAt), unitId, breachSeq: null, paused: false, warnedAt: null, escalations: 0 };
  return next;
}

/** A clock whose due time moves (hearing, pause, policy change): a breached clock is superseded and starts anew. */
function move(row: CaseRow, ds: Deadlines, key: string, dueAt: string | null, seq: number, at: string, out: LedgerChange[]): Deadlines {
  const d = ds[key];
  if (!d) return ds;
  if (dueAt === null) return close(row, ds, [key], seq, at, 'superseded', out);
  if (d.breachSeq === null) return { ...ds, [key]: { ...d, dueAt: iso(dueAt), paused: false } };
  return open(close(row, ds, [key], seq, at, 'superseded', out), key, dueAt, d.unitId);
}

/** Removes deadlines; breached ones produce a ledger resolution. */
function close(
  row: CaseRow, ds: Deadlines, keys: readonly string[], seq: number, at: string, resolution: BreachResolution, out: LedgerChange[],
): Deadlines {
  const next = { ...ds };
  for (const k of keys) {
    const d = next[k];
    if (!d) continue;
    if (d.breachSeq !== null) out.push({ kind: 'resolve', caseId: row.caseId, breachSeq: d.breachSeq, resolvedAt: iso(at), resolvedSeq: seq, resolution });
    delete next[k];
  }
  return next;
}

const ACCEPTANCE_KEYS: readonly string[] = ['acceptance'];
const clockOf = (escalationKey: string): string => escalationKey.split(':esc:')[0] as string;

/** Derived columns: recomputed from the open deadlines and counters after every event. */
function derive(r: CaseRow): CaseRow {
  let dueAt: string | null = null;
  let dueKey: string | null = null;
  const breached: string[] = [];
  const provisional = new Set<number>();
  for (const k of Object.keys(r.openDeadlines).sort()) {
    const d = r.openDeadlines[k] as OpenDeadline;
    if (d.breachSeq !== null) breached.push(k);
    for (const y of d.provisionalYears ?? []) provisional.add(y);
    if (d.paused) continue;
    if (dueAt === null || Date.parse(d.dueAt) < Date.parse(dueAt)) {
      dueAt = d.dueAt;
      dueKey = k;
    }
  }
  return { ...r, unitDueAt: dueAt, unitDueKey: dueKey, openBreachKeys: breached,
    supervised: r.breachCount > 0 || r.escalationCount > 0, provisionalYears: [...provisional].sort((a, b) => a - b) };
}

/** Applies event number `seq`; the caller guarantees seq === row.lastSeq + 1. */
export function evolveCaseRow(row: CaseRow, seq: number, e: CaseEvent): CaseRow {
  return projectCaseEvent(row, seq, e).row;
}

/** The row after the event and the accountability-ledger changes it causes (pure, no I/O). */
export function projectCaseEvent(row: CaseRow, seq: number, e: CaseEvent): ProjectedEvent {
  const ledger: LedgerChange[] = [];
  const r = withProvisional(applyEvent({ ...row, lastSeq: seq, updatedAt: e.at }, seq, e, ledger), e);
  const handler = e.actor.role === 'handler' && r.leadUnitId !== null && e.actor.unitId === r.leadUnitId ? e.actor.id : r.currentHandlerId;
  return { row: derive({ ...r, currentHandlerId: handler, pauses: foldPauses(row.pauses ?? [], seq, e) }), ledger };
}

/** The report columns that follow a moved acceptance or handling clock (a pause or a policy change moves only running clocks). */

/**
 * Not accepted / diverted. Under a policy with a notice limit (noticeDueAt present) the case waits for the
 * written notice: its clock opens on the unit and replaces the receipt notice clock (the decision notice is
 * the written answer); under an older policy CaseClosed follows at once.
 */
function decidedNotToHandle(r: CaseRow, seq: number, e: CaseNotAccepted | CaseDiverted, ledger: LedgerChange[]): CaseRow {
  let next = close(r, r.openDeadlines, ACCEPTANCE_KEYS, seq, e.at, 'fulfilled_late', ledger);
  if (e.noticeDueAt === undefined) return { ...r, acceptedAt: e.at, acceptanceOnTime: e.onTime, openDeadlines: next };
  next = open(close(r, next, ['notify'], seq, e.at, 'superseded', ledger), 'notifyDecision', e.noticeDueAt, e.unitId);
  return { ...r, step: 'decision_notice', acceptedAt: e.at, acceptanceOnTime: e.onTime, openDeadlines: next };
}

function applyEvent(r: CaseRow, seq: number, e: CaseEvent, ledger: LedgerChange[]): CaseRow {
  const ds = r.openDeadlines;
  switch (e.type) {
    case 'PetitionRegistered':
      return { ...r, status: 'open', step: 'routing', channel: e.channel, kind: e.kind, category: e.category,
        regionCode: e.regionCode, townshipCode: e.townshipCode ?? null, level: e.level, persons: e.persons, registeredAt: e.at,
        policyId: e.policyId, policyVersion: e.policyVersion, petitionerRef: e.petitionerRef,
        // A re-filing shares the earlier case's matter; older histories' matterRef is the respondent + category HMAC.
        matterRef: e.relatedCase?.matterRef ?? e.matterRef, respondentRef: e.respondentRef ?? e.matterRef,
        contentSketch: e.contentSketch ?? null,
        relatedCases: e.relatedCase ? [{ caseId: e.relatedCase.caseId, via: 'registration', linkedAt: e.at, closureReason: e.relatedCase.closureReason }] : [],
        bureauUnitId: e.bureauUnitId, respondentUnit: e.respondent?.type === 'unit' ? e.respondent.description.trim() || null : null,
        openDeadlines: open(ds, 'route', e.routeDueAt, e.bureauUnitId) };
    case 'RepeatPetitionRecorded':
      return { ...r, repeatCount: r.repeatCount + 1, persons: r.persons + e.persons };
    case 'HigherLevelPetitionNotAccepted':
      return r;
    case 'PetitionRouted':
      return { ...r, step: 'receipt', leadUnitId: e.leadUnitId, coUnitIds: e.coUnitIds, routedAt: e.at, routingMode: e.mode,
        receivedAt: null, notifiedAt: null, routeRound: e.round, routedOnTime: e.onTime, currentHandlerId: null,
        // The unit's receipt clock (policy default; absent in histories older than it: no clock).
        openDeadlines: open(close(r, ds, ['route'], seq, e.at, 'fulfilled_late', ledger), 'receive', e.receiveDueAt ?? null, e.leadUnitId) };
    case 'CaseReceived': {
      let next = open(close(r, ds, ['receive'], seq, e.at, 'fulfilled_late', ledger), 'notify', e.notifyDueAt, r.leadUnitId);
      next = open(next, 'acceptance', e.acceptanceDueAt, r.leadUnitId);
      return { ...r, step: 'acceptance', receivedAt: e.at, acceptanceDueAt: e.acceptanceDueAt === null ? null : iso(e.acceptanceDueAt),
        openDeadlines: next };
    }
    case 'PetitionerNotified':
      return { ...r, notifiedAt: e.at, notifiedOnTime: e.onTime, openDeadlines: close(r, ds, ['notify'], seq, e.at, 'fulfilled_late', ledger) };
    case 'ObjectionRaised':
      // Newer policies: the bureau's decision clock opens (ClockPaused events stop the unit's clocks).
      return { ...r, step: 'objection',
        openDeadlines: e.decideDueAt === undefined ? ds : open(ds, 'decideObjection', e.decideDueAt, e.bureauUnitId ?? r.bureauUnitId) };
    case 'ObjectionApproved': {
      // The unit is released and the bureau routes again: the unit's clocks are replaced by a new route clock.
      let next = close(r, ds, ['decideObjection'], seq, e.at, 'fulfilled_late', ledger);
      next = close(r, next, ['notify', 'acceptance'], seq, e.at, 'superseded', ledger);
      return { ...r, step: 'routing', leadUnitId: null, coUnitIds: [], currentHandlerId: null, acceptanceDueAt: null,
        notifiedOnTime: null, openDeadlines: open(next, 'route', e.routeDueAt, r.bureauUnitId) };
    }
    case 'ObjectionRejected':
      return { ...r, step: 'acceptance', openDeadlines: close(r, ds, ['decideObjection'], seq, e.at, 'fulfilled_late', ledger) };
    case 'CaseAccepted': {
      const next = close(r, ds, ACCEPTANCE_KEYS, seq, e.at, 'fulfilled_late', ledger);
      return { ...r, step: 'handling', acceptedAt: e.at, acceptanceOutcome: 'accepted', acceptanceOnTime: e.onTime,
        handlingDueAt: e.handlingDueAt === null ? null : iso(e.handlingDueAt), openDeadlines: open(next, 'handling', e.handlingDueAt, e.unitId) };
    }
    case 'CaseNotAccepted':
      return { ...decidedNotToHandle(r, seq, e, ledger), acceptanceOutcome: 'not_accepted' };
    case 'CaseDiverted':
      return { ...decidedNotToHandle(r, seq, e, ledger), acceptanceOutcome: 'diverted' };
    case 'DecisionNotified':
      // CaseClosed follows; the notice clock is met (late when breached).
      return { ...r, notifiedAt: r.notifiedAt ?? e.at, openDeadlines: close(r, ds, ['notifyDecision'], seq, e.at, 'fulfilled_late', ledger) };
    case 'CaseNotAcceptedAgain':
      return { ...r, acceptedAt: e.at, acceptanceOutcome: 'not_accepted_again', acceptanceOnTime: e.onTime,
        openDeadlines: close(r, ds, ACCEPTANCE_KEYS, seq, e.at, 'fulfilled_late', ledger) };
    case 'LeaderAssigned':
      return { ...r, leaderId: e.leaderId };
    case 'ExtensionRequested':
      return { ...r, extensionStatus: 'requested' };
    case 'ExtensionApproved': {
      const unitId = ds.handling?.unitId ?? r.leadUnitId;
      return { ...r, extensionStatus: 'approved', handlingDueAt: iso(e.newDueAt),
        openDeadlines: open(close(r, ds, ['handling'], seq, e.at, 'superseded', ledger), 'handling', e.newDueAt, unitId) };
    }
    case 'ExtensionRejected':
      return { ...r, extensionStatus: 'rejected' };
    case 'PetitionerReplied':
      // The reply ends the handling clock and the notice clock (a reply is the written answer).
      return { ...r, step: 'replied', repliedAt: e.at, closureType: e.closureType, repliedOnTime: e.onTime, claimUpheld: e.claimUpheld,
        evaluationState: 'pending', evaluationDueAt: iso(e.evaluationDueAt),
        openDeadlines: close(r, ds, ['handling', 'notify'], seq, e.at, 'fulfilled_late', ledger) };
    case 'SatisfactionEvaluated':
      return { ...r, satisfaction: e.value, evaluationState: 'evaluated', evaluationValue: e.value, evaluatedAt: e.at };
    case 'EvaluationLapsed':
      return { ...r, satisfaction: r.satisfaction ?? 'lapsed', evaluationState: 'lapsed' };
    case 'RequestWindowLapsed':
      return r;
    case 'ReviewRequested':
      return { ...r, step: 'review', reviewRequested: true, openDeadlines: open(ds, 'decideReview', e.decideReviewDueAt, e.reviewUnitId) };
    case 'ReviewDecided':
      return { ...r, step: 'review_decided', reviewDecision: e.decision, reviewOnTime: e.onTime,
        openDeadlines: close(r, ds, ['decideReview'], seq, e.at, 'fulfilled_late', ledger) };
    case 'ReReviewRequested':
      return { ...r, step: 're_review', reReviewRequested: true,
        openDeadlines: open(ds, 'decideReReview', e.decideReReviewDueAt, e.reReviewUnitId) };
    case 'HearingStarted': {
      const d = ds.decideReReview;
      return d ? { ...r, openDeadlines: { ...ds, decideReReview: { ...d, paused: true } } } : r;
    }
    case 'HearingEnded':
      // The hearing moves the due time by its length (not counted, art.36).
      return e.decideReReviewDueAt === null ? r : { ...r, openDeadlines: move(r, ds, 'decideReReview', e.decideReReviewDueAt, seq, e.at, ledger) };
    case 'ReReviewDecided':
      return { ...r, reReviewDecision: e.decision, reReviewOnTime: e.onTime,
        openDeadlines: close(r, ds, ['decideReReview'], seq, e.at, 'fulfilled_late', ledger) };
    case 'PetitionWithdrawn':
      return { ...r, withdrawnAt: e.at };
    case 'DeadlineBreached': {
      const key = e.deadlineKey;
      const current = ds[key];
      const unitId = e.unitId ?? current?.unitId ?? null;
      const handlerId = unitId !== null && unitId === r.leadUnitId ? r.currentHandlerId : null;
      ledger.push({ kind: 'breach', entry: { caseId: r.caseId, seq, deadlineKey: key, step: e.step, unitId, handlerId,
        leadUnitId: r.leadUnitId, regionCode: r.regionCode, category: r.category, article: e.article, dueAt: iso(e.dueAt), breachedAt: iso(e.at),
        warnedAt: current?.warnedAt ?? null } });
      const breachCounts = { ...r.breachCounts, [key]: (r.breachCounts[key] ?? 0) + 1 };
      const openDeadlines = { ...ds, [key]: { dueAt: iso(e.dueAt), unitId, breachSeq: seq, paused: current?.paused ?? false,
        warnedAt: current?.warnedAt ?? null, escalations: 0 } };
      return { ...r, breachCount: r.breachCount + 1, breachCounts, openDeadlines };
    }
    case 'DeadlineWarningRaised': {
      const d = ds[e.deadlineKey];
      return { ...r, warningCount: r.warningCount + 1, openDeadlines: d ? { ...ds, [e.deadlineKey]: { ...d, warnedAt: iso(e.at) } } : ds };
    }
    case 'EscalationRaised': {
      const d = ds[e.deadlineKey];
      const breachSeq = d?.breachSeq ?? null;
      const escalations = (d?.escalations ?? 0) + 1;
      if (d && breachSeq !== null) {
        ledger.push({ kind: 'escalate', caseId: r.caseId, breachSeq, escalationCount: escalations, rung: e.rung, escalatedAt: iso(e.at) });
      }
      return { ...r, escalationCount: r.escalationCount + 1,
        escalationLinks: breachSeq === null ? r.escalationLinks : { ...r.escalationLinks, [String(e.escalationNo)]: breachSeq },
        openDeadlines: d ? { ...ds, [e.deadlineKey]: { ...d, escalations } } : ds };
    }
    case 'LetterIssued': {
      const breachSeq = r.escalationLinks[String(e.escalationNo)] ?? ds[clockOf(e.escalationKey)]?.breachSeq ?? null;
      if (breachSeq !== null) {
        ledger.push({ kind: 'letter', caseId: r.caseId, breachSeq, letterNo: e.letterNo, letterKind: e.letterKind, issuedAt: iso(e.at),
          feedbackDueAt: e.feedbackDueAt === null ? null : iso(e.feedbackDueAt) });
      }
      // A letter that needs written feedback starts the unit's feedback clock.
      const next = e.feedbackKey === null ? ds : open(ds, e.feedbackKey, e.feedbackDueAt, e.unitId);
      return { ...r, letterCount: r.letterCount + 1, openDeadlines: next };
    }
    case 'LetterFeedbackRecorded': {
      const breachSeq = r.escalationLinks[String(e.escalationNo)] ?? null;
      if (breachSeq !== null) ledger.push({ kind: 'feedback', caseId: r.caseId, breachSeq, feedbackAt: iso(e.at), feedbackRef: e.feedbackRef });
      return e.feedbackKey === null ? r : { ...r, openDeadlines: close(r, ds, [e.feedbackKey], seq, e.at, 'fulfilled_late', ledger) };
    }
    case 'LetterFeedbackAccepted':
      return r;
    case 'LetterFeedbackReturned':
      // The returned feedback is due again: a new feedback clock for the unit.
      return { ...r, openDeadlines: open(ds, e.feedbackKey, e.feedbackDueAt, e.unitId) };
    case 'LetterAdoptionRecorded': {
      const breachSeq = r.escalationLinks[String(e.escalationNo)] ?? null;
      if (breachSeq !== null) ledger.push({ kind: 'feedback', caseId: r.caseId, breachSeq, feedbackAt: iso(e.at), feedbackRef: e.documentNo ?? e.outcome });
      return e.feedbackKey === null ? r : { ...r, openDeadlines: close(r, ds, [e.feedbackKey], seq, e.at, 'fulfilled_late', ledger) };
    }
    case 'ClockPaused': {
      const d = ds[e.deadlineKey];
      return d ? { ...r, openDeadlines: { ...ds, [e.deadlineKey]: { ...d, paused: true } } } : r;
    }
    case 'ClockResumed': {
      const moved = { ...r, openDeadlines: move(r, ds, e.deadlineKey, e.dueAt, seq, e.at, ledger) };
      return withStepDue(moved, e.deadlineKey, e.dueAt);
    }
    case 'PolicyAdopted': {
      let next: CaseRow = { ...r, policyId: e.toId, policyVersion: e.toVersion };
      for (const c of e.rearmed) {
        // Adoption may arm a clock the case did not run before (e.g. a receipt clock on an older routing).
        const armed = c.key in next.openDeadlines || c.newDueAt === null ? next.openDeadlines
          : open(next.openDeadlines, c.key, c.newDueAt, c.key === 'receive' || c.key === 'notify' || c.key === 'acceptance' || c.key === 'handling' || c.key === 'notifyDecision'
            ? next.leadUnitId : c.key === 'decideObjection' ? next.bureauUnitId : null);
        next = withStepDue({ ...next, openDeadlines: move(next, armed, c.key, c.newDueAt, seq, e.at, ledger) }, c.key, c.newDueAt);
      }
      return next;
    }
    case 'RelatedCaseLinked':
      return { ...r, matterRef: e.matterRef,
        relatedCases: [...r.relatedCases, { caseId: e.relatedCaseId, via: 'registrar', linkedAt: e.at, reason: e.reason ?? null }] };
    case 'RelatedCaseUnlinked':
      return { ...r, matterRef: e.matterRef, relatedCases: r.relatedCases.filter((l) => l.caseId !== e.relatedCaseId) };
    case 'CalendarAdopted': {
      // A published holiday arrangement recomputed the provisional clocks (their marks come with the event).
      let next: CaseRow = r;
      for (const c of e.rearmed) {
        next = withStepDue({ ...next, openDeadlines: move(next, next.openDeadlines, c.key, c.newDueAt, seq, e.at, ledger) }, c.key, c.newDueAt);
      }
      return next;
    }
    case 'BreachWithdrawn':
      return withdrawBreach(r, e, ledger);
    case 'UnitSucceeded': {
      // 机构改革: the successor answers for the old unit's clocks from now on; their due times (and breaches) stay.
      const swap = (id: string | null) => (id === e.fromUnitId ? e.toUnitId : id);
      const leadUnitId = swap(r.leadUnitId);
      const openDeadlines: Deadlines = {};
      for (const [k, d] of Object.entries(ds)) openDeadlines[k] = { ...(d as OpenDeadline), unitId: swap((d as OpenDeadline).unitId) };
      return { ...r, leadUnitId, coUnitIds: [...new Set(r.coUnitIds.map((id) => swap(id) as string))].filter((id) => id !== leadUnitId),
        currentHandlerId: leadUnitId === r.leadUnitId ? r.currentHandlerId : null, openDeadlines };
    }
    case 'CaseClosed':
      return { ...r, status: 'closed', step: 'closed', closedAt: e.at, closureReason: e.closureReason,
        openDeadlines: close(r, ds, Object.keys(ds), seq, e.at, 'case_closed', ledger) };
    default: {
      const never: never = e;
      throw new Error(`unknown event ${(never as { type: string }).type}`);
    }
  }
}

/** A ledger row as stored: the breach entry plus what happened after it. */
export interface LedgerRow extends LedgerEntry {
  resolvedAt: string | null;
  resolvedSeq: number | null;
  resolution: BreachResolution | null;
  escalationCount: number;
  escalationLevel: string | null;
  escalatedAt: string | null;
  letterId: string | null;
  letterType: string | null;
  letterIssuedAt: string | null;
  feedbackDueAt: string | null;
  feedbackAt: string | null;
  feedbackSummary: string | null;
}

/**
 * Applies one ledger change to rows keyed by breach seq (pure; the writer does the same in SQL). Every change sets
 * absolute values, and a resolution is kept once, so applying a change twice changes nothing.
 */
export function applyLedgerChange(rows: Map<number, LedgerRow>, c: LedgerChange): void {
  if (c.kind === 'breach') {
    if (rows.has(c.entry.seq)) return;
    rows.set(c.entry.seq, { ...c.entry, resolvedAt: null, resolvedSeq: null, resolution: null, escalationCount: 0, escalationLevel: null,
      escalatedAt: null, letterId: null, letterType: null, letterIssuedAt: null, feedbackDueAt: null, feedbackAt: null, feedbackSummary: null });
    return;
  }
  if (c.kind === 'withdraw') {
    for (const [seq, row] of rows) {
      if (row.caseId !== c.caseId) continue;
      if ((row.deadlineKey === c.deadlineKey && Date.parse(row.dueAt) === Date.parse(c.dueAt)) || c.feedbackKeys.includes(row.deadlineKey)) rows.delete(seq);
    }
    return;
  }
  const row = rows.get(c.breachSeq);
  if (!row) return;
  switch (c.kind) {
    case 'resolve':
      if (row.resolvedAt === null) Object.assign(row, { resolvedAt: c.resolvedAt, resolvedSeq: c.resolvedSeq, resolution: c.resolution });
      return;
    case 'escalate':
      Object.assign(row, { escalationCount: c.escalationCount, escalationLevel: c.rung, escalatedAt: c.escalatedAt });
      return;
    case 'letter':
      Object.assign(row, { letterId: c.letterNo, letterType: c.letterKind, letterIssuedAt: c.issuedAt, feedbackDueAt: c.feedbackDueAt });
      return;
    case 'feedback':
      Object.assign(row, { feedbackAt: c.feedbackAt, feedbackSummary: c.feedbackRef });
      return;
    default: {
      const never: never = c;
      throw new Error(`unknown ledger change ${(never as { kind: string }).kind}`);
    }
  }
}
