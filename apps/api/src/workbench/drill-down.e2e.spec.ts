import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';
import { chromiumPath } from '../../../../tools/test/chromium';
import { workbenchDir } from './workbench-static.controller';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ROOT = join(__dirname, '../../../..');
// City 3298 / county 329801 / townships 329801001 and 329801002: this file only, on a database of its own.
const UNITS = [
  { id: 'dr-city-gov', nameZh: '钻取市人民政府', kind: 'government', regionCode: '329800' },
  { id: 'dr-bureau', nameZh: '钻取市信访局', kind: 'petition_bureau', parentId: 'dr-city-gov', regionCode: '329800' },
  { id: 'dr-county-gov', nameZh: '钻取市北区人民政府', kind: 'government', parentId: 'dr-city-gov', regionCode: '329801' },
  { id: 'dr-t1', nameZh: '钻取市北区梅园街道办事处', kind: 'township', parentId: 'dr-county-gov', regionCode: '329801001' },
  { id: 'dr-t2', nameZh: '钻取市北区甲镇人民政府', shortName: '甲镇', kind: 'township', parentId: 'dr-county-gov', regionCode: '329801002' },
];
const PEOPLE = [
  { id: 'dr-p-head', nameZh: '周镇长', unitId: 'dr-t2', roles: ['leader', 'unit_head'] },
  { id: 'dr-p-handler', nameZh: '吴承办', unitId: 'dr-t2', roles: ['handler'] },
  { id: 'dr-p-other', nameZh: '郑街道', unitId: 'dr-t1', roles: ['handler'] },
];
const admin = { 'x-actor-id': 'adm-dr', 'x-actor-role': 'admin' };
const registrar = { 'x-actor-id': 'reg-dr', 'x-actor-role': 'registrar', 'x-actor-unit': 'dr-bureau' };
const supervisor = { 'x-actor-id': 'sup-dr', 'x-actor-role': 'supervisor', 'x-actor-unit': 'joint-office' };
/**
 * The petitions filed: 梅园街道 (001) two cases of 2 and 3 persons, 甲镇 (002) three cases of 1 person each.
 * By hand: 梅园街道 2 件 5 人次, 甲镇 3 件 3 人次, the county 5 件 8 人次; ranks in the county (most cases first):
 * 甲镇 1, 梅园街道 2. No case is routed or accepted yet, so no acceptance, reply or satisfaction rate has a
 * denominator ("—") and there is no breach.
 */
const FILED: [string, number][] = [['329801001', 2], ['329801001', 3], ['329801002', 1], ['329801002', 1], ['329801002', 1]];

