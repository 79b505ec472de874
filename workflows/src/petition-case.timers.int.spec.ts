import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type CaseEvent, type CasePolicy, nationalDefaultPolicy } from '@petitions/domain';
import type { FilePetitionArgs } from '@petitions/contracts';
import { type CaseHandle, CaseTestEnv, DAY } from '../../tools/test/case-env';

// Statutory limits as in the Regulation (15, 30, 60 days …) on the time-skipping server: the worker is real,
// the projection writes to the real PostgreSQL, and months pass in moments.
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;
const HANDLER = { id: 'h-1', role: 'handler', unitId: 'xuhui-housing' } as const;
const HEAD = { id: 'head-1', role: 'unit_head', unitId: 'xuhui-housing' } as const;
const REVIEWER = { id: 'rv-1', role: 'handler', unitId: 'city-gov' } as const;
const RE_REVIEWER = { id: 'rr-1', role: 'handler', unitId: 'province-gov' } as const;
const MINUTE = 60_000;

let seq = 0;
const caseId = () => `petition-timer${String(process.pid).padStart(7, '0')}${String(++seq).padStart(4, '0')}`.slice(0, 29);
const filing = (overrides: Partial<FilePetitionArgs['registration']> = {}): FilePetitionArgs => ({
  actor: REGISTRAR,
  registration: {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
    respondent: { type: 'unit', description: '某区住建委' }, matterRef: `m-${seq}`, petitionerRef: `p-${seq}`,
    nameAndAddressKnown: true, ...overrides,
  },
  petitioner: { name: '测试人甲', summary: '测试' },
});

const events = async (c: CaseHandle): Promise<CaseEvent[]> => (await c.view()).timeline.map((r) => r.event);
const only = <T extends CaseEvent['type']>(list: CaseEvent[], type: T) =>
  list.filter((e): e is Extract<CaseEvent, { type: T }> => e.type === type);
// Breaches of the case's step clocks (letters' feedback clocks have their own test).
const breaches = async (c: CaseHandle) => only(await events(c), 'DeadlineBreached').filter((b) => !b.deadlineKey.startsWith('feedback:'));
const ms = (iso: string) => Date.parse(iso);

/** A breach is recorded at its due time (workflow time), not before and not long after. */
function expectFiredAt(e: { at: string; dueAt: string }, dueAt: string): void {
  expect(e.dueAt).toBe(dueAt);
  expect(ms(e.at)).toBeGreaterThanOrEqual(ms(dueAt));
  expect(ms(e.at) - ms(dueAt)).toBeLessThan(MINUTE);
}

async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'untyped';
    throw err;
  }
  throw new Error('expected the command to be refused');
}

async function toHandling(t: CaseTestEnv, policy?: CasePolicy): Promise<CaseHandle> {
  const c = await t.file(caseId(), filing(), policy);
  await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
  await c.act(HANDLER, { type: 'ReceiveCase' });
  await c.act(HANDLER, { type: 'NotifyPetitioner' });
  await c.act(HANDLER, { type: 'DecideAcceptance', outcome: 'accepted' });
  return c;
}

