/**
 * Warnings (预警) before a breach and the escalation ladder (督办) after it, as the decider produces them
 * from the case's policy. Every instant below is derived by hand from the State Council arrangements:
 * 2026 National Day / Mid-Autumn rest 25–27 Sep and 1–7 Oct with Sun 20 Sep and Sat 10 Oct worked;
 * 2026 Spring Festival rest 15–23 Feb with Sat 14 Feb and Sat 28 Feb worked; 2025 National Day rest
 * 1–8 Oct with Sun 28 Sep and Sat 11 Oct worked. "00:00 (+08)" of a day is 16:00Z of the day before.
 */
import { CN_CALENDAR } from '../calendar';
import { type SupervisionPolicy, zhejiangExamplePolicy } from '../policy';
import { rungDueAt, warningInstant } from './case.alarms';
import type { DecideContext } from './case.context';
import { decide } from './case.decide';
import { nextDeadline, pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { evolveAll } from './case.evolve';
import { BUREAU, CTX, LEAD, REGISTRAR, SYSTEM, cmd, ev, given, runTimers, stepClocks, upTo, TEST_POLICY } from './case.testkit';

const ZJ: DecideContext = { policy: zhejiangExamplePolicy, calendar: CN_CALENDAR };
const H = 3_600_000;

describe('warningInstant: when a warning rule fires', () => {
  const clock = (startedAt: string, dueAt: string, pausedMs = 0) => ({ startedAt, dueAt, pausedMs });

  it('"3 working days left" across the 2026 Spring Festival (Sat 14 Feb worked)', () => {
    // Due 25 Feb 00:00 (+08), last day Tue 24 Feb. Working days back: 24 Feb (1); 23–15 Feb rest;
    // Sat 14 Feb worked (2); Fri 13 Feb (3) → warn at 13 Feb 00:00 (+08).
    const c = clock('2026-02-09T10:00:00+08:00', '2026-02-24T16:00:00.000Z');
    expect(warningInstant({ before: { amount: 3, unit: 'working_days' } }, c, CN_CALENDAR)).toBe('2026-02-12T16:00:00.000Z');
  });

  it('"3 working days left" on the adjusted working Sunday 20 Sep 2026 (调休)', () => {
    // Due 23 Sep 00:00 (+08): 22 Sep (1), 21 Sep (2), Sun 20 Sep worked (3) → 20 Sep 00:00 (+08).
    // Without the 调休 it would have been Fri 18 Sep.
    const c = clock('2026-09-16T09:00:00+08:00', '2026-09-22T16:00:00.000Z');
    expect(warningInstant({ before: { amount: 3, unit: 'working_days' } }, c, CN_CALENDAR)).toBe('2026-09-19T16:00:00.000Z');
  });

  it('"3 working days left" before National Day 2026: the holiday does not count', () => {
    // Due 9 Oct 00:00 (+08), last day Thu 8 Oct: 8 Oct (1); 7–1 Oct rest; 30 Sep (2); 29 Sep (3).
    const c = clock('2026-09-01T09:00:00+08:00', '2026-10-08T16:00:00.000Z');
    expect(warningInstant({ before: { amount: 3, unit: 'working_days' } }, c, CN_CALENDAR)).toBe('2026-09-28T16:00:00.000Z');
  });

  it('at 80% of the time: exact elapsed time, paused time not counted', () => {
    // 9 Feb 02:00Z → 24 Feb 16:00Z = 15 d 14 h = 374 h; 80% = 299.2 h = 12 d 11 h 12 min → 21 Feb 13:12Z.
    const c = clock('2026-02-09T10:00:00+08:00', '2026-02-24T16:00:00.000Z');
    expect(warningInstant({ atFraction: 0.8 }, c, CN_CALENDAR)).toBe('2026-02-21T13:12:00.000Z');
    // With 24 h paused (and the due time moved by them): 374 h counted again, shifted by 24 h.
    const paused = clock('2026-02-09T10:00:00+08:00', '2026-02-25T16:00:00.000Z', 24 * H);
    expect(warningInstant({ atFraction: 0.8 }, paused, CN_CALENDAR)).toBe('2026-02-22T13:12:00.000Z');
  });

  it('calendar days and time units count back from the due time', () => {
    const c = clock('2026-02-09T10:00:00+08:00', '2026-02-24T16:00:00.000Z');
    expect(warningInstant({ before: { amount: 2, unit: 'calendar_days' } }, c, CN_CALENDAR)).toBe('2026-02-22T16:00:00.000Z');
    expect(warningInstant({ before: { amount: 36, unit: 'hours' } }, c, CN_CALENDAR)).toBe('2026-02-23T04:00:00.000Z');
  });

  it('a rule that would fire before the clock starts (or not before its end) is dropped', () => {
    // 5 working days clock: "10 working days left" is before the start.
    const c = clock('2026-09-16T09:00:00+08:00', '2026-09-22T16:00:00.000Z');
    expect(warningInstant({ before: { amount: 10, unit: 'working_days' } }, c, CN_CALENDAR)).toBeNull();
    expect(warningInstant({ before: { amount: 1, unit: 'seconds' } }, clock('2026-09-16T09:00:00+08:00', '2026-09-16T01:00:00.500Z'), CN_CALENDAR)).toBeNull();
  });
});

describe('rungDueAt: counted on from the breached deadline', () => {
  it('at the breach for a delay of 0', () => {
    expect(rungDueAt('2026-09-22T16:00:00.000Z', { amount: 0, unit: 'working_days' }, CN_CALENDAR)).toBe('2026-09-22T16:00:00.000Z');
  });

  it('+5 and +10 working days across 2025 National Day (rest 1–8 Oct, Sat 11 Oct worked)', () => {
    // Breached at 30 Sep 2025 00:00 (+08), last day Mon 29 Sep. +5: 30 Sep (1); 1–8 Oct rest; 9 (2), 10 (3),
    // Sat 11 (4), 13 Oct (5) → 14 Oct 00:00 (+08). +10: 14 (6), 15 (7), 16 (8), 17 (9), 20 Oct (10) → 21 Oct.
    expect(rungDueAt('2025-09-29T16:00:00.000Z', { amount: 5, unit: 'working_days' }, CN_CALENDAR)).toBe('2025-10-13T16:00:00.000Z');
    expect(rungDueAt('2025-09-29T16:00:00.000Z', { amount: 10, unit: 'working_days' }, CN_CALENDAR)).toBe('2025-10-20T16:00:00.000Z');
  });
});

describe('an untouched Zhejiang case: warning → breach → the whole ladder (route, 5 working days)', () => {
  const REG = '2026-09-16T09:00:00+08:00'; // Wed
  /** 5 working days: 17, 18, (19 Sat), 20 Sun worked, 21, 22 Sep → 23 Sep 00:00 (+08). */
  const ROUTE_DUE = '2026-09-22T16:00:00.000Z';
  /** 3 working days left: 22, 21, 20 (Sun, 调休) → 20 Sep 00:00 (+08). */
  const WARN_3WD = '2026-09-19T16:00:00.000Z';
  /** 80%: 16 Sep 01:00Z → 22 Sep 16:00Z = 159 h; 127.2 h = 5 d 7 h 12 min → 21 Sep 08:12Z. */
  const WARN_80 = '2026-09-21T08:12:00.000Z';
  /** +5 working days from the last day 22 Sep: 23, 24, (25–27 Mid-Autumn), 28, 29, 30 Sep → 1 Oct 00:00 (+08). */
  const LISTED = '2026-09-30T16:00:00.000Z';
  /** +10: … 30 Sep (5), (1–7 Oct National Day), 8, 9, Sat 10 Oct worked, 12, 13 Oct → 14 Oct 00:00 (+08). */
  const ACCOUNT = '2026-10-13T16:00:00.000Z';

  const registered = ev.registered({ at: REG, policy: zhejiangExamplePolicy, routeDueAt: ROUTE_DUE });
  const warning = (warningKey: 'route:warn:0' | 'route:warn:1', at: string, warnAt: string, rule: SupervisionPolicy['warnings'][number]): CaseEvent => ({
    type: 'DeadlineWarningRaised',
    at,
    actor: SYSTEM,
    warningKey,
    deadlineKey: 'route',
    rule,
    step: 'routing',
    unitId: BUREAU,
    warnAt,
    dueAt: ROUTE_DUE,
    clockStartedAt: REG,
    remainingMs: Date.parse(ROUTE_DUE) - Date.parse(at),
  });
  const w0 = warning('route:warn:0', WARN_3WD, WARN_3WD, { before: { amount: 3, unit: 'working_days' } });
  const w1 = warning('route:warn:1', WARN_80, WARN_80, { atFraction: 0.8 });
  const breach = ev.breached({ at: ROUTE_DUE, deadlineKey: 'route', dueAt: ROUTE_DUE, step: 'routing', unitId: BUREAU, article: '第二十二条' });
  const rung = (escalationNo: number, r: 'reminder_letter' | 'listed_supervision' | 'accountability_recommendation' | 'escalate_to_superior', dueAt: string): CaseEvent => ({
    type: 'EscalationRaised',
    at: dueAt,
    actor: SYSTEM,
    escalationKey: `route:esc:${r}`,
    escalationNo,
    deadlineKey: 'route',
    rung: r,
    step: 'routing',
    unitId: BUREAU,
    article: '第二十二条', // the broken duty: routing (art.22)
    // The ground (the bureau failed to route, art.43) on the accountability recommendation only.
    ...(r === 'accountability_recommendation' ? { groundArticle: '第四十三条' } : {}),
    breachDueAt: ROUTE_DUE,
    dueAt,
    letterKind: { reminder_letter: 'reminder_letter', listed_supervision: 'listed_supervision_notice', accountability_recommendation: 'accountability_recommendation', escalate_to_superior: null }[r] as never,
  });
  const reminder = rung(1, 'reminder_letter', ROUTE_DUE);
  const listed = rung(2, 'listed_supervision', LISTED);
  const accountability = rung(3, 'accountability_recommendation', ACCOUNT);
  const superior = rung(4, 'escalate_to_superior', ACCOUNT);

  it('registers under the Zhejiang policy and lists the two warnings before the route deadline', () => {
    const state = given([], ZJ).when(cmd.register({ at: REG })).then([registered]);
    expect(pendingDeadlines(state, ZJ)).toEqual([
      { key: 'route:warn:0', kind: 'warning', step: 'routing', dueAt: WARN_3WD, article: '第二十二条', unitId: BUREAU, deadlineKey: 'route', rule: { before: { amount: 3, unit: 'working_days' } }, deadlineDueAt: ROUTE_DUE, clockStartedAt: REG },
      { key: 'route:warn:1', kind: 'warning', step: 'routing', dueAt: WARN_80, article: '第二十二条', unitId: BUREAU, deadlineKey: 'route', rule: { atFraction: 0.8 }, deadlineDueAt: ROUTE_DUE, clockStartedAt: REG },
      { key: 'route', kind: 'breach', step: 'routing', dueAt: ROUTE_DUE, article: '第二十二条', unitId: BUREAU },
    ]);
    expect(nextDeadline(state, ZJ)?.key).toBe('route:warn:0');
  });

  it('raises each warning once, at its time, with the time left', () => {
    given([registered], ZJ).when(cmd.reach('route:warn:0', '2026-09-19T15:59:59.999Z')).then('CASE_DEADLINE_NOT_DUE');
    const s1 = given([registered], ZJ).when(cmd.reach('route:warn:0', WARN_3WD)).then([w0]);
    expect((w0 as { remainingMs: number }).remainingMs).toBe(72 * H); // exactly 3 days before 23 Sep 00:00
    expect(nextDeadline(s1, ZJ)?.key).toBe('route:warn:1');
    given([registered, w0], ZJ).when(cmd.reach('route:warn:0', WARN_80)).then('CASE_DUPLICATE_COMMAND');
    given([registered, w0], ZJ).when(cmd.reach('route:warn:1', WARN_80)).then([w1]);
    expect((w1 as { remainingMs: number }).remainingMs).toBe(31 * H + 48 * 60_000); // 21 Sep 08:12Z → 22 Sep 16:00Z
  });

  it('breaches at the due time; the warnings are done, the ladder starts with the reminder letter at once', () => {
    const state = given([registered, w0, w1], ZJ).when(cmd.reach('route', ROUTE_DUE)).then([breach]);
    expect(pendingDeadlines(state, ZJ).map((d) => [d.key, d.kind, d.dueAt])).toEqual([
      ['route:esc:reminder_letter', 'escalation', ROUTE_DUE],
      ['route:esc:listed_supervision', 'escalation', LISTED],
      ['route:esc:accountability_recommendation', 'escalation', ACCOUNT],
      ['route:esc:escalate_to_superior', 'escalation', ACCOUNT],
    ]);
    given([registered, w0, w1, breach], ZJ).when(cmd.reach('route:esc:reminder_letter', ROUTE_DUE)).then([reminder]);
  });

  it('listed supervision after 5 working days, accountability and the superior after 10, each once', () => {
    const h = [registered, w0, w1, breach, reminder];
    given(h, ZJ).when(cmd.reach('route:esc:listed_supervision', '2026-09-30T15:59:59.999Z')).then('CASE_DEADLINE_NOT_DUE');
    given(h, ZJ).when(cmd.reach('route:esc:listed_supervision', LISTED)).then([listed]);
    given([...h, listed], ZJ).when(cmd.reach('route:esc:listed_supervision', ACCOUNT)).then('CASE_DUPLICATE_COMMAND');
    given([...h, listed], ZJ).when(cmd.reach('route:esc:reminder_letter', ACCOUNT)).then('CASE_DUPLICATE_COMMAND');
    given([...h, listed], ZJ).when(cmd.reach('route:esc:accountability_recommendation', ACCOUNT)).then([accountability]);
    const end = given([...h, listed, accountability], ZJ).when(cmd.reach('route:esc:escalate_to_superior', ACCOUNT)).then([superior]);
    // The ladder is spent: nothing more to time on this case (the bureau still has to route it).
    expect(pendingDeadlines(end, ZJ)).toEqual([]);
    expect(end.escalations.map((e) => [e.escalationNo, e.rung, e.letterKind])).toEqual([
      [1, 'reminder_letter', 'reminder_letter'],
      [2, 'listed_supervision', 'listed_supervision_notice'],
      [3, 'accountability_recommendation', 'accountability_recommendation'],
      [4, 'escalate_to_superior', null],
    ]);
    given([...h, listed, accountability, superior], ZJ).when(cmd.reach('route', '2026-12-01T00:00:00+08:00')).then('CASE_DUPLICATE_COMMAND');
  });

  it('the workflow loop (fire every due item at the next timer) produces exactly this sequence and never stalls', () => {
    const { events, rejections } = runTimers(evolveAll([registered]), ZJ, '2026-12-31T00:00:00+08:00');
    expect(rejections).toEqual([]);
    expect(events).toEqual([w0, w1, breach, reminder, listed, accountability, superior]);
  });

  it('the ladder stops when the step is done: routing after the reminder ends it', () => {
    const routedAt = '2026-09-24T10:00:00+08:00';
    const state = given([registered, w0, w1, breach, reminder], ZJ)
      .when(cmd.route({ at: routedAt }))
      .then([ev.routed({ at: routedAt, onTime: false, receiveDueAt: null })]);
    // The Zhejiang example sets no 'receive' limit (left out = none): nothing runs at receipt.
    expect(pendingDeadlines(state, ZJ)).toEqual([]);
    given([registered, w0, w1, breach, reminder, ev.routed({ at: routedAt, onTime: false, receiveDueAt: null })], ZJ)
      .when(cmd.reach('route:esc:listed_supervision', LISTED))
      .then('CASE_DEADLINE_NOT_PENDING');
  });

  it('routing before the deadline ends the warnings too', () => {
    const state = given([registered, w0], ZJ).when(cmd.route({ at: '2026-09-20T10:00:00+08:00' })).then([ev.routed({ at: '2026-09-20T10:00:00+08:00', receiveDueAt: null })]);
    expect(pendingDeadlines(state, ZJ)).toEqual([]);
  });
});

describe('warnings on the unit clocks (national policy)', () => {
  it('notice and acceptance across the 2026 Spring Festival', () => {
    // Received Mon 9 Feb 10:00 (+08): 9 Feb + 15 = Tue 24 Feb (working) → due 25 Feb 00:00 (+08);
    // objection 5 working days: 10, 11, 12, 13, Sat 14 Feb (worked) → 15 Feb 00:00 (+08).
    const history = [ev.registered({ at: '2026-02-02T09:00:00+08:00', routeDueAt: '2026-02-17T16:00:00.000Z' }), ev.routed({ at: '2026-02-05T10:00:00+08:00' })];
    const received = ev.received({
      at: '2026-02-09T10:00:00+08:00',
      notifyDueAt: '2026-02-24T16:00:00.000Z',
      objectionDueAt: '2026-02-14T16:00:00.000Z',
      acceptanceDueAt: '2026-02-24T16:00:00.000Z',
    });
    const state = given(history).when(cmd.receive({ at: '2026-02-09T10:00:00+08:00' })).then([received]);
    expect(pendingDeadlines(state, CTX).map((d) => [d.key, d.dueAt])).toEqual([
      ['notify:warn:0', '2026-02-12T16:00:00.000Z'], // 3 working days left: 24, Sat 14, Fri 13 Feb
      ['notify:warn:1', '2026-02-21T13:12:00.000Z'], // 80% of 374 h (see warningInstant above)
      ['notify', '2026-02-24T16:00:00.000Z'],
      ['acceptance:warn:0', '2026-02-12T16:00:00.000Z'],
      ['acceptance:warn:1', '2026-02-21T13:12:00.000Z'],
      ['acceptance', '2026-02-24T16:00:00.000Z'],
    ]);
  });

  it('handling a claim (60 days): the worked Saturday 9 May 2026 counts among the last 3 working days', () => {
    // Due 12 May 00:00 (+08): 11 May (1), Sat 9 May worked (2), Fri 8 May (3) → 8 May 00:00 (+08).
    // 80%: 12 Mar 03:00Z → 11 May 16:00Z = 1453 h; 1162.4 h = 48 d 10 h 24 min → 29 Apr 13:24Z.
    expect(pendingDeadlines(evolveAll(upTo.handling()), CTX).map((d) => [d.key, d.dueAt])).toEqual([
      ['handling:warn:0', '2026-05-07T16:00:00.000Z'],
      ['handling:warn:1', '2026-04-29T13:24:00.000Z'],
      ['handling', '2026-05-11T16:00:00.000Z'],
    ]);
  });

  it('a warning is raised once per clock: an extension approved afterwards does not raise it again', () => {
    const w = decide(evolveAll(upTo.handling()), cmd.reach('handling:warn:1', '2026-04-29T13:24:00.000Z'), CTX);
    if (!w.ok) throw new Error(w.rejection.code);
    expect(w.events).toEqual([
      {
        type: 'DeadlineWarningRaised',
        at: '2026-04-29T13:24:00.000Z',
        actor: SYSTEM,
        warningKey: 'handling:warn:1',
        deadlineKey: 'handling',
        rule: { atFraction: 0.8 },
        step: 'handling',
        unitId: LEAD,
        warnAt: '2026-04-29T13:24:00.000Z',
        dueAt: '2026-05-11T16:00:00.000Z',
        clockStartedAt: '2026-03-12T11:00:00+08:00',
        remainingMs: (290 * 60 + 36) * 60_000, // 29 Apr 13:24Z → 11 May 16:00Z = 12 d 2 h 36 min = 290 h 36 min
      },
    ]);
    const extended = evolveAll([...upTo.handling(), ...w.events, ev.extensionRequested(), {
      type: 'ExtensionApproved', at: '2026-05-07T10:00:00+08:00', actor: { id: 'head-1', role: 'unit_head', unitId: LEAD },
      extension: { amount: 30, unit: 'calendar_days' }, previousDueAt: '2026-05-11T16:00:00.000Z', newDueAt: '2026-06-10T16:00:00.000Z',
    }]);
    // Only the "3 working days left" warning of the new deadline remains: 10, 9, 8 Jun → 8 Jun 00:00 (+08).
    expect(pendingDeadlines(extended, CTX).map((d) => [d.key, d.dueAt])).toEqual([
      ['handling:warn:0', '2026-06-07T16:00:00.000Z'],
      ['handling', '2026-06-10T16:00:00.000Z'],
    ]);
  });

  it('per-deadline overrides replace the global rules; [] silences a deadline', () => {
    const policy: SupervisionPolicy = { ...TEST_POLICY, id: 'test-overrides', warningOverrides: { handling: [{ atFraction: 0.5 }], notify: [] } };
    const h = [ev.registered({ policy }), ...upTo.handling().slice(1)];
    // 50% of 1453 h = 726.5 h = 30 d 6 h 30 min after 12 Mar 03:00Z → 11 Apr 09:30Z.
    expect(pendingDeadlines(evolveAll(h), CTX).map((d) => [d.key, d.dueAt])).toEqual([
      ['handling:warn:0', '2026-04-11T09:30:00.000Z'],
      ['handling', '2026-05-11T16:00:00.000Z'],
    ]);
    expect(stepClocks(pendingDeadlines(evolveAll([ev.registered({ policy }), ev.routed(), ev.received()]), CTX)).length).toBe(2);
    expect(pendingDeadlines(evolveAll([ev.registered({ policy }), ev.routed(), ev.received()]), CTX).map((d) => d.key)).toEqual([
      'notify',
      'acceptance:warn:0',
      'acceptance:warn:1',
      'acceptance',
    ]);
  });

  it('the petitioner windows are never warned about or escalated', () => {
    expect(pendingDeadlines(evolveAll(upTo.replied()), CTX).map((d) => d.kind)).toEqual(['lapse', 'lapse']);
  });

  it('a case registered under a limits-only policy has no alarms (replay of older histories)', () => {
    const { warnings: _w, escalation: _e, ...old } = TEST_POLICY;
    const h = [ev.legacyRegistered(), ...upTo.handling().slice(1)];
    const ctx = { ...CTX, policy: old };
    expect(pendingDeadlines(evolveAll(h), ctx).map((d) => d.key)).toEqual(['handling']);
    const breached = evolveAll([...h, ev.handlingBreached()]);
    expect(pendingDeadlines(breached, ctx)).toEqual([]);
  });
});

describe('the national ladder on a handling breach', () => {
  it('cites the handling duty (art.34), the ground art.45 (delay) on the recommendation only, and follows the default ladder', () => {
    const state = evolveAll([...upTo.handling(), ev.handlingBreached()]);
    // +5 working days from Mon 11 May: 12–15, 18 May → 19 May 00:00 (+08); +10: 19–22, 25 May → 26 May.
    expect(pendingDeadlines(state, CTX).map((d) => [d.key, d.dueAt, d.article, (d as { groundArticle?: string }).groundArticle])).toEqual([
      ['handling:esc:reminder_letter', '2026-05-11T16:00:00.000Z', '第三十四条', undefined],
      ['handling:esc:listed_supervision', '2026-05-18T16:00:00.000Z', '第三十四条', undefined],
      ['handling:esc:accountability_recommendation', '2026-05-25T16:00:00.000Z', '第三十四条', '第四十五条'],
      ['handling:esc:escalate_to_superior', '2026-05-25T16:00:00.000Z', '第三十四条', undefined],
    ]);
    given([...upTo.handling(), ev.handlingBreached()]).when(cmd.reach('handling:esc:reminder_letter', '2026-05-12T00:00:00+08:00')).then([ev.escalated()]);
  });

  it('cites the notice duty (art.23) and, on the recommendation, the ground art.44', () => {
    const at = '2026-03-25T00:00:00+08:00';
    const state = evolveAll([
      ...upTo.acceptance(),
      ev.breached({ at, deadlineKey: 'notify', dueAt: '2026-03-24T16:00:00.000Z', step: 'acceptance', unitId: LEAD, article: '第二十三条' }),
    ]);
    const rungs = pendingDeadlines(state, CTX).filter((d) => d.kind === 'escalation').map((d) => [d.key, d.article, (d as { groundArticle?: string }).groundArticle]);
    expect(rungs[0]).toEqual(['notify:esc:reminder_letter', '第二十三条', undefined]);
    expect(rungs.find((r) => r[0] === 'notify:esc:accountability_recommendation')).toEqual(['notify:esc:accountability_recommendation', '第二十三条', '第四十四条']);
  });

  it('a late extension reopens the clock: the old ladder stops, a new breach starts a new one', () => {
    const h = [...upTo.handling(), ev.extensionRequested(), ev.handlingBreached(), ev.escalated()];
    const approved: CaseEvent = {
      type: 'ExtensionApproved', at: '2026-05-12T09:00:00+08:00', actor: { id: 'head-1', role: 'unit_head', unitId: LEAD },
      extension: { amount: 30, unit: 'calendar_days' }, previousDueAt: '2026-05-11T16:00:00.000Z', newDueAt: '2026-06-10T16:00:00.000Z',
    };
    const state = evolveAll([...h, approved]);
    expect(pendingDeadlines(state, CTX).map((d) => d.key)).toEqual(['handling:warn:0', 'handling:warn:1', 'handling']);
  });
});

describe('registrars and other commands do not fire alarms', () => {
  it('ReachDeadline with an alarm key is system-only like every timer', () => {
    given([...upTo.handling(), ev.handlingBreached()])
      .when(cmd.reach('handling:esc:reminder_letter', '2026-05-12T00:00:00+08:00', { actor: REGISTRAR }))
      .then('CASE_NOT_AUTHORIZED_ROLE');
  });
});

describe('the contract with the workflow: every pending key is accepted by ReachDeadline', () => {
  const histories: Array<[string, CaseEvent[], DecideContext]> = [
    ['routing', upTo.routing(), CTX],
    ['acceptance', upTo.acceptance(), CTX],
    ['objection', upTo.objection(), CTX],
    ['handling', upTo.handling(), CTX],
    ['replied', upTo.replied(), CTX],
    ['review', upTo.review(), CTX],
    ['review decided', upTo.reviewDecided(), CTX],
    ['re-review', upTo.reReview(), CTX],
    ['hearing (all paused)', upTo.hearing(), CTX],
    ['handling breached', [...upTo.handling(), ev.handlingBreached()], CTX],
    ['escalated', upTo.escalated(), CTX],
    ['letter issued', upTo.lettered(), CTX],
    ['Zhejiang routing', [ev.registered({ policy: zhejiangExamplePolicy })], ZJ],
  ];

  it.each(histories)('%s: each unpaused item fires at its due time, once, and then is no longer pending', (_label, history, ctx) => {
    const state = evolveAll(history);
    for (const d of pendingDeadlines(state, ctx)) {
      const r = decide(state, cmd.reach(d.key, d.dueAt), ctx);
      // A paused item is refused; the others fire (checked below). Both outcomes are stated for every item.
      expect({ key: d.key, refused: r.ok ? null : r.rejection.code }).toEqual({ key: d.key, refused: d.paused ? 'CASE_DEADLINE_NOT_PENDING' : null });
      if (d.paused) continue;
      if (!r.ok) throw new Error(`${d.key}: ${r.rejection.code}`);
      const after = evolveAll(r.events, state);
      expect(pendingDeadlines(after, ctx).map((x) => x.key)).not.toContain(d.key);
      expect(decide(after, cmd.reach(d.key, d.dueAt), ctx).ok).toBe(false);
    }
  });

  it('pendingDeadlines keys are the keys the events carry back', () => {
    const state = evolveAll(upTo.lettered());
    const keys = pendingDeadlines(state, CTX).map((d) => d.key);
    expect(keys).toEqual([
      'handling:esc:listed_supervision',
      'handling:esc:accountability_recommendation',
      'handling:esc:escalate_to_superior',
      'feedback:handling:reminder_letter#1',
    ]);
  });
});
