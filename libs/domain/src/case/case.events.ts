import type { Limit } from '../calendar';
import type { PriorFinalDecision } from './case.commands';
import type {
  Actor,
  CaseStep,
  Channel,
  ClosureReason,
  DeadlineKey,
  DiversionChannel,
  PetitionKind,
  PetitionLevel,
  ReplyClosureType,
  Respondent,
  ReviewDecision,
  RouteMode,
  Satisfaction,
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
  respondent: Respondent;
  matterRef: string;
  petitionerRef: string;
  nameAndAddressKnown: boolean;
  level: PetitionLevel;
  priorFinalDecision: PriorFinalDecision | null;
  policyId: string;
  policyVersion: number;
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
}

export interface ObjectionApproved extends EventEnvelope {
  type: 'ObjectionApproved';
  previousLeadUnitId: string;
  /** The bureau routes again; its route clock restarts at the approval. */
  routeDueAt: string | null;
}

export interface ObjectionRejected extends EventEnvelope {
  type: 'ObjectionRejected';
  unitId: string;
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
}

export interface CaseDiverted extends EventEnvelope {
  type: 'CaseDiverted';
  unitId: string;
  divertTo: DiversionChannel;
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

/** A unit or the bureau missed a limit; recorded once per deadline key and due time. */
export interface DeadlineBreached extends EventEnvelope {
  type: 'DeadlineBreached';
  deadlineKey: DeadlineKey;
  step: CaseStep;
  unitId: string | null;
  article: string;
  dueAt: string;
}

export interface CaseClosed extends EventEnvelope {
  type: 'CaseClosed';
  closureReason: ClosureReason;
  step: CaseStep;
}

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
  | CaseClosed;

export type CaseEventType = CaseEvent['type'];
