import { type CaseEvent, type SupervisionPolicy, nationalDefaultPolicy } from '@petitions/domain';
import { ReportQueries, SupervisionQueries, buildAnnualReport } from '@petitions/read-model';
import { CaseTestEnv, DAY, type CaseHandle } from '../../../tools/test/case-env';

/*
 * Scenario: one county (桐庐县, region 330122) over a simulated autumn, on the real time-skipping Temporal server and the
 * real PostgreSQL read model. Every expected figure is worked out by hand below, never read from the code's output.
 *
 * Policy: the national policy v2 (statutory limits, national ladder, 30-day letter feedback, office review) scoped to the
 * county, with accountability.superiors mapping the county's units ('county-') to the county government ('county-gov'),
 * so recommendations go to the county government with the failing unit in copy. National limits were chosen over a
 * shorter practice policy because their calendar arithmetic across Mid-Autumn and National Day 2026 is already derived
 * by hand in petition-case.ladder.int.spec.ts; the month under audit is October 2026, the run goes on to 29 Nov so the
 * letters issued in October reach their feedback limits.
 *
 * Six cases (A–F) registered Mon 14 Sep 2026 09:00 (+08) by the county bureau (county-bureau). "end of D" = 16:00Z of D.
 *   route: 15 calendar days → end of Tue 29 Sep. A–E are never routed: the route breaches at end of 29 Sep and the ladder
 *   runs: reminder letter at once (00:00 30 Sep), listed supervision notice +5 working days (30 Sep, 8, 9, 10 (Sat, 调休),
 *   12 Oct → end of 12 Oct), accountability recommendation and report to the superior +10 working days (… 13, 14, 15, 16,
 *   19 Oct → end of 19 Oct). 4 escalation rungs per case, on the deadline key 'route'.
 *   Letter feedback (30 calendar days from issue, issue day not counted):
 *     reminder issued 00:00 30 Sep → end of Fri 30 Oct;  listed issued 00:00 13 Oct → end of Thu 12 Nov;
 *     recommendation issued 00:00 20 Oct → end of Thu 19 Nov; recommendation issued 00:00 31 Oct → end of Mon 30 Nov.
 *   A return with 5 calendar days on 13 Oct: 13 + 5 = Sun 18 Oct, a rest day → end of Mon 19 Oct.
 *
 *   A  answers both letters on time, the office ACCEPTS both; route recommendation ADOPTED.
 *      breaches: route. Escalations: 4. Recommendations: 1 (adopted).
 *   B  answers the reminder (accepted); answers the listed notice, RETURNED (5 days) and answered again on 16 Oct (accepted);
 *      route recommendation NOT ADOPTED. breaches: route. Escalations: 4. Recommendations: 1 (not adopted).
 *   C  answers the reminder (accepted); answers the listed notice, RETURNED (5 days), never answered again: the return key
 *      breaches at end of 19 Oct and escalates (1 recommendation, issued 00:00 20 Oct, due end of 19 Nov, left pending
 *      → breaches end of 19 Nov, not recommended again). Route recommendation PARTLY ADOPTED.
 *      breaches: route, return, 2nd recommendation = 3. Escalations: 4 + 1 = 5. Recommendations: 2 (1 partly, 1 pending).
 *   D  answers nothing: reminder feedback breaches end of 30 Oct (+1 recommendation, due end of 30 Nov: not yet due on
 *      29 Nov), listed feedback breaches end of 12 Nov (+1 recommendation, due 13 Dec), the route recommendation breaches
 *      end of 19 Nov (no further recommendation). breaches: 4. Escalations: 4 + 2 = 6. Recommendations: 3 pending.
 *   E  answers the listed notice on time (accepted) but the reminder LATE, on 2 Nov (due end of 30 Oct): breach at end of
 *      30 Oct and its recommendation (00:00 31 Oct, due end of 30 Nov); the late answer is accepted. Route recommendation
 *      pending → breaches end of 19 Nov. breaches: route, reminder feedback, route recommendation = 3. Escalations: 4 + 1 = 5.
 *      Recommendations: 2 pending.
 *   F  complies: routed, received, notified and accepted on 14 Sep, replied on 16 Sep. No breach, no letter.
 *
 * Totals: breaches 1+1+3+4+3 = 12 (route 5); recommendations 1+1+2+3+2 = 9: adopted 1, partly 1, not adopted 1, pending 6.
 */
