import type { AdoptionOutcome } from './case.commands.letters';
import type { EventEnvelope } from './case.events';
import type { FeedbackKey } from './case.types';

/**
 * Fields of LetterIssued for an accountability recommendation under policy.accountability: the body it is
 * addressed to (the failing unit's superior or the discipline body) and the copy line (抄送: the unit).
 * Absent in older events: the letter went to `unitId`.
 */
export interface LetterAddressFields {
  addresseeId?: string;
  copyTo?: string[];
}

/** Fields of LetterFeedbackRecorded added with the feedback loop (absent in older events). */
export interface LetterFeedbackDetails {
  summary?: string;
  measures?: string;
  documentNo?: string;
  attachments?: string[];
  /** 1 for the first answer, 2 after one return, … */
  round?: number;
  /** True under policy.letterFeedbackReview: the office accepts or returns it. */
  awaitingReview?: boolean;
}

/** The supervision office accepted the unit's feedback: the letter is settled. */
export interface LetterFeedbackAccepted extends EventEnvelope {
  type: 'LetterFeedbackAccepted';
  letterNo: string;
  escalationNo: number;
  unitId: string | null;
  round: number;
  note: string | null;
}

/** The office returned the feedback: a new feedback clock (key, due) runs for the unit's new answer. */
export interface LetterFeedbackReturned extends EventEnvelope {
  type: 'LetterFeedbackReturned';
  letterNo: string;
  escalationNo: number;
  unitId: string | null;
  round: number;
  returnReason: string;
  feedbackKey: FeedbackKey;
  feedbackDueAt: string;
}

/** The addressee of an accountability recommendation recorded whether it was adopted; stops its feedback clock. */
export interface LetterAdoptionRecorded extends EventEnvelope {
  type: 'LetterAdoptionRecorded';
  letterNo: string;
  escalationNo: number;
  /** The failing unit the recommendation is about. */
  unitId: string | null;
  addresseeId: string | null;
  outcome: AdoptionOutcome;
  adoptionReason: string | null;
  documentNo: string | null;
  feedbackKey: FeedbackKey | null;
  feedbackDueAt: string | null;
  onTime: boolean;
}
