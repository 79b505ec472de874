/**
 * The letter feedback loop (policy.letterFeedbackReview) and accountability recommendations addressed to
 * the body with authority over the failing unit (policy.accountability). Base: the national handling clock
 * breached 12 May 2026 00:00 (+08), reminder #1 issued 12 May 10:00 (+08), feedback due 12 Jun 00:00 (+08).
 */
import { CN_CALENDAR } from '../calendar';
import { DEFAULT_LETTERS_REQUIRING_FEEDBACK, nationalDefaultPolicy, recommendationAddress, superiorOf } from '../policy';
import type { SupervisionPolicy } from '../policy';
import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { evolveAll } from './case.evolve';
import { letterFeedbackStatus } from './case.letters.state';
import { CTX, HANDLER, LEAD, LETTER_NO, OTHER_HANDLER, SUP, SUPERVISOR, SYSTEM, UNIT_HEAD, cmd, ev, given, runTimers, upTo } from './case.testkit';
import type { Actor } from './case.types';

const FEEDBACK_KEY = 'feedback:handling:reminder_letter#1';
const RETURNED_KEY = `${FEEDBACK_KEY}:return:1`;
const ANSWERED_AT = '2026-05-20T10:00:00+08:00';
const RETURNED_AT = '2026-05-25T10:00:00+08:00';
// Returned 25 May with 10 days: 25 May + 10 = Thu 4 Jun (working) → due 5 Jun 00:00 (+08).
const RETURNED_DUE = '2026-06-04T16:00:00.000Z';

const accept = (o: Record<string, unknown> = {}) => ({ type: 'AcceptLetterFeedback' as const, actor: SUPERVISOR, at: '2026-05-22T10:00:00+08:00', letterNo: LETTER_NO, ...o });
const giveBack = (o: Record<string, unknown> = {}) => ({
  type: 'ReturnLetterFeedback' as const, actor: SUPERVISOR, at: RETURNED_AT, letterNo: LETTER_NO,
  returnReason: '整改措施不具体 / measures not specific', limit: { amount: 10, unit: 'calendar_days' as const }, ...o,
});
const answer = (o: Record<string, unknown> = {}) => cmd.letterFeedback({
  at: ANSWERED_AT, feedbackRef: undefined, summary: '已书面答复信访人', measures: '落实专人督办', documentNo: '住建函〔2026〕8号', attachments: ['doc-77'], ...o,
});
const answered = (o: Partial<Extract<CaseEvent, { type: 'LetterFeedbackRecorded' }>> = {}): CaseEvent => ({
  type: 'LetterFeedbackRecorded', at: ANSWERED_AT, actor: UNIT_HEAD, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD,
  feedbackRef: '住建函〔2026〕8号', feedbackKey: FEEDBACK_KEY, feedbackDueAt: SUP.feedbackDue, onTime: true,
  summary: '已书面答复信访人', measures: '落实专人督办', documentNo: '住建函〔2026〕8号', attachments: ['doc-77'], round: 1, awaitingReview: true, ...o,
});
const returned: CaseEvent = {
  type: 'LetterFeedbackReturned', at: RETURNED_AT, actor: SUPERVISOR, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD, round: 1,
  returnReason: '整改措施不具体 / measures not specific', feedbackKey: RETURNED_KEY, feedbackDueAt: RETURNED_DUE,
};

describe('RecordLetterFeedback with the feedback content (national policy: reviewed)', () => {
  it('records summary, measures, document number and attachments; the letter awaits review and its clock stops', () => {
    const state = given(upTo.lettered()).when(answer()).then([answered()]);
    expect(state.letters[0]).toMatchObject({ feedbackState: 'submitted', feedbackRound: 1, feedback: { summary: '已书面答复信访人', documentNo: '住建函〔2026〕8号', attachments: ['doc-77'], by: 'head-1' } });
    expect(letterFeedbackStatus(state, state.letters[0])).toBe('submitted');
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).not.toContain(FEEDBACK_KEY);
  });

  it('needs a document (reference or number); the unit answers once per round', () => {
    given(upTo.lettered()).when(answer({ documentNo: undefined })).then('CASE_INVALID_INPUT');
    given(upTo.lettered()).when(answer({ summary: '' })).then('CASE_INVALID_INPUT');
    given(upTo.lettered()).when(answer({ attachments: [''] })).then('CASE_INVALID_INPUT');
    given([...upTo.lettered(), answered()]).when(answer()).then('CASE_DUPLICATE_COMMAND');
  });
});