describe('the workbench drill-down by place (属地分析) in a real browser: city → county → township, and a unit’s people', () => {
  let own: { drop(): Promise<void> };
  let stack: TestStack;
  let url: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Json> => {
    const res = await fetch(`${url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const pick = async (selector: string, option: string) => {
    await page.locator('.el-select', { has: page.locator(selector) }).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  };
  const signInAs = async (roleLabel: string, id: string, unit = '') => {
    await page.goto(`${url}/workbench/#/sign-in`);
    if (await page.locator('#sign-out').isVisible()) await page.click('#sign-out');
    await page.locator('#demo-form').waitFor();
    await pick('#demo-role', roleLabel);
    await page.fill('#demo-id', id);
    await page.fill('#demo-unit', unit);
    await page.click('#demo-submit');
    await page.locator('#who').waitFor();
    await page.waitForFunction("!location.hash.startsWith('#/sign-in')");
  };
  /** The drill-down table's rows: [name, cases, persons, timely, on-time, satisfaction, breaches, rank?]. */
  const rows = async (): Promise<string[][]> => page.locator('#drill-table tbody tr').evaluateAll((trs) => trs.map((tr) =>
    ['.drill-name', '[data-col="cases"]', '[data-col="persons"]', '[data-col="timely"]', '[data-col="onTime"]', '[data-col="satisfaction"]',
      '[data-col="breaches"]', '[data-col="rank"]'].map((s) => tr.querySelector(s)?.textContent?.trim() ?? '')));
  const waitForRow = (name: string) => page.locator('#drill-table .drill-name', { hasText: name }).first().waitFor();

  beforeAll(async () => {
    // Like the workbench test: the test command builds the workbench first; a single run of this file builds it when missing.
    if (!existsSync(join(workbenchDir(), 'index.html'))) execFileSync('npx', ['vite', 'build', '-c', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT });
    // Its own database: the test imports directory townships and people, which govern every registration of a database.
    own = await useOwnDatabase('drilldown');
    stack = await startStack('drilldown');
    url = stack.url;
    await call('POST', '/units', admin, { reason: '属地钻取测试 / drill-down test', effectiveFrom: '2020-01-01', units: UNITS });
    await call('POST', '/people', admin, { reason: '属地钻取测试 / drill-down test', effectiveFrom: '2020-01-01', people: PEOPLE });
    const ids: string[] = [];
    for (const [i, [regionCode, persons]] of FILED.entries()) {
      const filed = await call('POST', '/petitions', registrar, {
        channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode, level: 'county', persons,
        respondent: { type: 'unit', description: '某镇政府' }, summary: `属地钻取测试第${i + 1}件 ${process.pid}`,
        petitioner: { name: `钻取人${i + 1}`, idNumber: '329801198001011234', phone: '13900005555', address: '测试地址' },
      });
      ids.push(filed.caseId);
    }
    // Every case in the read model with its township before the browser reads the report.
    await eventually(async () => Number((await stack.db.query('SELECT count(*) AS n FROM cases WHERE case_id = ANY($1) AND township_code IS NOT NULL',
      [ids]))[0].n) === FILED.length, 20_000, 200);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await own?.drop();
  });

  it('drills from the city to the county to its townships with the figures worked out by hand, and goes back by the breadcrumb', async () => {
    await signInAs('督查员', 'sup-dr', 'joint-office');
    await page.click('#nav-drill');
    await page.locator('#drill-page').waitFor();
    await waitForRow('钻取市');
    expect(await page.locator('#drill-page h2').innerText()).toBe('属地分析（市 → 县区 → 乡镇街道）');
    expect(await rows()).toEqual([['钻取市', '5', '8', '—', '—', '—', '0', '']]);

    await page.locator('#drill-table .drill-name', { hasText: '钻取市' }).click();
    await waitForRow('钻取市北区');
    expect(page.url()).toContain('region=3298');
    expect(await rows()).toEqual([['钻取市北区', '5', '8', '—', '—', '—', '0', '']]);

    await page.locator('#drill-table .drill-name', { hasText: '钻取市北区' }).click();
    await waitForRow('甲镇');
    expect(page.url()).toContain('region=329801');
    expect(await page.locator('#drill-crumbs').innerText()).toMatch(/全部\s*›\s*钻取市\s*›\s*钻取市北区/);
    expect(await rows()).toEqual([
      ['钻取市北区梅园街道', '2', '5', '—', '—', '—', '0', '2'],
      ['甲镇', '3', '3', '—', '—', '—', '0', '1'],
    ]);

    // One figure against the API: 甲镇's persons and rank as GET /supervision/reports/regions gives them.
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const api = await call('GET', `/supervision/reports/regions?year=${year}&region=329801`, supervisor);
    const jia = api.rows.find((r: Json) => r.code === '329801002');
    expect([jia.name, jia.counts.cases, jia.counts.persons, jia.rankInParent]).toEqual(['甲镇', 3, 3, 1]);

    // The CSV download is the API's, for the place shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#drill-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('329801002,甲镇,329801,钻取市北区,1,3,3');

    // Back up by the breadcrumb: the city's counties again, then the whole.
    await page.click('[data-crumb="3298"]');
    await waitForRow('钻取市北区');
    expect((await rows()).map((r) => r[0])).toEqual(['钻取市北区']);
    await page.click('[data-crumb="all"]');
    await waitForRow('钻取市');
    expect((await rows()).map((r) => r[0])).toEqual(['钻取市']);
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows a unit’s people, names and roles, on the units directory page', async () => {
    await page.click('#nav-units');
    await page.locator('#units-tree').waitFor();
    await page.click('#units-tree [data-unit="dr-t2"]');
    await page.locator('#people-table [data-person="dr-p-head"]').waitFor();
    expect(await page.locator('#unit-people-unit').innerText()).toBe('钻取市北区甲镇人民政府');
    const people = await page.locator('#people-table tbody tr').evaluateAll((trs) => trs.map((tr) =>
      [tr.querySelector('[data-person]')?.textContent?.trim(), tr.querySelector('.person-roles')?.textContent?.trim()]));
    expect(people).toEqual([['吴承办', '承办人'], ['周镇长', '领导、单位负责人']]);
    expect(errors).toEqual([]);
  }, 60_000);
});