const BUREAU = 'county-bureau';
const REGISTRAR = { id: 'reg-c', role: 'registrar', unitId: BUREAU } as const;
const BUREAU_HANDLER = { id: 'bh-c', role: 'handler', unitId: BUREAU } as const;
const LAND = { id: 'land-c', role: 'handler', unitId: 'county-land' } as const;
const SUPERVISOR = { id: 'sup-c', role: 'supervisor', unitId: 'county-joint-office' } as const;
const COUNTY_GOV = { id: 'gov-c', role: 'handler', unitId: 'county-gov' } as const;
const POLICY: SupervisionPolicy = {
  ...nationalDefaultPolicy, id: 'county-330122-month', name: '桐庐县情景测试 / county scenario', scope: { regionPrefixes: ['330122'] },
  accountability: { recommendationAddressee: 'superior', disciplineBodyId: 'county-discipline', superiors: { 'county-': 'county-gov' } },
};
const registration = (n: string) => ({
  actor: REGISTRAR,
  registration: { channel: 'letter', kind: 'claim', category: 'natural_resources', regionCode: '330122', level: 'county', persons: 1,
    respondent: { type: 'unit', description: '某镇人民政府' }, matterRef: `m-cm-${n}`, petitionerRef: `p-cm-${n}`, nameAndAddressKnown: true },
  petitioner: { name: `情景人${n}` },
}) as never;
const END = (d: string) => `${d}T16:00:00.000Z`;

async function eventually<T>(fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}
type Breach = Extract<CaseEvent, { type: 'DeadlineBreached' }>;
type Raised = Extract<CaseEvent, { type: 'EscalationRaised' }>;
const events = async (c: CaseHandle): Promise<CaseEvent[]> => (await c.view()).timeline.map((r) => r.event);
const lettersOf = async (c: CaseHandle) => (await c.view()).state.letters;
const letter = async (c: CaseHandle, kind: string) => (await lettersOf(c)).find((l) => l.letterKind === kind)!;

