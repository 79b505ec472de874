import type { Limit } from '../calendar';
import type { BreachWithdrawn, CalendarAdopted } from './case.events.calendar';

export type { BreachWithdrawn, CalendarAdopted } from './case.events.calendar';
import type { UnitSucceeded } from './case.events.succession';

export type { SucceededRole, UnitSucceeded } from './case.events.succession';
import type {
  BreachDeadlineKey,
  EscalationRungKind,
  LetterKind,
  PolicyChange,
  SupervisionPolicy,
  WarningRule,
} from '../policy/supervision-policy.types';
import type { EarlierCaseRef, PriorFinalDecision } from './case.commands';
import type {
  LetterAddressFields,
  LetterAdoptionRecorded,
  LetterFeedbackAccepted,
  LetterFeedbackDetails,
  LetterFeedbackReturned,
} from './case.events.letters';
import type {
  Actor,
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

/**
 * Every event says who (actor id, role, unit), when (workflow time) and why (reason, when given).
 * Due times are computed when a clock starts and recorded here, so auditors and read models see
 * the deadline that applied and a later policy change never moves it.
 */
export interface EventEnvelope {
  at: string;
  actor: Actor;
  reason?: string;
  /**
   * Provisional due times (暂定): clock key → the years whose holiday arrangement the due time needed and the case's
   * calendar lacked (computed by plain weekdays). Set on the event that records the due time, only when some year
   * was missing; absent otherwise (and in every history recorded before it).
   */
  provisional?: Record<string, number[]>;
}

export interface PetitionRegistered extends EventEnvelope {
  type: 'PetitionRegistered';
  caseId: string;
  channel: Channel;
  persons: number;
  representatives: number | null;
  kind: PetitionKind;
  category: string;
  regionCode: string;
  /** The township (9 digits, starting with regionCode). Absent for county-level registrations and older histories. */
  townshipCode?: string;
  respondent: Respondent;
  matterRef: string;
  petitionerRef: string;
  nameAndAddressKnown: boolean;
  level: PetitionLevel;
  priorFinalDecision: PriorFinalDecision | null;
  /** The closed case this petition takes up again. Absent in histories recorded before links. */
  relatedCase?: EarlierCaseRef | null;
  /** HMAC of respondent + category (suggestions). Absent in older histories (their matterRef is that HMAC). */
  respondentRef?: string | null;
  /** Keyed MinHash of the summary (suggestions). Absent in older histories. */
  contentSketch?: number[] | null;
  policyId: string;
  policyVersion: number;
  /**
   * The whole policy document the case runs under (from the context at registration), so evolve and
   * every later decision need no outside lookup. Absent in histories recorded before it was kept.
   */
  policy?: SupervisionPolicy;
  /** The registering bureau (actor.unitId), answerable for the route deadline. */
  bureauUnitId: string | null;
  routeDueAt: string | null;
}

export interface RepeatPetitionRecorded extends EventEnvelope {
  type: 'RepeatPetitionRecorded';
  channel: Channel;
  persons: number;
  representatives: number | null;
  level: PetitionLevel;
  /** 1 for the first repeat. */
  repeatNumber: number;
}

/** art.19: a higher level does not accept a matter the lower level is handling within its limits. */
export interface HigherLevelPetitionNotAccepted extends EventEnvelope {
  type: 'HigherLevelPetitionNotAccepted';
  caseLevel: PetitionLevel;
  petitionLevel: PetitionLevel;
}

export interface PetitionRouted extends EventEnvelope {
  type: 'PetitionRouted';
  mode: RouteMode;
  leadUnitId: string;
  coUnitIds: string[];
  handlingDeadline: string | null;
  handlingLimit: Limit | null;
  /** 1 for the first routing, 2 after an approved objection, … */
  round: number;
  onTime: boolean;
  /**
   * The lead unit must register receipt (ReceiveCase) by then: the 'receive' clock, started at this
   * routing (policy limit 'receive'). null when the policy sets no limit or the case is redirected.
   * Absent in histories recorded before the receipt clock: no clock runs for them (replay unchanged).
   */
  receiveDueAt?: string | null;
}

export interface CaseReceived extends EventEnvelope {
  type: 'CaseReceived';
  unitId: string;
  /** null when no written notice is required (name or address unknown) or the policy sets no limit. */
  notifyDueAt: string | null;
  objectionDueAt: string | null;
  acceptanceDueAt: string | null;
}

export interface PetitionerNotified extends EventEnvelope {
  type: 'PetitionerNotified';
  unitId: string;
  noticeRef: string | null;
  onTime: boolean;
}

export interface ObjectionRaised extends EventEnvelope {
  type: 'ObjectionRaised';
  unitId: string;
  /**
   * Present when the case's policy sets 'decideObjection' (absent in older histories: the unit's clocks
   * keep running and the bureau has no limit). The bureau's decision is due then; the unit's running
   * clocks stop (ClockPaused with pauseReason 'objection' follow this event).
   */
  decideDueAt?: string;
  /** The bureau answering for the decision (PetitionRegistered.bureauUnitId); with decideDueAt. */
  bureauUnitId?: string | null;
}

export interface ObjectionApproved extends EventEnvelope {
  type: 'ObjectionApproved';
  previousLeadUnitId: string;
  /** The bureau routes again; its route clock restarts at the approval. */
  routeDueAt: string | null;
  /** With an objection that stopped the unit's clocks: decided by the bureau's due time. */
  onTime?: boolean;
}

export interface ObjectionRejected extends EventEnvelope {
  type: 'ObjectionRejected';
  unitId: string;
  /** With an objection that stopped the unit's clocks: decided by the bureau's due time (ClockResumed follow). */
  onTime?: boolean;
}

export interface CaseAccepted extends EventEnvelope {
  type: 'CaseAccepted';
  unitId: string;
  onTime: boolean;
  /** null: no handling limit (suggestions and reports by default). */
  handlingDueAt: string | null;
}

export interface CaseNotAccepted extends EventEnvelope {
  type: 'CaseNotAccepted';
  unitId: string;
  onTime: boolean;
  /**
   * Present when the case's policy sets 'notifyDecision' (absent in older histories: the case closed at
   * once): the written notice to the petitioner is due then; the case waits for it.
   */
  noticeDueAt?: string;
}

export interface CaseDiverted extends EventEnvelope {
  type: 'CaseDiverted';
  unitId: string;
  divertTo: DiversionChannel;
  onTime: boolean;
  /** As in CaseNotAccepted. */
  noticeDueAt?: string;
}

/** The petitioner was told in writing of not accepted / diverted, with the reasons and the channel (art.31). */
export interface DecisionNotified extends EventEnvelope {
  type: 'DecisionNotified';
  unitId: string;
  outcome: 'not_accepted' | 'diverted';
  divertTo: DiversionChannel | null;
  noticeRef: string;
  onTime: boolean;
}

/** 不再受理: same facts and reasons after a re-review decision (art.36). */
export interface CaseNotAcceptedAgain extends EventEnvelope {
  type: 'CaseNotAcceptedAgain';
  unitId: string;
  priorCaseId: string;
  priorDecidedAt: string;
  onTime: boolean;
}

export interface LeaderAssigned extends EventEnvelope {
  type: 'LeaderAssigned';
  leaderId: string;
  previousLeaderId: string | null;
}

export interface ExtensionRequested extends EventEnvelope {
  type: 'ExtensionRequested';
  extension: Limit;
  currentDueAt: string;
  requestedDueAt: string;
}

/** reason: what the petitioner is told (art.34). */
export interface ExtensionApproved extends EventEnvelope {
  type: 'ExtensionApproved';
  extension: Limit;
  previousDueAt: string;
  newDueAt: string;
}

export interface ExtensionRejected extends EventEnvelope {
  type: 'ExtensionRejected';
  extension: Limit;
}

export interface PetitionerReplied extends EventEnvelope {
  type: 'PetitionerReplied';
  unitId: string;
  closureType: ReplyClosureType;
  outcomeRef: string;
  claimUpheld: boolean | null;
  handlingDueAt: string | null;
  onTime: boolean;
  evaluationDueAt: string;
  requestReviewDueAt: string | null;
}

export interface SatisfactionEvaluated extends EventEnvelope {
  type: 'SatisfactionEvaluated';
  value: Satisfaction;
}

export interface EvaluationLapsed extends EventEnvelope {
  type: 'EvaluationLapsed';
  dueAt: string;
}

/** A petitioner's request window (review or re-review) ran out without a request. */
export interface RequestWindowLapsed extends EventEnvelope {
  type: 'RequestWindowLapsed';
  deadlineKey: 'requestReview' | 'requestReReview';
  dueAt: string;
}

export interface ReviewRequested extends EventEnvelope {
  type: 'ReviewRequested';
  reviewUnitId: string;
  decideReviewDueAt: string | null;
}

export interface ReviewDecided extends EventEnvelope {
  type: 'ReviewDecided';
  unitId: string;
  decision: ReviewDecision;
  outcomeRef: string;
  onTime: boolean;
  requestReReviewDueAt: string | null;
}

export interface ReReviewRequested extends EventEnvelope {
  type: 'ReReviewRequested';
  reReviewUnitId: string;
  decideReReviewDueAt: string | null;
}

export interface HearingStarted extends EventEnvelope {
  type: 'HearingStarted';
  unitId: string;
  /** Time left on the re-review clock when it stops (null: no limit). */
  remainingMs: number | null;
}

export interface HearingEnded extends EventEnvelope {
  type: 'HearingEnded';
  unitId: string;
  pausedMs: number;
  /** The re-review clock resumes: previous due time + hearing time. */
  decideReReviewDueAt: string | null;
}

/** After it the matter is final: the same facts are not accepted again (art.36). */
export interface ReReviewDecided extends EventEnvelope {
  type: 'ReReviewDecided';
  unitId: string;
  decision: ReviewDecision;
  outcomeRef: string;
  onTime: boolean;
}

export interface PetitionWithdrawn extends EventEnvelope {
  type: 'PetitionWithdrawn';
  step: CaseStep;
}

/**
 * A unit or the bureau missed a limit, or a unit missed the feedback on a supervision letter
 * (deadlineKey 'feedback:…', article 第四十条); recorded once per key and due time.
 */
export interface DeadlineBreached extends EventEnvelope {
  type: 'DeadlineBreached';
  deadlineKey: ClockKey;
  step: CaseStep;
  unitId: string | null;
  article: string;
  dueAt: string;
}

/** 预警: a unit deadline is near (policy warning rule); raised once per rule and clock. */
export interface DeadlineWarningRaised extends EventEnvelope {
  type: 'DeadlineWarningRaised';
  warningKey: WarningKey;
  deadlineKey: BreachDeadlineKey;
  rule: WarningRule;
  step: CaseStep;
  unitId: string | null;
  /** When the rule scheduled the warning. */
  warnAt: string;
  /** The deadline warned about. */
  dueAt: string;
  clockStartedAt: string;
  /** Time left to the deadline at the warning (workflow time). */
  remainingMs: number;
}

/**
 * A rung of the escalation ladder after a breach, while the step is still not done. `article` cites the
 * broken duty by its own article (route 第二十二条, notice 第二十三条, acceptance 第三十一条, handling
 * 第三十四条/第二十九条/第三十条/第二十二条 for an assignment, review 第三十五条, re-review 第三十六条, letter
 * feedback 第四十条) or, for a practice limit (receipt), the policy's own source. `groundArticle` is the
 * accountability ground (第四十三条–第四十六条), on the accountability recommendation only. Events recorded
 * before groundArticle existed carry the ground in `article` (see ESCALATION_ARTICLES).
 */
export interface EscalationRaised extends EventEnvelope {
  type: 'EscalationRaised';
  escalationKey: EscalationKey;
  /** 1, 2, … per case: letters and feedback refer to it. */
  escalationNo: number;
  deadlineKey: ClockKey;
  rung: EscalationRungKind;
  step: CaseStep;
  unitId: string | null;
  article: string;
  /** Accountability ground (第四十三条–第四十六条, or a practice policy's source); accountability_recommendation only. */
  groundArticle?: string;
  breachDueAt: string;
  /** When the rung was due (breach + the rung's delay). */
  dueAt: string;
  /** The letter to issue (RecordLetterIssued); null for escalation to the superior. */
  letterKind: LetterKind | null;
}

/** The letter for an escalation was issued (numbered outside the domain); it may start a feedback clock. */
export interface LetterIssued extends EventEnvelope, LetterAddressFields {
  type: 'LetterIssued';
  escalationKey: EscalationKey;
  escalationNo: number;
  letterKind: LetterKind;
  letterNo: string;
  issuingBody: string;
  unitId: string | null;
  /** null when this kind of letter needs no written feedback (policy.lettersRequiringFeedback). */
  feedbackKey: FeedbackKey | null;
  feedbackDueAt: string | null;
}

/** The unit's written feedback on a letter; stops its feedback clock. */
export interface LetterFeedbackRecorded extends EventEnvelope, LetterFeedbackDetails {
  type: 'LetterFeedbackRecorded';
  letterNo: string;
  escalationNo: number;
  unitId: string | null;
  feedbackRef: string;
  feedbackKey: FeedbackKey | null;
  feedbackDueAt: string | null;
  onTime: boolean;
}

/** A unit's clock stops for a configured reason (鉴定 …); the hearing of art.36 is HearingStarted. */
export interface ClockPaused extends EventEnvelope {
  type: 'ClockPaused';
  deadlineKey: BreachDeadlineKey;
  pauseReason: string;
  unitId: string | null;
  /** Time left when the clock stops (negative when already overdue). */
  remainingMs: number;
  /** Who approved the pause (under a policy with pauseApproval; absent in older events). */
  approverId?: string;
  /** Who asked for it, when recorded. */
  requestedBy?: string;
}

export interface ClockResumed extends EventEnvelope {
  type: 'ClockResumed';
  deadlineKey: BreachDeadlineKey;
  pauseReason: string;
  unitId: string | null;
  pausedMs: number;
  /** The deadline moved by the paused time. */
  dueAt: string;
}

/** A clock moved by a policy change: its start is kept, so the time already elapsed still counts. */
export interface RearmedClock {
  key: DeadlineKey;
  previousDueAt: string | null;
  newDueAt: string | null;
}

/** The case runs under another policy from now on (the whole document is recorded). */
export interface PolicyAdopted extends EventEnvelope {
  type: 'PolicyAdopted';
  fromId: string;
  fromVersion: number;
  toId: string;
  toVersion: number;
  changes: PolicyChange[];
  rearmed: RearmedClock[];
  policy: SupervisionPolicy;
}

/** The registrar linked the case to another as the same matter; matterRef: the case's matter reference from now on. */
export interface RelatedCaseLinked extends EventEnvelope {
  type: 'RelatedCaseLinked';
  relatedCaseId: string;
  matterRef: string;
}

/** The registrar undid a link; matterRef: the case's matter reference from now on (its own, or a remaining link's). */
export interface RelatedCaseUnlinked extends EventEnvelope {
  type: 'RelatedCaseUnlinked';
  relatedCaseId: string;
  matterRef: string;
}

export interface CaseClosed extends EventEnvelope {
  type: 'CaseClosed';
  closureReason: ClosureReason;
  step: CaseStep;
}

export type {
  LetterAddressFields,
  LetterAdoptionRecorded,
  LetterFeedbackAccepted,
  LetterFeedbackDetails,
  LetterFeedbackReturned,
} from './case.events.letters';

export type CaseEvent =
  | PetitionRegistered
  | RepeatPetitionRecorded
  | HigherLevelPetitionNotAccepted
  | PetitionRouted
  | CaseReceived
  | PetitionerNotified
  | ObjectionRaised
  | ObjectionApproved
  | ObjectionRejected
  | CaseAccepted
  | CaseNotAccepted
  | CaseDiverted
  | DecisionNotified
  | CaseNotAcceptedAgain
  | LeaderAssigned
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRejected
  | PetitionerReplied
  | SatisfactionEvaluated
  | EvaluationLapsed
  | RequestWindowLapsed
  | ReviewRequested
  | ReviewDecided
  | ReReviewRequested
  | HearingStarted
  | HearingEnded
  | ReReviewDecided
  | PetitionWithdrawn
  | DeadlineBreached
  | DeadlineWarningRaised
  | EscalationRaised
  | LetterIssued
  | LetterFeedbackRecorded
  | LetterFeedbackAccepted
  | LetterFeedbackReturned
  | LetterAdoptionRecorded
  | ClockPaused
  | ClockResumed
  | PolicyAdopted
  | RelatedCaseLinked
  | RelatedCaseUnlinked
  | CalendarAdopted
  | BreachWithdrawn
  | UnitSucceeded
  | CaseClosed;

export type CaseEventType = CaseEvent['type'];
