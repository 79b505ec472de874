import type { Client } from '@temporalio/client';
import { CN_CALENDAR, localDate } from '@petitions/domain';
import { caseViewQuery } from '@petitions/contracts';
import type { DataSource } from 'typeorm';
import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const headers = (id: string, role: string, unit?: string) =>
  ({ 'x-actor-id': id, 'x-actor-role': role, ...(unit ? { 'x-actor-unit': unit } : {}), 'content-type': 'application/json' });
const admin = headers('adm-cal', 'admin');
const registrar = headers('reg-cal', 'registrar', 'city-bureau');
const LEAD = 'cal-lead-unit';
const lead = headers('h-cal', 'handler', LEAD);
const DAY = 86_400_000;

/**
 * A TEST arrangement (NOT a State Council notice): the year of the provisional deadline, with its last day declared
 * a rest day, so publishing it must move the deadline. Built here for the test; nothing of it is shipped as data.
 */
const testArrangement = (year: number, restDay: string) => ({
  year, source: `TEST ARRANGEMENT ${year} — not a State Council notice (测试用，非官方)`,
  holidays: [{ name: 'Test holiday', nameZh: '测试假日', restDays: [restDay] }], adjustedWorkdays: [],
});

describe('calendar years: publish a year, provisional deadlines of running cases are recomputed', () => {
  let stack: TestStack;
  let own: { drop(): Promise<void> };
  let url: string;
  let client: Client;
  let db: DataSource;
  const post = (path: string, h: Record<string, string>, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const get = (path: string, h: Record<string, string>) => fetch(`${url}${path}`, { headers: h });

  const warnFrom = process.env.CALENDAR_WARN_FROM;
  beforeAll(async () => {
    // From 1 January: the coming year is expected all year, so the warning does not depend on the day the test runs.
    process.env.CALENDAR_WARN_FROM = '01-01';
    // The rollout visits every open case of the read model: only this file's cases may be there.
    own = await useOwnDatabase('calendar');
    stack = await startStack('calendar');
    ({ url, client, db } = stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await own?.drop();
    if (warnFrom === undefined) delete process.env.CALENDAR_WARN_FROM;
    else process.env.CALENDAR_WARN_FROM = warnFrom;
  });

  /** This year and the next (CALENDAR_WARN_FROM 01-01) less the years loaded. */
  const expectedMissing = (loaded: number[]): number[] => {
    const year = Number(localDate(new Date().toISOString()).slice(0, 4));
    return [year, year + 1].filter((y) => !loaded.includes(y));
  };

  it('says which coming year is missing: /ready (degraded, still ready), /health, coverage and the supervision summary', async () => {
    const missing = expectedMissing(CN_CALENDAR.years.map((y) => y.year));
    // Built in: 2025 and 2026; 2027 and later are never shipped, so the next year is missing at least until 2026 ends.
    expect(missing.length).toBeGreaterThan(0);
    const ready = await get('/ready', registrar);
    expect(ready.status).toBe(200);
    const r = await json(ready);
    expect(r).toMatchObject({ status: 'ready', degraded: ['calendar'], calendar: { missingYears: missing, warnFrom: '01-01' } });
    expect(r.calendar.messageZh).toContain(`${missing.join('、')}年节假日安排尚未发布`);
    expect((await json(await get('/health', registrar))).calendar).toMatchObject({ missingYears: missing });
    expect((await json(await get('/calendar/coverage', admin))).missingYear).toMatchObject({ missingYears: missing });
    const summary = await json(await get(`/supervision/reports/summary?period=${new Date().getUTCFullYear()}`, headers('sup-cal', 'supervisor', 'joint-office')));
    expect(summary.calendarWarning).toMatchObject({ missingYears: missing });
  });

  it('refuses an invalid arrangement with every problem by path, and only admins publish', async () => {
    const bad = { year: 2031, source: '', holidays: [{ name: 'x', nameZh: '元旦', restDays: ['2032-01-01'] }], adjustedWorkdays: ['2031-01-01'] };
    const res = await post('/calendar/years', admin, { arrangement: bad, documentNo: '国办发明电〔2030〕TEST号' });
    expect(res.status).toBe(422);
    const err = (await json(res)).error;
    expect(err.code).toBe('CALENDAR_INVALID_YEAR_DATA');
    // 2031-01-01 is a Wednesday: not a weekend day, so it cannot be a 调休 working day.
    expect(err.details.problems.map((p: { path: string }) => p.path))
      .toEqual(['arrangement.source', 'arrangement.holidays[0].restDays[0]', 'arrangement.adjustedWorkdays[0]']);
    expect((await json(await get('/calendar/years', admin))).published).toEqual([]);
    expect((await post('/calendar/years', headers('sup-cal', 'supervisor', 'joint-office'),
      { arrangement: testArrangement(2031, '2031-01-02'), documentNo: 'x-1' })).status).toBe(403);
  });

  it('a handling deadline reaching an unpublished year is provisional until the year is published, then moves', async () => {
    const filed = await json(await post('/petitions', registrar, {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '320102', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某区城管局' }, summary: `节假日测试 ${process.pid}`,
      petitioner: { name: '测试人丁', idNumber: '320102198001011234', phone: '13900002222', address: '测试地址' },
    }));
    const caseId: string = filed.caseId;
    for (const [as, command] of [
      [registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: LEAD }],
      [lead, { type: 'ReceiveCase' }],
      [lead, { type: 'NotifyPetitioner' }],
      [lead, { type: 'DecideAcceptance', outcome: 'accepted' }],
    ] as const) expect((await post(`/petitions/${caseId}/commands`, as, command)).status).toBeLessThan(300);

    const handle = client.workflow.getHandle(caseId);
    const before = (await handle.query(caseViewQuery)).pendingDeadlines.find((d) => d.key === 'handling')!;
    // 60 calendar days from today always end in a year after 2026, which the built-in calendar does not cover.
    const lastDay = localDate(new Date(Date.parse(before.dueAt) - 1).toISOString());
    const year = Number(lastDay.slice(0, 4));
    expect(CN_CALENDAR.years.map((y) => y.year)).not.toContain(year);
    expect(before.provisionalYears).toContain(year);
    const row = await eventually(async () => {
      const [r] = await db.query('SELECT provisional_years, handling_due_at FROM cases WHERE case_id = $1', [caseId]);
      return r?.handling_due_at ? r : null;
    });
    expect(row.provisional_years).toContain(year);
    expect(new Date(row.handling_due_at).toISOString()).toBe(new Date(before.dueAt).toISOString());
    const coverage = await json(await get('/calendar/coverage', admin));
    expect(coverage.provisionalOpenCases).toContainEqual({ year, cases: 1 });
    expect(coverage.years.map((y: { year: number }) => y.year)).not.toContain(year);

    // By plain weekdays the last day was a working day (Mon–Fri). The TEST arrangement makes it a rest day: the
    // deadline rolls to the next weekday (Friday → Monday), and ends at 00:00 Shanghai after it.
    const weekday = new Date(`${lastDay}T00:00:00Z`).getUTCDay();
    expect(weekday).toBeGreaterThanOrEqual(1);
    expect(weekday).toBeLessThanOrEqual(5);
    const expectedDue = new Date(Date.parse(before.dueAt) + (weekday === 5 ? 3 : 1) * DAY).toISOString();

    const years = (before.provisionalYears ?? []).map((y) => testArrangement(y, y === year ? lastDay : `${y}-01-01`));
    for (const arrangement of years) {
      const res = await post('/calendar/years', admin, { arrangement, documentNo: `国办发明电〔${arrangement.year - 1}〕TEST号`, note: 'TEST' });
      expect(res.status).toBe(201);
      const published = await json(res);
      expect(published).toMatchObject({ year: arrangement.year, version: 1, publishedBy: 'adm-cal', rollout: `calendar-rollout-${arrangement.year}-v1` });
      expect(await client.workflow.getHandle(published.rollout).result()).toMatchObject({ considered: 1, adopted: 1, rejected: 0 });
    }

    const view = await handle.query(caseViewQuery);
    const after = view.pendingDeadlines.find((d) => d.key === 'handling')!;
    expect(after.dueAt).toBe(expectedDue);
    expect(after.provisionalYears).toBeUndefined();
    const adopted = view.timeline.map((r) => r.event).filter((e) => e.type === 'CalendarAdopted');
    expect(adopted.flatMap((e) => ('rearmed' in e ? e.rearmed : []))).toContainEqual({ key: 'handling', previousDueAt: before.dueAt, newDueAt: expectedDue });

    const moved = await eventually(async () => {
      const [r] = await db.query('SELECT provisional_years, handling_due_at FROM cases WHERE case_id = $1', [caseId]);
      return r && new Date(r.handling_due_at).toISOString() === expectedDue ? r : null;
    });
    expect(moved.provisional_years).toEqual([]);
    const coverageAfter = await json(await get('/calendar/coverage', admin));
    expect(coverageAfter.provisionalOpenCases).toEqual([]);
    const stillMissing = expectedMissing([...CN_CALENDAR.years.map((y) => y.year), ...years.map((y) => y.year)]);
    // No warning when no year is missing any more; otherwise the warning names the missing years.
    expect(coverageAfter.missingYear === null ? null : coverageAfter.missingYear.missingYears).toEqual(stillMissing.length === 0 ? null : stillMissing);
    expect(coverageAfter.years).toContainEqual({ year, source: 'published', documentNo: `国办发明电〔${year - 1}〕TEST号`, version: 1 });
    const listed = await json(await get('/calendar/years', registrar));
    expect(listed.inForce.map((y: { year: number }) => y.year)).toContain(year);

    // A second rollout of the same arrangement changes nothing: the case refuses it.
    const again = await json(await post('/calendar/years', admin, { arrangement: years[years.length - 1], documentNo: '国办发明电〔重发〕TEST号' }));
    expect(again.version).toBe(2);
    expect(await client.workflow.getHandle(again.rollout).result()).toMatchObject({ adopted: 0, byCode: { CASE_CALENDAR_ALREADY_ADOPTED: 1 } });
  }, 180_000);
});