describe('a county over a simulated month: letters, feedback, recommendations, ledger and annual report (time-skipping server)', () => {
  let t: CaseTestEnv;
  beforeAll(async () => { t = await CaseTestEnv.start('county-month', { startAt: '2026-09-14T01:00:00' }); });
  afterAll(async () => { await t?.stop(); });

  it('ends the month with the hand-worked breaches, escalations, letter states, ledger and art.41 figures', async () => {
    const id = (n: number) => `petition-countymonth00000000${String(n).padStart(2, '0')}`;
    const [A, B, C, D, E, F] = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((n, i) => t.file(id(i + 1), registration(n), POLICY)));

    // F complies: routed to the county land bureau, received, notified, accepted the same day; replied two days later.
    await F.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: LAND.unitId });
    await F.act(LAND, { type: 'ReceiveCase' });
    await F.act(LAND, { type: 'NotifyPetitioner' });
    await F.act(LAND, { type: 'DecideAcceptance', outcome: 'accepted' });
    await t.advance(2 * DAY);
    await F.act(LAND, { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'reply-cm-f', claimUpheld: true });

    // Thu 1 Oct 09:00: the reminders are out (00:00 30 Sep). A, B, C answer; the office accepts.
    await t.advance(15 * DAY);
    const reminders = new Map<CaseHandle, Awaited<ReturnType<typeof letter>>>();
    for (const c of [A, B, C, D, E]) {
      const r = await letter(c, 'reminder_letter');
      expect(r.feedbackDueAt).toBe(END('2026-10-30'));
      reminders.set(c, r);
    }
    for (const c of [A, B, C]) {
      await c.act(BUREAU_HANDLER, { type: 'RecordLetterFeedback', letterNo: reminders.get(c)!.letterNo, summary: '已转送责任单位办理', documentNo: `县信访局函〔2026〕${c.caseId.slice(-2)}号` });
      await c.act(SUPERVISOR, { type: 'AcceptLetterFeedback', letterNo: reminders.get(c)!.letterNo });
    }

    // Tue 13 Oct 09:00: the listed supervision notices are out (00:00 13 Oct, feedback due end of 12 Nov).
    await t.advance(12 * DAY);
    const listed = new Map<CaseHandle, Awaited<ReturnType<typeof letter>>>();
    for (const c of [A, B, C, D, E]) {
      const l = await letter(c, 'listed_supervision_notice');
      expect(l.feedbackDueAt).toBe(END('2026-11-12'));
      listed.set(c, l);
    }
    for (const c of [A, B, C, E]) {
      await c.act(BUREAU_HANDLER, { type: 'RecordLetterFeedback', letterNo: listed.get(c)!.letterNo, summary: '正在办理', documentNo: `县信访局函〔2026〕1${c.caseId.slice(-2)}号` });
    }
    for (const c of [A, E]) await c.act(SUPERVISOR, { type: 'AcceptLetterFeedback', letterNo: listed.get(c)!.letterNo });
    const returns = new Map<CaseHandle, Extract<CaseEvent, { type: 'LetterFeedbackReturned' }>>();
    for (const c of [B, C]) {
      const out = await c.act(SUPERVISOR, { type: 'ReturnLetterFeedback', letterNo: listed.get(c)!.letterNo, returnReason: '未说明办理时限',
        limit: { amount: 5, unit: 'calendar_days' } });
      const ev = out.events[0].event as Extract<CaseEvent, { type: 'LetterFeedbackReturned' }>;
      expect(ev).toMatchObject({ type: 'LetterFeedbackReturned', feedbackDueAt: END('2026-10-19'), round: 1 });
      returns.set(c, ev);
    }

    // Fri 16 Oct 09:00: B answers again within its new limit; the office accepts.
    await t.advance(3 * DAY);
    await B.act(BUREAU_HANDLER, { type: 'RecordLetterFeedback', letterNo: listed.get(B)!.letterNo, summary: '已明确办理时限：10月30日前办结', documentNo: '县信访局函〔2026〕21号' });
    await B.act(SUPERVISOR, { type: 'AcceptLetterFeedback', letterNo: listed.get(B)!.letterNo });

    // Tue 20 Oct 09:00: the route recommendations (A–E) and C's recommendation for its unanswered return are out.
    await t.advance(4 * DAY);
    const recsOf = async (c: CaseHandle, n: number) => eventually(async () => {
      const r = (await lettersOf(c)).filter((l) => l.letterKind === 'accountability_recommendation');
      return r.length >= n ? r : undefined;
    });
    const routeRec = async (c: CaseHandle) => (await recsOf(c, c === C ? 2 : 1)).find((r) => r.escalationKey === 'route:esc:accountability_recommendation')!;
    for (const c of [A, B, C, D, E]) {
      const r = await routeRec(c);
      expect(r).toMatchObject({ addresseeId: 'county-gov', copyTo: [BUREAU], unitId: BUREAU, feedbackDueAt: END('2026-11-19') });
    }
    // Only the addressee records adoption.
    await expect(A.act(BUREAU_HANDLER, { type: 'RecordLetterAdoption', letterNo: (await routeRec(A)).letterNo, outcome: 'adopted' })).rejects.toThrow();
    await A.act(COUNTY_GOV, { type: 'RecordLetterAdoption', letterNo: (await routeRec(A)).letterNo, outcome: 'adopted', documentNo: '县府函〔2026〕1号' });
    await B.act(COUNTY_GOV, { type: 'RecordLetterAdoption', letterNo: (await routeRec(B)).letterNo, outcome: 'not_adopted', adoptionReason: '已整改到位，不再追责',
      documentNo: '县府函〔2026〕2号' });
    await C.act(COUNTY_GOV, { type: 'RecordLetterAdoption', letterNo: (await routeRec(C)).letterNo, outcome: 'partly_adopted', adoptionReason: '责任人已调离',
      documentNo: '县府函〔2026〕3号' });

    // Mon 2 Nov 09:00: E answers its reminder late (due end of 30 Oct); the office accepts the late answer.
    await t.advance(13 * DAY);
    await E.act(BUREAU_HANDLER, { type: 'RecordLetterFeedback', letterNo: reminders.get(E)!.letterNo, summary: '逾期反馈：已转送', documentNo: '县信访局函〔2026〕31号' });
    await E.act(SUPERVISOR, { type: 'AcceptLetterFeedback', letterNo: reminders.get(E)!.letterNo });

    // Sun 29 Nov 09:00: every limit up to the end of 19 Nov has passed; wait for the last breaches (real-time letters).
    await t.advance(27 * DAY);
    const recKeyOf = async (c: CaseHandle) => (await routeRec(c)).feedbackKey;
    const breachKeys = (e: CaseEvent[]): string[] => e.filter((x): x is Breach => x.type === 'DeadlineBreached').map((x) => x.deadlineKey as string);
    const settled = async (c: CaseHandle, last: string | null) => eventually(async () => {
      const e = await events(c);
      return last === null || breachKeys(e).includes(last) ? e : undefined;
    });
    const cRecs = await recsOf(C, 2);
    expect(cRecs).toHaveLength(2);
    const cReturnRec = cRecs.find((r) => r.escalationKey !== 'route:esc:accountability_recommendation')!;
    const all = {
      A: await settled(A, null), B: await settled(B, null), C: await settled(C, cReturnRec.feedbackKey),
      D: await settled(D, await recKeyOf(D)), E: await settled(E, await recKeyOf(E)), F: await settled(F, null),
    };

    // Events of each case: breaches by deadline key, escalation rungs, letters by kind.
    const rungs = (e: CaseEvent[]) => e.filter((x): x is Raised => x.type === 'EscalationRaised').map((x) => `${x.deadlineKey}>${x.rung}`).sort();
    const ROUTE_RUNGS = ['route>accountability_recommendation', 'route>escalate_to_superior', 'route>listed_supervision', 'route>reminder_letter'];
    const kinds = async (c: CaseHandle) => (await lettersOf(c)).map((l) => l.letterKind).sort();
    expect(breachKeys(all.A)).toEqual(['route']);
    expect(breachKeys(all.B)).toEqual(['route']);
    expect(breachKeys(all.C).sort()).toEqual(['route', returns.get(C)!.feedbackKey, cReturnRec.feedbackKey].sort());
    expect(breachKeys(all.D).sort()).toEqual(['route', reminders.get(D)!.feedbackKey, listed.get(D)!.feedbackKey, await recKeyOf(D)].sort());
    expect(breachKeys(all.E).sort()).toEqual(['route', reminders.get(E)!.feedbackKey, await recKeyOf(E)].sort());
    expect(breachKeys(all.F)).toEqual([]);
    expect(rungs(all.A)).toEqual(ROUTE_RUNGS);
    expect(rungs(all.B)).toEqual(ROUTE_RUNGS);
    expect(rungs(all.C)).toEqual([...ROUTE_RUNGS, `${returns.get(C)!.feedbackKey}>accountability_recommendation`].sort());
    expect(rungs(all.D)).toEqual([...ROUTE_RUNGS, `${reminders.get(D)!.feedbackKey}>accountability_recommendation`,
      `${listed.get(D)!.feedbackKey}>accountability_recommendation`].sort());
    expect(rungs(all.E)).toEqual([...ROUTE_RUNGS, `${reminders.get(E)!.feedbackKey}>accountability_recommendation`].sort());
    expect(rungs(all.F)).toEqual([]);
    const LADDER_LETTERS = ['accountability_recommendation', 'listed_supervision_notice', 'reminder_letter'];
    expect(await kinds(A)).toEqual(LADDER_LETTERS);
    expect(await kinds(B)).toEqual(LADDER_LETTERS);
    expect(await kinds(C)).toEqual(['accountability_recommendation', ...LADDER_LETTERS].sort());
    expect(await kinds(D)).toEqual(['accountability_recommendation', 'accountability_recommendation', ...LADDER_LETTERS].sort());
    expect(await kinds(E)).toEqual(['accountability_recommendation', ...LADDER_LETTERS].sort());
    expect(await kinds(F)).toEqual([]);

    // The letters table: the stored feedback state of each letter ('overdue' is only derived on read, against the wall clock).
    type Row = { letter_no: string; case_id: string; feedback_state: string; review_outcome: string | null; adoption_outcome: string | null;
      addressee_unit: string | null; copy_to: string[] };
    const rows = await eventually(async () => {
      const r: Row[] = await t.db.query(`SELECT letter_no, case_id, feedback_state, review_outcome, adoption_outcome, addressee_unit, copy_to FROM letters
        WHERE case_id = ANY($1)`, [[A, B, C, D, E, F].map((c) => c.caseId)]);
      return r.length === 3 * 5 + 4 && r.filter((x) => x.adoption_outcome !== null).length === 3 ? r : undefined;
    });
    const state = (no: string) => { const r = rows.find((x) => x.letter_no === no)!; return [r.feedback_state, r.review_outcome, r.adoption_outcome]; };
    expect(state(reminders.get(A)!.letterNo)).toEqual(['accepted', 'accepted', null]);
    expect(state(listed.get(A)!.letterNo)).toEqual(['accepted', 'accepted', null]);
    expect(state((await routeRec(A)).letterNo)).toEqual(['answered', null, 'adopted']);
    expect(state(listed.get(B)!.letterNo)).toEqual(['accepted', 'accepted', null]);
    expect(state((await routeRec(B)).letterNo)).toEqual(['answered', null, 'not_adopted']);
    expect(state(listed.get(C)!.letterNo)).toEqual(['returned', 'returned', null]);
    expect(state((await routeRec(C)).letterNo)).toEqual(['answered', null, 'partly_adopted']);
    expect(state(cReturnRec.letterNo)).toEqual(['awaiting', null, null]);
    expect(state(reminders.get(D)!.letterNo)).toEqual(['awaiting', null, null]);
    expect(state(listed.get(D)!.letterNo)).toEqual(['awaiting', null, null]);
    expect(state(reminders.get(E)!.letterNo)).toEqual(['accepted', 'accepted', null]);
    expect(state(listed.get(E)!.letterNo)).toEqual(['accepted', 'accepted', null]);
    for (const r of rows.filter((x) => x.addressee_unit === 'county-gov')) expect(r.copy_to).toEqual([BUREAU]);
    expect(rows.filter((x) => x.addressee_unit === 'county-gov')).toHaveLength(9);

    // The accountability ledger per responsible unit. October 2026 (breach time, +08): C's return (end 19 Oct), D's and E's
    // reminder feedback (end 30 Oct) = 3; the route breaches (end 29 Sep = 00:00 30 Sep +08) are September's.
    const sq = new SupervisionQueries(t.db);
    const october = await eventually(async () => {
      const l = await sq.ledgerByUnit({ regionPrefix: '330122', from: '2026-10-01T00:00:00+08:00', to: '2026-11-01T00:00:00+08:00' }, { limit: 10, offset: 0 });
      return l[0]?.breaches === 3 ? l : undefined;
    });
    expect(october.map((u) => [u.unitId, u.breaches])).toEqual([[BUREAU, 3]]);
    // The autumn (Sep–Nov): 12 breaches, 5 of them on the route. A recommendation's missed answer is its addressee's (the
    // county government owes the adoption record), the other letters' the bureau's: C's 2nd recommendation, D's and E's
    // route recommendations (all end of 19 Nov) = 3 for county-gov; 12 − 3 = 9 for the bureau, of which E's reminder
    // feedback was answered late on 2 Nov (fulfilled late), 8 still open; county-gov's 3 are all open.
    const autumn = await sq.ledgerByUnit({ regionPrefix: '330122', from: '2026-09-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' },
      { limit: 10, offset: 0 });
    expect(autumn.map((u) => [u.unitId, u.breaches, u.byKey.route ?? 0, u.open, u.fulfilledLate])).toEqual([[BUREAU, 9, 5, 8, 1], ['county-gov', 3, 0, 3, 0]]);

    // art.41 annual report 2026: 9 recommendations: 1 adopted, 1 partly, 1 not adopted, 6 pending; rate (1+1)/3.
    const report = buildAnnualReport(2026, await new ReportQueries(t.db).report({ regionPrefix: '330122', from: '2026-01-01T00:00:00+08:00',
      to: '2027-01-01T00:00:00+08:00', asOf: new Date().toISOString() }));
    expect(report.recommendations).toMatchObject({ issued: 9, adopted: 1, partlyAdopted: 1, notAdopted: 1, pending: 6 });
    expect(report.recommendations.adoptionRate).toMatchObject({ numerator: 2, denominator: 3, percent: '66.67%' });
    expect(report.breachesByKey.route).toBe(5);
  }, 240_000);
});
