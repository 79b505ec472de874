import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent, ClockPaused, ClockResumed } from './case.events';
import { evolveAll } from './case.evolve';
import { decide } from './case.decide';
import {
  BUREAU,
  CTX,
  DUE,
  HANDLER,
  LEAD,
  NATIONAL_BEFORE_NOTICE,
  TEST_POLICY_V2,
  REGISTRAR,
  cmd,
  ev,
  given,
  registeredUnder,
  runTimers,
  stepClocks,
  upTo,
} from './case.testkit';

/**
 * 异议 under the national policy (limits.decideObjection = 5 working days). Base timeline: received Mon
 * 9 Mar 09:30 (+08); notice and acceptance due 25 Mar 00:00 (+08) = 24 Mar 16:00Z. Objection raised Wed
 * 11 Mar 10:00 (+08) = 02:00Z. The bureau's decision: 5 working days after Wed 11 Mar = 12, 13, 16, 17,
 * 18 Mar → due 19 Mar 00:00 (+08) = 18 Mar 16:00Z. Time left on the unit's clocks when they stop:
 * 11 Mar 02:00Z → 24 Mar 16:00Z = 13 d 14 h = 326 h.
 */
const RAISED = '2026-03-11T10:00:00+08:00';
const DECIDE_DUE = '2026-03-18T16:00:00.000Z';
const LEFT = 326 * 3_600_000;
const reason = '不属于本单位职责 / not within our remit';

const paused = (deadlineKey: 'notify' | 'acceptance'): ClockPaused => ({
  type: 'ClockPaused', at: RAISED, actor: HANDLER, reason, deadlineKey, pauseReason: 'objection', unitId: LEAD, remainingMs: LEFT,
});
const raisedEvents = (): CaseEvent[] => [
  ev.objectionRaised({ at: RAISED, decideDueAt: DECIDE_DUE, bureauUnitId: BUREAU }),
  paused('notify'),
  paused('acceptance'),
];
const objected = (): CaseEvent[] => [...upTo.acceptance(), ...raisedEvents()];

