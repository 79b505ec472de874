import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseEvent } from '@petitions/domain';
import type { FilePetitionArgs } from '@petitions/contracts';
import { type PauseRow, ReportQueries, SupervisionQueries, annualReportRows, buildAnnualReport } from '@petitions/read-model';
import { type CaseHandle, CaseTestEnv, DAY } from '../../tools/test/case-env';

// A handling clock stopped by an approved appraisal pause (鉴定) breaches as many days later as it was stopped, on
// the time-skipping server from Mon 1 Jun 2026 09:00 (+08), national policy (60-day handling limit, the unit head approves).
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;
const HANDLER = { id: 'h-1', role: 'handler', unitId: 'xuhui-housing' } as const;
const HEAD = { id: 'head-1', role: 'unit_head', unitId: 'xuhui-housing' } as const;
const REGION = '320583';
const MINUTE = 60_000;
/** Accepted 1 Jun: 60 days, start day not counted → Fri 31 Jul (working) → due 1 Aug 00:00 (+08). */
const HANDLING_DUE = '2026-07-31T16:00:00.000Z';
/** The pause: 21 Jul 09:00 → 10 Aug 09:00 (+08), 20 days, across the original due time. */
const PAUSE_DAYS = 20;

let seq = 0;
const caseId = () => `petition-pause${String(process.pid).padStart(7, '0')}${String(++seq).padStart(4, '0')}`.slice(0, 29);
const filing = (): FilePetitionArgs => ({
  actor: REGISTRAR,
  registration: {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: REGION, level: 'city', persons: 1,
    respondent: { type: 'unit', description: '某区住建委' }, matterRef: `m-${seq}`, petitionerRef: `p-${seq}`, nameAndAddressKnown: true,
  },
  petitioner: { name: '测试人乙', summary: '测试' },
});

const ms = (iso: string) => Date.parse(iso);
const events = async (c: CaseHandle): Promise<CaseEvent[]> => (await c.view()).timeline.map((r) => r.event);
const only = <T extends CaseEvent['type']>(list: CaseEvent[], type: T) => list.filter((e): e is Extract<CaseEvent, { type: T }> => e.type === type);
const stepBreaches = async (c: CaseHandle) => only(await events(c), 'DeadlineBreached').filter((b) => !b.deadlineKey.startsWith('feedback:'));

async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'untyped';
    throw err;
  }
  throw new Error('expected the command to be refused');
}

