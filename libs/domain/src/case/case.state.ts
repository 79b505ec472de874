import type { HolidayYear, Limit } from '../calendar';
import type { EscalationRungKind, LetterKind, SupervisionPolicy, WarningRule } from '../policy/supervision-policy.types';
import type { PriorFinalDecision } from './case.commands';
import type { LetterAdoptionRecord, LetterFeedbackContent, LetterFeedbackState, LetterReviewRecord } from './case.letters.state';
import type {
  AcceptanceOutcome,
  CaseStatus,
  CaseStep,
  Channel,
  ClockKey,
  ClosureReason,
  DeadlineKey,
  EscalationKey,
  FeedbackKey,
  DiversionChannel,
  PetitionKind,
  PetitionLevel,
  ReplyClosureType,
  Respondent,
  ReviewDecision,
  RouteMode,
  Satisfaction,
  WarningKey,
} from './case.types';

export interface PetitionFacts {
  channel: Channel;
  persons: number;
  representatives: number | null;
  kind: PetitionKind;
  category: string;
  regionCode: string;
  /** The township (9 digits) when the registration named one. */
  townshipCode?: string;
  respondent: Respondent;
  matterRef: string;
  petitionerRef: string;
  nameAndAddressKnown: boolean;
  level: PetitionLevel;
  priorFinalDecision: PriorFinalDecision | null;
  registeredAt: string;
  bureauUnitId: string | null;
}

/** The current route clock: starts at registration, restarts when an objection is approved. */
export interface RouteClock {
  startedAt: string;
  dueAt: string | null;
}

export interface ObjectionState {
  raisedAt: string;
  decision: 'approved' | 'rejected' | null;
  decidedAt: string | null;
  /**
   * The bureau's decision clock ('decideObjection'), under a policy that sets it: the unit's clocks
   * stop meanwhile. Absent: an objection under a policy without it (no pause, no limit); null: the
   * limit was dropped by a later policy (PolicyAdopted) while the unit's clocks stay stopped.
   */
  decideDueAt?: string | null;
}

export interface AcceptanceState {
  outcome: AcceptanceOutcome;
  decidedAt: string;
  divertTo: DiversionChannel | null;
  /**
   * Not accepted / diverted under a policy that sets 'notifyDecision': the written notice is due then
   * (null: the limit was dropped by a later policy) and the case waits in step decision_notice.
   * Absent: closed at the decision (a policy without the limit).
   */
  noticeDueAt?: string | null;
}

/** One routing of the case to a lead unit; replaced when an approved objection sends it back. */
export interface Assignment {
  round: number;
  mode: RouteMode;
  leadUnitId: string;
  coUnitIds: string[];
  routedAt: string;
  /**
   * The receipt clock ('receive'), started at routedAt, stopped by receipt. null: no limit; absent in
   * states carried over from before the receipt clock (no clock).
   */
  receiveDueAt?: string | null;
  handlingDeadline: string | null;
  handlingLimit: Limit | null;
  receivedAt: string | null;
  notifyDueAt: string | null;
  objectionDueAt: string | null;
  acceptanceDueAt: string | null;
  notifiedAt: string | null;
  objection: ObjectionState | null;
  acceptance: AcceptanceState | null;
}

export interface HandlingState {
  acceptedAt: string;
  /** Current due time (moved by an approved extension); null when no limit applies. */
  dueAt: string | null;
}

export interface ExtensionState {
  status: 'requested' | 'approved' | 'rejected';
  extension: Limit;
  requestedAt: string;
  requestedDueAt: string;
  decidedAt: string | null;
}

export interface ReplyState {
  repliedAt: string;
  closureType: ReplyClosureType;
  outcomeRef: string;
  claimUpheld: boolean | null;
  onTime: boolean;
  requestReviewDueAt: string | null;
}

export interface EvaluationState {
  status: 'not_started' | 'pending' | 'evaluated' | 'lapsed';
  dueAt: string | null;
  value: Satisfaction | null;
  at: string | null;
}

export interface ReviewState {
  unitId: string;
  requestedAt: string;
  dueAt: string | null;
  decision: ReviewDecision | null;
  outcomeRef: string | null;
  decidedAt: string | null;
  onTime: boolean | null;
  requestReReviewDueAt: string | null;
}

export interface ReReviewState {
  unitId: string;
  requestedAt: string;
  /** Current due time: the initial one plus all completed hearing time. */
  dueAt: string | null;
  pausedMs: number;
  /** Set while a hearing (听证) is in progress: the clock is stopped. */
  pauseStartedAt: string | null;
  hearings: number;
  decision: ReviewDecision | null;
  outcomeRef: string | null;
  decidedAt: string | null;
  onTime: boolean | null;
}

export interface BreachRecord {
  deadlineKey: ClockKey;
  dueAt: string;
  at: string;
  unitId: string | null;
}

/**
 * One stop of a clock (听证, 鉴定 …). A clock is identified by its key and the instant it started: the
 * route clock restarts after an approved objection, the receipt clocks after a new routing.
 */
export interface ClockPauseRecord {
  deadlineKey: DeadlineKey;
  pauseReason: string;
  clockStartedAt: string;
  startedAt: string;
  /** null while the clock is stopped. */
  endedAt: string | null;
  pausedMs: number | null;
  /** Who approved it (ClockPaused under a policy with pauseApproval); absent otherwise. */
  approverId?: string;
}

/** A warning raised; each rule fires once per clock. */
export interface WarningRecord {
  warningKey: WarningKey;
  deadlineKey: DeadlineKey;
  rule: WarningRule;
  clockStartedAt: string;
  at: string;
}

