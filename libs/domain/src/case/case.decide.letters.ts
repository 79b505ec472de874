import { computeDueAt } from '../calendar';
import { recommendationAddress } from '../policy/policy.accountability';
import { lettersRequiringFeedback } from '../policy/policy.normalize';
import type { RecordLetterFeedback, RecordLetterIssued } from './case.commands';
import type { SupervisionContext } from './case.context';
import { feedbackStateOf } from './case.letters.state';
import { type DecideResult, accept, envelope, fromRejection, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import type { CaseState } from './case.state';
import { isBefore } from './case.time';
import type { FeedbackKey } from './case.types';
import { invalid, nonEmpty } from './case.validate';

/**
 * The letter of an escalation was issued (督办提醒函, 挂牌督办通知, 问责建议函). Its number and issuing
 * body come from the letter activity. For the letter kinds the policy names, the addressed unit's
 * written feedback is due within policy.letterFeedbackLimit from the issue (art.40). Under
 * policy.accountability a recommendation is addressed to the failing unit's superior or the discipline
 * body, the unit in copy.
 */
export function decideLetterIssued(state: CaseState, cmd: RecordLetterIssued, ctx: SupervisionContext): DecideResult {
  if (!nonEmpty(cmd.escalationKey)) return fromRejection(invalid('escalationKey'));
  if (cmd.escalationNo !== undefined && !(Number.isInteger(cmd.escalationNo) && cmd.escalationNo >= 1)) {
    return fromRejection(invalid('escalationNo'));
  }
  if (!nonEmpty(cmd.letterNo)) return fromRejection(invalid('letterNo'));
  if (!nonEmpty(cmd.issuingBody)) return fromRejection(invalid('issuingBody'));
  const candidates = state.escalations.filter(
    (e) => e.escalationKey === cmd.escalationKey && (cmd.escalationNo === undefined || e.escalationNo === cmd.escalationNo),
  );
  if (candidates.length === 0) return reject('CASE_ESCALATION_NOT_FOUND', { escalationKey: cmd.escalationKey, escalationNo: cmd.escalationNo ?? null });
  const hasLetter = (no: number) => state.letters.some((l) => l.escalationNo === no);
  // The latest one still waiting for its letter (a restarted clock may have escalated the same rung again).
  const esc = [...candidates].reverse().find((e) => !hasLetter(e.escalationNo)) ?? candidates[candidates.length - 1];
  if (esc.letterKind === null) return reject('CASE_LETTER_NOT_APPLICABLE', { escalationKey: esc.escalationKey, rung: esc.rung });
  const existing = state.letters.find((l) => l.escalationNo === esc.escalationNo);
  if (existing) return reject('CASE_DUPLICATE_COMMAND', { escalationNo: esc.escalationNo, letterNo: existing.letterNo });
  if (state.letters.some((l) => l.letterNo === cmd.letterNo)) return reject('CASE_LETTER_NUMBER_IN_USE', { letterNo: cmd.letterNo });
  const needsFeedback = lettersRequiringFeedback(ctx.policy).includes(esc.letterKind);
  const feedbackKey: FeedbackKey | null = needsFeedback ? `feedback:${esc.deadlineKey}:${esc.rung}#${esc.escalationNo}` : null;
  const address = esc.letterKind === 'accountability_recommendation' ? recommendationAddress(ctx.policy, esc.unitId) : null;
  return accept({
    type: 'LetterIssued',
    ...envelope(cmd),
    escalationKey: esc.escalationKey,
    escalationNo: esc.escalationNo,
    letterKind: esc.letterKind,
    letterNo: cmd.letterNo,
    issuingBody: cmd.issuingBody,
    unitId: esc.unitId,
    feedbackKey,
    feedbackDueAt: needsFeedback ? computeDueAt(cmd.at, ctx.policy.letterFeedbackLimit, ctx.calendar) : null,
    ...(address ? { addresseeId: address.addresseeId, copyTo: address.copyTo } : {}),
  });
}

const MAX_TEXT = 4000;
const MAX_ATTACHMENTS = 20;

function optionalText(value: unknown): boolean {
  return value === undefined || (nonEmpty(value) && value.length <= MAX_TEXT);
}

/**
 * The addressed unit answers a letter in writing (summary, measures, document number, attachments by
 * reference); late feedback is recorded as late and still stops the clock. Under
 * policy.letterFeedbackReview the answer awaits the office's review, and a returned one may be answered
 * again. A recommendation that names its addressee is answered by RecordLetterAdoption.
 */
export function decideLetterFeedback(state: CaseState, cmd: RecordLetterFeedback, ctx: SupervisionContext): DecideResult {
  if (!nonEmpty(cmd.letterNo)) return fromRejection(invalid('letterNo'));
  const letter = state.letters.find((l) => l.letterNo === cmd.letterNo);
  if (!letter) return reject('CASE_LETTER_NOT_FOUND', { letterNo: cmd.letterNo });
  if (letter.withdrawnAt !== undefined) return reject('CASE_LETTER_WITHDRAWN', { letterNo: letter.letterNo, withdrawnAt: letter.withdrawnAt });
  const unit = checkUnit(cmd.actor, letter.unitId);
  if (unit) return fromRejection(unit);
  if (letter.addresseeId) return reject('CASE_LETTER_ANSWERED_BY_ADOPTION', { letterNo: letter.letterNo, addresseeId: letter.addresseeId });
  const current = feedbackStateOf(letter);
  if (letter.feedbackAt !== null || current === 'accepted') {
    return reject('CASE_DUPLICATE_COMMAND', { letterNo: letter.letterNo, feedbackAt: letter.feedbackAt, feedbackState: current });
  }
  if (cmd.feedbackRef !== undefined && !nonEmpty(cmd.feedbackRef)) return fromRejection(invalid('feedbackRef'));
  for (const field of ['summary', 'measures', 'documentNo'] as const) {
    if (!optionalText(cmd[field])) return fromRejection(invalid(field));
  }
  const ref = cmd.feedbackRef ?? cmd.documentNo;
  if (!nonEmpty(ref)) return fromRejection(invalid('feedbackRef'));
  const attachments = cmd.attachments;
  if (attachments !== undefined && !(Array.isArray(attachments) && attachments.length <= MAX_ATTACHMENTS && attachments.every((a) => optionalText(a) && a !== undefined))) {
    return fromRejection(invalid('attachments'));
  }
  const review = ctx.policy.letterFeedbackReview === true;
  return accept({
    type: 'LetterFeedbackRecorded',
    ...envelope(cmd),
    letterNo: letter.letterNo,
    escalationNo: letter.escalationNo,
    unitId: letter.unitId,
    feedbackRef: ref,
    feedbackKey: letter.feedbackKey,
    feedbackDueAt: letter.feedbackDueAt,
    onTime: letter.feedbackDueAt === null || isBefore(cmd.at, letter.feedbackDueAt),
    ...(cmd.summary !== undefined ? { summary: cmd.summary } : {}),
    ...(cmd.measures !== undefined ? { measures: cmd.measures } : {}),
    ...(cmd.documentNo !== undefined ? { documentNo: cmd.documentNo } : {}),
    ...(attachments !== undefined && attachments.length > 0 ? { attachments: [...attachments] } : {}),
    ...(review ? { round: letter.feedbackRound ?? 1, awaitingReview: true } : {}),
  });
}
