import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseProjectionWriter } from '@petitions/read-model';
import { startApiApp } from '../../../../tools/test/harness';
import { day, history, numbered } from '../../../../libs/read-model/src/read-model.testkit';

/** The shapes these tests read from the answers. */
interface Body {
  error: { code: string; message: string; messageEn: string; details: { problems: { path: string }[] } };
  items: { caseId: string; unitId?: string }[];
  nextCursor: string | null;
  counts: Record<string, unknown>;
}
const body = async (r: Response): Promise<Body> => (await r.json()) as Body;
const supervisor = { 'x-actor-id': 'sup-001', 'x-actor-role': 'supervisor', 'x-actor-unit': 'joint-office' };
// Region 61xxxx belongs to this file.
const R = '610102';

describe('GET /supervision/… (HTTP edge: identity, validation, pagination, downloads)', () => {
  let api: INestApplication;
  let url: string;
  let ds: DataSource;

  beforeAll(async () => {
    ({ app: api, url } = await startApiApp());
    ds = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, synchronize: false }).initialize();
    const writer = new CaseProjectionWriter(ds);
    const summary = { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 1 };
    for (let i = 0; i < 5; i++) {
      const caseId = `api-sup-${i}`;
      await writer.write({ caseId, events: numbered(history({ caseId, start: i, regionCode: R, unit: 'api-unit', acceptance: i < 3 ? 'pending' : 'late',
        reply: i === 4 ? 'on_time' : undefined, evaluation: i === 4 ? 'satisfied' : undefined })), summary });
    }
  });

  afterAll(async () => {
    await api?.close();
    await ds?.destroy();
  });

  const get = (path: string, headers: Record<string, string> = supervisor) => fetch(`${url}${path}`, { headers });

  it('requires an identity', async () => {
    const res = await get('/supervision/overdue', {});
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe('AUTH_ACTOR_REQUIRED');
  });

  it('validates query parameters and answers in the error format', async () => {
    const res = await get('/supervision/overdue?limit=501&channel=fax&bogus=1');
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String), messageEn: expect.any(String) });
    expect(b.error.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['(body)', 'channel', 'limit']);
    const bad = await get('/supervision/overdue?cursor=Zm9v');
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('QUERY_INVALID_CURSOR');
    expect((await get('/supervision/reports/summary?region=61')).status).toBe(400);
  });

  it('lists overdue cases page by page', async () => {
    const asOf = encodeURIComponent(day(40));
    const p1 = await body(await get(`/supervision/overdue?region=61&limit=2&asOf=${asOf}`));
    expect(p1.items.map((i: { caseId: string }) => i.caseId)).toEqual(['api-sup-0', 'api-sup-1']);
    const p2 = await body(await get(`/supervision/overdue?region=61&limit=2&asOf=${asOf}&cursor=${p1.nextCursor}`));
    expect(p2.items.map((i: { caseId: string }) => i.caseId)).toEqual(['api-sup-2']);
    expect(p2.nextCursor).toBeNull();
    const soon = await body(await get(`/supervision/due-soon?region=61&days=5&working=true&asOf=${encodeURIComponent(day(15))}`));
    expect(soon.items.map((i: { caseId: string }) => i.caseId)).toEqual(['api-sup-0', 'api-sup-1', 'api-sup-2']);
  });

  it('serves breaches, the ledger, units, workload and repeats', async () => {
    const breaches = await body(await get('/supervision/breaches?region=61&period=2026'));
    expect(breaches.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual(['api-sup-3', 'api-sup-4']);
    const ledger = await body(await get('/supervision/ledger?region=61&period=2026-01'));
    expect(ledger.items).toEqual([expect.objectContaining({ unitId: 'api-unit', breaches: 2, fulfilledLate: 2 })]);
    const units = await body(await get('/supervision/units/most-handled?region=61&period=2026'));
    expect(units.items[0]).toMatchObject({ unitId: 'api-unit', cases: 5 });
    // The most complained-about are the respondents (被反映单位) of the same cases.
    const respondents = await body(await get('/supervision/units/most-complained?region=61&period=2026'));
    expect(respondents.items).toEqual([expect.objectContaining({ respondent: '某区住建局', cases: 5 })]);
    const load = await body(await get(`/supervision/handlers/workload?region=61&asOf=${encodeURIComponent(day(40))}`));
    expect(load.items[0]).toMatchObject({ handlerId: 'h-api-unit', openCases: 5, overdue: 3 });
    expect((await get('/supervision/repeats?region=61')).status).toBe(200);
  });

  it('reports from the cases table and from the event log agree; the annual report downloads as CSV and XLSX', async () => {
    const asOf = encodeURIComponent(day(400));
    const a = await body(await get(`/supervision/reports/summary?period=2026&region=61&asOf=${asOf}`));
    const b = await body(await get(`/supervision/reports/summary?period=2026&region=61&asOf=${asOf}&source=events`));
    expect(a.counts).toEqual(b.counts);
    expect(a.counts).toMatchObject({ cases: 5, acceptance: { timely: 0, late: 2, overdueUnaccepted: 3 } });
    const json: unknown = await body(await get(`/supervision/reports/annual?year=2026&region=61&asOf=${asOf}`));
    expect(json).toMatchObject({ year: 2026, routing: { forwarded: 5, supervised: 2 }, recommendations: { issued: 0, adopted: 0 } });
    const csv = await get(`/supervision/reports/annual?year=2026&region=61&format=csv&asOf=${asOf}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('petition-annual-report-2026-61.csv');
    expect(await csv.text()).toContain('信访总量（件）Cases,5');
    const xlsx = await get(`/supervision/reports/annual?year=2026&region=61&format=xlsx&asOf=${asOf}`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
