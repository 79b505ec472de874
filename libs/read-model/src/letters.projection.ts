import type { BreachWithdrawn, CaseEvent } from '@petitions/domain';
import type { EntityManager } from 'typeorm';

/**
 * The letters table follows the case's letter events (feedback, review, adoption). Each update sets absolute values
 * from one event, so applying the events of a case in order is idempotent (the writer applies each event once).
 */
export async function applyLetterEvents(tx: EntityManager, caseId: string, events: readonly CaseEvent[]): Promise<void> {
  for (const e of events) {
    switch (e.type) {
      case 'LetterIssued':
        await tx.query(
          `UPDATE letters SET feedback_state = $3, addressee_unit = COALESCE($4, addressee_unit), copy_to = COALESCE($5, copy_to)
           WHERE case_id = $1 AND letter_no = $2`,
          [caseId, e.letterNo, e.feedbackKey === null ? 'not_required' : 'awaiting', e.addresseeId ?? null, e.copyTo ?? null]);
        break;
      case 'LetterFeedbackRecorded':
        await tx.query(
          `UPDATE letters SET feedback_state = $3, feedback_round = $4, feedback_at = $5, feedback_by = $6, feedback_summary = $7,
             feedback_measures = $8, feedback_doc_no = $9, feedback_attachments = $10 WHERE case_id = $1 AND letter_no = $2`,
          [caseId, e.letterNo, e.awaitingReview ? 'submitted' : 'answered', e.round ?? 1, e.at, e.actor.id, e.summary ?? null,
            e.measures ?? null, e.documentNo ?? e.feedbackRef, e.attachments ?? []]);
        break;
      case 'LetterFeedbackAccepted':
        await tx.query(
          `UPDATE letters SET feedback_state = 'accepted', review_outcome = 'accepted', review_reason = $3, reviewed_at = $4, reviewed_by = $5
           WHERE case_id = $1 AND letter_no = $2`, [caseId, e.letterNo, e.note, e.at, e.actor.id]);
        break;
      case 'LetterFeedbackReturned':
        await tx.query(
          `UPDATE letters SET feedback_state = 'returned', review_outcome = 'returned', review_reason = $3, reviewed_at = $4, reviewed_by = $5,
             feedback_due_at = $6, feedback_round = $7 WHERE case_id = $1 AND letter_no = $2`,
          [caseId, e.letterNo, e.returnReason, e.at, e.actor.id, e.feedbackDueAt, e.round + 1]);
        break;
      case 'LetterAdoptionRecorded':
        await tx.query(
          `UPDATE letters SET feedback_state = 'answered', feedback_at = $3, feedback_by = $4, adoption_outcome = $5, adoption_reason = $6,
             adoption_doc_no = $7, adopted_at = $3 WHERE case_id = $1 AND letter_no = $2`,
          [caseId, e.letterNo, e.at, e.actor.id, e.outcome, e.adoptionReason, e.documentNo]);
        break;
      case 'BreachWithdrawn':
        // The letters the breach caused are withdrawn with it (their feedback is no longer due).
        if (e.letterNos.length > 0) {
          await tx.query(
            `UPDATE letters SET withdrawn_at = $3, withdrawal_reason = $4 WHERE case_id = $1 AND letter_no = ANY($2::text[])`,
            [caseId, e.letterNos, e.at, withdrawalReason(e)]);
        }
        break;
      default:
        break;
    }
  }
}

/** Why a letter was withdrawn, zh-CN then English (shown on the letter and in the letters API). */
export function withdrawalReason(e: BreachWithdrawn): string {
  const years = e.years.join('、');
  const version = e.calendarVersion === undefined ? '' : `（第${e.calendarVersion}版）`;
  const versionEn = e.calendarVersion === undefined ? '' : ` (version ${e.calendarVersion})`;
  return `${years}年节假日安排（${e.documentNo}）${version}发布后，原违期期限顺延至 ${e.newDueAt}，违期不成立，本函撤回`
    + ` / The ${e.years.join(', ')} holiday arrangement (${e.documentNo})${versionEn} moved the deadline to ${e.newDueAt}:`
    + ' it was not missed, and this letter is withdrawn';
}
