import { computeDueAt } from '../calendar';
import { lettersRequiringFeedback } from '../policy/policy.normalize';
import type { RecordLetterFeedback, RecordLetterIssued } from './case.commands';
import type { SupervisionContext } from './case.context';
import { type DecideResult, accept, envelope, fromRejection, reject } from './case.outcome';
import { checkUnit } from './case.roles';
import type { CaseState } from './case.state';
import { isBefore } from './case.time';
import type { FeedbackKey } from './case.types';
import { invalid, nonEmpty } from './case.validate';

/**
 * The letter of an escalation was issued (督办提醒函, 挂牌督办通知, 问责建议函). Its number and issuing
 * body come from the letter activity. For the letter kinds the policy names, the addressed unit's
 * written feedback is due within policy.letterFeedbackLimit from the issue (art.40).
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
  });
}

/** The addressed unit answers a letter in writing; late feedback is recorded as late and still stops the clock. */
export function decideLetterFeedback(state: CaseState, cmd: RecordLetterFeedback): DecideResult {
  if (!nonEmpty(cmd.letterNo)) return fromRejection(invalid('letterNo'));
  const letter = state.letters.find((l) => l.letterNo === cmd.letterNo);
  if (!letter) return reject('CASE_LETTER_NOT_FOUND', { letterNo: cmd.letterNo });
  const unit = checkUnit(cmd.actor, letter.unitId);
  if (unit) return fromRejection(unit);
  if (letter.feedbackAt !== null) return reject('CASE_DUPLICATE_COMMAND', { letterNo: letter.letterNo, feedbackAt: letter.feedbackAt });
  if (!nonEmpty(cmd.feedbackRef)) return fromRejection(invalid('feedbackRef'));
  return accept({
    type: 'LetterFeedbackRecorded',
    ...envelope(cmd),
    letterNo: letter.letterNo,
    escalationNo: letter.escalationNo,
    unitId: letter.unitId,
    feedbackRef: cmd.feedbackRef,
    feedbackKey: letter.feedbackKey,
    feedbackDueAt: letter.feedbackDueAt,
    onTime: letter.feedbackDueAt === null || isBefore(cmd.at, letter.feedbackDueAt),
  });
}
