import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const headers = (id: string, role: string, unit?: string) =>
  ({ 'x-actor-id': id, 'x-actor-role': role, ...(unit ? { 'x-actor-unit': unit } : {}), 'content-type': 'application/json' });
const admin = headers('adm-twp', 'admin');
const registrar = headers('reg-twp', 'registrar', 'twp-bureau');
const supervisor = headers('sup-twp', 'supervisor', 'joint-office');

// City 3297 / county 329701: used by this file only, on a database of its own (it imports directory units).
const UNITS = [
  { id: 'twp-city-gov', nameZh: '测试市人民政府', kind: 'government', regionCode: '329700' },
  { id: 'twp-county-gov', nameZh: '测试市东区人民政府', kind: 'government', parentId: 'twp-city-gov', regionCode: '329701' },
  { id: 'twp-t1', nameZh: '测试市东区梅园街道办事处', kind: 'township', parentId: 'twp-county-gov', regionCode: '329701001' },
  { id: 'twp-t2', nameZh: '测试市东区甲镇人民政府', shortName: '甲镇', kind: 'township', parentId: 'twp-county-gov', regionCode: '329701002' },
];

describe('townships (乡镇街道): registration checked against the directory, county derived, drill-down with names', () => {
  let stack: TestStack;
  let own: { drop(): Promise<void> };
  let url: string;
  const post = (path: string, h: Record<string, string>, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const get = (path: string, h: Record<string, string>) => fetch(`${url}${path}`, { headers: h });
  const file = (regionCode: string) => post('/petitions', registrar, {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode, level: 'county', persons: 2,
    respondent: { type: 'unit', description: '某街道' }, summary: `乡镇测试 ${process.pid} ${Math.random()}`,
    petitioner: { name: '测试人己', idNumber: '329701198001011234', phone: '13900004444', address: '测试地址' },
  });
  const row = (caseId: string) => eventually(async () => {
    const r = await json(await get(`/petitions/${caseId}`, supervisor));
    return r.case ? r.case : undefined;
  }, 20_000, 200);

  beforeAll(async () => {
    own = await useOwnDatabase('townships');
    stack = await startStack('townships');
    ({ url } = stack);
  }, 120_000);
  afterAll(async () => { await stack?.stop(); await own?.drop(); });

  it('a 9-digit code is a township: the case keeps it and derives its county', async () => {
    // No township in the directory yet: any well-formed code is taken.
    const filed = await file('329701001');
    expect(filed.status).toBe(201);
    const c = await row((await json(filed)).caseId);
    expect([c.regionCode, c.townshipCode]).toEqual(['329701', '329701001']);
    const bad = await file('32970100');
    expect(bad.status).toBe(400);
  });

  it('once the directory lists townships, an unknown one is refused with close matches; a known one and a county code pass', async () => {
    expect((await post('/units', admin, { reason: '乡镇导入', units: UNITS })).status).toBe(201);
    const unknown = await file('329701003');
    expect(unknown.status).toBe(422);
    const err = (await json(unknown)).error;
    expect(err.code).toBe('REGION_TOWNSHIP_UNKNOWN');
    expect(err.details.suggestions).toEqual([
      { code: '329701001', name: '测试市东区梅园街道', why: 'edit_distance' }, { code: '329701002', name: '甲镇', why: 'edit_distance' }]);
    expect(err.message).toContain('329701001（测试市东区梅园街道）');

    const known = await file('329701002');
    expect(known.status).toBe(201);
    expect((await row((await json(known)).caseId)).townshipCode).toBe('329701002');
    const county = await file('329701');
    expect(county.status).toBe(201);
    const c = await row((await json(county)).caseId);
    expect([c.regionCode, c.townshipCode]).toEqual(['329701', null]);
  });

  it('drills down city → county → township with names and ranks', async () => {
    const places = await json(await get('/supervision/regions?parent=329701', registrar));
    expect(places.regions.map((r: { code: string; name: string }) => [r.code, r.name])).toEqual([['329701001', '测试市东区梅园街道'], ['329701002', '甲镇']]);

    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const cities = await json(await get(`/supervision/reports/regions?year=${year}&region=32`, supervisor));
    expect(cities.level).toBe('city');
    expect(cities.rows.map((r: { code: string; name: string; counts: { cases: number } }) => [r.code, r.name, r.counts.cases])).toEqual([['3297', '测试市', 3]]);
    const counties = await json(await get(`/supervision/reports/regions?year=${year}&region=3297`, supervisor));
    expect(counties.rows.map((r: { code: string; name: string; counts: { persons: number } }) => [r.code, r.name, r.counts.persons])).toEqual([['329701', '测试市东区', 6]]);
    const townships = await json(await get(`/supervision/reports/regions?year=${year}&region=329701`, supervisor));
    expect(townships.level).toBe('township');
    expect(townships.rows.map((r: { code: string; name: string; rankInParent: number | null; counts: { cases: number } }) =>
      [r.code, r.name, r.rankInParent, r.counts.cases])).toEqual([
      ['329701', '测试市东区（未细分到乡镇 county level only）', null, 1], ['329701001', '测试市东区梅园街道', 1, 1], ['329701002', '甲镇', 2, 1]]);

    const csv = await (await get(`/supervision/reports/regions?year=${year}&region=329701&format=csv`, supervisor)).text();
    expect(csv).toContain('329701002,甲镇,329701,测试市东区,2,1,2');
    const annual = await json(await get(`/supervision/reports/annual?year=${year}&region=3297`, supervisor));
    expect(annual.townships.map((t: { code: string; name: string; rankInCounty: number | null }) => [t.code, t.name, t.rankInCounty]))
      .toEqual([['329701001', '测试市东区梅园街道', 1], ['329701002', '甲镇', 2], ['329701', '（未细分到乡镇 county level only）', null]]);
    expect((await get(`/supervision/reports/regions?year=${year}`, registrar)).status).toBe(403);
  });
});