/** The projection runs as an activity after the update: poll the read model until it has caught up. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 100 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe('a clock pause with a reason and an approver (time-skipping server)', () => {
  let t: CaseTestEnv;
  beforeAll(async () => { t = await CaseTestEnv.start('pauses', { startAt: '2026-06-01T01:00:00' }); });
  afterAll(async () => { await t?.stop(); });

  async function toHandling(): Promise<CaseHandle> {
    const c = await t.file(caseId(), filing());
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
    await c.act(HANDLER, { type: 'ReceiveCase' });
    await c.act(HANDLER, { type: 'NotifyPetitioner' });
    const accepted = only((await c.act(HANDLER, { type: 'DecideAcceptance', outcome: 'accepted' })).events.map((r) => r.event), 'CaseAccepted')[0];
    expect(accepted.handlingDueAt).toBe(HANDLING_DUE);
    return c;
  }

  const row = async (id: string) => (await t.db.query('SELECT unit_due_at, unit_due_key, pauses FROM cases WHERE case_id = $1', [id]))[0] as
    { unit_due_at: Date | null; unit_due_key: string | null; pauses: PauseRow[] };

  it('breaches 20 days later than the same case without the pause; the read model and the report show the pause', async () => {
    const plain = await toHandling();
    const paused = await toHandling();

    await t.advance(50 * DAY); // 21 Jul 09:00 (+08)
    // The handler alone cannot stop the clock; the head cannot stop it for a reason the policy does not list.
    expect(await rejectionCode(paused.act(HANDLER, { type: 'PauseClock', deadlineKey: 'handling', pauseReason: 'appraisal', reason: '委托鉴定' })))
      .toBe('CASE_PAUSE_APPROVER_REQUIRED');
    expect(await rejectionCode(paused.act(HEAD, { type: 'PauseClock', deadlineKey: 'handling', pauseReason: 'vacation', approverId: HEAD.id, reason: 'x' })))
      .toBe('CASE_PAUSE_REASON_UNKNOWN');
    const stop = only((await paused.act(HEAD, { type: 'PauseClock', deadlineKey: 'handling', pauseReason: 'appraisal', approverId: HEAD.id,
      requestedBy: HANDLER.id, reason: '委托房屋安全鉴定' })).events.map((r) => r.event), 'ClockPaused')[0];
    expect(stop).toMatchObject({ approverId: HEAD.id, requestedBy: HANDLER.id, pauseReason: 'appraisal', reason: '委托房屋安全鉴定' });
    expect(stop.remainingMs).toBe(ms(HANDLING_DUE) - ms(stop.at));

    await t.advance(15 * DAY); // 5 Aug 09:00 (+08): past the original due time
    const [plainBreach] = await stepBreaches(plain);
    expect(plainBreach).toMatchObject({ deadlineKey: 'handling', dueAt: HANDLING_DUE });
    expect(await stepBreaches(paused)).toEqual([]);
    // The read model: the stopped clock is not the case's due time, so the case is not overdue while paused.
    const during = await eventually(() => row(paused.caseId), (r) => r.pauses.length === 1);
    expect(during.unit_due_at).toBeNull();
    expect(during.pauses).toEqual([expect.objectContaining({ deadlineKey: 'handling', reasonCode: 'appraisal', approverId: HEAD.id,
      requestedBy: HANDLER.id, reason: '委托房屋安全鉴定', endedAt: null, pausedMs: null })]);
    const asOf = '2026-08-05T00:00:00.000Z'; // 5 Aug 08:00 (+08), just before the server clock
    const overdue = (await new SupervisionQueries(t.db).overdue({ regionPrefix: REGION }, asOf, { limit: 500 })).items.map((i) => i.caseId);
    expect(overdue).toContain(plain.caseId);
    expect(overdue).not.toContain(paused.caseId);

    await t.advance(5 * DAY); // 10 Aug 09:00 (+08)
    const resumed = only((await paused.act(HANDLER, { type: 'ResumeClock', deadlineKey: 'handling' })).events.map((r) => r.event), 'ClockResumed')[0];
    // 20 days (plus the moments the commands took on the server clock).
    expect(resumed.pausedMs).toBe(ms(resumed.at) - ms(stop.at));
    expect(resumed.pausedMs - PAUSE_DAYS * DAY).toBeGreaterThanOrEqual(0);
    expect(resumed.pausedMs - PAUSE_DAYS * DAY).toBeLessThan(MINUTE);
    // 1 Aug 00:00 + 20 days = 21 Aug 00:00 (+08).
    expect(ms(resumed.dueAt) - ms('2026-08-20T16:00:00.000Z')).toBe(resumed.pausedMs - PAUSE_DAYS * DAY);
    const after = await eventually(() => row(paused.caseId), (r) => r.pauses[0]?.endedAt !== null);
    expect(after.unit_due_at?.toISOString()).toBe(new Date(resumed.dueAt).toISOString());

    await t.advance(ms(resumed.dueAt) - ms(resumed.at) - MINUTE);
    expect(await stepBreaches(paused)).toEqual([]);
    await t.advance(2 * MINUTE);
    const [pausedBreach] = await stepBreaches(paused);
    expect(pausedBreach).toMatchObject({ deadlineKey: 'handling', dueAt: resumed.dueAt });
    expect(ms(pausedBreach.dueAt) - ms(plainBreach.dueAt)).toBe(resumed.pausedMs);

    const done = await eventually(() => row(paused.caseId), (r) => r.pauses[0]?.pausedMs !== null);
    expect(done.pauses).toEqual([expect.objectContaining({ reasonCode: 'appraisal', approverId: HEAD.id, pausedMs: resumed.pausedMs,
      endedAt: new Date(resumed.at).toISOString(), endedBy: 'resumed' })]);

    // The report of 2026 for the region: one appraisal pause of 20.0 days, from the cases table and from the event log.
    const scope = { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00', regionPrefix: REGION, asOf: '2026-08-21T00:00:00.000Z' };
    const expected = { appraisal: { pauses: 1, ongoing: 0, pausedMs: resumed.pausedMs, pausedDays: 20 } };
    const summary = await new ReportQueries(t.db).report(scope, 'cases');
    expect(summary.pausesByReason).toEqual(expected);
    // The annual report (art.41) carries the same figures in its section on clock pauses.
    const section = annualReportRows(buildAnnualReport(2026, summary)).find((x) => x.title.startsWith('暂停计时情况'));
    expect(section?.rows).toEqual([['appraisal', 1, 0, 20]]);
    expect((await new ReportQueries(t.db).report(scope, 'events')).pausesByReason).toEqual(expected);
  });
});