describe('AcceptLetterFeedback / ReturnLetterFeedback (supervision office)', () => {
  it('accepted: the letter is settled and never breaches nor escalates', () => {
    const state = given([...upTo.lettered(), answered()]).when(accept({ note: '措施到位' })).then([
      { type: 'LetterFeedbackAccepted', at: '2026-05-22T10:00:00+08:00', actor: SUPERVISOR, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD, round: 1, note: '措施到位' },
    ]);
    expect(letterFeedbackStatus(state, state.letters[0])).toBe('accepted');
    const { events } = runTimers(state, CTX, '2026-12-31T00:00:00+08:00');
    expect(events.filter((e) => e.type === 'DeadlineBreached' || e.type === 'EscalationRaised').map((e) => ('escalationKey' in e ? e.escalationKey : e.type === 'DeadlineBreached' ? e.deadlineKey : '')))
      .toEqual(['handling:esc:listed_supervision', 'handling:esc:accountability_recommendation', 'handling:esc:escalate_to_superior']);
    given([...upTo.lettered(), answered()]).when(accept()).then([
      { type: 'LetterFeedbackAccepted', at: '2026-05-22T10:00:00+08:00', actor: SUPERVISOR, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD, round: 1, note: null },
    ]);
    // After acceptance the unit cannot answer again and there is nothing left to review.
    const settled = [...upTo.lettered(), answered(), { type: 'LetterFeedbackAccepted', at: '2026-05-22T10:00:00+08:00', actor: SUPERVISOR, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD, round: 1, note: null } as CaseEvent];
    given(settled).when(answer()).then('CASE_DUPLICATE_COMMAND');
    given(settled).when(accept()).then('CASE_LETTER_NOTHING_TO_REVIEW');
    given(settled).when(giveBack()).then('CASE_LETTER_NOTHING_TO_REVIEW');
  });

  it('returned: a new feedback clock with the given limit, counted from the return', () => {
    const state = given([...upTo.lettered(), answered()]).when(giveBack()).then([returned]);
    expect(letterFeedbackStatus(state, state.letters[0])).toBe('returned');
    expect(state.letters[0]).toMatchObject({ feedbackKey: RETURNED_KEY, feedbackDueAt: RETURNED_DUE, feedbackAt: null, feedbackRound: 2, review: { outcome: 'returned', round: 1 } });
    expect(pendingDeadlines(state, CTX).find((d) => d.kind === 'feedback')).toMatchObject({ key: RETURNED_KEY, dueAt: RETURNED_DUE, unitId: LEAD });
  });

  it('returned and not answered again: the new clock breaches and escalates to a recommendation; the first clock never does', () => {
    const { events } = runTimers(evolveAll([...upTo.lettered(), answered(), returned]), CTX, '2026-12-31T00:00:00+08:00');
    const keys = events.map((e) => [e.type, 'escalationKey' in e ? e.escalationKey : 'deadlineKey' in e ? e.deadlineKey : '', e.at]);
    expect(keys).toContainEqual(['DeadlineBreached', RETURNED_KEY, RETURNED_DUE]);
    expect(keys).toContainEqual(['EscalationRaised', `${RETURNED_KEY}:esc:accountability_recommendation`, RETURNED_DUE]);
    expect(keys.filter((k) => k[1] === FEEDBACK_KEY)).toEqual([]);
    const overdue = evolveAll([...upTo.lettered(), answered(), returned, ev.breached({ at: RETURNED_DUE, deadlineKey: RETURNED_KEY, dueAt: RETURNED_DUE, step: 'handling', unitId: LEAD, article: '第四十条' })]);
    expect(letterFeedbackStatus(overdue, overdue.letters[0])).toBe('overdue');
  });

  it('returned and answered again (round 2), then accepted: no breach', () => {
    const h = [...upTo.lettered(), answered(), returned];
    const again = answered({ at: '2026-06-01T10:00:00+08:00', round: 2, feedbackKey: RETURNED_KEY, feedbackDueAt: RETURNED_DUE });
    given(h).when(answer({ at: '2026-06-01T10:00:00+08:00' })).then([again]);
    const state = given([...h, again]).when(accept({ at: '2026-06-02T10:00:00+08:00' })).then([
      { type: 'LetterFeedbackAccepted', at: '2026-06-02T10:00:00+08:00', actor: SUPERVISOR, letterNo: LETTER_NO, escalationNo: 1, unitId: LEAD, round: 2, note: null },
    ]);
    const { events } = runTimers(state, CTX, '2026-12-31T00:00:00+08:00');
    expect(events.filter((e) => e.type === 'DeadlineBreached')).toEqual([]);
  });

  it('only the supervision office reviews, only submitted feedback, only where the policy reviews; the limit is checked', () => {
    const h = [...upTo.lettered(), answered()];
    given(h).when(accept({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(h).when(giveBack({ actor: UNIT_HEAD })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.lettered()).when(accept()).then('CASE_LETTER_NOTHING_TO_REVIEW');
    given(h).when(giveBack({ returnReason: ' ' })).then('CASE_INVALID_INPUT');
    given(h).when(giveBack({ limit: { amount: 0, unit: 'calendar_days' } })).then('CASE_INVALID_INPUT');
    given(h).when(accept({ letterNo: 'nope' })).then('CASE_LETTER_NOT_FOUND');
    const older: SupervisionPolicy = { ...nationalDefaultPolicy, id: 'older' };
    delete older.letterFeedbackReview;
    const olderCtx = { policy: older, calendar: CN_CALENDAR };
    const oh = [ev.registered({ policy: older }), ...upTo.lettered().slice(1)];
    // Under an older policy the answer is final: no review fields, the letter is answered.
    const state = given(oh, olderCtx).when(cmd.letterFeedback()).then([answered({ feedbackRef: 'feedback-1', summary: undefined, measures: undefined, documentNo: undefined, attachments: undefined, round: undefined, awaitingReview: undefined })].map((e) => JSON.parse(JSON.stringify(e)) as CaseEvent));
    expect(letterFeedbackStatus(state, state.letters[0])).toBe('answered');
    given([...oh, ...[answered({ awaitingReview: undefined, round: undefined })]], olderCtx).when(accept()).then('CASE_LETTER_REVIEW_OFF');
  });
});

describe('accountability recommendations (问责建议函)', () => {
  const REC_NO = '某信督〔2026〕30号';
  const REC_KEY = 'feedback:handling:accountability_recommendation#2';
  const escalatedRec = ev.escalated({ escalationNo: 2, escalationKey: 'handling:esc:accountability_recommendation', rung: 'accountability_recommendation', letterKind: 'accountability_recommendation', at: '2026-05-26T00:00:00+08:00', dueAt: '2026-05-25T16:00:00.000Z' });
  const city: SupervisionPolicy = {
    ...nationalDefaultPolicy, id: 'city-2026',
    accountability: { recommendationAddressee: 'superior', disciplineBodyId: 'city-discipline', superiors: { 'unit-': 'county-gov', 'unit-housing': 'city-housing' } },
  };
  const cityCtx = { policy: city, calendar: CN_CALENDAR };
  const issue = cmd.letterIssued({ escalationKey: 'handling:esc:accountability_recommendation', letterNo: REC_NO, at: '2026-05-26T09:00:00+08:00' });
  // 26 May + 30 = Thu 25 Jun (working) → due 26 Jun 00:00 (+08).
  const recIssued = (o: Record<string, unknown> = {}) => ev.letterIssued({
    at: '2026-05-26T09:00:00+08:00', escalationKey: 'handling:esc:accountability_recommendation', escalationNo: 2, letterKind: 'accountability_recommendation',
    letterNo: REC_NO, feedbackKey: REC_KEY, feedbackDueAt: '2026-06-25T16:00:00.000Z', addresseeId: 'city-housing', copyTo: [LEAD], ...o,
  });
  const h = [ev.registered({ policy: city }), ...upTo.escalated().slice(1), escalatedRec];
  const ADDRESSEE: Actor = { id: 'ch-1', role: 'handler', unitId: 'city-housing' };
  const adopt = (o: Record<string, unknown> = {}) => ({ type: 'RecordLetterAdoption' as const, actor: ADDRESSEE, at: '2026-06-10T10:00:00+08:00', letterNo: REC_NO, outcome: 'partly_adopted' as const, adoptionReason: '责任人已调离', documentNo: '市住建〔2026〕3号', ...o });

  it('superiors: an exact entry wins over the longest prefix; fallback to the other body, never the unit itself', () => {
    expect(superiorOf(city.accountability!, 'unit-housing')).toBe('city-housing');
    expect(superiorOf(city.accountability!, 'unit-water')).toBe('county-gov');
    expect(superiorOf(city.accountability!, 'bureau-county')).toBeNull();
    expect(recommendationAddress(city, 'bureau-county')).toEqual({ addresseeId: 'city-discipline', copyTo: ['bureau-county'] });
    expect(recommendationAddress({ ...city, accountability: { ...city.accountability!, recommendationAddressee: 'discipline_body' } }, 'unit-water'))
      .toEqual({ addresseeId: 'city-discipline', copyTo: ['unit-water'] });
    // Neither body known: null (the letter goes to the unit itself, as under older policies).
    expect(recommendationAddress({ ...city, accountability: { recommendationAddressee: 'discipline_body' } }, 'unit-water')).toBeNull();
    expect(recommendationAddress({ ...city, accountability: undefined }, 'unit-water')).toBeNull();
  });

  it('is addressed to the superior with the failing unit in copy and has a feedback limit', () => {
    const state = given(h, cityCtx).when(issue).then([recIssued()]);
    expect(state.letters[0]).toMatchObject({ addresseeId: 'city-housing', copyTo: [LEAD], feedbackDueAt: '2026-06-25T16:00:00.000Z' });
    expect(pendingDeadlines(state, cityCtx).find((d) => d.kind === 'feedback')).toMatchObject({ key: REC_KEY, letterNo: REC_NO });
  });

  it('the addressee records adoption (reasons unless adopted in full); the clock stops; once', () => {
    const state = given([...h, recIssued()], cityCtx).when(adopt()).then([{
      type: 'LetterAdoptionRecorded', at: '2026-06-10T10:00:00+08:00', actor: ADDRESSEE, letterNo: REC_NO, escalationNo: 2, unitId: LEAD,
      addresseeId: 'city-housing', outcome: 'partly_adopted', adoptionReason: '责任人已调离', documentNo: '市住建〔2026〕3号',
      feedbackKey: REC_KEY, feedbackDueAt: '2026-06-25T16:00:00.000Z', onTime: true,
    }]);
    expect(state.letters[0].adoption).toMatchObject({ outcome: 'partly_adopted', by: 'ch-1', onTime: true });
    expect(letterFeedbackStatus(state, state.letters[0])).toBe('answered');
    expect(pendingDeadlines(state, cityCtx).map((d) => d.key)).not.toContain(REC_KEY);
    given([...h, recIssued()], cityCtx).when(adopt({ outcome: 'not_adopted', adoptionReason: undefined })).then('CASE_INVALID_INPUT');
    given([...h, recIssued()], cityCtx).when(adopt({ outcome: 'maybe' })).then('CASE_INVALID_INPUT');
    given([...h, recIssued()], cityCtx).when(adopt({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given([...h, recIssued()], cityCtx).when(adopt({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given([...h, recIssued()], cityCtx).when(adopt({ actor: SYSTEM })).then('CASE_NOT_AUTHORIZED_ROLE');
    given([...h, recIssued()], cityCtx).when(cmd.letterFeedback({ letterNo: REC_NO })).then('CASE_LETTER_ANSWERED_BY_ADOPTION');
    given([...upTo.lettered()]).when(adopt({ letterNo: LETTER_NO, actor: HANDLER })).then('CASE_LETTER_NOT_RECOMMENDATION');
  });

  it('adopted in full needs no reason; recorded twice is a duplicate', () => {
    const adopted: CaseEvent = {
      type: 'LetterAdoptionRecorded', at: '2026-06-10T10:00:00+08:00', actor: ADDRESSEE, letterNo: REC_NO, escalationNo: 2, unitId: LEAD,
      addresseeId: 'city-housing', outcome: 'adopted', adoptionReason: null, documentNo: null, feedbackKey: REC_KEY, feedbackDueAt: '2026-06-25T16:00:00.000Z', onTime: true,
    };
    given([...h, recIssued()], cityCtx).when(adopt({ outcome: 'adopted', adoptionReason: undefined, documentNo: undefined })).then([adopted]);
    given([...h, recIssued(), adopted], cityCtx).when(adopt()).then('CASE_DUPLICATE_COMMAND');
  });

  it('left without adoption past its limit: breached (overdue), but not recommended again', () => {
    const { events } = runTimers(evolveAll([...h, recIssued()]), cityCtx, '2026-12-31T00:00:00+08:00');
    const keys = events.map((e) => ('escalationKey' in e ? e.escalationKey : 'deadlineKey' in e ? e.deadlineKey : ''));
    expect(keys).toContain(REC_KEY);
    expect(keys.filter((k) => k.startsWith(`${REC_KEY}:esc`))).toEqual([]);
  });

  it('under an older policy (no accountability setting) it goes to the unit itself, which records adoption', () => {
    const older: SupervisionPolicy = { ...nationalDefaultPolicy, id: 'older', lettersRequiringFeedback: [...DEFAULT_LETTERS_REQUIRING_FEEDBACK] };
    delete older.accountability;
    const oh = [ev.registered({ policy: older }), ...upTo.escalated().slice(1), escalatedRec];
    const octx = { policy: older, calendar: CN_CALENDAR };
    given(oh, octx).when(issue).then([recIssued({ feedbackKey: null, feedbackDueAt: null, addresseeId: undefined, copyTo: undefined })].map((e) => JSON.parse(JSON.stringify(e)) as CaseEvent));
  });
});
