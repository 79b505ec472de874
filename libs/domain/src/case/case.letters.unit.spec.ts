/**
 * Supervision letters (督办提醒函, 挂牌督办通知, 问责建议函) and the addressed unit's written feedback
 * (art.40; 30 days by policy default). The letter number comes from outside the domain (activity).
 * Base: the national handling clock breached at 12 May 2026 00:00 (+08), reminder #1 raised then.
 */
import { CN_CALENDAR } from '../calendar';
import { DEFAULT_LETTERS_REQUIRING_FEEDBACK, nationalDefaultPolicy } from '../policy';
import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent, LetterFeedbackRecorded } from './case.events';
import { evolveAll } from './case.evolve';
import { CTX, HANDLER, ISSUING_BODY, LEAD, LETTER_NO, SUP, SYSTEM, UNIT_HEAD, cmd, ev, given, runTimers, upTo, TEST_POLICY } from './case.testkit';

const FEEDBACK_KEY = 'feedback:handling:reminder_letter#1';
const FEEDBACK_BREACH_AT = '2026-06-12T00:00:00+08:00';

describe('RecordLetterIssued (system, from the letter activity)', () => {
  it('records the letter of the reminder and starts its 30-day feedback clock', () => {
    // Issued Tue 12 May 10:00 (+08): 12 May + 30 = Thu 11 Jun (working) → due 12 Jun 00:00 (+08).
    const state = given(upTo.escalated()).when(cmd.letterIssued()).then([ev.letterIssued()]);
    expect(state.letters).toEqual([
      {
        escalationNo: 1,
        escalationKey: 'handling:esc:reminder_letter',
        letterKind: 'reminder_letter',
        letterNo: LETTER_NO,
        issuingBody: ISSUING_BODY,
        unitId: LEAD,
        issuedAt: SUP.letter,
        feedbackKey: FEEDBACK_KEY,
        feedbackDueAt: '2026-06-11T16:00:00.000Z',
        feedbackAt: null,
        feedbackRef: null,
      },
    ]);
    expect(pendingDeadlines(state, CTX).find((d) => d.kind === 'feedback')).toEqual({
      key: FEEDBACK_KEY,
      kind: 'feedback',
      step: 'handling',
      dueAt: '2026-06-11T16:00:00.000Z',
      article: '第四十条',
      unitId: LEAD,
      escalationNo: 1,
      letterNo: LETTER_NO,
    });
  });

  it('a listed supervision notice needs feedback too; a recommendation too under the national policy, not under an older one', () => {
    const listed = ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:listed_supervision', rung: 'listed_supervision', letterKind: 'listed_supervision_notice', at: '2026-05-19T00:00:00+08:00', dueAt: '2026-05-18T16:00:00.000Z' });
    const account = ev.escalated({ escalationNo: 3, escalationKey: 'handling:esc:accountability_recommendation', rung: 'accountability_recommendation', letterKind: 'accountability_recommendation', at: '2026-05-26T00:00:00+08:00', dueAt: '2026-05-25T16:00:00.000Z' });
    const h = [...upTo.escalated(), listed, account];
    // 19 May + 30 = Thu 18 Jun (working) → 19 Jun 00:00 (+08).
    given(h)
      .when(cmd.letterIssued({ escalationKey: 'handling:esc:listed_supervision', letterNo: 'L-2', at: '2026-05-19T09:00:00+08:00' }))
      .then([
        ev.letterIssued({
          at: '2026-05-19T09:00:00+08:00', escalationKey: 'handling:esc:listed_supervision', escalationNo: 2, letterKind: 'listed_supervision_notice',
          letterNo: 'L-2', feedbackKey: 'feedback:handling:listed_supervision#2', feedbackDueAt: '2026-06-18T16:00:00.000Z',
        }),
      ]);
    // National: 26 May + 30 = Thu 25 Jun (working) → 26 Jun 00:00 (+08); addressed to the discipline body (no superior listed).
    given(h)
      .when(cmd.letterIssued({ escalationKey: 'handling:esc:accountability_recommendation', letterNo: 'L-3', at: '2026-05-26T09:00:00+08:00' }))
      .then([
        ev.letterIssued({
          at: '2026-05-26T09:00:00+08:00', escalationKey: 'handling:esc:accountability_recommendation', escalationNo: 3,
          letterKind: 'accountability_recommendation', letterNo: 'L-3', feedbackKey: 'feedback:handling:accountability_recommendation#3',
          feedbackDueAt: '2026-06-25T16:00:00.000Z', addresseeId: 'discipline-body', copyTo: [LEAD],
        }),
      ]);
    // A document recorded before recommendations were answered: no feedback clock, addressed to the unit.
    const older = { ...nationalDefaultPolicy, id: 'older', lettersRequiringFeedback: [...DEFAULT_LETTERS_REQUIRING_FEEDBACK] };
    delete older.accountability;
    delete older.letterFeedbackReview;
    given([ev.registered({ policy: older }), ...h.slice(1)], { policy: older, calendar: CN_CALENDAR })
      .when(cmd.letterIssued({ escalationKey: 'handling:esc:accountability_recommendation', letterNo: 'L-3', at: '2026-05-26T09:00:00+08:00' }))
      .then([
        ev.letterIssued({
          at: '2026-05-26T09:00:00+08:00', escalationKey: 'handling:esc:accountability_recommendation', escalationNo: 3,
          letterKind: 'accountability_recommendation', letterNo: 'L-3', feedbackKey: null, feedbackDueAt: null,
        }),
      ]);
  });

  it('which letters need feedback, and within which limit, is policy', () => {
    const policy = { ...TEST_POLICY, id: 'test-letters', letterFeedbackLimit: { amount: 10, unit: 'working_days' as const }, lettersRequiringFeedback: ['accountability_recommendation' as const] };
    const h = [ev.registered({ policy }), ...upTo.escalated().slice(1)];
    const ctx = { policy, calendar: CN_CALENDAR };
    given(h, ctx).when(cmd.letterIssued()).then([ev.letterIssued({ feedbackKey: null, feedbackDueAt: null })]);
  });

  it('is refused for an escalation that does not exist, has no letter, or already has one; numbers are unique', () => {
    given(upTo.handling()).when(cmd.letterIssued()).then('CASE_ESCALATION_NOT_FOUND');
    given(upTo.escalated()).when(cmd.letterIssued({ escalationNo: 2 })).then('CASE_ESCALATION_NOT_FOUND');
    given(upTo.lettered()).when(cmd.letterIssued({ letterNo: 'other' })).then('CASE_DUPLICATE_COMMAND');
    const superior = ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:escalate_to_superior', rung: 'escalate_to_superior', letterKind: null });
    given([...upTo.escalated(), superior]).when(cmd.letterIssued({ escalationKey: 'handling:esc:escalate_to_superior' })).then('CASE_LETTER_NOT_APPLICABLE');
    const listed = ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:listed_supervision', rung: 'listed_supervision', letterKind: 'listed_supervision_notice' });
    given([...upTo.lettered(), listed]).when(cmd.letterIssued({ escalationKey: 'handling:esc:listed_supervision' })).then('CASE_LETTER_NUMBER_IN_USE');
    given(upTo.escalated()).when(cmd.letterIssued({ letterNo: ' ' })).then('CASE_INVALID_INPUT');
    given(upTo.escalated()).when(cmd.letterIssued({ issuingBody: '' })).then('CASE_INVALID_INPUT');
    given(upTo.escalated()).when(cmd.letterIssued({ escalationNo: 0 })).then('CASE_INVALID_INPUT');
  });

  it('is recorded even after the step completed (the letter answers the breach, not the step)', () => {
    const replied = ev.replied({ at: '2026-05-12T09:00:00+08:00', onTime: false, evaluationDueAt: '2026-06-11T16:00:00.000Z', requestReviewDueAt: '2026-06-11T16:00:00.000Z' });
    given([...upTo.escalated(), replied]).when(cmd.letterIssued()).then([ev.letterIssued()]);
  });
});

