import type { HolidayYear, Limit } from '../calendar';
import type { SupervisionPolicy } from '../policy/supervision-policy.types';
import type { AcceptLetterFeedback, RecordLetterAdoption, ReturnLetterFeedback } from './case.commands.letters';
import type {
  AcceptanceOutcome,
  Actor,
  Channel,
  ClosureReason,
  DiversionChannel,
  PetitionKind,
  PetitionLevel,
  ReplyClosureType,
  Respondent,
  ReviewDecision,
  RouteMode,
  Satisfaction,
} from './case.types';

export type { AcceptLetterFeedback, AdoptionOutcome, RecordLetterAdoption, ReturnLetterFeedback } from './case.commands.letters';
export { ADOPTION_OUTCOMES } from './case.commands.letters';

/** Every command says who acts, when (workflow time, injected by the workflow) and optionally why. */
export interface CommandBase {
  actor: Actor;
  /** ISO 8601 instant with offset; the workflow's clock, never the caller's. */
  at: string;
  reason?: string;
}

/** A previous case on the same matter that ended with a re-review decision (art.36). */
export interface PriorFinalDecision {
  caseId: string;
  decidedAt: string;
}

/**
 * The earlier, closed case this petition takes up again (withdrawn, not accepted, diverted …): the registrar chose
 * it as the same matter. The new case is linked to it and shares its matter reference (matterRef).
 */
export interface EarlierCaseRef {
  caseId: string;
  closureReason: ClosureReason;
  matterRef: string;
}

export interface RegisterPetition extends CommandBase {
  type: 'RegisterPetition';
  caseId: string;
  channel: Channel;
  persons: number;
  /** Representatives of a group visit (art.20: at most 5); required for visits of more than 5 persons. */
  representatives?: number;
  kind: PetitionKind;
  category: string;
  /** The county (6 digits) where the matter arose; with a township, its first 6 digits. */
  regionCode: string;
  /** The township (乡镇街道, 9 digits) where the matter arose, when known; starts with `regionCode`. */
  townshipCode?: string;
  respondent: Respondent;
  /** Opaque reference to the matter's summary, never personal data. */
  matterRef: string;
  /** Opaque pseudonymous petitioner id. */
  petitionerRef: string;
  nameAndAddressKnown: boolean;
  level: PetitionLevel;
  /** Set by the caller from the read model when the same matter already had a re-review decision. */
  priorFinalDecision?: PriorFinalDecision;
  /** The closed case this petition takes up again (a new case linked to it). */
  relatedCase?: EarlierCaseRef;
  /** HMAC of respondent + category: lets the registrar be shown cases against the same respondent. */
  respondentRef?: string;
  /** Keyed MinHash of the summary (no text): lets the registrar be shown cases with similar content. */
  contentSketch?: number[];
}

/** Same petitioner, same matter: the new petition joins this case. */
export interface RecordRepeatPetition extends CommandBase {
  type: 'RecordRepeatPetition';
  channel: Channel;
  persons: number;
  representatives?: number;
  level: PetitionLevel;
}

export interface RoutePetition extends CommandBase {
  type: 'RoutePetition';
  mode: RouteMode;
  leadUnitId: string;
  coUnitIds?: string[];
  /** 交办 only: an absolute deadline (ISO) ... */
  handlingDeadline?: string;
  /** ... or a limit counted from acceptance. */
  handlingLimit?: Limit;
}

export interface ReceiveCase extends CommandBase {
  type: 'ReceiveCase';
}

export interface NotifyPetitioner extends CommandBase {
  type: 'NotifyPetitioner';
  /** Opaque reference to the written notice. */
  noticeRef?: string;
}

/** reason required. */
export interface RaiseObjection extends CommandBase {
  type: 'RaiseObjection';
}

export interface DecideObjection extends CommandBase {
  type: 'DecideObjection';
  approved: boolean;
}

export interface DecideAcceptance extends CommandBase {
  type: 'DecideAcceptance';
  outcome: AcceptanceOutcome;
  /** Required when outcome is 'diverted'. */
  divertTo?: DiversionChannel;
}

