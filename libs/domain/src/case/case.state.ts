import type { Limit } from '../calendar';
import type { PriorFinalDecision } from './case.commands';
import type {
  AcceptanceOutcome,
  CaseStatus,
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

export interface PetitionFacts {
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
}

export interface AcceptanceState {
  outcome: AcceptanceOutcome;
  decidedAt: string;
  divertTo: DiversionChannel | null;
}

/** One routing of the case to a lead unit; replaced when an approved objection sends it back. */
export interface Assignment {
  round: number;
  mode: RouteMode;
  leadUnitId: string;
  coUnitIds: string[];
  routedAt: string;
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
  deadlineKey: DeadlineKey;
  dueAt: string;
  at: string;
  unitId: string | null;
}

export interface CaseState {
  caseId: string | null;
  status: CaseStatus;
  step: CaseStep;
  closure: { reason: ClosureReason; at: string; fromStep: CaseStep } | null;
  policyId: string | null;
  policyVersion: number | null;
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
  repeatCount: number;
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
    repeatCount: 0,
    higherLevelNotAcceptedCount: 0,
    withdrawnAt: null,
    lastEventAt: null,
    eventCount: 0,
  };
}
