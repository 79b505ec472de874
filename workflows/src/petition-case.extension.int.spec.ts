import { type CaseEvent, nationalDefaultPolicy } from '@petitions/domain';
import { CaseTestEnv, DAY } from '../../tools/test/case-env';

// Counting an extension (art.34, domain.md Precisions) on the real workflow and the time-skipping server, under the
// built-in national policy (version 2, extensionCounting 'from_original_last_day'). Worked out by hand from the 2026
// arrangement (国办发明电〔2025〕7号: National Day rest Thu 1 – Wed 7 Oct):
//   accepted Tue 4 Aug 2026 (10:0x +08): Aug 5–31 = 27 days, Sep 30 (57), Sat 3 Oct = day 60, a rest day → the limit
//   rolls to Thu 8 Oct, due 00:00 of 9 Oct (+08) = 2026-10-08T16:00Z.
//   +30 days counted from the ORIGINAL last day 3 Oct: 4–31 Oct = 28, 1–2 Nov → Mon 2 Nov = day 90, a working day →
//   due 00:00 of 3 Nov (+08) = 2026-11-02T16:00Z. (Counted from the rolled 8 Oct it would be Sat 7 Nov → Mon 9 Nov.)
const REGISTRAR = { id: 'reg-ext', role: 'registrar', unitId: 'city-bureau' } as const;
const HANDLER = { id: 'h-ext', role: 'handler', unitId: 'ext-housing' } as const;
const HEAD = { id: 'head-ext', role: 'unit_head', unitId: 'ext-housing' } as const;
const ROLLED_DUE = '2026-10-08T16:00:00.000Z';
const DAY_90 = '2026-11-02T16:00:00.000Z';
const MINUTE = 60_000;

describe('an approved extension counts from the original last day (national policy v2, time-skipping server)', () => {
  let t: CaseTestEnv;
  beforeAll(async () => { t = await CaseTestEnv.start('extension', { startAt: '2026-08-04T02:00:00' }); });
  afterAll(async () => { await t?.stop(); });

  it('60 days ending in National Day + 30 days is day 90 (2 Nov), and the handling breach falls there', async () => {
    const c = await t.file(`petition-ext${String(process.pid).padStart(17, '0')}`.slice(0, 29), {
      actor: REGISTRAR,
      registration: { channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310188', level: 'city', persons: 1,
        respondent: { type: 'unit', description: '某区住建委' }, matterRef: 'm-ext', petitionerRef: 'p-ext', nameAndAddressKnown: true },
      petitioner: { name: '测试人戊', summary: '延期计算测试' },
    }, nationalDefaultPolicy);
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: HANDLER.unitId });
    await c.act(HANDLER, { type: 'ReceiveCase' });
    await c.act(HANDLER, { type: 'NotifyPetitioner' });
    const accepted = await c.act(HANDLER, { type: 'DecideAcceptance', outcome: 'accepted' });
    const acceptedEvent = accepted.events.map((r) => r.event).find((e) => e.type === 'CaseAccepted')!;
    expect(acceptedEvent.at.startsWith('2026-08-04T02:')).toBe(true);
    expect(acceptedEvent).toMatchObject({ handlingDueAt: ROLLED_DUE });

    await t.advance(47 * DAY); // 20 Sep
    const requested = await c.act(HANDLER, { type: 'RequestExtension', extension: { amount: 30, unit: 'calendar_days' }, reason: '需多部门会商' });
    expect(requested.events.map((r) => r.event)).toEqual([expect.objectContaining({ type: 'ExtensionRequested', currentDueAt: ROLLED_DUE, requestedDueAt: DAY_90 })]);
    const approved = await c.act(HEAD, { type: 'DecideExtension', approved: true, reason: '涉及多部门会商，延期三十日' });
    expect(approved.events.map((r) => r.event)).toEqual([expect.objectContaining({ type: 'ExtensionApproved', previousDueAt: ROLLED_DUE, newDueAt: DAY_90 })]);

    // Past 2 Nov: the handling clock is breached at day 90, not at 9 Nov.
    await t.advance(45 * DAY); // 4 Nov
    const breaches = (await c.view()).timeline.map((r) => r.event)
      .filter((e): e is Extract<CaseEvent, { type: 'DeadlineBreached' }> => e.type === 'DeadlineBreached' && e.deadlineKey === 'handling');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ dueAt: DAY_90, unitId: HANDLER.unitId, article: '第三十四条' });
    expect(Date.parse(breaches[0].at) - Date.parse(DAY_90)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(breaches[0].at) - Date.parse(DAY_90)).toBeLessThan(MINUTE);
    // The read model shows the extended due time.
    const [row] = await t.db.query('SELECT handling_due_at FROM cases WHERE case_id = $1', [c.caseId]);
    expect(new Date(row.handling_due_at).toISOString()).toBe(DAY_90);
  }, 120_000);
});
