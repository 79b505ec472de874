import { type RecordedRequest, runWith } from '../cli.testkit';

const ADMIN = ['--as', 'adm-1', '--role', 'admin'];
const path = (r: RecordedRequest) => { const u = new URL(r.url); return `${r.method} ${u.pathname}${u.search}`; };
// A TEST arrangement (not a State Council notice): only the shape matters here, the API validates it.
const TEST_YEAR = { year: 2027, source: 'TEST (测试用，非官方)', holidays: [{ name: 'Test', nameZh: '测试', restDays: ['2027-01-01'] }], adjustedWorkdays: [] };

describe('calendar', () => {
  it('imports a year from a file with its document number, and brings it to open cases unless told not to', async () => {
    const r = await runWith(['calendar', 'import', 'cn-2027.json', '--doc-no', '国办发明电〔2026〕TEST号', '--note', '年度安排', ...ADMIN],
      { files: { 'cn-2027.json': JSON.stringify(TEST_YEAR) }, reply: () => ({ status: 201, body: { year: 2027, version: 1, rollout: 'calendar-rollout-2027-v1' } }) });
    expect(r.code).toBe(0);
    expect(r.requests.map(path)).toEqual(['POST /calendar/years']);
    expect(r.requests[0]!.body).toEqual({ arrangement: TEST_YEAR, documentNo: '国办发明电〔2026〕TEST号', adoptOpenCases: true, note: '年度安排' });
    const quiet = await runWith(['calendar', 'import', 'cn-2027.json', '--doc-no', 'x-1', '--no-rollout', ...ADMIN],
      { files: { 'cn-2027.json': JSON.stringify(TEST_YEAR) }, reply: () => ({ status: 201, body: { year: 2027, version: 2, rollout: null } }) });
    expect(quiet.requests[0]!.body).toEqual({ arrangement: TEST_YEAR, documentNo: 'x-1', adoptOpenCases: false });
  });

  it('needs the document number and valid JSON (exit 2); the API refusing the data is exit 3', async () => {
    expect((await runWith(['calendar', 'import', 'cn-2027.json', ...ADMIN], { files: { 'cn-2027.json': '{}' } })).code).toBe(2);
    expect((await runWith(['calendar', 'import', 'cn-2027.json', '--doc-no', 'x', ...ADMIN], { files: { 'cn-2027.json': '{not json' } })).code).toBe(2);
    const bad = await runWith(['calendar', 'import', 'cn-2027.json', '--doc-no', 'x', ...ADMIN], { files: { 'cn-2027.json': '{}' }, reply: () => ({ status: 422,
      body: { error: { code: 'CALENDAR_INVALID_YEAR_DATA', message: '节假日安排校验未通过', messageEn: 'invalid', details: { problems: [{ path: 'arrangement.year', message: 'x' }] } } } }) });
    expect(bad.code).toBe(3);
  });

  it('lists the years and the coverage', async () => {
    const list = await runWith(['calendar', 'list', ...ADMIN], { reply: () => ({ status: 200, body: {
      inForce: [{ year: 2026, source: '国办发明电〔2025〕7号' }],
      published: [{ year: 2027, version: 1, documentNo: '国办发明电〔2026〕TEST号', publishedBy: 'adm-1', publishedAt: '2026-12-20T02:00:00.000Z' }] } }) });
    expect(list.stdout).toContain('2027 v1  国办发明电〔2026〕TEST号  adm-1');
    const coverage = await runWith(['calendar', 'coverage', ...ADMIN], { reply: () => ({ status: 200, body: {
      years: [{ year: 2025 }, { year: 2026 }], provisionalOpenCases: [{ year: 2027, cases: 12 }],
      missingYear: { missingYears: [2027], warnFrom: '12-01', messageZh: '2027年节假日安排尚未发布', messageEn: 'The holiday arrangement for 2027 is not loaded' } } }) });
    expect(coverage.stdout).toContain('Loaded years: 2025, 2026');
    expect(coverage.stdout).toContain('2027 not published: 12 open cases with provisional deadlines');
    expect(coverage.stdout).toContain('提醒 Warning: 2027年节假日安排尚未发布');
    expect([...list.requests, ...coverage.requests].map(path)).toEqual(['GET /calendar/years', 'GET /calendar/coverage']);
  });
});
