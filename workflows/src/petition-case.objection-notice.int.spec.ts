import { type CaseEvent, nationalDefaultPolicy } from '@petitions/domain';
import type { FilePetitionArgs } from '@petitions/contracts';
import { type CaseHandle, CaseTestEnv, DAY } from '../../tools/test/case-env';
import { eventually } from '../../tools/test/harness';

// The national policy's objection clock (limits.decideObjection, 5 working days) and written notice of a decision
// not to accept (limits.notifyDecision, 15 days, art.31), on the time-skipping server with the real worker and
// PostgreSQL. The server starts Mon 9 Mar 2026 09:00 (Asia/Shanghai); every instant below is worked out by hand
// ("end of day D" = 00:00 Shanghai of D+1 = 16:00Z of D; no holiday falls in March 2026).
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;
const HANDLER = { id: 'h-1', role: 'handler', unitId: 'xuhui-housing' } as const;
const EXPECTED = {
  // Received Mon 9 Mar: notice and acceptance 9 Mar + 15 = Tue 24 Mar → end of 24 Mar.
  acceptanceDue: '2026-03-24T16:00:00.000Z',
  // Objection raised Wed 11 Mar: the bureau decides within 5 working days (12, 13, 16, 17, 18 Mar) → end of Wed 18 Mar.
  decideObjectionDue: '2026-03-18T16:00:00.000Z',
  // Not accepted Mon 9 Mar: the written notice within 15 days → end of Tue 24 Mar.
  noticeDue: '2026-03-24T16:00:00.000Z',
};
const MINUTE = 60_000;
const ms = (iso: string) => Date.parse(iso);

const filing = (n: number): FilePetitionArgs => ({
  actor: REGISTRAR,
  registration: {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
    respondent: { type: 'unit', description: '某区住建委' }, matterRef: `m-on-${n}`, petitionerRef: `p-on-${n}`, nameAndAddressKnown: true,
  },
  petitioner: { name: '测试人丙', summary: '测试' },
});
const events = async (c: CaseHandle): Promise<CaseEvent[]> => (await c.view()).timeline.map((r) => r.event);
const only = <T extends CaseEvent['type']>(list: CaseEvent[], type: T) =>
  list.filter((e): e is Extract<CaseEvent, { type: T }> => e.type === type);

/** The case's read-model row once every event of its timeline is projected (the projection is an activity). */
async function projected(t: CaseTestEnv, c: CaseHandle, columns: string) {
  const seq = (await c.view()).timeline.length;
  return eventually(async () => {
    const [row] = await t.db.query(`SELECT last_seq, ${columns} FROM cases WHERE case_id = $1`, [c.caseId]);
    return row && row.last_seq >= seq ? row : undefined;
  });
}

function expectFiredAt(e: { at: string; dueAt: string }, dueAt: string): void {
  expect(e.dueAt).toBe(dueAt);
  expect(ms(e.at)).toBeGreaterThanOrEqual(ms(dueAt));
  expect(ms(e.at) - ms(dueAt)).toBeLessThan(MINUTE);
}

