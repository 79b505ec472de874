import { decide } from './case.decide';
import { pendingDeadlines } from './case.deadlines';
import { initialState } from './case.state';
import { BUREAU, CTX, HANDLER, REGISTRAR, T, cmd, ev, given, upTo, TEST_POLICY } from './case.testkit';

describe('RegisterPetition', () => {
  it('registers a petition and starts the 15-day route clock (art.22)', () => {
    const state = given([]).when(cmd.register()).then([ev.registered()]);
    expect(state.status).toBe('open');
    expect(state.step).toBe('routing');
    expect(state.policyId).toBe('test-practice');
    expect(state.petition?.bureauUnitId).toBe(BUREAU);
  });

  it('rolls a route deadline that ends on National Day to the first working day after it', () => {
    // 16 Sep + 15 = 1 Oct (holiday, 1–7 Oct) → Thu 8 Oct is the next working day.
    given([])
      .when(cmd.register({ at: '2026-09-16T10:00:00+08:00' }))
      .then([ev.registered({ at: '2026-09-16T10:00:00+08:00', routeDueAt: '2026-10-08T16:00:00.000Z' })]);
  });

  it('rolls a route deadline that ends on an ordinary weekend to Monday', () => {
    // Fri 6 Mar + 15 = Sat 21 Mar → Mon 23 Mar.
    given([])
      .when(cmd.register({ at: '2026-03-06T16:00:00+08:00' }))
      .then([ev.registered({ at: '2026-03-06T16:00:00+08:00', routeDueAt: '2026-03-23T16:00:00.000Z' })]);
  });

  it('does not roll a deadline ending on an adjusted working Sunday (调休上班)', () => {
    // Sat 5 Sep + 15 = Sun 20 Sep, a working day in 2026.
    given([])
      .when(cmd.register({ at: '2026-09-05T10:00:00+08:00' }))
      .then([ev.registered({ at: '2026-09-05T10:00:00+08:00', routeDueAt: '2026-09-20T16:00:00.000Z' })]);
  });

  it('counts days in Beijing time, whatever the offset of the input', () => {
    // 1 Mar 20:00Z is 2 Mar 04:00 in Beijing: the start day is 2 Mar.
    given([])
      .when(cmd.register({ at: '2026-03-01T20:00:00Z' }))
      .then([ev.registered({ at: '2026-03-01T20:00:00Z', routeDueAt: '2026-03-17T16:00:00.000Z' })]);
  });

  it('records a group visit with its representatives (art.20)', () => {
    given([])
      .when(cmd.register({ channel: 'visit', persons: 8, representatives: 3 }))
      .then([ev.registered({ channel: 'visit', persons: 8, representatives: 3 })]);
  });

  it('accepts a visit of 5 persons without representatives', () => {
    given([]).when(cmd.register({ channel: 'visit', persons: 5 })).then([ev.registered({ channel: 'visit', persons: 5 })]);
  });

  it('requires representatives for a visit of more than 5 persons', () => {
    given([]).when(cmd.register({ channel: 'visit', persons: 8 })).then('CASE_REPRESENTATIVES_REQUIRED');
  });

  it('rejects more than 5 representatives of a visit', () => {
    given([]).when(cmd.register({ channel: 'visit', persons: 8, representatives: 6 })).then('CASE_TOO_MANY_REPRESENTATIVES');
  });

  it('rejects more representatives than persons', () => {
    given([]).when(cmd.register({ channel: 'letter', persons: 2, representatives: 3 })).then('CASE_TOO_MANY_REPRESENTATIVES');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %p persons', (persons) => {
    given([]).when(cmd.register({ persons })).then('CASE_INVALID_PERSONS');
  });

  it('rejects 0 representatives', () => {
    given([]).when(cmd.register({ channel: 'visit', persons: 8, representatives: 0 })).then('CASE_INVALID_PERSONS');
  });

  it('records the prior re-review decision of the same matter', () => {
    const prior = { caseId: 'case-2025-0042', decidedAt: '2025-12-01T10:00:00+08:00' };
    given([]).when(cmd.register({ priorFinalDecision: prior })).then([ev.registered({ priorFinalDecision: prior })]);
  });

  it('records a registration by an actor without unit: no bureau answers for the route clock', () => {
    const actor = { id: 'reg-2', role: 'registrar' as const };
    given([]).when(cmd.register({ actor })).then([ev.registered({ actor, bureauUnitId: null })]);
  });

  it('rejects a second registration as a duplicate', () => {
    given(upTo.routing()).when(cmd.register()).then('CASE_DUPLICATE_COMMAND');
  });

  it('is for registrars only', () => {
    given([]).when(cmd.register({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it.each([
    ['empty caseId', { caseId: '' }],
    ['empty matterRef', { matterRef: ' ' }],
    ['empty petitionerRef', { petitionerRef: '' }],
    ['empty regionCode', { regionCode: '' }],
    ['empty category', { category: '' }],
    ['unknown channel', { channel: 'fax' as never }],
    ['unknown kind', { kind: 'complaint' as never }],
    ['unknown level', { level: 'national' as never }],
    ['respondent without description', { respondent: { type: 'unit' as const, description: '' } }],
    ['respondent of unknown type', { respondent: { type: 'company' as never, description: 'x' } }],
    ['nameAndAddressKnown not boolean', { nameAndAddressKnown: 'yes' as never }],
    ['time without offset', { at: '2026-03-02T09:00:00' }],
    ['time that is not a time', { at: 'yesterday' }],
    ['prior decision without case', { priorFinalDecision: { caseId: '', decidedAt: '2025-12-01T10:00:00+08:00' } }],
    ['prior decision without valid time', { priorFinalDecision: { caseId: 'c', decidedAt: '2025-12-01' } }],
    ['actor without id', { actor: { id: '', role: 'registrar' as const } }],
    ['actor of unknown role', { actor: { id: 'x', role: 'petitioner' as never } }],
    ['non-string reason', { reason: 42 as never }],
  ])('rejects %s as invalid input', (_label, override) => {
    given([]).when(cmd.register(override)).then('CASE_INVALID_INPUT');
  });

  it('answers every other command on an unregistered case with CASE_NOT_REGISTERED', () => {
    given([]).when(cmd.route()).then('CASE_NOT_REGISTERED');
    given([]).when(cmd.reach('route', T.reg)).then('CASE_NOT_REGISTERED');
    given([]).when(cmd.withdraw()).then('CASE_NOT_REGISTERED');
  });

  it('keeps the policy document it was registered under, whatever the context says later', () => {
    // Changed with supervision policies: the document travels in PetitionRegistered, so a case no
    // longer depends on ctx.policy (AdoptPolicy is the one way to change it).
    const other = { ...CTX, policy: { ...CTX.policy, version: 2, limits: { ...CTX.policy.limits, handleClaim: { amount: 10, unit: 'calendar_days' as const } } } };
    const state = given(upTo.routing(), other).when(cmd.route()).then([ev.routed()]);
    expect(state.policy).toEqual(TEST_POLICY);
    given(upTo.acceptance(), other).when(cmd.accept()).then([ev.accepted()]);
  });

  it('a case recorded before documents were kept stays pinned to the policy id and version', () => {
    const other = { ...CTX, policy: { ...CTX.policy, version: 2 } };
    given([ev.legacyRegistered()], other).when(cmd.route()).then('CASE_POLICY_MISMATCH');
    given([ev.legacyRegistered()], other).when(cmd.withdraw({ actor: REGISTRAR })).then('CASE_POLICY_MISMATCH');
    given([ev.legacyRegistered()]).when(cmd.route()).then([ev.routed()]);
  });

  it('refuses to register under an invalid policy document, listing its problems', () => {
    const broken = { ...CTX, policy: { ...TEST_POLICY, escalation: [{ rung: 'reminder_letter' as const, after: { amount: -1, unit: 'working_days' as const } }] } };
    const result = decide(initialState(), cmd.register(), broken);
    expect(result.ok ? null : result.rejection).toMatchObject({
      code: 'CASE_POLICY_INVALID',
      details: { policyId: 'test-practice', problems: [expect.objectContaining({ path: 'escalation[0].after.amount' })] },
    });
  });

  it('registers under a limits-only policy (workflow inputs recorded before supervision documents) with no alarms', () => {
    const { warnings: _w, escalation: _e, scope: _s, effectiveFrom: _f, letterFeedbackLimit: _l, pauseReasons: _p, ...limitsOnly } = TEST_POLICY;
    const ctx = { ...CTX, policy: limitsOnly };
    const state = given([], ctx).when(cmd.register()).then([
      ev.registered({
        policy: { ...limitsOnly, scope: {}, effectiveFrom: '1970-01-01T00:00:00Z', warnings: [], escalation: [], letterFeedbackLimit: { amount: 30, unit: 'calendar_days' }, pauseReasons: [] },
      }),
    ]);
    expect(pendingDeadlines(state, ctx).map((d) => d.key)).toEqual(['route']);
  });
});

describe('RecordRepeatPetition (same petitioner, same matter)', () => {
  const at = '2026-03-04T10:00:00+08:00';

  it('records a repeat at a higher level and does not accept it while the county handles it in time (art.19)', () => {
    const state = given(upTo.routing())
      .when(cmd.repeat())
      .then([
        ev.repeatRecorded(),
        { type: 'HigherLevelPetitionNotAccepted', at, actor: REGISTRAR, caseLevel: 'county', petitionLevel: 'city' },
      ]);
    expect(state.repeatCount).toBe(1);
    expect(state.higherLevelNotAcceptedCount).toBe(1);
    expect(state.step).toBe('routing');
  });

  it('counts repeats', () => {
    given([...upTo.routing(), ev.repeatRecorded()])
      .when(cmd.repeat({ level: 'county', channel: 'letter' }))
      .then([ev.repeatRecorded({ level: 'county', channel: 'letter', repeatNumber: 2 })]);
  });

  it('only records a repeat at the same level', () => {
    given(upTo.routing()).when(cmd.repeat({ level: 'county' })).then([ev.repeatRecorded({ level: 'county' })]);
  });

  it('only records a repeat at a lower level', () => {
    given([ev.registered({ level: 'city' })]).when(cmd.repeat({ level: 'county' })).then([ev.repeatRecorded({ level: 'county' })]);
  });

  it('records a higher-level repeat to a provincial body while the unit handles the case in time', () => {
    const at2 = '2026-04-01T10:00:00+08:00';
    given(upTo.handling())
      .when(cmd.repeat({ at: at2, level: 'province' }))
      .then([
        ev.repeatRecorded({ at: at2, level: 'province' }),
        { type: 'HigherLevelPetitionNotAccepted', at: at2, actor: REGISTRAR, caseLevel: 'county', petitionLevel: 'province' },
      ]);
  });

  it('does not apply art.19 once the route limit has passed', () => {
    // Route due 18 Mar 00:00 (+08); the repeat comes on 20 Mar.
    const at2 = '2026-03-20T10:00:00+08:00';
    given(upTo.routing()).when(cmd.repeat({ at: at2 })).then([ev.repeatRecorded({ at: at2 })]);
  });

  it('does not apply art.19 when the unit has missed the notice limit', () => {
    // Handling, but the petitioner was never notified: notice due 25 Mar 00:00 (+08).
    const at2 = '2026-04-01T10:00:00+08:00';
    given([...upTo.acceptance(), ev.accepted()]).when(cmd.repeat({ at: at2 })).then([ev.repeatRecorded({ at: at2 })]);
  });

  it('does not apply art.19 at the last instant of a limit (the due instant is already late)', () => {
    given(upTo.routing()).when(cmd.repeat({ at: '2026-03-17T16:00:00.000Z' })).then([ev.repeatRecorded({ at: '2026-03-17T16:00:00.000Z' })]);
  });

  it('does not apply art.19 after the reply (the petitioner may ask for review instead)', () => {
    const at2 = '2026-04-22T10:00:00+08:00';
    given(upTo.replied()).when(cmd.repeat({ at: at2 })).then([ev.repeatRecorded({ at: at2 })]);
  });

  it('applies the group-visit rule to a repeat visit', () => {
    given(upTo.routing()).when(cmd.repeat({ persons: 7 })).then('CASE_REPRESENTATIVES_REQUIRED');
    given(upTo.routing())
      .when(cmd.repeat({ persons: 7, representatives: 2, level: 'county' }))
      .then([ev.repeatRecorded({ persons: 7, representatives: 2, level: 'county' })]);
  });

  it('rejects invalid channel or level', () => {
    given(upTo.routing()).when(cmd.repeat({ channel: 'fax' as never })).then('CASE_INVALID_INPUT');
    given(upTo.routing()).when(cmd.repeat({ level: 'national' as never })).then('CASE_INVALID_INPUT');
  });

  it('is for registrars only', () => {
    given(upTo.routing()).when(cmd.repeat({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });
});
