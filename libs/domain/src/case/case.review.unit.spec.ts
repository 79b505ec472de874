import { nextDeadline, pendingDeadlines } from './case.deadlines';
import {
  CTX,
  HANDLER,
  REGISTRAR,
  RE_REVIEWER,
  RE_REVIEW_BODY,
  REVIEWER,
  REVIEW_BODY,
  SYSTEM,
  T,
  cmd,
  ctxWith,
  ev,
  given,
  upTo,
  stepClocks,
} from './case.testkit';

describe('EvaluateSatisfaction (满意 / 基本满意 / 不满意)', () => {
  it.each(['satisfied', 'basically_satisfied', 'dissatisfied'] as const)('records %s; the review window stays open', (value) => {
    const state = given(upTo.replied()).when(cmd.evaluate({ value })).then([ev.evaluated({ value })]);
    expect(state.status).toBe('open');
    expect(state.evaluation).toEqual({ status: 'evaluated', dueAt: '2026-05-20T16:00:00.000Z', value, at: T.evaluate });
  });

  it('may come through the online channel (system)', () => {
    given(upTo.replied()).when(cmd.evaluate({ actor: SYSTEM })).then([ev.evaluated({ actor: SYSTEM })]);
  });

  it('may come while the review is under way', () => {
    const history = [...upTo.replied(), ev.reviewRequested()];
    const at = '2026-05-10T10:00:00+08:00';
    const state = given(history).when(cmd.evaluate({ at, value: 'dissatisfied' })).then([ev.evaluated({ at, value: 'dissatisfied' })]);
    expect(state.step).toBe('review');
  });

  it('is rejected once the window has passed (21 May 00:00 +08)', () => {
    given(upTo.replied()).when(cmd.evaluate({ at: '2026-05-21T00:00:00+08:00' })).then('CASE_EVALUATION_WINDOW_LAPSED');
  });

  it('is rejected after the lapse was recorded', () => {
    const lapsed = { type: 'EvaluationLapsed' as const, at: '2026-05-21T00:00:00+08:00', actor: SYSTEM, dueAt: '2026-05-20T16:00:00.000Z' };
    given([...upTo.replied(), lapsed]).when(cmd.evaluate({ at: '2026-05-20T10:00:00+08:00' })).then('CASE_EVALUATION_WINDOW_LAPSED');
  });

  it('is given once', () => {
    given([...upTo.replied(), ev.evaluated()]).when(cmd.evaluate()).then('CASE_DUPLICATE_COMMAND');
  });

  it('needs a reply', () => {
    given(upTo.handling()).when(cmd.evaluate()).then('CASE_WRONG_STEP');
  });

  it('is recorded by the registrar or the online channel, never by the unit', () => {
    given(upTo.replied()).when(cmd.evaluate({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('rejects an unknown value', () => {
    given(upTo.replied()).when(cmd.evaluate({ value: 'ok' as never })).then('CASE_INVALID_INPUT');
  });

  it('closes the case when it is the last open window (evaluation window longer than the review window)', () => {
    const ctx = ctxWith({ evaluationWindow: { amount: 45, unit: 'calendar_days' } });
    // 20 Apr + 45 = Thu 4 Jun.
    const history = [
      ev.registered({ policy: ctx.policy }),
      ev.routed(),
      ev.received(),
      ev.notified(),
      ev.accepted(),
      ev.replied({ evaluationDueAt: '2026-06-04T16:00:00.000Z' }),
      { type: 'RequestWindowLapsed' as const, at: '2026-05-21T00:00:00+08:00', actor: SYSTEM, deadlineKey: 'requestReview' as const, dueAt: '2026-05-20T16:00:00.000Z' },
    ];
    const at = '2026-05-25T10:00:00+08:00';
    const state = given(history, ctx)
      .when(cmd.evaluate({ at }))
      .then([
        ev.evaluated({ at }),
        { type: 'CaseClosed', at, actor: REGISTRAR, closureReason: 'windows_lapsed', step: 'replied' },
      ]);
    expect(state.status).toBe('closed');
  });
});

describe('RequestReview (复查, art.35)', () => {
  it('requests a review within 30 days of the reply; the review body has 30 days', () => {
    const state = given([...upTo.replied(), ev.evaluated()]).when(cmd.requestReview()).then([ev.reviewRequested()]);
    expect(state.step).toBe('review');
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'decideReview', step: 'review', dueAt: '2026-06-05T16:00:00.000Z', kind: 'breach', article: '第三十五条', unitId: REVIEW_BODY },
    ]);
  });

  it('is accepted at the last millisecond of the window and rejected at its end', () => {
    const last = '2026-05-20T15:59:59.999Z';
    // 20 May + 30 = Fri 19 Jun, in the Dragon Boat holiday (19–21 Jun) → Mon 22 Jun.
    given(upTo.replied())
      .when(cmd.requestReview({ at: last }))
      .then([ev.reviewRequested({ at: last, decideReviewDueAt: '2026-06-22T16:00:00.000Z' })]);
    given(upTo.replied()).when(cmd.requestReview({ at: '2026-05-20T16:00:00.000Z' })).then('CASE_REVIEW_WINDOW_LAPSED');
  });

  it('is rejected after the window lapsed, even if the case is still open for evaluation', () => {
    const lapsed = { type: 'RequestWindowLapsed' as const, at: '2026-05-21T00:00:00+08:00', actor: SYSTEM, deadlineKey: 'requestReview' as const, dueAt: '2026-05-20T16:00:00.000Z' };
    given([...upTo.replied(), lapsed]).when(cmd.requestReview({ at: '2026-05-20T10:00:00+08:00' })).then('CASE_REVIEW_WINDOW_LAPSED');
  });

  it('is requested once, after the reply, by registrar or online channel', () => {
    given(upTo.review()).when(cmd.requestReview()).then('CASE_DUPLICATE_COMMAND');
    given(upTo.handling()).when(cmd.requestReview()).then('CASE_WRONG_STEP');
    given(upTo.replied()).when(cmd.requestReview({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.replied()).when(cmd.requestReview({ reviewUnitId: '' })).then('CASE_INVALID_INPUT');
    given(upTo.replied()).when(cmd.requestReview({ actor: SYSTEM })).then([ev.reviewRequested({ actor: SYSTEM })]);
  });
});

describe('DecideReview', () => {
  it('the review body decides; the re-review window opens (30 days)', () => {
    const state = given(upTo.review()).when(cmd.decideReview()).then([ev.reviewDecided()]);
    expect(state.step).toBe('review_decided');
    expect(pendingDeadlines(state, CTX)).toEqual([
      { key: 'requestReReview', step: 'review_decided', dueAt: '2026-07-01T16:00:00.000Z', kind: 'lapse', article: '第三十六条' },
    ]);
  });

  it.each(['changed', 'revoked'] as const)('records a %s decision', (decision) => {
    given(upTo.review()).when(cmd.decideReview({ decision })).then([ev.reviewDecided({ decision })]);
  });

  it('records a late decision (due 6 Jun 00:00 +08)', () => {
    // 8 Jun + 30 = Wed 8 Jul.
    const at = '2026-06-08T10:00:00+08:00';
    given(upTo.review())
      .when(cmd.decideReview({ at }))
      .then([ev.reviewDecided({ at, onTime: false, requestReReviewDueAt: '2026-07-08T16:00:00.000Z' })]);
  });

  it('only the review body decides, once', () => {
    given(upTo.review()).when(cmd.decideReview({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.review()).when(cmd.decideReview({ actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.reviewDecided()).when(cmd.decideReview()).then('CASE_DUPLICATE_COMMAND');
    given(upTo.replied()).when(cmd.decideReview()).then('CASE_WRONG_STEP');
  });

  it('rejects malformed decisions', () => {
    given(upTo.review()).when(cmd.decideReview({ decision: 'partly' as never })).then('CASE_INVALID_INPUT');
    given(upTo.review()).when(cmd.decideReview({ outcomeRef: '' })).then('CASE_INVALID_INPUT');
  });
});

describe('RequestReReview (复核, art.36)', () => {
  it('requests a re-review within 30 days of the review decision', () => {
    const state = given(upTo.reviewDecided()).when(cmd.requestReReview()).then([ev.reReviewRequested()]);
    expect(state.step).toBe('re_review');
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'decideReReview', step: 're_review', dueAt: '2026-07-10T16:00:00.000Z', kind: 'breach', article: '第三十六条', unitId: RE_REVIEW_BODY },
    ]);
  });

  it('is rejected at the end of the window (2 Jul 00:00 +08) and after the lapse', () => {
    given(upTo.reviewDecided()).when(cmd.requestReReview({ at: '2026-07-02T00:00:00+08:00' })).then('CASE_RE_REVIEW_WINDOW_LAPSED');
    // A lapse recorded with the evaluation still pending keeps the case open, but the window is gone.
    const history = [
      ...upTo.replied(),
      ev.reviewRequested(),
      ev.reviewDecided(),
      { type: 'RequestWindowLapsed' as const, at: '2026-07-02T00:00:00+08:00', actor: SYSTEM, deadlineKey: 'requestReReview' as const, dueAt: '2026-07-01T16:00:00.000Z' },
    ];
    given(history).when(cmd.requestReReview({ at: '2026-07-01T10:00:00+08:00' })).then('CASE_RE_REVIEW_WINDOW_LAPSED');
  });

  it('is requested once, after a review decision', () => {
    given(upTo.reReview()).when(cmd.requestReReview()).then('CASE_DUPLICATE_COMMAND');
    given(upTo.review()).when(cmd.requestReReview()).then('CASE_WRONG_STEP');
    given(upTo.replied()).when(cmd.requestReReview()).then('CASE_WRONG_STEP');
    given(upTo.reviewDecided()).when(cmd.requestReReview({ reReviewUnitId: '' })).then('CASE_INVALID_INPUT');
    given(upTo.reviewDecided()).when(cmd.requestReReview({ actor: REVIEWER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });
});

describe('Hearing (听证): time not counted in the re-review limit', () => {
  it('starting a hearing stops the clock and shows the remaining time', () => {
    const state = given(upTo.reReview()).when(cmd.startHearing()).then([ev.hearingStarted()]);
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      {
        key: 'decideReReview',
        step: 're_review',
        dueAt: '2026-07-10T16:00:00.000Z',
        kind: 'breach',
        article: '第三十六条',
        unitId: RE_REVIEW_BODY,
        paused: true,
        remainingMs: 447 * 3_600_000,
      },
    ]);
    // Nothing needs a timer while the only clock is paused: its warnings are paused with it.
    expect(pendingDeadlines(state, CTX).map((d) => [d.key, d.paused])).toEqual([
      ['decideReReview:warn:0', true],
      ['decideReReview:warn:1', true],
      ['decideReReview', true],
    ]);
    expect(nextDeadline(state, CTX)).toBeNull();
  });

  it('ending it resumes the clock with the hearing time added (56 h → due 13 Jul 08:00 +08)', () => {
    const state = given(upTo.hearing()).when(cmd.endHearing()).then([ev.hearingEnded()]);
    expect(state.reReview?.pausedMs).toBe(56 * 3_600_000);
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'decideReReview', step: 're_review', dueAt: '2026-07-13T00:00:00.000Z', kind: 'breach', article: '第三十六条', unitId: RE_REVIEW_BODY },
    ]);
    // Since supervision policies the next timer is the earliest warning: 80% of the counted time.
    // Requested 10 Jun 01:00Z, due 13 Jul 00:00Z = 791 h, minus 56 h of hearing = 735 h counted;
    // 80% = 588 h, after the start plus the hearing: 10 Jun 01:00Z + 644 h = 6 Jul 21:00Z.
    // (3 working days before: 13 Jul 08:00 (+08) falls on Mon 13 Jul → 10, 9 Jul → 9 Jul 00:00 (+08), later.)
    expect(nextDeadline(state, CTX)).toMatchObject({ key: 'decideReReview:warn:1', kind: 'warning', dueAt: '2026-07-06T21:00:00.000Z', deadlineDueAt: '2026-07-13T00:00:00.000Z' });
  });

  it('accumulates several hearings', () => {
    const second = '2026-07-01T09:00:00+08:00';
    // Remaining: 1 Jul 09:00 (+08) → 13 Jul 08:00 (+08) = 11 d 23 h = 287 h.
    given([...upTo.hearing(), ev.hearingEnded()])
      .when(cmd.startHearing({ at: second }))
      .then([ev.hearingStarted({ at: second, remainingMs: 287 * 3_600_000 })]);
    const end = '2026-07-02T09:00:00+08:00';
    const state = given([...upTo.hearing(), ev.hearingEnded(), ev.hearingStarted({ at: second, remainingMs: 287 * 3_600_000 })])
      .when(cmd.endHearing({ at: end }))
      .then([ev.hearingEnded({ at: end, pausedMs: 24 * 3_600_000, decideReReviewDueAt: '2026-07-14T00:00:00.000Z' })]);
    expect(state.reReview?.pausedMs).toBe(80 * 3_600_000);
    expect(state.reReview?.hearings).toBe(2);
  });

  it('a timer for the paused clock is refused; it fires for the resumed due time only', () => {
    given(upTo.hearing()).when(cmd.reach('decideReReview', '2026-07-11T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
    const resumed = [...upTo.hearing(), ev.hearingEnded()];
    given(resumed).when(cmd.reach('decideReReview', '2026-07-11T00:00:00+08:00')).then('CASE_DEADLINE_NOT_DUE');
    given(resumed)
      .when(cmd.reach('decideReReview', '2026-07-13T00:00:00.000Z'))
      .then([
        ev.breached({
          at: '2026-07-13T00:00:00.000Z',
          deadlineKey: 'decideReReview',
          dueAt: '2026-07-13T00:00:00.000Z',
          step: 're_review',
          unitId: RE_REVIEW_BODY,
          article: '第三十六条',
        }),
      ]);
  });

  it('only during re-review, by the re-review body, one at a time', () => {
    given(upTo.reviewDecided()).when(cmd.startHearing()).then('CASE_WRONG_STEP');
    given(upTo.review()).when(cmd.endHearing()).then('CASE_WRONG_STEP');
    given(upTo.reReview()).when(cmd.startHearing({ actor: REVIEWER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.hearing()).when(cmd.endHearing({ actor: REVIEWER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.reReview()).when(cmd.startHearing({ actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.hearing()).when(cmd.startHearing()).then('CASE_DUPLICATE_COMMAND');
    given(upTo.reReview()).when(cmd.endHearing()).then('CASE_NO_HEARING_IN_PROGRESS');
  });
});

describe('DecideReReview: the matter becomes final', () => {
  it('decides and closes the case (final_decision)', () => {
    const state = given(upTo.reReview())
      .when(cmd.decideReReview())
      .then([
        {
          type: 'ReReviewDecided',
          at: T.reReviewDec,
          actor: RE_REVIEWER,
          unitId: RE_REVIEW_BODY,
          decision: 'upheld',
          outcomeRef: 're-review-1',
          onTime: true,
        },
        { type: 'CaseClosed', at: T.reReviewDec, actor: RE_REVIEWER, closureReason: 'final_decision', step: 're_review' },
      ]);
    expect(state.status).toBe('closed');
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });

  it('hearing time keeps a decision on time: 12 Jul is after the original due (11 Jul 00:00) but before the resumed one', () => {
    const at = '2026-07-12T10:00:00+08:00';
    given([...upTo.hearing(), ev.hearingEnded()])
      .when(cmd.decideReReview({ at, decision: 'changed' }))
      .then([
        { type: 'ReReviewDecided', at, actor: RE_REVIEWER, unitId: RE_REVIEW_BODY, decision: 'changed', outcomeRef: 're-review-1', onTime: true },
        { type: 'CaseClosed', at, actor: RE_REVIEWER, closureReason: 'final_decision', step: 're_review' },
      ]);
  });

  it('records a late decision without a hearing', () => {
    const at = '2026-07-12T10:00:00+08:00';
    given(upTo.reReview())
      .when(cmd.decideReReview({ at, decision: 'revoked' }))
      .then([
        { type: 'ReReviewDecided', at, actor: RE_REVIEWER, unitId: RE_REVIEW_BODY, decision: 'revoked', outcomeRef: 're-review-1', onTime: false },
        { type: 'CaseClosed', at, actor: RE_REVIEWER, closureReason: 'final_decision', step: 're_review' },
      ]);
  });

  it('cannot be decided during a hearing', () => {
    given(upTo.hearing()).when(cmd.decideReReview()).then('CASE_HEARING_IN_PROGRESS');
  });

  it('only by the re-review body during re-review', () => {
    given(upTo.reReview()).when(cmd.decideReReview({ actor: REVIEWER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.reviewDecided()).when(cmd.decideReReview()).then('CASE_WRONG_STEP');
    given(upTo.reReview()).when(cmd.decideReReview({ decision: 'x' as never })).then('CASE_INVALID_INPUT');
    given(upTo.reReview()).when(cmd.decideReReview({ outcomeRef: '' })).then('CASE_INVALID_INPUT');
  });

  it('after it, nothing more happens on the case', () => {
    const final = [
      ...upTo.reReview(),
      { type: 'ReReviewDecided' as const, at: T.reReviewDec, actor: RE_REVIEWER, unitId: RE_REVIEW_BODY, decision: 'upheld' as const, outcomeRef: 're-review-1', onTime: true },
      { type: 'CaseClosed' as const, at: T.reReviewDec, actor: RE_REVIEWER, closureReason: 'final_decision' as const, step: 're_review' as const },
    ];
    given(final).when(cmd.requestReReview({ at: '2026-07-06T10:00:00+08:00' })).then('CASE_CLOSED');
    given(final).when(cmd.repeat({ at: '2026-07-06T10:00:00+08:00' })).then('CASE_CLOSED');
    given(final).when(cmd.reach('decideReReview', '2026-07-11T00:00:00+08:00')).then('CASE_CLOSED');
  });

  it('a new petition on the same facts is declined as 不再受理, citing this decision', () => {
    const prior = { caseId: 'case-2026-0001', decidedAt: T.reReviewDec };
    const newCase = [
      ev.registered({ caseId: 'case-2026-0099', at: '2026-08-03T09:00:00+08:00', routeDueAt: '2026-08-18T16:00:00.000Z', priorFinalDecision: prior }),
      ev.routed({ at: '2026-08-04T09:00:00+08:00' }),
      // Wed 5 Aug + 15 = Thu 20 Aug; 5 working days: 6, 7, 10, 11, 12 Aug.
      ev.received({
        at: '2026-08-05T09:00:00+08:00',
        notifyDueAt: '2026-08-20T16:00:00.000Z',
        objectionDueAt: '2026-08-12T16:00:00.000Z',
        acceptanceDueAt: '2026-08-20T16:00:00.000Z',
      }),
    ];
    const at = '2026-08-06T09:00:00+08:00';
    given(newCase)
      .when(cmd.accept({ at, outcome: 'not_accepted_again', reason: '同一事实和理由已复核 / same facts already re-reviewed' }))
      .then([
        {
          type: 'CaseNotAcceptedAgain',
          at,
          actor: HANDLER,
          reason: '同一事实和理由已复核 / same facts already re-reviewed',
          unitId: 'unit-housing',
          priorCaseId: 'case-2026-0001',
          priorDecidedAt: T.reReviewDec,
          onTime: true,
        },
        {
          type: 'CaseClosed',
          at,
          actor: HANDLER,
          reason: '同一事实和理由已复核 / same facts already re-reviewed',
          closureReason: 'not_accepted',
          step: 'acceptance',
        },
      ]);
  });
});
