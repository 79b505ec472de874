import { type CaseEvent, type SupervisionPolicy, nationalDefaultPolicy } from '@petitions/domain';
import { ReportQueries, buildAnnualReport } from '@petitions/read-model';
import { CaseTestEnv, DAY } from '../../tools/test/case-env';

// A county code no other test file uses: the report below counts every case of the shared test database in its scope.
const REGION = '330187';

// Two cases nobody routes, registered Mon 14 Sep 2026 09:00 (+08) under the national policy with a city superior for
// the bureau: route due end of 29 Sep; reminder at the breach (feedback due end of 30 Oct), listed supervision end of
// 12 Oct, recommendation end of 19 Oct (see petition-case.ladder.int.spec.ts for the calendar). Case A answers its
// letters; case B answers nothing.
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;
const BUREAU_HANDLER = { id: 'bh-1', role: 'handler', unitId: 'city-bureau' } as const;
const SUPERVISOR = { id: 'sup-1', role: 'supervisor', unitId: 'joint-office' } as const;
const CITY_GOV = { id: 'cg-1', role: 'handler', unitId: 'city-gov' } as const;
const POLICY: SupervisionPolicy = {
  ...nationalDefaultPolicy, id: 'letters-test', name: '反馈闭环测试 / feedback loop test',
  accountability: { recommendationAddressee: 'superior', disciplineBodyId: 'city-discipline', superiors: { 'city-': 'city-gov' } },
};
const registration = (n: string) => ({
  actor: REGISTRAR,
  registration: { channel: 'letter', kind: 'claim', category: 'natural_resources', regionCode: REGION, level: 'city', persons: 1,
    respondent: { type: 'unit', description: '某街道办事处' }, matterRef: `m-fb-${n}`, petitionerRef: `p-fb-${n}`, nameAndAddressKnown: true },
  petitioner: { name: '测试人丙' },
}) as const;

