import { computeDueAt } from '../calendar';
import { isValidLimit } from '../policy/policy.validate';
import { ADOPTION_OUTCOMES, type AcceptLetterFeedback, type RecordLetterAdoption, type ReturnLetterFeedback } from './case.commands.letters';
import type { SupervisionContext } from './case.context';
import { feedbackStateOf } from './case.letters.state';
import { type DecideResult, accept, envelope, fromRejection, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import type { CaseState, LetterRecord } from './case.state';
import { isBefore } from './case.time';
import type { FeedbackKey } from './case.types';
import { invalid, isOneOf, nonEmpty } from './case.validate';

const MAX_TEXT = 4000;

type Found = { letter: LetterRecord } | { result: DecideResult };

/** The letter under review: found, the policy reviews feedback, and an answer awaits review. */
function letterUnderReview(state: CaseState, letterNo: unknown, ctx: SupervisionContext): Found {
  if (!nonEmpty(letterNo)) return { result: fromRejection(invalid('letterNo')) };
  const letter = state.letters.find((l) => l.letterNo === letterNo);
  if (!letter) return { result: reject('CASE_LETTER_NOT_FOUND', { letterNo }) };
  if (letter.withdrawnAt !== undefined) return { result: reject('CASE_LETTER_WITHDRAWN', { letterNo, withdrawnAt: letter.withdrawnAt }) };
  if (ctx.policy.letterFeedbackReview !== true) return { result: reject('CASE_LETTER_REVIEW_OFF', { letterNo, policyId: ctx.policy.id }) };
  const current = feedbackStateOf(letter);
  if (current !== 'submitted') return { result: reject('CASE_LETTER_NOTHING_TO_REVIEW', { letterNo, feedbackState: current }) };
  return { letter };
}

/** The supervision office accepts the unit's written feedback: the letter is settled (its clock stays stopped). */
export function decideAcceptLetterFeedback(state: CaseState, cmd: AcceptLetterFeedback, ctx: SupervisionContext): DecideResult {
  const found = letterUnderReview(state, cmd.letterNo, ctx);
  if ('result' in found) return found.result;
  if (cmd.note !== undefined && !(nonEmpty(cmd.note) && cmd.note.length <= MAX_TEXT)) return fromRejection(invalid('note'));
  const { letter } = found;
  return accept({
    type: 'LetterFeedbackAccepted',
    ...envelope(cmd),
    letterNo: letter.letterNo,
    escalationNo: letter.escalationNo,
    unitId: letter.unitId,
    round: letter.feedbackRound ?? 1,
    note: cmd.note ?? null,
  });
}

/**
 * The office returns the feedback with a reason and a new limit (counted from the return): a new feedback
 * clock `<first key>:return:<round>` runs; missed, it is breached and escalates like the first one.
 */
export function decideReturnLetterFeedback(state: CaseState, cmd: ReturnLetterFeedback, ctx: SupervisionContext): DecideResult {
  const found = letterUnderReview(state, cmd.letterNo, ctx);
  if ('result' in found) return found.result;
  if (!(nonEmpty(cmd.returnReason) && cmd.returnReason.length <= MAX_TEXT)) return fromRejection(invalid('returnReason'));
  if (!isValidLimit(cmd.limit) || cmd.limit.amount < 1) return fromRejection(invalid('limit'));
  const { letter } = found;
  const round = letter.feedbackRound ?? 1;
  const first = letter.feedbackKey?.split(':return:')[0] ?? `feedback:${letter.escalationKey}#${letter.escalationNo}`;
  const feedbackKey = `${first}:return:${round}` as FeedbackKey;
  return accept({
    type: 'LetterFeedbackReturned',
    ...envelope(cmd),
    letterNo: letter.letterNo,
    escalationNo: letter.escalationNo,
    unitId: letter.unitId,
    round,
    returnReason: cmd.returnReason,
    feedbackKey,
    feedbackDueAt: computeDueAt(cmd.at, cmd.limit, ctx.calendar),
  });
}

/**
 * The addressee of an accountability recommendation (its superior or discipline body, else the unit
 * itself) records whether it was adopted; a reason is required unless adopted in full. Once per letter;
 * stops the recommendation's feedback clock.
 */
export function decideLetterAdoption(state: CaseState, cmd: RecordLetterAdoption): DecideResult {
  if (!nonEmpty(cmd.letterNo)) return fromRejection(invalid('letterNo'));
  const letter = state.letters.find((l) => l.letterNo === cmd.letterNo);
  if (!letter) return reject('CASE_LETTER_NOT_FOUND', { letterNo: cmd.letterNo });
  if (letter.withdrawnAt !== undefined) return reject('CASE_LETTER_WITHDRAWN', { letterNo: letter.letterNo, withdrawnAt: letter.withdrawnAt });
  if (letter.letterKind !== 'accountability_recommendation') {
    return reject('CASE_LETTER_NOT_RECOMMENDATION', { letterNo: letter.letterNo, letterKind: letter.letterKind });
  }
  const addresseeId = letter.addresseeId ?? letter.unitId;
  const unit = checkUnit(cmd.actor, addresseeId);
  if (unit) return fromRejection(unit);
  if (letter.adoption) return reject('CASE_DUPLICATE_COMMAND', { letterNo: letter.letterNo, adoptedAt: letter.adoption.at });
  if (!isOneOf(ADOPTION_OUTCOMES, cmd.outcome)) return fromRejection(invalid('outcome'));
  const reasonGiven = cmd.adoptionReason !== undefined;
  if (reasonGiven && !(nonEmpty(cmd.adoptionReason) && cmd.adoptionReason.length <= MAX_TEXT)) return fromRejection(invalid('adoptionReason'));
  if (!reasonGiven && cmd.outcome !== 'adopted') return fromRejection(invalid('adoptionReason'));
  if (cmd.documentNo !== undefined && !(nonEmpty(cmd.documentNo) && cmd.documentNo.length <= 200)) return fromRejection(invalid('documentNo'));
  return accept({
    type: 'LetterAdoptionRecorded',
    ...envelope(cmd),
    letterNo: letter.letterNo,
    escalationNo: letter.escalationNo,
    unitId: letter.unitId,
    addresseeId,
    outcome: cmd.outcome,
    adoptionReason: cmd.adoptionReason ?? null,
    documentNo: cmd.documentNo ?? null,
    feedbackKey: letter.feedbackKey,
    feedbackDueAt: letter.feedbackDueAt,
    onTime: letter.feedbackDueAt === null || isBefore(cmd.at, letter.feedbackDueAt),
  });
}
