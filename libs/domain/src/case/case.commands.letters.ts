import type { Limit } from '../calendar';
import type { CommandBase } from './case.commands';

/** The supervision office accepts a unit's written feedback on a letter (policy.letterFeedbackReview). */
export interface AcceptLetterFeedback extends CommandBase {
  type: 'AcceptLetterFeedback';
  letterNo: string;
  note?: string;
}

/**
 * The supervision office returns a unit's written feedback (退回): why, and the new limit within which the
 * unit answers again (counted from the return). The feedback clock restarts.
 */
export interface ReturnLetterFeedback extends CommandBase {
  type: 'ReturnLetterFeedback';
  letterNo: string;
  returnReason: string;
  limit: Limit;
}

export const ADOPTION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type AdoptionOutcome = (typeof ADOPTION_OUTCOMES)[number];

/** The addressee of an accountability recommendation records whether it was adopted (采纳情况). */
export interface RecordLetterAdoption extends CommandBase {
  type: 'RecordLetterAdoption';
  letterNo: string;
  outcome: AdoptionOutcome;
  /** Required unless adopted in full. */
  adoptionReason?: string;
  documentNo?: string;
}