async function eventually<T>(fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('letter feedback loop and recommendations (time-skipping server)', () => {
  let t: CaseTestEnv;
  beforeAll(async () => { t = await CaseTestEnv.start('letter-feedback', { startAt: '2026-09-14T01:00:00' }); });
  afterAll(async () => { await t?.stop(); });

  it('accepted feedback never escalates, returned-and-unanswered and unanswered do; recommendations go to the superior and are counted', async () => {
    const a = await t.file('petition-letterfb00000000000001', registration('a') as never, POLICY);
    const b = await t.file('petition-letterfb00000000000002', registration('b') as never, POLICY);
    const events = async (c: typeof a): Promise<CaseEvent[]> => (await c.view()).timeline.map((r) => r.event);
    const lettersOf = async (c: typeof a) => (await c.view()).state.letters;

    // 1 Oct: the reminder is out; case A answers it and the office accepts.
    await t.advance(17 * DAY);
    const reminder = (await lettersOf(a)).find((l) => l.letterKind === 'reminder_letter')!;
    expect(reminder.feedbackDueAt).toBe('2026-10-30T16:00:00.000Z');
    await a.act(BUREAU_HANDLER, { type: 'RecordLetterFeedback', letterNo: reminder.letterNo, summary: '已转送责任单位', documentNo: '市信访局函〔2026〕5号' });
    await a.act(SUPERVISOR, { type: 'AcceptLetterFeedback', letterNo: reminder.letterNo });

    // 13 Oct: the listed supervision notice is out; case A answers, the office returns it with 5 days: 13 Oct + 5 = Sun 18 Oct,
    // a rest day, so the limit rolls to the end of Mon 19 Oct.
    await t.advance(12 * DAY);
    const listed = (await lettersOf(a)).find((l) => l.letterKind === 'listed_supervision_notice')!;
    await a.act(BUREAU_HANDLER, { type: 'RecordLetterFeedback', letterNo: listed.letterNo, summary: '正在办理', documentNo: '市信访局函〔2026〕9号' });
    const returned = await a.act(SUPERVISOR, { type: 'ReturnLetterFeedback', letterNo: listed.letterNo, returnReason: '未说明办理时限',
      limit: { amount: 5, unit: 'calendar_days' } });
    const back = returned.events[0].event as Extract<CaseEvent, { type: 'LetterFeedbackReturned' }>;
    expect(back).toMatchObject({ type: 'LetterFeedbackReturned', feedbackDueAt: '2026-10-19T16:00:00.000Z', round: 1 });

    // 20 Oct 09:00 (+08): the returned feedback breached and escalated; the route rung's recommendation went to the superior.
    await t.advance(7 * DAY);
    // Both fall due at the end of 19 Oct; their letters are issued by an activity (real time): wait for them.
    const recs = await eventually(async () => {
      const r = (await lettersOf(a)).filter((l) => l.letterKind === 'accountability_recommendation');
      return r.length === 2 ? r : undefined;
    });
    for (const r of recs) expect(r).toMatchObject({ addresseeId: 'city-gov', copyTo: ['city-bureau'], unitId: 'city-bureau' });
    expect(recs.every((r) => r.feedbackDueAt !== null)).toBe(true);
    const routeRec = recs.find((r) => r.escalationKey === 'route:esc:accountability_recommendation')!;
    await expect(a.act(BUREAU_HANDLER, { type: 'RecordLetterAdoption', letterNo: routeRec.letterNo, outcome: 'adopted' })).rejects.toThrow();
    await a.act(CITY_GOV, { type: 'RecordLetterAdoption', letterNo: routeRec.letterNo, outcome: 'partly_adopted', adoptionReason: '责任人已调离',
      documentNo: '市府函〔2026〕2号' });

    // 29 Nov. Timers fire in server time; letters and projections run in real time (slow on a loaded machine): wait for
    // the last expected breach (the pending recommendation's limit, end of 19 Nov) before reading.
    await t.advance(40 * DAY);
    const pendingRecKey = recs.find((r) => r.escalationKey !== 'route:esc:accountability_recommendation')!.feedbackKey;
    const ea = await eventually(async () => {
      const e = await events(a);
      return e.some((x) => x.type === 'DeadlineBreached' && x.deadlineKey === pendingRecKey) ? e : undefined;
    });
    const breachedKeys = ea.filter((e): e is Extract<CaseEvent, { type: 'DeadlineBreached' }> => e.type === 'DeadlineBreached').map((e) => e.deadlineKey);
    const escalatedFrom = ea.filter((e): e is Extract<CaseEvent, { type: 'EscalationRaised' }> => e.type === 'EscalationRaised').map((e) => e.deadlineKey);
    expect(breachedKeys).not.toContain(reminder.feedbackKey);
    expect(breachedKeys).not.toContain(listed.feedbackKey);
    expect(breachedKeys).toContain(back.feedbackKey);
    expect(escalatedFrom.filter((k) => k === back.feedbackKey)).toHaveLength(1);
    // A recommendation left without adoption is overdue, but not recommended again.
    const pendingRec = recs.find((r) => r !== routeRec)!;
    expect(breachedKeys).toContain(pendingRec.feedbackKey);
    expect(escalatedFrom.filter((k) => k.startsWith('feedback:feedback:') || k === pendingRec.feedbackKey || k === routeRec.feedbackKey)).toEqual([]);

    const eb = await events(b);
    const reminderB = (await lettersOf(b)).find((l) => l.letterKind === 'reminder_letter')!;
    expect(eb.filter((e) => e.type === 'DeadlineBreached' && e.deadlineKey === reminderB.feedbackKey)).toHaveLength(1);
    expect(eb.filter((e) => e.type === 'EscalationRaised' && e.deadlineKey === reminderB.feedbackKey).map((e) => e.type === 'EscalationRaised' && e.rung))
      .toEqual(['accountability_recommendation']);

    // The letters table shows each letter's state, feedback, review and adoption.
    type Row = { letter_no: string; feedback_state: string; review_outcome: string | null; review_reason: string | null; feedback_summary: string | null;
      addressee_unit: string | null; copy_to: string[]; adoption_outcome: string | null; html: string };
    const rows = await eventually(async () => {
      const r: Row[] = await t.db.query(`SELECT letter_no, feedback_state, review_outcome, review_reason, feedback_summary, addressee_unit, copy_to,
        adoption_outcome, html FROM letters WHERE case_id = $1`, [a.caseId]);
      return r.some((x) => x.adoption_outcome !== null) ? r : undefined;
    });
    const row = (no: string) => rows.find((r) => r.letter_no === no)!;
    expect(row(reminder.letterNo)).toMatchObject({ feedback_state: 'accepted', review_outcome: 'accepted', feedback_summary: '已转送责任单位' });
    expect(row(listed.letterNo)).toMatchObject({ feedback_state: 'returned', review_outcome: 'returned', review_reason: '未说明办理时限' });
    expect(row(routeRec.letterNo)).toMatchObject({ feedback_state: 'answered', addressee_unit: 'city-gov', copy_to: ['city-bureau'], adoption_outcome: 'partly_adopted' });
    expect(row(routeRec.letterNo).html).toContain('抄送：city-bureau');

    // Annual report 2026: A: route rung + returned feedback; B: route rung, reminder feedback (30 Oct), listed feedback (~12 Nov).
    const report = await eventually(async () => {
      const r = buildAnnualReport(2026, await new ReportQueries(t.db).report({ from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00',
        regionPrefix: REGION, asOf: new Date().toISOString() }));
      return r.recommendations.partlyAdopted === 1 && r.recommendations.issued === 5 ? r : undefined;
    });
    expect(report.recommendations).toMatchObject({ issued: 5, adopted: 0, partlyAdopted: 1, notAdopted: 0, pending: 4 });
    expect(report.recommendations.adoptionRate).toMatchObject({ numerator: 1, denominator: 1, percent: '100.00%' });
  }, 240_000);
});
