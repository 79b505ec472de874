import { decide } from './case.decide';
import { evolve, evolveAll } from './case.evolve';
import { pendingDeadlines } from './case.deadlines';
import { CTX, HANDLER, LEAD, SYSTEM, cmd, ev, given, upTo } from './case.testkit';

const SUCCESSOR = 'unit-housing-merged';
const moved = { type: 'UnitSucceeded' as const, at: '2026-04-01T10:00:00+08:00', actor: SYSTEM, reason: '机构改革：住建局并入新局',
  fromUnitId: LEAD, toUnitId: SUCCESSOR, reorganizationId: 'reorg-1' };

describe('机构改革: the successor takes over a case of a merged or closed unit, deadlines kept', () => {
  it('records the roles the old unit had; the successor leads with the same due times', () => {
    const history = upTo.handling();
    const before = pendingDeadlines(evolveAll(history), CTX);
    const state = given(history).when(cmd.transferToSuccessor()).then([{ ...moved, roles: ['lead'] }]);
    expect(state.assignment?.leadUnitId).toBe(SUCCESSOR);
    const after = pendingDeadlines(state, CTX);
    // Same clocks, same due times (worked out by the base timeline: nothing moves), now answered by the successor.
    expect(after.map((d) => [d.key, d.dueAt])).toEqual(before.map((d) => [d.key, d.dueAt]));
    expect(after.filter((d) => d.key === 'handling').map((d) => d.unitId)).toEqual([SUCCESSOR]);
  });

  it('the old unit\'s handler can no longer act; the successor\'s can', () => {
    const state = evolveAll([...upTo.handling(), { ...moved, roles: ['lead'] }]);
    const reply = cmd.reply();
    const old = decide(state, reply, CTX);
    expect(old.ok ? 'ok' : old.rejection.code).toBe('CASE_NOT_AUTHORIZED_UNIT');
    const now = decide(state, { ...reply, actor: { ...HANDLER, unitId: SUCCESSOR } }, CTX);
    expect(now.ok).toBe(true);
  });

  it('a co-unit is replaced in place; a co-unit merged into the lead is no longer listed', () => {
    const routed = [ev.registered(), ev.routed({ coUnitIds: ['unit-a', 'unit-b'] })];
    const toB = given(routed).when(cmd.transferToSuccessor({ fromUnitId: 'unit-a', toUnitId: 'unit-b' }))
      .then([{ ...moved, fromUnitId: 'unit-a', toUnitId: 'unit-b', roles: ['co'] }]);
    expect(toB.assignment?.coUnitIds).toEqual(['unit-b']);
    const intoLead = evolve(evolveAll(routed), { ...moved, fromUnitId: 'unit-a', toUnitId: LEAD, roles: ['co'] });
    expect(intoLead.assignment).toMatchObject({ leadUnitId: LEAD, coUnitIds: ['unit-b'] });
  });

  it('a pending review moves to the successor of the review body', () => {
    const state = given(upTo.review()).when(cmd.transferToSuccessor({ fromUnitId: 'gov-city', toUnitId: 'gov-city-new' }))
      .then([{ ...moved, fromUnitId: 'gov-city', toUnitId: 'gov-city-new', roles: ['review'] }]);
    expect(state.review?.unitId).toBe('gov-city-new');
  });

  it('is refused when the unit has no role on the case, without a reason, to itself, or from a person', () => {
    given(upTo.handling()).when(cmd.transferToSuccessor({ fromUnitId: 'unit-elsewhere' })).then('CASE_UNIT_NOT_INVOLVED');
    given(upTo.handling()).when(cmd.transferToSuccessor({ reason: undefined })).then('CASE_REASON_REQUIRED');
    given(upTo.handling()).when(cmd.transferToSuccessor({ toUnitId: LEAD })).then('CASE_INVALID_INPUT');
    given(upTo.handling()).when(cmd.transferToSuccessor({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    // Already transferred: the old unit has no role left (the rollout counts it, nothing is recorded twice).
    given([...upTo.handling(), { ...moved, roles: ['lead'] }]).when(cmd.transferToSuccessor()).then('CASE_UNIT_NOT_INVOLVED');
  });
});
