/** Letter feedback loop fixtures under the national policy (reviewed feedback, recommendations to the discipline body). */
import type * as C from './case.commands';
import type * as E from './case.events';
import { LEAD, LETTER_NO, SUP, SUPERVISOR, UNIT_HEAD, ev, upTo } from './case.testkit';
import type { Actor } from './case.types';

export const REC_NO = '某信督〔2026〕30号';
export const DISCIPLINE_HANDLER: Actor = { id: 'dh-1', role: 'handler', unitId: 'discipline-body' };

export const letterCmd = {
  accept: (o: Partial<C.AcceptLetterFeedback> = {}): C.AcceptLetterFeedback => ({
    type: 'AcceptLetterFeedback', actor: SUPERVISOR, at: '2026-05-22T10:00:00+08:00', letterNo: LETTER_NO, ...o,
  }),
  giveBack: (o: Partial<C.ReturnLetterFeedback> = {}): C.ReturnLetterFeedback => ({
    type: 'ReturnLetterFeedback', actor: SUPERVISOR, at: '2026-05-25T10:00:00+08:00', letterNo: LETTER_NO,
    returnReason: '整改措施不具体', limit: { amount: 10, unit: 'calendar_days' }, ...o,
  }),
  adopt: (o: Partial<C.RecordLetterAdoption> = {}): C.RecordLetterAdoption => ({
    type: 'RecordLetterAdoption', actor: DISCIPLINE_HANDLER, at: '2026-06-10T10:00:00+08:00', letterNo: REC_NO, outcome: 'adopted', ...o,
  }),
};

export const letterEv = {
  answered: (): E.LetterFeedbackRecorded => ({
    type: 'LetterFeedbackRecorded', at: SUP.feedback, actor: UNIT_HEAD, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD,
    feedbackRef: 'feedback-1', feedbackKey: 'feedback:handling:reminder_letter#1', feedbackDueAt: SUP.feedbackDue, onTime: true, round: 1, awaitingReview: true,
  }),
};

export const upToLetters = {
  /** The reminder answered, awaiting review. */
  answered: (): E.CaseEvent[] => [...upTo.lettered(), letterEv.answered()],
  /** A recommendation (escalation #2) issued to the discipline body, the lead unit in copy. */
  recommended: (): E.CaseEvent[] => [
    ...upTo.escalated(),
    ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:accountability_recommendation', rung: 'accountability_recommendation', letterKind: 'accountability_recommendation', at: '2026-05-26T00:00:00+08:00', dueAt: '2026-05-25T16:00:00.000Z' }),
    ev.letterIssued({
      at: '2026-05-26T09:00:00+08:00', escalationKey: 'handling:esc:accountability_recommendation', escalationNo: 2, letterKind: 'accountability_recommendation',
      letterNo: REC_NO, feedbackKey: 'feedback:handling:accountability_recommendation#2', feedbackDueAt: '2026-06-25T16:00:00.000Z', addresseeId: 'discipline-body', copyTo: [LEAD],
    }),
  ],
};
