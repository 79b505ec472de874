import type { CaseEvent, HolidayYear } from '@petitions/domain';
import { CALENDAR_ROLLOUT_WORKFLOW_TYPE, type FilePetitionArgs, calendarRolloutWorkflowId } from '@petitions/contracts';
import { CalendarStore, LettersStore, ReportQueries, yearScope } from '@petitions/read-model';
import { CalendarAdoptionActivities } from '../../../../activities/src/calendar/calendar-adoption.activities';
import { type CaseHandle, CaseTestEnv, DAY } from '../../../../tools/test/case-env';
import { useOwnDatabase } from '../../../../tools/test/harness';
import { withdrawalMarked } from '../letters/letters.controller';

// On the time-skipping server from Sat 12 Dec 2026 11:00 (+08), national policy: a claim accepted that day has 60
// calendar days: Dec 12 + 19 = Dec 31, + 31 = Jan 31, + 10 = Wed 10 Feb 2027. 2027 is not published: that Wednesday is
// a plain working day, due 11 Feb 00:00 (+08) = 10 Feb 16:00Z (provisional). The timer fires, the breach is recorded
// and the reminder letter (督办提醒函) issued. Then a TEST 2027 arrangement is published (春节 6–12 Feb, Sat 13 Feb 调休
// working): 10–12 Feb are rest days, the deadline rolls to Sat 13 Feb, due 14 Feb 00:00 (+08) = 13 Feb 16:00Z, after
// the breach: the rollout withdraws it and the letter.
const REGISTRAR = { id: 'reg-w', role: 'registrar', unitId: 'city-bureau' } as const;
const HANDLER = { id: 'h-w', role: 'handler', unitId: 'cal-w-unit' } as const;
const PROVISIONAL_DUE = '2027-02-10T16:00:00.000Z';
const FINAL_DUE = '2027-02-13T16:00:00.000Z';