describe('petition workflow timers (time-skipping server, statutory limits)', () => {
  let t: CaseTestEnv;
  beforeAll(async () => { t = await CaseTestEnv.start('timers'); });
  afterAll(async () => { await t?.stop(); });

  it('records a routing breach (art.22) once, at its due time, and keeps the case open', async () => {
    const c = await t.file(caseId(), filing());
    const registered = only(c.filed.events.map((r) => r.event), 'PetitionRegistered')[0];
    const routeDue = registered.routeDueAt!;
    // 15 calendar days, start day not counted, possibly rolled past rest days: between 15 and 25 days later.
    expect(ms(routeDue) - ms(registered.at)).toBeGreaterThan(14 * DAY);
    expect(ms(routeDue) - ms(registered.at)).toBeLessThan(25 * DAY);

    await t.advance(ms(routeDue) - ms(registered.at) - MINUTE);
    expect(await breaches(c)).toEqual([]);
    await t.advance(2 * MINUTE);
    const [breach, ...more] = await breaches(c);
    expect(more).toEqual([]);
    // The bureau that registered the petition answers for routing it.
    expect(breach).toMatchObject({ deadlineKey: 'route', unitId: REGISTRAR.unitId, article: '第二十二条', actor: { role: 'system' } });
    expectFiredAt(breach, routeDue);
    await t.advance(40 * DAY);
    expect(await breaches(c)).toHaveLength(1);
    expect((await c.view()).state.status).toBe('open');

    const routed = await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'assign', leadUnitId: HANDLER.unitId, handlingLimit: { amount: 30, unit: 'calendar_days' } });
    expect(routed.events[0].event).toMatchObject({ type: 'PetitionRouted', onTime: false });

    const [row] = await t.db.query(`SELECT status, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.case_id
      AND e.type = 'DeadlineBreached' AND e.payload->>'deadlineKey' = 'route') AS route_breaches FROM cases c WHERE case_id = $1`, [c.caseId]);
    expect(row).toMatchObject({ status: 'open', route_breaches: 1 });
  });

  it('breaches the notice and acceptance limits (art.23, art.31) once each; a late objection is refused', async () => {
    const c = await t.file(caseId(), filing());
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
    const received = only((await c.act(HANDLER, { type: 'ReceiveCase' })).events.map((r) => r.event), 'CaseReceived')[0];
    await t.advance(30 * DAY);
    const list = await breaches(c);
    expect(list.map((b) => b.deadlineKey).sort()).toEqual(['acceptance', 'notify']);
    expectFiredAt(list.find((b) => b.deadlineKey === 'notify')!, received.notifyDueAt!);
    expectFiredAt(list.find((b) => b.deadlineKey === 'acceptance')!, received.acceptanceDueAt!);
    expect(list.every((b) => b.unitId === HANDLER.unitId)).toBe(true);
    expect(await rejectionCode(c.act(HANDLER, { type: 'RaiseObjection', reason: '非本单位职责' }))).toBe('CASE_OBJECTION_TOO_LATE');
    // Late steps are still accepted and marked late.
    const notified = await c.act(HANDLER, { type: 'NotifyPetitioner' });
    expect(notified.events[0].event).toMatchObject({ type: 'PetitionerNotified', onTime: false });
    await t.advance(30 * DAY);
    expect(await breaches(c)).toHaveLength(2);
  });

  it('moves the handling deadline by an approved extension (art.34) and breaches the extended one', async () => {
    const c = await toHandling(t);
    const accepted = only(await events(c), 'CaseAccepted')[0];
    const originalDue = accepted.handlingDueAt!;
    expect(ms(originalDue) - ms(accepted.at)).toBeGreaterThan(59 * DAY);
    await c.act(HANDLER, { type: 'RequestExtension', extension: { amount: 30, unit: 'calendar_days' }, reason: '需现场勘验' });
    expect(await rejectionCode(c.act(HANDLER, { type: 'DecideExtension', approved: true, reason: 'x' }))).toBe('CASE_NOT_AUTHORIZED_ROLE');
    const approved = only((await c.act(HEAD, { type: 'DecideExtension', approved: true, reason: '案情复杂，需现场勘验' })).events.map((r) => r.event), 'ExtensionApproved')[0];
    expect(approved.previousDueAt).toBe(originalDue);
    expect(ms(approved.newDueAt) - ms(originalDue)).toBeGreaterThanOrEqual(30 * DAY);

    await t.advance(ms(originalDue) - ms(accepted.at) + DAY);
    expect(await breaches(c)).toEqual([]);
    await t.advance(ms(approved.newDueAt) - ms(originalDue));
    const [breach] = await breaches(c);
    expect(breach).toMatchObject({ deadlineKey: 'handling', unitId: HANDLER.unitId, article: '第三十四条' });
    expectFiredAt(breach, approved.newDueAt);
    const view = await c.view();
    expect(view.pendingDeadlines.map((d) => d.key)).not.toContain('handling');
  });

  it('pauses the re-review clock during a hearing (art.36), keeps the remaining time, then breaches and closes on decision', async () => {
    const c = await toHandling(t);
    await c.act(HANDLER, { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'reply-1', claimUpheld: false });
    await c.act(REGISTRAR, { type: 'RequestReview', reviewUnitId: REVIEWER.unitId });
    const reviewDue = only(await events(c), 'ReviewRequested')[0].decideReviewDueAt!;
    await t.advance(ms(reviewDue) - ms((await c.view()).asOf) + MINUTE);
    const [reviewBreach] = await breaches(c);
    expect(reviewBreach).toMatchObject({ deadlineKey: 'decideReview', unitId: REVIEWER.unitId });
    expectFiredAt(reviewBreach, reviewDue);
    await c.act(REVIEWER, { type: 'DecideReview', decision: 'upheld', outcomeRef: 'review-1' });
    await c.act(REGISTRAR, { type: 'RequestReReview', reReviewUnitId: RE_REVIEWER.unitId });
    const reReviewDue = only(await events(c), 'ReReviewRequested')[0].decideReReviewDueAt!;

    await t.advance(5 * DAY);
    const started = only((await c.act(RE_REVIEWER, { type: 'StartHearing' })).events.map((r) => r.event), 'HearingStarted')[0];
    expect(started.remainingMs).toBe(ms(reReviewDue) - ms(started.at));
    await t.advance(60 * DAY); // longer than the whole limit: no breach while paused
    expect((await breaches(c)).map((b) => b.deadlineKey)).toEqual(['decideReview']);
    const paused = (await c.view()).pendingDeadlines.find((d) => d.key === 'decideReReview')!;
    expect(paused).toMatchObject({ paused: true, remainingMs: started.remainingMs });

    const ended = only((await c.act(RE_REVIEWER, { type: 'EndHearing' })).events.map((r) => r.event), 'HearingEnded')[0];
    expect(ended.pausedMs).toBe(ms(ended.at) - ms(started.at));
    expect(ms(ended.decideReReviewDueAt!)).toBe(ms(reReviewDue) + ended.pausedMs);
    await t.advance(ms(ended.decideReReviewDueAt!) - ms(ended.at) + MINUTE);
    const last = (await breaches(c)).at(-1)!;
    expect(last).toMatchObject({ deadlineKey: 'decideReReview', unitId: RE_REVIEWER.unitId });
    expectFiredAt(last, ended.decideReReviewDueAt!);

    await c.act(RE_REVIEWER, { type: 'DecideReReview', decision: 'upheld', outcomeRef: 're-review-1' });
    expect(await c.result()).toMatchObject({ caseId: c.caseId, status: 'closed' });
    const closed = only(await events(c), 'CaseClosed')[0];
    expect(closed.closureReason).toBe('final_decision');
  });

  it('lapses the evaluation and review windows and closes the case; the workflow completes', async () => {
    const c = await toHandling(t);
    const replied = only((await c.act(HANDLER, { type: 'ReplyToPetitioner', closureType: 'procedural', outcomeRef: 'reply-2' })).events.map((r) => r.event), 'PetitionerReplied')[0];
    expect(replied.onTime).toBe(true);
    await t.advance(45 * DAY);
    const result = await c.result();
    expect(result.status).toBe('closed');
    const list = await events(c).catch(() => null);
    // A completed workflow still answers queries.
    const types = list!.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['EvaluationLapsed', 'CaseClosed']));
    expect(only(list!, 'EvaluationLapsed')[0].dueAt).toBe(replied.evaluationDueAt);
    expect(only(list!, 'CaseClosed')[0].closureReason).toBe('windows_lapsed');
    expect(only(list!, 'DeadlineBreached')).toEqual([]);
    const [row] = await t.db.query('SELECT status, closure_reason, closure_type, satisfaction, last_seq FROM cases WHERE case_id = $1', [c.caseId]);
    expect(row).toMatchObject({ status: 'closed', closure_reason: 'windows_lapsed', closure_type: 'procedural', satisfaction: 'lapsed', last_seq: list!.length });
  });

  it('closes on withdrawal at an open step and refuses later commands with a typed reason', async () => {
    const c = await t.file(caseId(), filing());
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
    await c.act(REGISTRAR, { type: 'WithdrawPetition', reason: '信访人书面撤回' });
    expect(await c.result()).toMatchObject({ status: 'closed' });
    expect(only(await events(c), 'CaseClosed')[0].closureReason).toBe('withdrawn');
  });

  it('a refused command changes nothing in the case: same timeline, same state', async () => {
    const c = await t.file(caseId(), filing());
    const before = await c.view();
    expect(await rejectionCode(c.act(HANDLER, { type: 'ReceiveCase' }))).toBe('CASE_WRONG_STEP');
    expect(await rejectionCode(c.act({ id: 'aud-1', role: 'auditor' }, { type: 'WithdrawPetition' }))).toBe('CASE_NOT_AUTHORIZED_ROLE');
    expect(await rejectionCode(c.act(REGISTRAR, { type: 'ReachDeadline', deadlineKey: 'route' }))).toBe('CASE_INVALID_COMMAND');
    const after = await c.view();
    expect(after.timeline).toEqual(before.timeline);
    expect(after.state).toEqual(before.state);
  });

  it('continues as new before the history grows large, carrying the whole case', async () => {
    const policy = { ...nationalDefaultPolicy, continueAsNewAfterEvents: 3 };
    const c = await toHandling(t, policy);
    const handle = t.env.client.workflow.getHandle(c.caseId);
    // The run continues as new once its events are projected: wait for the new run.
    let continuedFrom: string | null | undefined;
    for (let i = 0; i < 100 && !continuedFrom; i++) {
      const history = await handle.fetchHistory();
      continuedFrom = history.events![0].workflowExecutionStartedEventAttributes!.continuedExecutionRunId;
      if (!continuedFrom) await new Promise((r) => setTimeout(r, 50));
    }
    expect(continuedFrom).toBeTruthy();
    const view = await c.view();
    expect(view.timeline.map((r) => r.event.type)).toEqual(['PetitionRegistered', 'PetitionRouted', 'CaseReceived', 'PetitionerNotified', 'CaseAccepted']);
    expect(view.timeline.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    // The new run acts on the carried state.
    const assigned = await c.act({ id: 'sup-1', role: 'supervisor', unitId: 'joint-office' }, { type: 'AssignLeader', leaderId: 'leader-1' });
    expect(assigned.events).toEqual([expect.objectContaining({ seq: 6, event: expect.objectContaining({ type: 'LeaderAssigned' }) })]);
    expect(await rejectionCode(c.act(HANDLER, { type: 'DecideAcceptance', outcome: 'accepted' }))).toBe('CASE_DUPLICATE_COMMAND');
    const row = await eventuallyRow(t, c.caseId, 6);
    expect(row).toMatchObject({ last_seq: 6, step: 'handling', leader_id: 'leader-1' });
  });
});

async function eventuallyRow(t: CaseTestEnv, id: string, lastSeq: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const [row] = await t.db.query('SELECT last_seq, step, leader_id FROM cases WHERE case_id = $1', [id]);
    if (row?.last_seq === lastSeq) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`read model did not reach seq ${lastSeq}`);
}