/**
 * reason required (the reasons told). The written notice of not accepted / diverted (art.31), in step
 * decision_notice; the case closes with it.
 */
export interface NotifyDecision extends CommandBase {
  type: 'NotifyDecision';
  /** Opaque reference to the written notice. */
  noticeRef: string;
}

export interface AssignLeader extends CommandBase {
  type: 'AssignLeader';
  leaderId: string;
}

/** reason required. */
export interface RequestExtension extends CommandBase {
  type: 'RequestExtension';
  extension: Limit;
}

/** reason required: when approved it is the reason told to the petitioner. */
export interface DecideExtension extends CommandBase {
  type: 'DecideExtension';
  approved: boolean;
}

export interface ReplyToPetitioner extends CommandBase {
  type: 'ReplyToPetitioner';
  closureType: ReplyClosureType;
  outcomeRef: string;
  claimUpheld?: boolean;
}

export interface EvaluateSatisfaction extends CommandBase {
  type: 'EvaluateSatisfaction';
  value: Satisfaction;
}

export interface RequestReview extends CommandBase {
  type: 'RequestReview';
  /** The body one level up that reviews. */
  reviewUnitId: string;
}

export interface DecideReview extends CommandBase {
  type: 'DecideReview';
  decision: ReviewDecision;
  outcomeRef: string;
}

export interface RequestReReview extends CommandBase {
  type: 'RequestReReview';
  reReviewUnitId: string;
}

export interface StartHearing extends CommandBase {
  type: 'StartHearing';
}

export interface EndHearing extends CommandBase {
  type: 'EndHearing';
}

export interface DecideReReview extends CommandBase {
  type: 'DecideReReview';
  decision: ReviewDecision;
  outcomeRef: string;
}

export interface WithdrawPetition extends CommandBase {
  type: 'WithdrawPetition';
}

/**
 * Sent by the workflow (actor role 'system') when the timer of a pending deadline fires: `deadlineKey`
 * is any key pendingDeadlines returned (a deadline, a warning, an escalation rung, a feedback clock).
 */
export interface ReachDeadline extends CommandBase {
  type: 'ReachDeadline';
  deadlineKey: string;
}

/**
 * Stops a unit's clock for a reason the case's policy configures for that deadline (e.g. 鉴定 for
 * handling); the time stopped is not counted. (`reason` stays the free-text why of every command.)
 * pauseReason 'hearing' on decideReReview is the same as StartHearing.
 */
export interface PauseClock extends CommandBase {
  type: 'PauseClock';
  deadlineKey: string;
  pauseReason: string;
  /** The approver (when the policy has pauseApproval: the acting unit head himself). */
  approverId?: string;
  /** The handler who asked for the pause, when another than the approver. */
  requestedBy?: string;
}

/** Restarts a stopped clock; the deadline moves by the time stopped. On a hearing: EndHearing. */
export interface ResumeClock extends CommandBase {
  type: 'ResumeClock';
  deadlineKey: string;
}

/**
 * The letter of an escalation was issued (number and body come from the letter activity). Refers to
 * the latest escalation with that key that has no letter yet, or exactly to `escalationNo` when given.
 */
export interface RecordLetterIssued extends CommandBase {
  type: 'RecordLetterIssued';
  escalationKey: string;
  escalationNo?: number;
  letterNo: string;
  issuingBody: string;
}

/** The registrar links this case, as a repeat on the same matter, to another case (with a reason). */
export interface LinkRelatedCase extends CommandBase {
  type: 'LinkRelatedCase';
  relatedCaseId: string;
  /** The related case's matter reference, looked up by the caller: the linked case counts as the same matter. */
  relatedMatterRef: string;
}

/** The registrar undoes a link (with a reason). */
export interface UnlinkRelatedCase extends CommandBase {
  type: 'UnlinkRelatedCase';
  relatedCaseId: string;
}

