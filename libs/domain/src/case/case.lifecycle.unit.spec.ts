import type { CaseCommand } from './case.commands';
import { decide } from './case.decide';
import type { CaseEvent } from './case.events';
import { evolve, evolveAll } from './case.evolve';
import { type CaseState, initialState, upgradeCaseState } from './case.state';
import { caseSummary } from './case.summary';
import { BUREAU, CASE_ID, CTX, DUE, LEAD, REGISTRAR, RE_REVIEW_BODY, REVIEW_BODY, T, cmd, ev, upTo, TEST_POLICY } from './case.testkit';

/** Runs commands through decide → evolve, as the workflow does. */
function run(commands: CaseCommand[]): { state: CaseState; events: CaseEvent[] } {
  let state = initialState();
  const events: CaseEvent[] = [];
  for (const c of commands) {
    const r = decide(state, c, CTX);
    if (!r.ok) throw new Error(`${c.type}: ${r.rejection.code}`);
    for (const e of r.events) {
      state = evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
}

describe('a full case, registration to final re-review decision', () => {
  const commands: CaseCommand[] = [
    cmd.register(),
    cmd.route(),
    cmd.receive(),
    cmd.notify(),
    cmd.accept(),
    cmd.reply(),
    cmd.evaluate(),
    cmd.requestReview(),
    cmd.decideReview(),
    cmd.requestReReview(),
    cmd.startHearing(),
    cmd.endHearing(),
    cmd.decideReReview(),
  ];

  it('produces the expected event stream', () => {
    const { events } = run(commands);
    expect(events.map((e) => e.type)).toEqual([
      'PetitionRegistered',
      'PetitionRouted',
      'CaseReceived',
      'PetitionerNotified',
      'CaseAccepted',
      'PetitionerReplied',
      'SatisfactionEvaluated',
      'ReviewRequested',
      'ReviewDecided',
      'ReReviewRequested',
      'HearingStarted',
      'HearingEnded',
      'ReReviewDecided',
      'CaseClosed',
    ]);
    expect(events.slice(0, 12)).toEqual([...upTo.hearing(), ev.hearingEnded()]);
  });

  it('folds to the expected final state', () => {
    const { state } = run(commands);
    expect(state).toEqual<CaseState>({
      caseId: CASE_ID,
      status: 'closed',
      step: 'closed',
      closure: { reason: 'final_decision', at: T.reReviewDec, fromStep: 're_review' },
      policyId: 'test-practice',
      policyVersion: 1,
      // The case keeps its whole policy document (PolicyAdopted may replace it).
      policy: TEST_POLICY,
      petition: {
        channel: 'letter',
        persons: 1,
        representatives: null,
        kind: 'claim',
        category: 'urban_construction',
        regionCode: '330102',
        respondent: { type: 'unit', description: '某区住房和城乡建设局' },
        matterRef: 'matter-81c2',
        petitionerRef: 'pp-7f3a',
        nameAndAddressKnown: true,
        level: 'county',
        priorFinalDecision: null,
        registeredAt: T.reg,
        bureauUnitId: BUREAU,
      },
      routeClock: { startedAt: T.reg, dueAt: '2026-03-17T16:00:00.000Z' },
      routingRounds: 1,
      assignment: {
        round: 1,
        mode: 'forward',
        leadUnitId: LEAD,
        coUnitIds: [],
        routedAt: T.route,
        receiveDueAt: DUE.receive,
        handlingDeadline: null,
        handlingLimit: null,
        receivedAt: T.recv,
        notifyDueAt: '2026-03-24T16:00:00.000Z',
        objectionDueAt: '2026-03-16T16:00:00.000Z',
        acceptanceDueAt: '2026-03-24T16:00:00.000Z',
        notifiedAt: T.notify,
        objection: null,
        acceptance: { outcome: 'accepted', decidedAt: T.accept, divertTo: null },
      },
      leaderId: null,
      handling: { acceptedAt: T.accept, dueAt: '2026-05-11T16:00:00.000Z' },
      extension: null,
      reply: {
        repliedAt: T.reply,
        closureType: 'substantive',
        outcomeRef: 'reply-1',
        claimUpheld: true,
        onTime: true,
        requestReviewDueAt: '2026-05-20T16:00:00.000Z',
      },
      evaluation: { status: 'evaluated', dueAt: '2026-05-20T16:00:00.000Z', value: 'basically_satisfied', at: T.evaluate },
      review: {
        unitId: REVIEW_BODY,
        requestedAt: T.reviewReq,
        dueAt: '2026-06-05T16:00:00.000Z',
        decision: 'upheld',
        outcomeRef: 'review-1',
        decidedAt: T.reviewDec,
        onTime: true,
        requestReReviewDueAt: '2026-07-01T16:00:00.000Z',
      },
      reReview: {
        unitId: RE_REVIEW_BODY,
        requestedAt: T.reReviewReq,
        dueAt: '2026-07-13T00:00:00.000Z',
        pausedMs: 56 * 3_600_000,
        pauseStartedAt: null,
        hearings: 1,
        decision: 'upheld',
        outcomeRef: 're-review-1',
        decidedAt: T.reReviewDec,
        onTime: true,
      },
      lapsedWindows: [],
      breaches: [],
      // The hearing is also kept as a pause of the re-review clock (pause accounting of every clock).
      pauses: [
        {
          deadlineKey: 'decideReReview',
          pauseReason: 'hearing',
          clockStartedAt: T.reReviewReq,
          startedAt: T.hearingStart,
          endedAt: T.hearingEnd,
          pausedMs: 56 * 3_600_000,
        },
      ],
      warnings: [],
      escalations: [],
      letters: [],
      repeatCount: 0,
      higherLevelNotAcceptedCount: 0,
      withdrawnAt: null,
      lastEventAt: T.reReviewDec,
      eventCount: 14,
    });
  });

  it('replays to the same state from the recorded events (auditors)', () => {
    const { state, events } = run(commands);
    expect(evolveAll(events)).toEqual(state);
  });

  it('is deterministic: the same inputs give the same events', () => {
    expect(run(commands).events).toEqual(run(commands).events);
  });
});

describe('evolve', () => {
  it('does not mutate the state it is given', () => {
    const before = evolveAll(upTo.handling());
    const snapshot = JSON.parse(JSON.stringify(before));
    evolve(before, ev.replied());
    expect(before).toEqual(snapshot);
  });

  it('counts events and remembers the last event time', () => {
    const state = evolveAll(upTo.acceptance());
    expect(state.eventCount).toBe(3);
    expect(state.lastEventAt).toBe(T.recv);
  });

  it('handles every event type (total over the union)', () => {
    // A history touching each of the 30 event types at least once.
    const at = '2026-03-20T10:00:00+08:00';
    const all: CaseEvent[] = [
      ev.registered(),
      ev.repeatRecorded(),
      { type: 'HigherLevelPetitionNotAccepted', at, actor: REGISTRAR, caseLevel: 'county', petitionLevel: 'city' },
      ev.routed(),
      ev.received(),
      ev.notified(),
      ev.objectionRaised(),
      ev.objectionRejected(),
      ev.accepted(),
      { type: 'LeaderAssigned', at, actor: REGISTRAR, leaderId: 'leader-1', previousLeaderId: null },
      ev.extensionRequested(),
      { type: 'ExtensionRejected', at, actor: REGISTRAR, extension: { amount: 30, unit: 'calendar_days' } },
      ev.replied(),
      { type: 'EvaluationLapsed', at, actor: REGISTRAR, dueAt: '2026-05-20T16:00:00.000Z' },
      ev.reviewRequested(),
      ev.reviewDecided(),
      ev.reReviewRequested(),
      ev.hearingStarted(),
      ev.hearingEnded(),
      { type: 'ReReviewDecided', at, actor: REGISTRAR, unitId: RE_REVIEW_BODY, decision: 'upheld', outcomeRef: 'x', onTime: true },
      ev.breached({ at, deadlineKey: 'route', dueAt: '2026-03-17T16:00:00.000Z' }),
      { type: 'PetitionWithdrawn', at, actor: REGISTRAR, step: 're_review' },
      { type: 'CaseClosed', at, actor: REGISTRAR, closureReason: 'withdrawn', step: 're_review' },
    ];
    const others: CaseEvent[] = [
      ev.objectionApproved(),
      { type: 'CaseNotAccepted', at, actor: REGISTRAR, unitId: LEAD, onTime: true },
      { type: 'CaseDiverted', at, actor: REGISTRAR, unitId: LEAD, divertTo: 'litigation', onTime: true },
      { type: 'CaseNotAcceptedAgain', at, actor: REGISTRAR, unitId: LEAD, priorCaseId: 'c', priorDecidedAt: at, onTime: true },
      {
        type: 'ExtensionApproved',
        at,
        actor: REGISTRAR,
        extension: { amount: 30, unit: 'calendar_days' },
        previousDueAt: '2026-05-11T16:00:00.000Z',
        newDueAt: '2026-06-10T16:00:00.000Z',
      },
      ev.evaluated(),
      { type: 'RequestWindowLapsed', at, actor: REGISTRAR, deadlineKey: 'requestReview', dueAt: '2026-05-20T16:00:00.000Z' },
    ];
    expect(new Set([...all, ...others].map((e) => e.type)).size).toBe(30);
    expect(evolveAll(all).status).toBe('closed');
    for (const e of others) expect(() => evolve(evolveAll(upTo.handling()), e)).not.toThrow();
  });

  it('an approved objection clears the assignment; an approved extension moves the due time', () => {
    expect(evolveAll([...upTo.objection(), ev.objectionApproved()]).assignment).toBeNull();
    const approved: CaseEvent = {
      type: 'ExtensionApproved',
      at: '2026-05-07T10:00:00+08:00',
      actor: REGISTRAR,
      extension: { amount: 30, unit: 'calendar_days' },
      previousDueAt: '2026-05-11T16:00:00.000Z',
      newDueAt: '2026-06-10T16:00:00.000Z',
    };
    const s = evolveAll([...upTo.handling(), ev.extensionRequested(), approved]);
    expect(s.handling?.dueAt).toBe('2026-06-10T16:00:00.000Z');
    expect(s.extension).toEqual({
      status: 'approved',
      extension: { amount: 30, unit: 'calendar_days' },
      requestedAt: '2026-05-06T10:00:00+08:00',
      requestedDueAt: '2026-06-10T16:00:00.000Z',
      decidedAt: '2026-05-07T10:00:00+08:00',
    });
  });
});

describe('caseSummary (search attributes)', () => {
  it('summarises an open case with its next deadline', () => {
    expect(caseSummary(evolveAll(upTo.handling()), CTX)).toEqual({
      caseId: CASE_ID,
      status: 'open',
      step: 'handling',
      kind: 'claim',
      category: 'urban_construction',
      regionCode: '330102',
      townshipCode: null,
      leadUnitId: LEAD,
      // The next timer is the 80% warning on handling (national warnings): accepted 12 Mar 03:00Z, due
      // 11 May 16:00Z = 60 d 13 h = 1453 h; 80% = 1162.4 h = 48 d 10 h 24 min → 29 Apr 13:24Z.
      nextDeadlineKey: 'handling:warn:1',
      nextDeadlineAt: '2026-04-29T13:24:00.000Z',
      breachCount: 0,
      closureReason: null,
    });
  });

  it('summarises an unregistered case', () => {
    expect(caseSummary(initialState())).toEqual({
      caseId: null,
      status: 'unregistered',
      step: 'unregistered',
      kind: null,
      category: null,
      regionCode: null,
      townshipCode: null,
      leadUnitId: null,
      nextDeadlineKey: null,
      nextDeadlineAt: null,
      breachCount: 0,
      closureReason: null,
    });
  });
});

describe('upgradeCaseState (a state carried over by continue-as-new from a run before supervision policies)', () => {
  it('fills the new fields and turns a hearing in progress into its pause', () => {
    const current = evolveAll([...upTo.hearing()]);
    const { policy: _p, pauses: _q, warnings: _w, escalations: _e, letters: _l, ...old } = current;
    const upgraded = upgradeCaseState(old as CaseState);
    expect(upgraded).toEqual({ ...current, policy: null });
    expect(upgradeCaseState(current)).toBe(current);
    // The carried legacy state keeps working against the registration policy (pinned by id and version).
    const r = decide(old as CaseState, cmd.endHearing(), CTX);
    expect(r.ok && r.events).toEqual([ev.hearingEnded()]);
  });
});
