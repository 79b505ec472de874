import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type CaseEvent, nationalDefaultPolicy } from '@petitions/domain';
import { CaseTestEnv, DAY } from '../../tools/test/case-env';

// A case nobody acts on, registered Mon 14 Sep 2026 09:00 (Asia/Shanghai), walks the national policy's whole ladder
// across Mid-Autumn (25–27 Sep off) and National Day 2026 (1–7 Oct off; Sun 20 Sep and Sat 10 Oct are working days, 调休). Every expected instant
// below is derived by hand from 国办发明电〔2025〕7号; "end of day D" is 00:00 Shanghai of D+1 = 16:00Z of D.
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;
const EXPECTED = {
  // route: 15 calendar days, 14 Sep not counted → last day Tue 29 Sep (a working day): due end of 29 Sep.
  routeDue: '2026-09-29T16:00:00.000Z',
  // warning "3 working days left": 00:00 of Thu 24 Sep (24, 28, 29 Sep remain; 25–27 Sep are the Mid-Autumn holiday).
  warnWorkingDays: '2026-09-23T16:00:00.000Z',
  // listed supervision +5 working days after 29 Sep: 30 Sep, 8, 9, 10 (Sat, 调休), 12 Oct → end of Mon 12 Oct.
  listed: '2026-10-12T16:00:00.000Z',
  // accountability recommendation and escalation +10 working days: … 13, 14, 15, 16, 19 Oct → end of Mon 19 Oct.
  accountability: '2026-10-19T16:00:00.000Z',
  // the reminder letter (issued 00:00 30 Sep) needs written feedback in 30 calendar days: last day Fri 30 Oct.
  reminderFeedback: '2026-10-30T16:00:00.000Z',
};
const ms = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

function expectAt(e: { at: string }, iso: string): void {
  expect(ms(e.at)).toBeGreaterThanOrEqual(ms(iso));
  expect(ms(e.at) - ms(iso)).toBeLessThan(MINUTE);
}

describe('supervision ladder on the national policy, across National Day 2026 (time-skipping server)', () => {
  let t: CaseTestEnv;
  beforeAll(async () => { t = await CaseTestEnv.start('ladder', { startAt: '2026-09-14T01:00:00' }); });
  afterAll(async () => { await t?.stop(); });

  it('warns, breaches, issues the reminder, lists the case, recommends accountability and escalates, at the policy\'s times', async () => {
    const c = await t.file('petition-ladder000000000000001', {
      actor: REGISTRAR,
      registration: { channel: 'letter', kind: 'claim', category: 'natural_resources', regionCode: '330106', level: 'city', persons: 1,
        respondent: { type: 'unit', description: '某街道办事处' }, matterRef: 'm-ladder', petitionerRef: 'p-ladder', nameAndAddressKnown: true },
      petitioner: { name: '测试人乙' },
    }, nationalDefaultPolicy);
    const registeredAt = c.filed.events[0].event.at;
    expect(registeredAt.startsWith('2026-09-14T01:0')).toBe(true);

    await t.advance(60 * DAY);
    const timeline: CaseEvent[] = (await c.view()).timeline.map((r) => r.event);
    const find = <T extends CaseEvent['type']>(type: T, pred: (e: Extract<CaseEvent, { type: T }>) => boolean) =>
      timeline.filter((e): e is Extract<CaseEvent, { type: T }> => e.type === type).filter(pred);

    const warnings = find('DeadlineWarningRaised', (e) => e.deadlineKey === 'route');
    expect(warnings.map((w) => w.warningKey)).toEqual(['route:warn:0', 'route:warn:1']);
    expectAt(warnings[0], EXPECTED.warnWorkingDays);
    // 80% of the time from registration to the due instant (the registration instant is the server's).
    expectAt(warnings[1], new Date(ms(registeredAt) + 0.8 * (ms(EXPECTED.routeDue) - ms(registeredAt))).toISOString());

    const [breach, ...otherRouteBreaches] = find('DeadlineBreached', (e) => e.deadlineKey === 'route');
    expect(otherRouteBreaches).toEqual([]);
    expect(breach).toMatchObject({ dueAt: EXPECTED.routeDue, unitId: 'city-bureau', article: '第二十二条' });
    expectAt(breach, EXPECTED.routeDue);

    const rungs = find('EscalationRaised', (e) => e.deadlineKey === 'route');
    expect(rungs.map((r) => r.rung)).toEqual(['reminder_letter', 'listed_supervision', 'accountability_recommendation', 'escalate_to_superior']);
    expectAt(rungs[0], EXPECTED.routeDue);
    expectAt(rungs[1], EXPECTED.listed);
    expectAt(rungs[2], EXPECTED.accountability);
    expectAt(rungs[3], EXPECTED.accountability);
    // Each rung cites the broken duty (routing, art.22); the ground (art.43) is on the accountability recommendation only.
    expect(rungs.every((r) => r.unitId === 'city-bureau' && r.article === '第二十二条')).toBe(true);
    expect(rungs.map((r) => r.groundArticle)).toEqual([undefined, undefined, '第四十三条', undefined]);

    const letters = find('LetterIssued', () => true);
    expect(letters.map((l) => l.letterKind)).toEqual(expect.arrayContaining(['reminder_letter', 'listed_supervision_notice', 'accountability_recommendation']));
    const reminder = letters.find((l) => l.letterKind === 'reminder_letter')!;
    expect(reminder.letterNo).toMatch(/^信联办〔2026〕\d+号$/);
    expect(reminder.feedbackDueAt).toBe(EXPECTED.reminderFeedback);
    const missedFeedback = find('DeadlineBreached', (e) => e.deadlineKey === reminder.feedbackKey);
    expect(missedFeedback).toHaveLength(1);
    expectAt(missedFeedback[0], EXPECTED.reminderFeedback);
    expect(find('EscalationRaised', (e) => e.deadlineKey === reminder.feedbackKey).map((e) => e.rung)).toEqual(['accountability_recommendation']);

    // The letters are stored with their official numbers and open as PDFs naming the case, the unit and the number.
    const rows: { letter_no: string; kind: string; recipient_unit: string; pdf: Buffer; html: string }[] =
      await t.db.query('SELECT letter_no, kind, recipient_unit, pdf, html FROM letters WHERE case_id = $1 ORDER BY seq_no', [c.caseId]);
    expect(rows.map((r) => r.letter_no).sort()).toEqual(letters.map((l) => l.letterNo).sort());
    const numbers = rows.map((r) => Number(/〔2026〕(\d+)号/.exec(r.letter_no)![1]));
    expect(new Set(numbers).size).toBe(numbers.length);
    const extractor = join(__dirname, '../../libs/letters/src/testing/extract-pdf-text.mjs');
    const text = (JSON.parse(execFileSync(process.execPath, [extractor], { input: rows[0].pdf }).toString('utf8')) as { pages: string[] })
      .pages.join('').replace(/\s+/g, '');
    expect(text).toContain(c.caseId);
    expect(text).toContain('city-bureau');
    expect(text).toContain(rows[0].letter_no);
    expect(rows[0].html).toContain(rows[0].letter_no);

    // The ledger ends with the step: once routed, the route ladder fires nothing more.
    const before = (await c.view()).timeline.length;
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'xihu-land' });
    await t.advance(5 * DAY);
    const after = (await c.view()).timeline.slice(before).map((r) => r.event);
    expect(after.filter((e) => e.type === 'EscalationRaised' && e.deadlineKey === 'route')).toEqual([]);
  });
});
