import type { AdoptionOutcome } from './case.commands.letters';
import type {
  LetterAdoptionRecorded,
  LetterFeedbackAccepted,
  LetterFeedbackRecorded,
  LetterFeedbackReturned,
  LetterIssued,
} from './case.events';
import type { CaseState, LetterRecord } from './case.state';

/**
 * Where a letter's written feedback stands:
 * - not_required: this kind of letter needs none (policy.lettersRequiringFeedback);
 * - awaiting: the unit has not answered yet; returned: the office returned its answer, a new one is due;
 * - submitted: answered, awaiting the office's review (policy.letterFeedbackReview); accepted: the office accepted it;
 * - answered: answered where no review applies (older policies), or a recommendation's adoption recorded.
 * 'overdue' is not stored: it is awaiting/returned with the current feedback clock breached (letterFeedbackStatus).
 */
export type LetterFeedbackState = 'not_required' | 'awaiting' | 'submitted' | 'accepted' | 'returned' | 'answered';
export type LetterFeedbackStatus = LetterFeedbackState | 'overdue';

export interface LetterFeedbackContent {
  round: number;
  at: string;
  by: string;
  feedbackRef: string;
  summary: string | null;
  measures: string | null;
  documentNo: string | null;
  attachments: string[];
  onTime: boolean;
}

export interface LetterReviewRecord {
  outcome: 'accepted' | 'returned';
  round: number;
  at: string;
  by: string;
  /** The return reason, or the acceptance note. */
  reason: string | null;
}

export interface LetterAdoptionRecord {
  outcome: AdoptionOutcome;
  reason: string | null;
  documentNo: string | null;
  at: string;
  by: string;
  onTime: boolean;
}

type LetterEvent = LetterIssued | LetterFeedbackRecorded | LetterFeedbackAccepted | LetterFeedbackReturned | LetterAdoptionRecorded;

/** The stored state of a letter recorded before the feedback loop existed. */
export function feedbackStateOf(letter: LetterRecord): LetterFeedbackState {
  if (letter.feedbackState) return letter.feedbackState;
  if (letter.feedbackAt !== null) return 'answered';
  return letter.feedbackKey === null ? 'not_required' : 'awaiting';
}

/** The state shown for a letter: 'overdue' while its current feedback clock is breached and unanswered. */
export function letterFeedbackStatus(state: CaseState, letter: LetterRecord): LetterFeedbackStatus {
  const s = feedbackStateOf(letter);
  const open = s === 'awaiting' || s === 'returned';
  return open && letter.feedbackKey !== null && state.breaches.some((b) => b.deadlineKey === letter.feedbackKey) ? 'overdue' : s;
}

/** The letter the event is about, changed. */
export function evolveLetter(letter: LetterRecord, event: LetterEvent): LetterRecord {
  switch (event.type) {
    case 'LetterIssued':
      return letter;
    case 'LetterFeedbackRecorded': {
      const round = event.round ?? letter.feedbackRound ?? 1;
      return {
        ...letter,
        feedbackAt: event.at,
        feedbackRef: event.feedbackRef,
        feedbackState: event.awaitingReview ? 'submitted' : 'answered',
        feedbackRound: round,
        feedback: {
          round, at: event.at, by: event.actor.id, feedbackRef: event.feedbackRef, summary: event.summary ?? null,
          measures: event.measures ?? null, documentNo: event.documentNo ?? null, attachments: event.attachments ?? [], onTime: event.onTime,
        },
      };
    }
    case 'LetterFeedbackAccepted':
      return { ...letter, feedbackState: 'accepted', review: { outcome: 'accepted', round: event.round, at: event.at, by: event.actor.id, reason: event.note } };
    case 'LetterFeedbackReturned':
      // The answer stays on record (feedback); the clock restarts under a new key with the new limit.
      return {
        ...letter,
        feedbackState: 'returned',
        feedbackAt: null,
        feedbackKey: event.feedbackKey,
        feedbackDueAt: event.feedbackDueAt,
        feedbackRound: event.round + 1,
        review: { outcome: 'returned', round: event.round, at: event.at, by: event.actor.id, reason: event.returnReason },
      };
    case 'LetterAdoptionRecorded':
      return {
        ...letter,
        feedbackAt: event.at,
        feedbackState: 'answered',
        adoption: { outcome: event.outcome, reason: event.adoptionReason, documentNo: event.documentNo, at: event.at, by: event.actor.id, onTime: event.onTime },
      };
  }
}

/** A new letter record from its LetterIssued event. */
export function letterFromIssued(event: LetterIssued): LetterRecord {
  return {
    escalationNo: event.escalationNo,
    escalationKey: event.escalationKey,
    letterKind: event.letterKind,
    letterNo: event.letterNo,
    issuingBody: event.issuingBody,
    unitId: event.unitId,
    issuedAt: event.at,
    feedbackKey: event.feedbackKey,
    feedbackDueAt: event.feedbackDueAt,
    feedbackAt: null,
    feedbackRef: null,
    ...(event.addresseeId ? { addresseeId: event.addresseeId, copyTo: event.copyTo ?? [] } : {}),
  };
}
