import type { CaseCommand } from './case.commands';
import type { DecideContext } from './case.context';
import { decide } from './case.decide';
import { evolveAll } from './case.evolve';
import type { CaseEvent } from './case.events';
import { CASE_REJECTION_CODES, CASE_REJECTION_MESSAGES, type CaseRejectionCode } from './case.rejections';
import cn2026 from '../calendar/data/cn-2026.json';
import { CASE_ID, CTX, DUE, HANDLER, LETTER_NO, SUP, TEST_POLICY, TEST_POLICY_V2, OTHER_HANDLER, SYSTEM, UNIT_HEAD, cmd, ctxWith, ev, given, upTo } from './case.testkit';
import { REC_NO, letterCmd, upToLetters } from './case.letters.testkit';

const withdrawnAt = '2026-03-20T10:00:00+08:00';
const closed = (): CaseEvent[] => [
  ...upTo.routing(),
  { type: 'CaseClosed', at: withdrawnAt, actor: { id: 'reg-1', role: 'registrar' }, closureReason: 'withdrawn', step: 'routing' },
];

/** One scenario per rejection code; the Record type makes a missing code a compile error. */
const scenarios: Record<CaseRejectionCode, { history: CaseEvent[]; command: CaseCommand; ctx?: DecideContext }> = {
  CASE_NOT_REGISTERED: { history: [], command: cmd.route() },
  CASE_DUPLICATE_COMMAND: { history: upTo.handling(), command: cmd.notify() },
  CASE_CLOSED: { history: closed(), command: cmd.route() },
  CASE_WRONG_STEP: { history: upTo.receipt(), command: cmd.route() },
  CASE_NOT_AUTHORIZED_ROLE: { history: upTo.routing(), command: cmd.route({ actor: HANDLER }) },
  CASE_NOT_AUTHORIZED_UNIT: { history: upTo.receipt(), command: cmd.receive({ actor: OTHER_HANDLER }) },
  CASE_INVALID_INPUT: { history: [], command: cmd.register({ matterRef: '' }) },
  CASE_INVALID_PERSONS: { history: [], command: cmd.register({ persons: 0 }) },
  CASE_REPRESENTATIVES_REQUIRED: { history: [], command: cmd.register({ channel: 'visit', persons: 6 }) },
  CASE_TOO_MANY_REPRESENTATIVES: { history: [], command: cmd.register({ channel: 'visit', persons: 9, representatives: 6 }) },
  CASE_REASON_REQUIRED: { history: upTo.acceptance(), command: cmd.raiseObjection({ reason: undefined }) },
  CASE_HANDLING_DEADLINE_REQUIRED: { history: upTo.routing(), command: cmd.route({ mode: 'assign' }) },
  CASE_OBJECTION_TOO_LATE: { history: upTo.acceptance(), command: cmd.raiseObjection({ at: '2026-03-17T09:00:00+08:00' }) },
  CASE_NOT_ACCEPTED_AGAIN_INVALID: { history: upTo.acceptance(), command: cmd.accept({ outcome: 'not_accepted_again' }) },
  CASE_EXTENSION_NOT_APPLICABLE: {
    history: [ev.registered({ kind: 'suggestion' }), ev.routed(), ev.received(), ev.accepted({ handlingDueAt: null })],
    command: cmd.requestExtension(),
  },
  CASE_EXTENSION_ALREADY_USED: { history: [...upTo.handling(), ev.extensionRequested()], command: cmd.requestExtension() },
  CASE_EXTENSION_TOO_LONG: { history: upTo.handling(), command: cmd.requestExtension({ extension: { amount: 45, unit: 'calendar_days' } }) },
  CASE_EXTENSION_TOO_LATE: { history: upTo.handling(), command: cmd.requestExtension({ at: '2026-05-13T10:00:00+08:00' }) },
  CASE_NO_PENDING_EXTENSION: { history: upTo.handling(), command: cmd.decideExtension({ actor: UNIT_HEAD }) },
  CASE_EVALUATION_WINDOW_LAPSED: { history: upTo.replied(), command: cmd.evaluate({ at: '2026-05-22T10:00:00+08:00' }) },
  CASE_REVIEW_WINDOW_LAPSED: { history: upTo.replied(), command: cmd.requestReview({ at: '2026-05-22T10:00:00+08:00' }) },
  CASE_RE_REVIEW_WINDOW_LAPSED: { history: upTo.reviewDecided(), command: cmd.requestReReview({ at: '2026-07-03T10:00:00+08:00' }) },
  CASE_HEARING_IN_PROGRESS: { history: upTo.hearing(), command: cmd.decideReReview() },
  CASE_NO_HEARING_IN_PROGRESS: { history: upTo.reReview(), command: cmd.endHearing() },
  CASE_DEADLINE_NOT_PENDING: { history: upTo.receipt(), command: cmd.reach('route', '2026-03-18T00:00:00+08:00', { actor: SYSTEM }) },
  CASE_DEADLINE_NOT_DUE: { history: upTo.routing(), command: cmd.reach('route', '2026-03-17T23:59:59+08:00') },
  // Only cases recorded before the policy document was kept in the case are pinned to ctx.policy.
  CASE_POLICY_MISMATCH: { history: [ev.legacyRegistered()], command: cmd.route(), ctx: ctxWith({}) },
  CASE_POLICY_INVALID: { history: upTo.handling(), command: cmd.adoptPolicy({ ...TEST_POLICY_V2, version: 0 }) },
  CASE_POLICY_ALREADY_ACTIVE: { history: upTo.handling(), command: cmd.adoptPolicy(TEST_POLICY) },
  CASE_POLICY_NOT_EFFECTIVE: { history: upTo.handling(), command: cmd.adoptPolicy({ ...TEST_POLICY_V2, effectiveFrom: '2027-01-01T00:00:00+08:00' }) },
  CASE_POLICY_OUT_OF_SCOPE: { history: upTo.handling(), command: cmd.adoptPolicy({ ...TEST_POLICY_V2, id: 'sh-2026', scope: { regionPrefixes: ['31'] } }) },
  CASE_PAUSE_REASON_UNKNOWN: { history: upTo.handling(), command: cmd.pauseClock() },
  CASE_PAUSE_APPROVER_REQUIRED: { history: upTo.handling(), command: cmd.pauseClock({ actor: UNIT_HEAD, pauseReason: 'appraisal' }) },
  CASE_PAUSE_NOT_APPROVER: { history: upTo.handling(), command: cmd.pauseClock({ pauseReason: 'appraisal', approverId: UNIT_HEAD.id }) },
  CASE_CLOCK_PAUSED: { history: [...upTo.handling(), ev.clockPaused()], command: cmd.reply() },
  CASE_CLOCK_NOT_PAUSED: { history: upTo.handling(), command: cmd.resumeClock() },
  CASE_ESCALATION_NOT_FOUND: { history: upTo.handling(), command: cmd.letterIssued() },
  CASE_LETTER_NOT_APPLICABLE: {
    history: [...upTo.escalated(), ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:escalate_to_superior', rung: 'escalate_to_superior', letterKind: null })],
    command: cmd.letterIssued({ escalationKey: 'handling:esc:escalate_to_superior' }),
  },
  CASE_LETTER_NUMBER_IN_USE: {
    history: [...upTo.lettered(), ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:listed_supervision', rung: 'listed_supervision', letterKind: 'listed_supervision_notice' })],
    command: cmd.letterIssued({ escalationKey: 'handling:esc:listed_supervision' }),
  },
  CASE_LETTER_NOT_FOUND: { history: upTo.escalated(), command: cmd.letterFeedback() },
  CASE_LETTER_WITHDRAWN: {
    history: [...upTo.lettered(), { type: 'BreachWithdrawn', at: '2026-05-13T10:00:00+08:00', actor: SYSTEM, deadlineKey: 'handling',
      previousDueAt: DUE.handling, breachedAt: SUP.breach, newDueAt: '2026-05-14T16:00:00.000Z', reasonCode: 'holiday_arrangement_published',
      years: [2026], documentNo: 'TEST', letterNos: [LETTER_NO], feedbackKeys: ['feedback:handling:reminder_letter#1'], feedbackBreaches: [] }],
    command: cmd.letterFeedback(),
  },
  CASE_LINK_SELF: { history: upTo.routing(), command: cmd.link({ relatedCaseId: CASE_ID }) },
  CASE_ALREADY_LINKED: { history: [...upTo.routing(), ev.linked()], command: cmd.link() },
  CASE_NOT_LINKED: { history: upTo.routing(), command: cmd.unlink() },
  CASE_UNIT_NOT_INVOLVED: { history: upTo.handling(), command: cmd.transferToSuccessor({ fromUnitId: 'unit-elsewhere' }) },
  CASE_RELATED_CASE_INVALID: {
    history: [],
    command: cmd.register({ relatedCase: { caseId: 'petition-earlier000000000000', closureReason: 'reopened' as never, matterRef: 'm-1' } }),
  },
  CASE_CALENDAR_INVALID: { history: upTo.handling(), command: cmd.adoptCalendar({ documentNo: ' ' }) },
  CASE_CALENDAR_ALREADY_ADOPTED: { history: upTo.handling(), command: cmd.adoptCalendar({ years: [cn2026] }) },
  CASE_LETTER_REVIEW_OFF: {
    history: [ev.registered({ policy: { ...TEST_POLICY, id: 'no-review', letterFeedbackReview: false } }), ...upToLetters.answered().slice(1)],
    command: letterCmd.accept(),
    ctx: { policy: { ...TEST_POLICY, id: 'no-review', letterFeedbackReview: false }, calendar: CTX.calendar },
  },
  CASE_LETTER_NOTHING_TO_REVIEW: { history: upTo.lettered(), command: letterCmd.accept() },
  CASE_LETTER_NOT_RECOMMENDATION: { history: upTo.lettered(), command: letterCmd.adopt({ letterNo: cmd.letterFeedback().letterNo, actor: HANDLER }) },
  CASE_LETTER_ANSWERED_BY_ADOPTION: { history: upToLetters.recommended(), command: cmd.letterFeedback({ letterNo: REC_NO }) },
};

describe('rejection catalogue', () => {
  it.each(Object.entries(scenarios))('%s is produced by decide with its bilingual message', (code, s) => {
    given(s.history, s.ctx ?? CTX).when(s.command).then(code as CaseRejectionCode);
  });

  it('lists every code once, each with a Chinese and an English message', () => {
    expect(new Set(CASE_REJECTION_CODES).size).toBe(CASE_REJECTION_CODES.length);
    expect([...CASE_REJECTION_CODES].sort()).toEqual(Object.keys(scenarios).sort());
    for (const code of CASE_REJECTION_CODES) {
      expect(code).toMatch(/^CASE_[A-Z_]+$/);
      const m = CASE_REJECTION_MESSAGES[code];
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).toMatch(/^[A-Z]/);
    }
  });

  it('adds details a person can act on', () => {
    const late = decide(evolveAll(upTo.acceptance()), cmd.raiseObjection({ at: '2026-03-17T09:00:00+08:00' }), CTX);
    expect(late).toEqual({
      ok: false,
      rejection: {
        code: 'CASE_OBJECTION_TOO_LATE',
        messageZh: CASE_REJECTION_MESSAGES.CASE_OBJECTION_TOO_LATE.zh,
        messageEn: CASE_REJECTION_MESSAGES.CASE_OBJECTION_TOO_LATE.en,
        details: { dueAt: '2026-03-16T16:00:00.000Z' },
      },
    });
    const role = decide(evolveAll(upTo.routing()), cmd.route({ actor: HANDLER }), CTX);
    expect(role.ok ? null : role.rejection.details).toEqual({ role: 'handler', allowed: ['registrar', 'supervisor'] });
    const invalid = decide(evolveAll([]), cmd.register({ matterRef: '' }), CTX);
    expect(invalid.ok ? null : invalid.rejection.details).toEqual({ field: 'matterRef' });
  });
});