describe('objection (异议): the unit\'s clocks stop, the bureau decides within its own limit', () => {
  it('the objection stops the notice and acceptance clocks and starts the bureau\'s 5-working-day clock', () => {
    const state = given(upTo.acceptance()).when(cmd.raiseObjection({ at: RAISED })).then(raisedEvents());
    expect(state.step).toBe('objection');
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'notify', step: 'objection', dueAt: DUE.notify, kind: 'breach', article: '第二十三条', unitId: LEAD, paused: true, remainingMs: LEFT },
      { key: 'acceptance', step: 'objection', dueAt: DUE.acceptance, kind: 'breach', article: '第三十一条', unitId: LEAD, paused: true, remainingMs: LEFT },
      { key: 'decideObjection', step: 'objection', dueAt: DECIDE_DUE, kind: 'breach', article: '第二十三条', unitId: BUREAU },
    ]);
  });

  it('pending past the unit\'s acceptance due time: nothing is breached on the unit; the late decision is the bureau\'s (art.43)', () => {
    // Timers run to 30 Mar, past the unit's acceptance due time (25 Mar 00:00 +08).
    const { events } = runTimers(evolveAll(objected()), CTX, '2026-03-30T00:00:00+08:00');
    const breaches = events.filter((e) => e.type === 'DeadlineBreached');
    expect(breaches).toEqual([
      expect.objectContaining({ deadlineKey: 'decideObjection', unitId: BUREAU, dueAt: DECIDE_DUE, article: '第二十三条', step: 'objection' }),
    ]);
    // The ladder runs against the bureau, citing the broken duty (the objection decision, art.23); the ground art.43
    // goes on the accountability recommendation only. Reminder letter at the breach; listed supervision 5
    // working days after the breached day (19, 20, 23, 24, 25 Mar → 26 Mar 00:00 +08 = 25 Mar 16:00Z).
    expect(events.filter((e) => e.type === 'EscalationRaised')).toEqual([
      expect.objectContaining({ rung: 'reminder_letter', deadlineKey: 'decideObjection', unitId: BUREAU, article: '第二十三条', dueAt: DECIDE_DUE }),
      expect.objectContaining({ rung: 'listed_supervision', deadlineKey: 'decideObjection', unitId: BUREAU, article: '第二十三条', dueAt: '2026-03-25T16:00:00.000Z' }),
    ]);
    // Warnings before the bureau's deadline: 3 working days left (16, 17, 18 Mar → 16 Mar 00:00 +08), and
    // 80% of 7 d 14 h (182 h → 145.6 h after 11 Mar 02:00Z = 17 Mar 03:36Z). None for the stopped unit clocks.
    expect(events.filter((e) => e.type === 'DeadlineWarningRaised').map((e) => [e.type === 'DeadlineWarningRaised' && e.deadlineKey, e.at])).toEqual([
      ['decideObjection', '2026-03-15T16:00:00.000Z'],
      ['decideObjection', '2026-03-17T03:36:00.000Z'],
    ]);
  });

  it('a rejected objection restarts the unit\'s clocks, each deadline moved by the paused time', () => {
    // Rejected Fri 20 Mar 10:00 (+08), late: stopped 11 Mar 02:00Z → 20 Mar 02:00Z = 9 days; 24 Mar 16:00Z + 9 d = 2 Apr 16:00Z.
    const at = '2026-03-20T10:00:00+08:00';
    const pausedMs = 9 * 86_400_000;
    const resumed = (deadlineKey: 'notify' | 'acceptance'): ClockResumed => ({
      type: 'ClockResumed', at, actor: REGISTRAR, deadlineKey, pauseReason: 'objection', unitId: LEAD, pausedMs, dueAt: '2026-04-02T16:00:00.000Z',
    });
    const state = given(objected())
      .when(cmd.decideObjection({ at, approved: false }))
      .then([ev.objectionRejected({ at, onTime: false }), resumed('notify'), resumed('acceptance')]);
    expect(state.step).toBe('acceptance');
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'notify', step: 'acceptance', dueAt: '2026-04-02T16:00:00.000Z', kind: 'breach', article: '第二十三条', unitId: LEAD },
      { key: 'acceptance', step: 'acceptance', dueAt: '2026-04-02T16:00:00.000Z', kind: 'breach', article: '第三十一条', unitId: LEAD },
    ]);
    // Deciding acceptance on 1 Apr is on time under the moved deadline. Handling: 1 Apr + 60 = 29 days to
    // 30 Apr + 31 in May = Sun 31 May, a rest day → Mon 1 Jun.
    given([...objected(), ev.objectionRejected({ at, onTime: false }), resumed('notify'), resumed('acceptance')])
      .when(cmd.accept({ at: '2026-04-01T10:00:00+08:00' }))
      .then([ev.accepted({ at: '2026-04-01T10:00:00+08:00', onTime: true, handlingDueAt: '2026-06-01T16:00:00.000Z' })]);
  });

  it('a decision within the limit is on time', () => {
    const at = '2026-03-13T10:00:00+08:00';
    const state = given(objected()).when(cmd.decideObjection({ at, approved: true })).then([ev.objectionApproved({ at, onTime: true })]);
    // The unit is released: its clocks end with the assignment, and so do their pauses (2 days 0 h stopped).
    expect(state.step).toBe('routing');
    expect(state.pauses.map((p) => [p.deadlineKey, p.endedAt, p.pausedMs])).toEqual([
      ['notify', at, 2 * 86_400_000],
      ['acceptance', at, 2 * 86_400_000],
    ]);
  });

  it('only the bureau\'s decision restarts the clocks; a stopped step cannot be completed', () => {
    given(objected()).when(cmd.resumeClock({ deadlineKey: 'acceptance', at: '2026-03-12T10:00:00+08:00' })).then('CASE_CLOCK_PAUSED');
    given(objected()).when(cmd.notify({ at: '2026-03-12T10:00:00+08:00' })).then('CASE_CLOCK_PAUSED');
    given(objected()).when(cmd.accept({ at: '2026-03-12T10:00:00+08:00' })).then('CASE_WRONG_STEP');
  });

  it('under a policy without the limit (older histories) the objection stops nothing: the unit is breached meanwhile', () => {
    const history = [...registeredUnder(NATIONAL_BEFORE_NOTICE, upTo.acceptance()), ev.objectionRaised({ at: RAISED })];
    const { events } = runTimers(evolveAll(history), CTX, '2026-03-30T00:00:00+08:00');
    expect(events.filter((e) => e.type === 'DeadlineBreached').map((e) => e.type === 'DeadlineBreached' && [e.deadlineKey, e.unitId, e.dueAt])).toEqual([
      ['notify', LEAD, DUE.notify],
      ['acceptance', LEAD, DUE.acceptance],
    ]);
  });

  it('a policy adopted while the bureau decides re-arms the bureau\'s clock from the objection; the unit\'s stay stopped', () => {
    // 10 working days from Wed 11 Mar: 12, 13, 16–20, 23, 24, 25 Mar → due 26 Mar 00:00 (+08) = 25 Mar 16:00Z.
    const longer = { ...TEST_POLICY_V2, limits: { ...TEST_POLICY_V2.limits, decideObjection: { amount: 10, unit: 'working_days' as const } } };
    const result = decide(evolveAll(objected()), cmd.adoptPolicy(longer, { at: '2026-03-13T10:00:00+08:00' }), CTX);
    if (!result.ok) throw new Error(result.rejection.code);
    const [adopted] = result.events;
    expect(adopted?.type === 'PolicyAdopted' && adopted.rearmed).toEqual([
      { key: 'decideObjection', previousDueAt: DECIDE_DUE, newDueAt: '2026-03-25T16:00:00.000Z' },
    ]);
    const state = evolveAll(result.events, evolveAll(objected()));
    expect(stepClocks(pendingDeadlines(state, CTX)).map((d) => [d.key, d.dueAt, d.paused === true])).toEqual([
      ['notify', DUE.notify, true],
      ['acceptance', DUE.acceptance, true],
      ['decideObjection', '2026-03-25T16:00:00.000Z', false],
    ]);
  });
});
