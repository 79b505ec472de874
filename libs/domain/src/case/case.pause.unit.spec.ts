/**
 * Configurable pause reasons (PauseClock / ResumeClock): the time a clock is stopped for a reason
 * the case's policy configures for that deadline is not counted. The hearing of art.36 is built in.
 * Base: the handling clock of the base timeline, due 12 May 2026 00:00 (+08).
 */
import { CN_CALENDAR } from '../calendar';
import { type SupervisionPolicy, HEARING_PAUSE_REASON, zhejiangExamplePolicy } from '../policy';
import type { DecideContext } from './case.context';
import { decide } from './case.decide';
import { nextDeadline, pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { evolveAll } from './case.evolve';
import {
  APPRAISAL_POLICY,
  DUE,
  HANDLER,
  LEAD,
  REGISTRAR,
  RE_REVIEWER,
  RE_REVIEW_BODY,
  T,
  UNIT_HEAD,
  cmd,
  ev,
  given,
  stepClocks,
  upTo,
  TEST_POLICY,
} from './case.testkit';

const ctx: DecideContext = { policy: APPRAISAL_POLICY, calendar: CN_CALENDAR };
const handling = (): CaseEvent[] => upTo.handlingUnder(APPRAISAL_POLICY);
const H = 3_600_000;
/** Stopped 1 Apr 10:00 → 11 Apr 10:00 (+08): 240 h; the deadline moves 10 days to 22 May 00:00 (+08). */
const RESUMED_DUE = '2026-05-21T16:00:00.000Z';
const resumed: CaseEvent = {
  type: 'ClockResumed',
  at: '2026-04-11T10:00:00+08:00',
  actor: HANDLER,
  deadlineKey: 'handling',
  pauseReason: 'expert_appraisal',
  unitId: LEAD,
  pausedMs: 240 * H,
  dueAt: RESUMED_DUE,
};

describe('PauseClock / ResumeClock with a configured reason (鉴定 on handling)', () => {
  it('stops the clock with the time left; the clock and its warnings need no timer meanwhile', () => {
    const state = given(handling(), ctx).when(cmd.pauseClock()).then([ev.clockPaused()]);
    expect(pendingDeadlines(state, ctx).map((d) => [d.key, d.paused, d.remainingMs])).toEqual([
      ['handling:warn:0', true, Date.parse('2026-05-07T16:00:00.000Z') - Date.parse('2026-04-01T10:00:00+08:00')],
      ['handling:warn:1', true, Date.parse('2026-04-29T13:24:00.000Z') - Date.parse('2026-04-01T10:00:00+08:00')],
      ['handling', true, 974 * H],
    ]);
    expect(nextDeadline(state, ctx)).toBeNull();
    expect(state.pauses).toEqual([
      { deadlineKey: 'handling', pauseReason: 'expert_appraisal', clockStartedAt: T.accept, startedAt: '2026-04-01T10:00:00+08:00', endedAt: null, pausedMs: null },
    ]);
  });

  it('a timer for the stopped clock is refused; the step cannot be completed until the clock restarts', () => {
    const h = [...handling(), ev.clockPaused()];
    given(h, ctx).when(cmd.reach('handling', '2026-05-12T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
    given(h, ctx).when(cmd.reach('handling:warn:1', '2026-05-12T00:00:00+08:00')).then('CASE_DEADLINE_NOT_PENDING');
    given(h, ctx).when(cmd.reply({ at: '2026-04-05T10:00:00+08:00' })).then('CASE_CLOCK_PAUSED');
  });

  it('restarts it: the deadline moves by the time stopped, and so do the warnings', () => {
    const state = given([...handling(), ev.clockPaused()], ctx).when(cmd.resumeClock()).then([resumed]);
    expect(state.handling?.dueAt).toBe(RESUMED_DUE);
    // 3 working days left before 22 May 00:00: 21, 20, 19 May → 19 May 00:00 (+08).
    // 80%: 1453 h counted as before, shifted by the 240 h stopped: 29 Apr 13:24Z + 10 d = 9 May 13:24Z.
    expect(pendingDeadlines(state, ctx).map((d) => [d.key, d.dueAt, d.paused ?? false])).toEqual([
      ['handling:warn:0', '2026-05-18T16:00:00.000Z', false],
      ['handling:warn:1', '2026-05-09T13:24:00.000Z', false],
      ['handling', RESUMED_DUE, false],
    ]);
    // A reply on 14 May is on time: after the original due (12 May) but before the moved one.
    // Its windows: 14 May + 30 = Sat 13 Jun → Mon 15 Jun → due 16 Jun 00:00 (+08).
    given([...handling(), ev.clockPaused(), resumed], ctx)
      .when(cmd.reply({ at: '2026-05-14T10:00:00+08:00' }))
      .then([ev.replied({ at: '2026-05-14T10:00:00+08:00', handlingDueAt: RESUMED_DUE, onTime: true, evaluationDueAt: '2026-06-15T16:00:00.000Z', requestReviewDueAt: '2026-06-15T16:00:00.000Z' })]);
  });

  it('accumulates several stops', () => {
    const second = ev.clockPaused({ at: '2026-05-01T10:00:00+08:00', remainingMs: Date.parse(RESUMED_DUE) - Date.parse('2026-05-01T10:00:00+08:00') });
    const state = given([...handling(), ev.clockPaused(), resumed, second], ctx)
      .when(cmd.resumeClock({ at: '2026-05-02T10:00:00+08:00' }))
      .then([{ ...resumed, at: '2026-05-02T10:00:00+08:00', pausedMs: 24 * H, dueAt: '2026-05-22T16:00:00.000Z' }]);
    expect(state.pauses.map((p) => p.pausedMs)).toEqual([240 * H, 24 * H]);
  });

  it('a stopped clock that had already run out carries the overdue time', () => {
    const late = '2026-05-13T10:00:00+08:00';
    const h = [...handling(), ev.handlingBreached()];
    given(h, ctx).when(cmd.pauseClock({ at: late })).then([ev.clockPaused({ at: late, remainingMs: -34 * H })]);
  });

  it('is refused for a reason the policy does not configure, or not for this deadline', () => {
    given(upTo.handling()).when(cmd.pauseClock()).then('CASE_PAUSE_REASON_UNKNOWN'); // national: no expert_appraisal
    given(handling(), ctx).when(cmd.pauseClock({ pauseReason: 'vacation' })).then('CASE_PAUSE_REASON_UNKNOWN');
    given([ev.registered({ policy: APPRAISAL_POLICY }), ...upTo.review().slice(1)], ctx)
      .when(cmd.pauseClock({ deadlineKey: 'decideReview', actor: { id: 'rv-1', role: 'handler', unitId: 'gov-city' } }))
      .then('CASE_PAUSE_REASON_UNKNOWN');
  });

  it('says which reasons are allowed', () => {
    const r = decide(evolveAll(handling()), cmd.pauseClock({ pauseReason: 'vacation' }), ctx);
    expect(r.ok ? null : r.rejection.details).toEqual({ pauseReason: 'vacation', deadlineKey: 'handling', allowed: ['expert_appraisal'] });
  });

  it('is refused for a clock that is not running, twice, or for another reason while stopped', () => {
    given(handling(), ctx).when(cmd.pauseClock({ deadlineKey: 'route' })).then('CASE_DEADLINE_NOT_PENDING');
    given(handling(), ctx).when(cmd.pauseClock({ deadlineKey: 'objection' })).then('CASE_DEADLINE_NOT_PENDING');
    given(handling(), ctx).when(cmd.pauseClock({ deadlineKey: 'evaluation' })).then('CASE_DEADLINE_NOT_PENDING');
    given([...handling(), ev.clockPaused()], ctx).when(cmd.pauseClock()).then('CASE_DUPLICATE_COMMAND');
    const two: SupervisionPolicy = {
      ...APPRAISAL_POLICY,
      pauseReasons: [...APPRAISAL_POLICY.pauseReasons, { code: 'site_survey', nameZh: '现场勘验', nameEn: 'Site survey', appliesTo: ['handling'] }],
    };
    given([ev.registered({ policy: two }), ...upTo.handling().slice(1), ev.clockPaused()], ctx).when(cmd.pauseClock({ pauseReason: 'site_survey' })).then('CASE_CLOCK_PAUSED');
    given(handling(), ctx).when(cmd.resumeClock()).then('CASE_CLOCK_NOT_PAUSED');
  });

  it('by the unit answerable for the clock (handler or head); the bureau for the route clock', () => {
    given(handling(), ctx).when(cmd.pauseClock({ actor: UNIT_HEAD })).then([ev.clockPaused({ actor: UNIT_HEAD })]);
    const routeReason: SupervisionPolicy = {
      ...APPRAISAL_POLICY,
      id: 'test-route-pause',
      pauseReasons: [...APPRAISAL_POLICY.pauseReasons, { code: 'jurisdiction_check', nameZh: '管辖核实', nameEn: 'Jurisdiction check', appliesTo: ['route'] }],
    };
    const at = '2026-03-03T10:00:00+08:00';
    given([ev.registered({ policy: routeReason })])
      .when(cmd.pauseClock({ actor: REGISTRAR, deadlineKey: 'route', pauseReason: 'jurisdiction_check', at }))
      .then([ev.clockPaused({ actor: REGISTRAR, at, deadlineKey: 'route', pauseReason: 'jurisdiction_check', unitId: 'bureau-county', remainingMs: Date.parse(DUE.route) - Date.parse(at) })]);
  });

  it('the Zhejiang example configures it for handling', () => {
    const zj = { policy: zhejiangExamplePolicy, calendar: CN_CALENDAR };
    // Zhejiang: 30 days from 12 Mar = 11 Apr (Sat) → Mon 13 Apr → due 14 Apr 00:00 (+08).
    const h = [ev.registered({ policy: zhejiangExamplePolicy }), ...upTo.acceptance().slice(1), ev.notified(), ev.accepted({ handlingDueAt: '2026-04-13T16:00:00.000Z' })];
    given(h, zj).when(cmd.pauseClock()).then([ev.clockPaused({ remainingMs: Date.parse('2026-04-13T16:00:00.000Z') - Date.parse('2026-04-01T10:00:00+08:00') })]);
  });

  it('the acceptance clock can be stopped too (as this policy configures); the notice clock keeps running', () => {
    const h = [ev.registered({ policy: APPRAISAL_POLICY }), ...upTo.acceptance().slice(1)];
    const at = '2026-03-12T10:00:00+08:00';
    const state = given(h, ctx)
      .when(cmd.pauseClock({ deadlineKey: 'acceptance', at }))
      .then([ev.clockPaused({ deadlineKey: 'acceptance', at, remainingMs: Date.parse(DUE.acceptance) - Date.parse(at) })]);
    expect(stepClocks(pendingDeadlines(state, ctx)).map((d) => [d.key, d.paused ?? false])).toEqual([
      ['notify', false],
      ['acceptance', true],
    ]);
    given([...h, ev.clockPaused({ deadlineKey: 'acceptance', at })], ctx).when(cmd.accept()).then('CASE_CLOCK_PAUSED');
    given([...h, ev.clockPaused({ deadlineKey: 'acceptance', at })], ctx).when(cmd.notify()).then([ev.notified()]);
  });

  it('a new routing round starts new clocks: a pause of the old one does not carry over', () => {
    const h = [ev.registered({ policy: APPRAISAL_POLICY }), ...upTo.objection().slice(1), ev.clockPaused({ deadlineKey: 'acceptance', at: '2026-03-12T10:00:00+08:00' }), ev.objectionApproved()];
    const state = evolveAll([
      ...h,
      ev.routed({ at: '2026-03-16T10:00:00+08:00', leadUnitId: LEAD, round: 2 }),
      ev.received({ at: '2026-03-17T10:00:00+08:00', notifyDueAt: '2026-04-01T16:00:00.000Z', objectionDueAt: '2026-03-24T16:00:00.000Z', acceptanceDueAt: '2026-04-01T16:00:00.000Z' }),
    ]);
    expect(stepClocks(pendingDeadlines(state, ctx)).map((d) => [d.key, d.paused ?? false])).toEqual([
      ['notify', false],
      ['acceptance', false],
    ]);
  });
});

describe('the hearing (听证, art.36) is the built-in pause reason of the re-review', () => {
  it('PauseClock hearing = StartHearing; ResumeClock = EndHearing (same events)', () => {
    given(upTo.reReview())
      .when(cmd.pauseClock({ actor: RE_REVIEWER, at: T.hearingStart, deadlineKey: 'decideReReview', pauseReason: 'hearing', reason: undefined }))
      .then([ev.hearingStarted()]);
    given(upTo.hearing()).when(cmd.resumeClock({ actor: RE_REVIEWER, at: T.hearingEnd, deadlineKey: 'decideReReview' })).then([ev.hearingEnded()]);
  });

  it('is available under every policy, even one that does not list it', () => {
    const bare = { ...TEST_POLICY, id: 'test-bare', pauseReasons: [] };
    const h = [ev.registered({ policy: bare }), ...upTo.reReview().slice(1)];
    given(h).when(cmd.startHearing()).then([ev.hearingStarted()]);
    given(h).when(cmd.pauseClock({ actor: RE_REVIEWER, at: T.hearingStart, deadlineKey: 'decideReReview', pauseReason: 'hearing', reason: undefined })).then([ev.hearingStarted()]);
  });

  it('a re-review clock stopped for another reason cannot start a hearing until it restarts', () => {
    const other: SupervisionPolicy = {
      ...APPRAISAL_POLICY,
      id: 'test-rr-appraisal',
      pauseReasons: [HEARING_PAUSE_REASON, { code: 'expert_appraisal', nameZh: '鉴定', nameEn: 'Appraisal', appliesTo: ['decideReReview'] }],
    };
    const h = [ev.registered({ policy: other }), ...upTo.reReview().slice(1)];
    const at = '2026-06-15T10:00:00+08:00';
    const paused = ev.clockPaused({ actor: RE_REVIEWER, at, deadlineKey: 'decideReReview', unitId: RE_REVIEW_BODY, remainingMs: Date.parse(DUE.decideReReview) - Date.parse(at), reason: undefined });
    given(h).when(cmd.pauseClock({ actor: RE_REVIEWER, at, deadlineKey: 'decideReReview', reason: undefined })).then([paused]);
    given([...h, paused]).when(cmd.startHearing()).then('CASE_CLOCK_PAUSED');
    given([...h, paused]).when(cmd.decideReReview()).then('CASE_CLOCK_PAUSED');
    given([...h, paused]).when(cmd.endHearing()).then('CASE_NO_HEARING_IN_PROGRESS');
  });
});
