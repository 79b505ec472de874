import type { ReportArrivalInput } from './cluster-watch.contract';
import type { RecordedEvent } from './petition-workflow.contract';

export interface CaseRowSummary {
  nextDeadlineKey: string | null;
  nextDeadlineAt: string | null;
  policyId: string;
  policyVersion: number;
}

export interface ProjectCaseEventsInput {
  caseId: string;
  events: RecordedEvent[];
  summary: CaseRowSummary;
}

export type LetterKindName = 'reminder_letter' | 'listed_supervision_notice' | 'accountability_recommendation';

/** What a supervision letter needs, taken from the case's escalation event (no personal data). */
export interface IssueLetterInput {
  caseId: string;
  escalationKey: string;
  escalationNo: number;
  letterKind: LetterKindName;
  recipientUnitId: string;
  deadlineKey: string;
  step: string;
  /** The broken duty: an article of the Regulation (第N条), or a practice policy's own source. */
  article: string;
  /** The accountability ground (第四十三条–第四十六条, or a practice source): accountability recommendations only. */
  groundArticle?: string | null;
  breachDueAt: string;
  /** The escalation's instant (workflow time): the letter's date. */
  issuedAt: string;
  feedbackDueAt: string | null;
  /** A recommendation addressed (policy.accountability) to the unit's superior or the discipline body, the unit in copy. */
  addresseeUnitId?: string;
  copyToUnitIds?: string[];
  caseFacts: { registeredAt: string; category: string; kind: string; regionCode: string };
}

export interface IssuedLetter { letterId: string; letterNo: string; issuingBody: string }

/** Activities the petition workflow schedules; workflows import this type only. */
export interface CaseActivities {
  /** `chainHead`: the hash of the case's last projected event; recorded in the history as the activity's result. */
  projectCaseEvents(input: ProjectCaseEventsInput): Promise<{ applied: number; lastSeq: number; chainHead?: string | null }>;
  /** Allocates the official number, renders and stores the letter; idempotent per (case, escalation). */
  issueLetter(input: IssueLetterInput): Promise<IssuedLetter>;
  /** Tells the bureau's cluster watch (类案预警) about a new registration; idempotent per case. */
  reportArrival(input: ReportArrivalInput): Promise<void>;
}