/** TEST data, NOT a State Council notice (the same days as libs/domain/src/calendar/calendar.testkit.ts). */
const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'TEST ARRANGEMENT 2027 — not a State Council notice (测试用，非官方)',
  holidays: [
    { name: "New Year's Day (TEST)", nameZh: '元旦（测试）', restDays: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    { name: 'Spring Festival (TEST)', nameZh: '春节（测试）',
      restDays: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'] },
  ],
  adjustedWorkdays: ['2027-02-13', '2027-02-21'],
};

const filing = (): FilePetitionArgs => ({
  actor: REGISTRAR,
  registration: {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '320106', level: 'city', persons: 1,
    respondent: { type: 'unit', description: '某区城管局' }, matterRef: `m-w-${process.pid}`, petitionerRef: `p-w-${process.pid}`, nameAndAddressKnown: true,
  },
  petitioner: { name: '测试人戊', summary: '测试' },
});

const events = async (c: CaseHandle): Promise<CaseEvent[]> => (await c.view()).timeline.map((r) => r.event);

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 100 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe('a published holiday arrangement withdraws a breach that fell on a new holiday (time-skipping server)', () => {
  let own: { drop(): Promise<void> };
  let t: CaseTestEnv;
  beforeAll(async () => {
    // The rollout visits every open case of the read model: only this file's case may be there.
    own = await useOwnDatabase('calwithdraw');
    t = await CaseTestEnv.start('cal-withdraw', {
      startAt: '2026-12-12T03:00:00',
      activitiesWith: ({ db, client }) => new CalendarAdoptionActivities(new CalendarStore(db), client).asActivities() as never,
    });
  }, 120_000);
  afterAll(async () => { await t?.stop(); await own?.drop(); });

  it('the rollout withdraws the breach and its letter, the ledger no longer counts it, the clock runs to the corrected time', async () => {
    const c = await t.file('petition-calwithdraw0000001', filing());
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
    await c.act(HANDLER, { type: 'ReceiveCase' });
    await c.act(HANDLER, { type: 'NotifyPetitioner' });
    const accepted = (await c.act(HANDLER, { type: 'DecideAcceptance', outcome: 'accepted' })).events.map((r) => r.event)
      .find((e) => e.type === 'CaseAccepted');
    expect(accepted).toMatchObject({ handlingDueAt: PROVISIONAL_DUE, provisional: { handling: [2027] } });

    // To Thu 11 Feb 2027 10:00 (+08): breached at the provisional due time, reminder letter issued.
    await t.advance(60 * DAY + 23 * 3_600_000);
    const breached = (await events(c)).filter((e) => e.type === 'DeadlineBreached');
    expect(breached).toEqual([expect.objectContaining({ deadlineKey: 'handling', dueAt: PROVISIONAL_DUE })]);
    const letters = new LettersStore(t.db);
    const [letter] = await eventually(() => letters.list({ caseId: c.caseId }), (l) => l.length === 1);
    expect(letter).toMatchObject({ kind: 'reminder_letter', status: 'issued', feedbackState: 'awaiting' });
    await eventually(() => t.db.query('SELECT count(*)::int AS n FROM accountability_ledger WHERE case_id = $1', [c.caseId]),
      (r) => r[0].n === 1);

    // The admin publishes the TEST 2027 arrangement; the rollout brings it to the open case.
    const published = await new CalendarStore(t.db).publish({ arrangement: TEST_2027, documentNo: '国办发明电〔2026〕TEST号', publishedBy: 'adm-w', note: 'TEST' });
    const rollout = await t.env.client.workflow.start(CALENDAR_ROLLOUT_WORKFLOW_TYPE, {
      workflowId: calendarRolloutWorkflowId(published.year, published.version), taskQueue: t.taskQueue,
      args: [{ arrangement: published.arrangement, documentNo: published.documentNo, publishedBy: 'adm-w', version: published.version }],
    });
    expect(await rollout.result()).toMatchObject({ considered: 1, adopted: 1, rejected: 0 });

    const after = await events(c);
    const withdrawn = after.find((e) => e.type === 'BreachWithdrawn');
    expect(withdrawn).toMatchObject({
      deadlineKey: 'handling', previousDueAt: PROVISIONAL_DUE, newDueAt: FINAL_DUE, reasonCode: 'holiday_arrangement_published',
      years: [2027], documentNo: '国办发明电〔2026〕TEST号', calendarVersion: 1, letterNos: [letter!.letterNo],
    });
    expect((await c.view()).pendingDeadlines.find((d) => d.key === 'handling')).toMatchObject({ dueAt: FINAL_DUE });

    // Read model: the letter is withdrawn (no feedback due), the breach left the ledger and the counts.
    const marked = await eventually(() => letters.find({ letterId: letter!.letterId }), (l) => l?.status === 'withdrawn');
    expect(marked).toMatchObject({ status: 'withdrawn', feedbackState: 'withdrawn', withdrawal: { reason: expect.stringContaining('TEST') } });
    expect(await letters.list({ unitId: HANDLER.unitId, awaiting: 'feedback' })).toEqual([]);
    const [row] = await t.db.query('SELECT breach_count, handling_due_at, open_breach_keys FROM cases WHERE case_id = $1', [c.caseId]);
    expect(row).toMatchObject({ breach_count: 0, open_breach_keys: [] });
    expect(new Date(row.handling_due_at).toISOString()).toBe(FINAL_DUE);
    expect((await t.db.query('SELECT count(*)::int AS n FROM accountability_ledger WHERE case_id = $1', [c.caseId]))[0].n).toBe(0);

    // Reports, from the cases table and from the event log alike, no longer count it (only this file's case is here).
    const reports = new ReportQueries(t.db);
    const asOf = new Date(Date.parse(withdrawn!.at) + 1000).toISOString();
    for (const source of ['cases', 'events'] as const) {
      expect((await reports.report({ ...yearScope(2027), asOf }, source)).breachesByKey).toEqual({});
      expect((await reports.report({ ...yearScope(2026), asOf }, source)).counts.breaches).toBe(0);
    }

    // The letter's documents say 已撤回 / WITHDRAWN with the reason.
    const html = await letters.document(letter!.letterId, 'html');
    const shown = String(await withdrawalMarked(html!, 'html'));
    expect(shown).toContain('已撤回');
    expect(shown).toContain('WITHDRAWN');
    expect(shown).toContain('国办发明电〔2026〕TEST号');
    const pdf = await letters.document(letter!.letterId, 'pdf');
    const stamped = await withdrawalMarked(pdf!, 'pdf') as Buffer;
    expect(stamped.subarray(0, 5).toString()).toBe('%PDF-');
    expect(stamped.equals(pdf!.body as Buffer)).toBe(false);

    // Missed at the corrected time (Sun 14 Feb 00:00 +08), it is breached again, on the ledger once.
    await t.advance(3 * DAY);
    const again = (await events(c)).filter((e) => e.type === 'DeadlineBreached');
    expect(again.map((e) => (e as { dueAt: string }).dueAt)).toEqual([PROVISIONAL_DUE, FINAL_DUE]);
    const ledger = await eventually(() => t.db.query('SELECT due_at FROM accountability_ledger WHERE case_id = $1', [c.caseId]),
      (r) => r.length === 1);
    expect(ledger.map((r: { due_at: Date }) => r.due_at.toISOString())).toEqual([FINAL_DUE]);
    for (const source of ['cases', 'events'] as const) {
      const later = new Date(Date.parse(FINAL_DUE) + DAY).toISOString();
      expect((await reports.report({ ...yearScope(2027), asOf: later }, source)).breachesByKey).toEqual({ handling: 1 });
    }
  }, 180_000);
});