describe('objection pause and decision notice on the national policy (time-skipping server)', () => {
  let t: CaseTestEnv;
  let objecting: CaseHandle;
  let refused: CaseHandle;
  beforeAll(async () => {
    t = await CaseTestEnv.start('objection-notice', { startAt: '2026-03-09T01:00:00' });
    objecting = await t.file('petition-objection00000000001', filing(1), nationalDefaultPolicy);
    refused = await t.file('petition-objection00000000002', filing(2), nationalDefaultPolicy);
    for (const c of [objecting, refused]) {
      await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
      await c.act(HANDLER, { type: 'ReceiveCase' });
    }
    await refused.act(HANDLER, { type: 'NotifyPetitioner' });
    await refused.act(HANDLER, { type: 'DecideAcceptance', outcome: 'not_accepted', reason: '依法应当通过诉讼解决 / for the courts' });
  });
  afterAll(async () => { await t?.stop(); });

  it('an objection stops the unit\'s clocks: no unit breach while the bureau decides, the late decision is the bureau\'s, rejection moves the unit\'s deadlines', async () => {
    await t.advance(2 * DAY);
    await objecting.act(HANDLER, { type: 'RaiseObjection', reason: '不属于本单位职责 / not within our remit' });
    // 20 days pass while the bureau decides: past the unit's acceptance due time (end of 24 Mar) and the bureau's.
    await t.advance(20 * DAY);
    let list = await events(objecting);
    const [raised] = only(list, 'ObjectionRaised');
    expect(raised).toMatchObject({ decideDueAt: EXPECTED.decideObjectionDue, bureauUnitId: 'city-bureau' });
    expect(only(list, 'ClockPaused').map((p) => [p.deadlineKey, p.pauseReason, p.unitId])).toEqual([
      ['notify', 'objection', HANDLER.unitId], ['acceptance', 'objection', HANDLER.unitId],
    ]);
    const breaches = only(list, 'DeadlineBreached').filter((b) => !b.deadlineKey.startsWith('feedback:'));
    expect(breaches.map((b) => [b.deadlineKey, b.unitId, b.article])).toEqual([['decideObjection', 'city-bureau', '第二十三条']]);
    expectFiredAt(breaches[0]!, EXPECTED.decideObjectionDue);
    const rungs = only(list, 'EscalationRaised').filter((e) => e.deadlineKey === 'decideObjection');
    expect(rungs.length).toBeGreaterThan(0);
    // Each rung cites the broken duty (art.23); the ground (art.43) is cited only by a recommendation (case.citations.unit.spec.ts).
    expect(rungs.every((r) => r.unitId === 'city-bureau' && r.article === '第二十三条')).toBe(true);
    // The read model: the unit's clocks shown stopped, the bureau's breach in the ledger under the bureau.
    const row = await projected(t, objecting, 'step, open_deadlines');
    expect(row.step).toBe('objection');
    expect(row.open_deadlines.acceptance).toMatchObject({ paused: true, unitId: HANDLER.unitId, breachSeq: null });
    expect(row.open_deadlines.decideObjection).toMatchObject({ unitId: 'city-bureau', dueAt: EXPECTED.decideObjectionDue });
    expect(row.open_deadlines.decideObjection.breachSeq).not.toBeNull();
    const ledger = await t.db.query('SELECT deadline_key, unit_id, article FROM accountability_ledger WHERE case_id = $1', [objecting.caseId]);
    expect(ledger).toEqual([{ deadline_key: 'decideObjection', unit_id: 'city-bureau', article: '第二十三条' }]);

    // Rejected: the unit's clocks run again, each deadline moved by the time they stood still.
    await objecting.act(REGISTRAR, { type: 'DecideObjection', approved: false });
    list = await events(objecting);
    const [rejected] = only(list, 'ObjectionRejected');
    expect(rejected!.onTime).toBe(false);
    const stood = ms(rejected!.at) - ms(raised!.at);
    expect(Math.abs(stood - 20 * DAY)).toBeLessThan(MINUTE);
    const shifted = new Date(ms(EXPECTED.acceptanceDue) + stood).toISOString();
    expect(only(list, 'ClockResumed').map((r) => [r.deadlineKey, r.pausedMs, r.dueAt])).toEqual([
      ['notify', stood, shifted], ['acceptance', stood, shifted],
    ]);
    const after = await projected(t, objecting, 'step, acceptance_due_at, open_deadlines');
    expect(after.step).toBe('acceptance');
    expect(new Date(after.acceptance_due_at).toISOString()).toBe(shifted);
    expect(after.open_deadlines.acceptance).toMatchObject({ paused: false, dueAt: shifted });
    expect(after.open_deadlines.decideObjection).toBeUndefined();

    // The unit now misses its moved deadline: breached then, on the unit, not before.
    await t.advance(16 * DAY);
    const unitBreaches = only(await events(objecting), 'DeadlineBreached').filter((b) => b.deadlineKey === 'acceptance');
    expect(unitBreaches.map((b) => [b.unitId, b.article])).toEqual([[HANDLER.unitId, '第三十一条']]);
    expectFiredAt(unitBreaches[0]!, shifted);
  });

  it('a case not accepted waits for the written notice: a late notice is breached on the unit (art.31), the case closes after the notice', async () => {
    await t.advance(20 * DAY);
    const list = await events(refused);
    expect(only(list, 'CaseNotAccepted')[0]).toMatchObject({ noticeDueAt: EXPECTED.noticeDue });
    expect(only(list, 'CaseClosed')).toEqual([]);
    const breaches = only(list, 'DeadlineBreached').filter((b) => b.deadlineKey === 'notifyDecision');
    expect(breaches.map((b) => [b.unitId, b.article, b.step])).toEqual([[HANDLER.unitId, '第三十一条', 'decision_notice']]);
    expectFiredAt(breaches[0]!, EXPECTED.noticeDue);
    const noticeRungs = only(list, 'EscalationRaised').filter((e) => e.deadlineKey === 'notifyDecision');
    expect(noticeRungs.every((e) => e.article === '第三十一条')).toBe(true);
    expect(noticeRungs.filter((e) => e.rung === 'accountability_recommendation').every((e) => e.groundArticle === '第四十四条')).toBe(true);
    const open = await projected(t, refused, 'status, step, open_breach_keys');
    expect(open).toMatchObject({ status: 'open', step: 'decision_notice' });
    // (the reminder letter's own feedback clock may be overdue too, depending on how far the server has run)
    expect(open.open_breach_keys).toContain('notifyDecision');

    await refused.act(HANDLER, { type: 'NotifyDecision', noticeRef: '不予受理告知书-2026-031', reason: '依法应当通过诉讼解决 / for the courts' });
    const tail = (await events(refused)).slice(-2);
    expect(tail.map((e) => e.type)).toEqual(['DecisionNotified', 'CaseClosed']);
    expect(tail[0]).toMatchObject({ onTime: false, outcome: 'not_accepted', noticeRef: '不予受理告知书-2026-031' });
    expect(tail[1]).toMatchObject({ closureReason: 'not_accepted', step: 'decision_notice' });
    expect(await refused.result()).toMatchObject({ status: 'closed' });
    const closed = await projected(t, refused, 'status, closure_reason');
    expect(closed).toMatchObject({ status: 'closed', closure_reason: 'not_accepted' });
    const [entry] = await t.db.query('SELECT unit_id, resolution FROM accountability_ledger WHERE case_id = $1 AND deadline_key = $2', [refused.caseId, 'notifyDecision']);
    expect(entry).toEqual({ unit_id: HANDLER.unitId, resolution: 'fulfilled_late' });
  });
});