/**
 * The addressed unit's written feedback on a letter (by its number); the unit is the actor's. The
 * document is referenced by `feedbackRef` or its `documentNo` (one of them is required).
 */
export interface RecordLetterFeedback extends CommandBase {
  type: 'RecordLetterFeedback';
  letterNo: string;
  /** Opaque reference to the feedback document. */
  feedbackRef?: string;
  /** What was done (反馈情况). */
  summary?: string;
  /** Measures taken (整改措施). */
  measures?: string;
  /** The feedback document's number (文号). */
  documentNo?: string;
  /** Attachments by reference (document ids). */
  attachments?: string[];
}

/** The case runs under another (validated) policy document from now on; running clocks are re-armed. */
export interface AdoptPolicy extends CommandBase {
  type: 'AdoptPolicy';
  /** Checked with validatePolicyDocument: typed, but treated as untrusted input. */
  policy: SupervisionPolicy;
}

/**
 * A year's holiday arrangement (State Council notice) was published after the case started: the case uses it from
 * now on, and its provisional deadlines are recomputed (CalendarAdopted). Sent by the calendar rollout.
 */
export interface AdoptCalendar extends CommandBase {
  type: 'AdoptCalendar';
  /** Checked with validateHolidayYear: typed, but treated as untrusted input. */
  years: HolidayYear[];
  /** The notice's document number, e.g. 国办发明电〔2026〕N号. */
  documentNo: string;
  /** The published version of the year (calendar_years), recorded on a withdrawn breach; absent from older rollouts. */
  calendarVersion?: number;
}

/**
 * 机构改革: the unit `fromUnitId` was merged into or closed in favour of `toUnitId`; the successor takes over its roles
 * on this case, deadlines unchanged (UnitSucceeded). Sent by the reorganization rollout (system only).
 */
export interface TransferToSuccessor extends CommandBase {
  type: 'TransferToSuccessor';
  fromUnitId: string;
  toUnitId: string;
  reorganizationId: string;
}

export type CaseCommand =
  | RegisterPetition
  | RecordRepeatPetition
  | RoutePetition
  | ReceiveCase
  | NotifyPetitioner
  | RaiseObjection
  | DecideObjection
  | DecideAcceptance
  | NotifyDecision
  | AssignLeader
  | RequestExtension
  | DecideExtension
  | ReplyToPetitioner
  | EvaluateSatisfaction
  | RequestReview
  | DecideReview
  | RequestReReview
  | StartHearing
  | EndHearing
  | DecideReReview
  | WithdrawPetition
  | ReachDeadline
  | PauseClock
  | ResumeClock
  | RecordLetterIssued
  | RecordLetterFeedback
  | AdoptPolicy
  | LinkRelatedCase
  | UnlinkRelatedCase
  | AdoptCalendar
  | AcceptLetterFeedback
  | ReturnLetterFeedback
  | RecordLetterAdoption
  | TransferToSuccessor;

export type CaseCommandType = CaseCommand['type'];

export const CASE_COMMAND_TYPES: readonly CaseCommandType[] = [
  'RegisterPetition',
  'RecordRepeatPetition',
  'RoutePetition',
  'ReceiveCase',
  'NotifyPetitioner',
  'RaiseObjection',
  'DecideObjection',
  'DecideAcceptance',
  'NotifyDecision',
  'AssignLeader',
  'RequestExtension',
  'DecideExtension',
  'ReplyToPetitioner',
  'EvaluateSatisfaction',
  'RequestReview',
  'DecideReview',
  'RequestReReview',
  'StartHearing',
  'EndHearing',
  'DecideReReview',
  'WithdrawPetition',
  'ReachDeadline',
  'PauseClock',
  'ResumeClock',
  'RecordLetterIssued',
  'RecordLetterFeedback',
  'AcceptLetterFeedback',
  'ReturnLetterFeedback',
  'RecordLetterAdoption',
  'AdoptPolicy',
  'LinkRelatedCase',
  'UnlinkRelatedCase',
  'AdoptCalendar',
  'TransferToSuccessor',
];