describe('RecordLetterFeedback (the addressed unit)', () => {
  it('records the feedback on time and stops the feedback clock', () => {
    const state = given(upTo.lettered())
      .when(cmd.letterFeedback())
      .then([
        {
          type: 'LetterFeedbackRecorded',
          at: SUP.feedback,
          actor: UNIT_HEAD,
          letterNo: LETTER_NO,
          escalationNo: 1,
          unitId: LEAD,
          feedbackRef: 'feedback-1',
          feedbackKey: FEEDBACK_KEY,
          feedbackDueAt: SUP.feedbackDue,
          onTime: true,
          // The national policy has the office review feedback (letterFeedbackReview).
          round: 1,
          awaitingReview: true,
        },
      ]);
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).not.toContain(FEEDBACK_KEY);
    given([...upTo.lettered(), ...feedback()]).when(cmd.letterFeedback({ actor: HANDLER })).then('CASE_DUPLICATE_COMMAND');
  });

  it('by the handler or the head of the addressed unit only', () => {
    given(upTo.lettered()).when(cmd.letterFeedback({ actor: HANDLER })).then([{ ...feedback()[0], actor: HANDLER }]);
    given(upTo.lettered()).when(cmd.letterFeedback({ actor: SYSTEM })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.lettered()).when(cmd.letterFeedback({ letterNo: 'no-such-letter' })).then('CASE_LETTER_NOT_FOUND');
    given(upTo.lettered()).when(cmd.letterFeedback({ feedbackRef: '' })).then('CASE_INVALID_INPUT');
  });

  it('missing it: the feedback clock is breached (art.40) and escalates once, to an accountability recommendation citing the duty (art.40) and the ground (art.45)', () => {
    const h = upTo.lettered();
    given(h).when(cmd.reach(FEEDBACK_KEY, '2026-06-11T15:59:59.999Z')).then('CASE_DEADLINE_NOT_DUE');
    const breach = ev.breached({ at: FEEDBACK_BREACH_AT, deadlineKey: FEEDBACK_KEY, dueAt: SUP.feedbackDue, step: 'handling', unitId: LEAD, article: '第四十条' });
    const state = given(h).when(cmd.reach(FEEDBACK_KEY, FEEDBACK_BREACH_AT)).then([breach]);
    const escKey = `${FEEDBACK_KEY}:esc:accountability_recommendation`;
    expect(pendingDeadlines(state, CTX).filter((d) => d.key.startsWith('feedback:'))).toEqual([
      {
        key: escKey,
        kind: 'escalation',
        step: 'handling',
        dueAt: SUP.feedbackDue,
        article: '第四十条', // the duty: written feedback on a supervision letter
        groundArticle: '第四十五条', // the ground: a supervision letter ignored
        unitId: LEAD,
        deadlineKey: FEEDBACK_KEY,
        rung: 'accountability_recommendation',
        breachDueAt: SUP.feedbackDue,
        letterKind: 'accountability_recommendation',
      },
    ]);
    const escalation: CaseEvent = {
      type: 'EscalationRaised',
      at: FEEDBACK_BREACH_AT,
      actor: SYSTEM,
      escalationKey: escKey,
      escalationNo: 2,
      deadlineKey: FEEDBACK_KEY,
      rung: 'accountability_recommendation',
      step: 'handling',
      unitId: LEAD,
      article: '第四十条',
      groundArticle: '第四十五条',
      breachDueAt: SUP.feedbackDue,
      dueAt: SUP.feedbackDue,
      letterKind: 'accountability_recommendation',
    };
    const after = given([...h, breach]).when(cmd.reach(escKey, FEEDBACK_BREACH_AT)).then([escalation]);
    expect(pendingDeadlines(after, CTX).filter((d) => d.key.startsWith('feedback:'))).toEqual([]);
    given([...h, breach, escalation]).when(cmd.reach(escKey, '2026-07-01T00:00:00+08:00')).then('CASE_DUPLICATE_COMMAND');
    given([...h, breach]).when(cmd.reach(FEEDBACK_KEY, '2026-07-01T00:00:00+08:00')).then('CASE_DUPLICATE_COMMAND');
    // Late feedback is still recorded, as late.
    given([...h, breach, escalation])
      .when(cmd.letterFeedback({ at: '2026-06-15T10:00:00+08:00' }))
      .then([{ ...feedback()[0], at: '2026-06-15T10:00:00+08:00', onTime: false }]);
  });

  it('late feedback recorded after the breach but before its escalation fired stops the escalation', () => {
    const breach = ev.breached({ at: FEEDBACK_BREACH_AT, deadlineKey: FEEDBACK_KEY, dueAt: SUP.feedbackDue, step: 'handling', unitId: LEAD, article: '第四十条' });
    const late = { ...feedback()[0], at: '2026-06-12T08:00:00+08:00', onTime: false };
    const state = evolveAll([...upTo.lettered(), breach, late]);
    expect(pendingDeadlines(state, CTX).filter((d) => d.key.startsWith('feedback:'))).toEqual([]);
  });

  it('the workflow loop: the handling ladder and the feedback clock run side by side, each item once', () => {
    const { events, rejections } = runTimers(evolveAll(upTo.lettered()), CTX, '2026-12-31T00:00:00+08:00');
    expect(rejections).toEqual([]);
    expect(events.map((e) => [e.type, 'escalationKey' in e ? e.escalationKey : 'deadlineKey' in e ? e.deadlineKey : '', e.at])).toEqual([
      // +5 / +10 working days after the handling breach (see case.alarms.unit.spec.ts).
      ['EscalationRaised', 'handling:esc:listed_supervision', '2026-05-18T16:00:00.000Z'],
      ['EscalationRaised', 'handling:esc:accountability_recommendation', '2026-05-25T16:00:00.000Z'],
      ['EscalationRaised', 'handling:esc:escalate_to_superior', '2026-05-25T16:00:00.000Z'],
      ['DeadlineBreached', FEEDBACK_KEY, '2026-06-11T16:00:00.000Z'],
      ['EscalationRaised', `${FEEDBACK_KEY}:esc:accountability_recommendation`, '2026-06-11T16:00:00.000Z'],
    ]);
  });
});

function feedback(): LetterFeedbackRecorded[] {
  return [
    {
      type: 'LetterFeedbackRecorded',
      at: SUP.feedback,
      actor: UNIT_HEAD,
      letterNo: LETTER_NO,
      escalationNo: 1,
      unitId: LEAD,
      feedbackRef: 'feedback-1',
      feedbackKey: FEEDBACK_KEY,
      feedbackDueAt: SUP.feedbackDue,
      onTime: true,
      round: 1,
      awaitingReview: true,
    },
  ];
}