/** A rung of the ladder raised; once per breach (clock key and breach due time) and rung. */
export interface EscalationRecord {
  /** 1, 2, … in the order raised in this case. */
  escalationNo: number;
  escalationKey: EscalationKey;
  deadlineKey: ClockKey;
  rung: EscalationRungKind;
  breachDueAt: string;
  unitId: string | null;
  letterKind: LetterKind | null;
  at: string;
}

/** A supervision letter issued for an escalation (its number comes from outside the domain). */
export interface LetterRecord {
  escalationNo: number;
  escalationKey: EscalationKey;
  letterKind: LetterKind;
  letterNo: string;
  issuingBody: string;
  unitId: string | null;
  issuedAt: string;
  /** null when this kind of letter needs no written feedback. */
  feedbackKey: FeedbackKey | null;
  feedbackDueAt: string | null;
  feedbackAt: string | null;
  feedbackRef: string | null;
  /** Added with the feedback loop (absent in states carried from older runs): see case.letters.state.ts. */
  feedbackState?: LetterFeedbackState;
  addresseeId?: string | null;
  copyTo?: string[];
  feedbackRound?: number;
  feedback?: LetterFeedbackContent | null;
  review?: LetterReviewRecord | null;
  adoption?: LetterAdoptionRecord | null;
  /** Withdrawn with the breach that caused it (BreachWithdrawn): no feedback is due. Absent: in force. */
  withdrawnAt?: string;
}

/** A link to another case on the same matter: made at registration (a re-filing) or by the registrar later. */
export interface RelatedCaseLink {
  caseId: string;
  matterRef: string;
  linkedAt: string;
  via: 'registration' | 'registrar';
}
export type { LetterAdoptionRecord, LetterFeedbackContent, LetterFeedbackState, LetterReviewRecord } from './case.letters.state';

export interface CaseState {
  caseId: string | null;
  status: CaseStatus;
  step: CaseStep;
  closure: { reason: ClosureReason; at: string; fromStep: CaseStep } | null;
  policyId: string | null;
  policyVersion: number | null;
  /**
   * The policy document the case runs under: taken from the context at registration, replaced by
   * PolicyAdopted. null before registration (and for histories recorded before documents were kept).
   */
  policy: SupervisionPolicy | null;
  /** Holiday arrangements published after the case started (CalendarAdopted); absent when none. */
  calendarYears?: HolidayYear[];
  /** Clock key → the years its due time was computed without (暂定, provisional); absent or empty when final. */
  provisional?: Record<string, number[]>;
  petition: PetitionFacts | null;
  routeClock: RouteClock | null;
  routingRounds: number;
  assignment: Assignment | null;
  leaderId: string | null;
  handling: HandlingState | null;
  extension: ExtensionState | null;
  reply: ReplyState | null;
  evaluation: EvaluationState;
  review: ReviewState | null;
  reReview: ReReviewState | null;
  lapsedWindows: Array<'requestReview' | 'requestReReview'>;
  /** Each breach once: identified by its deadline key and the due time it missed. */
  breaches: BreachRecord[];
  pauses: ClockPauseRecord[];
  warnings: WarningRecord[];
  escalations: EscalationRecord[];
  letters: LetterRecord[];
  repeatCount: number;
  /** Links to other cases on the same matter, oldest first. Absent in states from before links (= none). */
  relatedCases?: RelatedCaseLink[];
  higherLevelNotAcceptedCount: number;
  withdrawnAt: string | null;
  lastEventAt: string | null;
  eventCount: number;
}

export function initialState(): CaseState {
  return {
    caseId: null,
    status: 'unregistered',
    step: 'unregistered',
    closure: null,
    policyId: null,
    policyVersion: null,
    policy: null,
    petition: null,
    routeClock: null,
    routingRounds: 0,
    assignment: null,
    leaderId: null,
    handling: null,
    extension: null,
    reply: null,
    evaluation: { status: 'not_started', dueAt: null, value: null, at: null },
    review: null,
    reReview: null,
    lapsedWindows: [],
    breaches: [],
    pauses: [],
    warnings: [],
    escalations: [],
    letters: [],
    repeatCount: 0,
    higherLevelNotAcceptedCount: 0,
    withdrawnAt: null,
    lastEventAt: null,
    eventCount: 0,
  };
}

/**
 * A state carried over from a run recorded before supervision policies (continue-as-new input) lacks
 * the newer fields: fill them, and turn a hearing in progress into its pause record. Returns the same
 * object when nothing is missing.
 */
export function upgradeCaseState(state: CaseState): CaseState {
  const s = state as Partial<CaseState> & CaseState;
  if (s.policy !== undefined && s.pauses !== undefined && s.warnings !== undefined && s.escalations !== undefined && s.letters !== undefined) {
    return state;
  }
  const pauses: ClockPauseRecord[] = s.pauses ?? [];
  const r = s.reReview;
  if (s.pauses === undefined && r) {
    if (r.pausedMs > 0) {
      // Completed hearings: one record holding their total, enough for the pause accounting.
      pauses.push({ deadlineKey: 'decideReReview', pauseReason: 'hearing', clockStartedAt: r.requestedAt, startedAt: r.requestedAt, endedAt: r.requestedAt, pausedMs: r.pausedMs });
    }
    if (r.pauseStartedAt !== null) {
      pauses.push({ deadlineKey: 'decideReReview', pauseReason: 'hearing', clockStartedAt: r.requestedAt, startedAt: r.pauseStartedAt, endedAt: null, pausedMs: null });
    }
  }
  return {
    ...state,
    policy: s.policy ?? null,
    pauses,
    warnings: s.warnings ?? [],
    escalations: s.escalations ?? [],
    letters: s.letters ?? [],
  };
}
