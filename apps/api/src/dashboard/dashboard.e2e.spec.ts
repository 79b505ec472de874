import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { nationalDefaultPolicy } from '@petitions/domain';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';
import { createApiApp } from '../api.app';
import { signToken } from '../auth/token';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ARTIFACTS = join(__dirname, '../../../../tmp/artifacts/dashboard');
const UNIT_A = `dash-unit-a-${process.pid}`;
const UNIT_B = `dash-unit-b-${process.pid}`;
const registrar = { 'x-actor-id': 'reg-dash', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau' };
const supervisor = { 'x-actor-id': 'sup-dash', 'x-actor-role': 'supervisor' };
const handlerOf = (unit: string) => ({ 'x-actor-id': `h-${unit}`, 'x-actor-role': 'handler', 'x-actor-unit': unit });
const petition = (regionCode: string, idNumber: string, name: string, summary: string) => ({
  channel: 'letter', kind: 'claim', category: regionCode.startsWith('540124') ? 'labour_social_security' : 'urban_construction', regionCode, level: 'city',
  persons: 2, respondent: { type: 'unit', description: '某区住建委' }, summary,
  petitioner: { name, idNumber, phone: '13912345678', address: '上海市徐汇区某路 8 号' },
});

/** The Debian/Ubuntu Chromium, wherever the distribution put it (CHROMIUM_PATH overrides; tools/setup/ensure-system-packages.sh installs it). */
function chromiumPath(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((d) => ['chromium', 'chromium-browser'].map((n) => join(d, n)));
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', ...onPath, '/usr/lib/chromium/chromium',
    '/snap/bin/chromium', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); install it: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return found;
}

describe('the supervision dashboard (督查看板) in a real browser against the running system', () => {
  let stack: TestStack;
  let url: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const ids = { overdue: '', dueSoon: '', handled: '' };

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Json> => {
    const res = await fetch(`${url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const command = (caseId: string, headers: Record<string, string>, body: Record<string, unknown>) =>
    call('POST', `/petitions/${caseId}/commands`, headers, body);
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const text = (selector: string) => page.locator(selector).innerText();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack('dashboard');
    url = stack.url;
    // Short limits in two regions so the running system produces breaches, letters, overdue and due-soon cases now.
    const short = { ...nationalDefaultPolicy, id: 'dash-short', name: '看板测试短时限 / dashboard short limits', version: 1, scope: { regionPrefixes: ['45'] },
      effectiveFrom: '2026-01-01T00:00:00+08:00', warnings: [],
      limits: { ...nationalDefaultPolicy.limits, route: { amount: 2, unit: 'seconds' }, receive: { amount: 2, unit: 'seconds' } } };
    const soon = { ...nationalDefaultPolicy, id: 'dash-soon', name: '看板测试三日转送 / dashboard 3-day routing', version: 1, scope: { regionPrefixes: ['540124'] },
      effectiveFrom: '2026-01-01T00:00:00+08:00', limits: { ...nationalDefaultPolicy.limits, route: { amount: 3, unit: 'calendar_days' } } };
    await call('POST', '/policies', { ...supervisor, 'x-actor-unit': 'joint-office' }, { document: short, note: '看板测试' });
    await call('POST', '/policies', { ...supervisor, 'x-actor-unit': 'joint-office' }, { document: soon });

    // A: misses the routing limit, is routed late to unit A, which misses its receipt limit: overdue, two breaches, letters.
    ids.overdue = (await call('POST', '/petitions', registrar, petition('450102', '450102198001011234', '周看板', `看板超期案件 ${process.pid}`))).caseId;
    await eventually(async () => (await stack.db.query(`SELECT 1 FROM accountability_ledger WHERE case_id = $1 AND deadline_key = 'route'`, [ids.overdue])).length > 0, 30_000);
    await command(ids.overdue, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT_A });
    await eventually(async () => (await stack.db.query(`SELECT 1 FROM letters WHERE case_id = $1 AND recipient_unit = $2`, [ids.overdue, UNIT_A])).length > 0, 30_000);
    // B: handled on time by unit B, from routing to the written reply.
    ids.handled = (await call('POST', '/petitions', registrar, petition('310104', '310104197505051234', '吴看板', `看板按期办结 ${process.pid}`))).caseId;
    await command(ids.handled, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT_B });
    for (const body of [{ type: 'ReceiveCase' }, { type: 'NotifyPetitioner' }, { type: 'DecideAcceptance', outcome: 'accepted' },
      { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'reply-dash-1' }]) {
      await command(ids.handled, handlerOf(UNIT_B), body);
    }
    // C: must be routed within 3 days: due soon.
    ids.dueSoon = (await call('POST', '/petitions', registrar, petition('540124', '540124199203031234', '郑看板', `看板临期案件 ${process.pid}`))).caseId;
    await eventually(async () => {
      const rows = await stack.db.query('SELECT case_id, last_seq FROM cases WHERE case_id = ANY($1)', [[ids.overdue, ids.handled, ids.dueSoon]]);
      const handled = rows.find((r: Json) => r.case_id === ids.handled);
      return rows.length === 3 && handled?.last_seq >= 6;
    }, 20_000);

    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    // The console names no URL for a failed load: keep them, so a failure says which request it was.
    page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}`); });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in with a signed token and shows the real figures, lists and league of the running system', async () => {
    await page.goto(`${url}/dashboard`);
    await page.locator('#sign-in').waitFor();
    expect(await text('#sign-in h2')).toBe('登录督查看板');
    // Tests run with dev headers allowed: the page says so and offers demo identities.
    expect(await page.locator('#demo-form').isVisible()).toBe(true);
    const token = signToken(process.env.AUTH_TOKEN_SECRET!, { sub: 'sup-token', role: 'supervisor' }, { ttlSeconds: 600 });
    await page.fill('#token-input', token);
    await page.click('#token-submit');
    await page.locator('#kpis .kpi').first().waitFor();
    await page.locator('#trend-chart canvas').waitFor();
    await page.locator('#category-chart canvas').waitFor();
    expect(await text('#who')).toContain('督查员');

    // The same figures the API answers to this supervisor now.
    const bearer = { authorization: `Bearer ${token}` };
    const period = (await page.inputValue('#period'));
    const summary = await call('GET', `/supervision/reports/summary?period=${period}`, bearer);
    const overdue = await call('GET', '/supervision/overdue?limit=100', bearer);
    const dueSoon = await call('GET', '/supervision/due-soon?days=7&limit=100', bearer);
    const kpi = (id: string) => text(`#kpi-${id} .value`);
    expect(summary.figures.volume.cases).toBeGreaterThanOrEqual(3);
    expect(await kpi('registered')).toBe(String(summary.figures.volume.cases));
    expect(await kpi('open')).toBe(String(summary.figures.volume.cases - summary.figures.closed));
    expect(await kpi('overdue')).toBe(String(overdue.items.length));
    expect(await kpi('dueSoon')).toBe(String(dueSoon.items.length));
    const breaches = Object.values(summary.breachesByKey as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(breaches).toBeGreaterThanOrEqual(2);
    expect(await kpi('breaches')).toBe(String(breaches));
    expect(await kpi('onTimeReply')).toBe(summary.figures.onTimeReplyRate.percent);

    expect(overdue.items.map((c: Json) => c.caseId)).toContain(ids.overdue);
    expect(await page.locator(`#overdue-table a[data-case-id="${ids.overdue}"]`).count()).toBe(1);
    expect(await page.locator('#overdue-table tbody tr').count()).toBe(overdue.items.length);
    expect(dueSoon.items.map((c: Json) => c.caseId)).toContain(ids.dueSoon);
    expect(await page.locator(`#due-soon-table a[data-case-id="${ids.dueSoon}"]`).count()).toBe(1);

    // League: unit A (two breaches, overdue) ranks above unit B (replied on time).
    const league = await call('GET', `/dashboard/api/units?period=${period}`, bearer);
    const rowA = league.items.findIndex((u: Json) => u.unitId === UNIT_A);
    const rowB = league.items.findIndex((u: Json) => u.unitId === UNIT_B);
    expect(rowA).toBeGreaterThanOrEqual(0);
    expect(rowA).toBeLessThan(rowB);
    expect(league.items[rowA]).toMatchObject({ cases: 1, open: 1, overdue: 1 });
    expect(league.items[rowA].breaches).toBeGreaterThanOrEqual(1);
    expect(league.items[rowB]).toMatchObject({ cases: 1, breaches: 0, onTimeReplyRate: { percent: '100.00%' } });
    const leagueRows = await page.locator('#league-table tbody tr').allInnerTexts();
    expect(leagueRows[rowA]).toContain(UNIT_A);
    expect(leagueRows[rowB]).toContain(UNIT_B);
    expect(leagueRows[rowB]).toContain('100.00%');

    // The trend series counts today's registrations and breaches.
    const trend = await call('GET', '/dashboard/api/trend?granularity=day', bearer);
    const today = trend.buckets[trend.buckets.length - 1];
    expect(today.registered).toBeGreaterThanOrEqual(3);
    expect(today.breaches).toBeGreaterThanOrEqual(2);
    await shot('overview-zh');
  }, 120_000);

  it('opens a case from the overdue list: masked facts, timeline, pending deadlines with time left, letters', async () => {
    await page.click(`#overdue-table a[data-case-id="${ids.overdue}"]`);
    await page.locator('#timeline-table').waitFor();
    expect(await text('#case-id')).toBe(ids.overdue);
    const bearer = { ...supervisor };
    const live = await call('GET', `/petitions/${ids.overdue}/live`, bearer);
    const types = await page.locator('#timeline-table [data-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
    expect(types).toEqual(live.timeline.map((r: Json) => (r.event ?? r).type));
    expect(types).toEqual(expect.arrayContaining(['PetitionRegistered', 'DeadlineBreached', 'PetitionRouted', 'LetterIssued']));
    expect(await text('#timeline-table')).toContain('转送交办');
    const keys = await page.locator('#pending-table [data-deadline]').evaluateAll((els) => els.map((e) => e.getAttribute('data-deadline')));
    expect([...keys].sort()).toEqual(live.pendingDeadlines.map((d: Json) => d.key).sort());
    expect(live.pendingDeadlines.length).toBeGreaterThan(0);
    expect(await text('#pending-table')).toMatch(/\d+(天|小时|分钟|秒)/);

    // A supervisor sees the petitioner masked, exactly as the API masks it.
    const masked = (await call('GET', `/petitions/${ids.overdue}/petitioner`, bearer)).petitioner;
    expect(masked.masked).toBe(true);
    const petitionerText = await text('#petitioner');
    expect(petitionerText).toContain(masked.name);
    expect(petitionerText).toContain(masked.idNumber);
    expect(petitionerText).not.toContain('周看板');
    expect(petitionerText).not.toContain('450102198001011234');
    expect(await page.locator('body').innerText()).not.toContain('13912345678');

    const letters = (await call('GET', `/letters?caseId=${ids.overdue}`, bearer)).letters;
    expect(letters.length).toBeGreaterThanOrEqual(2);
    const letterText = await text('#letters-table');
    for (const l of letters) expect(letterText).toContain(l.letterNo);
    // Each letter shows its feedback state.
    expect(await page.locator('#letters-table [data-letter-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-letter-state'))))
      .toEqual(letters.map((l: Json) => l.feedbackState));
    await page.click(`#letters-table button.letter-html[data-letter="${letters[0].letterId}"]`);
    await page.locator('#letter-dialog[open]').waitFor();
    const frame = page.frameLocator('#letter-frame');
    await expect(frame.locator('body').innerText()).resolves.toContain(letters[0].letterNo);
    await shot('letter-zh');
    await page.click('#letter-close');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#letters-table button.letter-pdf[data-letter="${letters[0].letterId}"]`)]);
    expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    await shot('case-zh');
  }, 120_000);

  it('switches to English, remembers the choice, and shows the policies with their limits and escalation ladder', async () => {
    expect(await text('#nav-overview')).toBe('总览');
    // Every label exists in both languages.
    const missing = await page.evaluate(`(() => { const d = window.DASHBOARD_I18N; const zh = Object.keys(d['zh-CN']), en = Object.keys(d.en);
      return [...zh.filter((k) => !en.includes(k)), ...en.filter((k) => !zh.includes(k))]; })()`);
    expect(missing).toEqual([]);
    await page.click('#lang-toggle');
    await page.locator('#timeline-table').waitFor();
    expect(await text('#nav-overview')).toBe('Overview');
    expect(await text('#case-timeline h2')).toBe('Timeline');
    expect(await text('#case-pending h2')).toBe('Pending deadlines');
    expect(await text('#timeline-table')).toContain('Deadline breached');
    await shot('case-en');
    expect(await page.evaluate('localStorage.getItem("petitions.dashboard.lang")')).toBe('en');

    await page.reload();
    await page.click('#back');
    await page.locator('#kpis .kpi').first().waitFor();
    expect(await text('#kpi-overdue .label')).toBe('Overdue');
    expect(await text('#overdue-panel h2')).toBe('Overdue cases');
    expect(await text('#league-panel h2')).toBe('Unit league table');
    await page.locator('#trend-chart canvas').waitFor();
    await shot('overview-en');

    await page.click('#nav-policies');
    await page.locator('[data-policy="dash-short"]').waitFor();
    const policies = await call('GET', '/policies', supervisor);
    const short = policies.published.find((p: Json) => p.id === 'dash-short');
    const block = page.locator('[data-policy="dash-short"]');
    expect(await block.locator('[data-rung]').count()).toBe(short.escalation.length);
    expect(await block.innerText()).toContain('Supervision reminder letter');
    expect(await block.innerText()).toContain('2 seconds');
    expect(await block.locator('.versions-table tbody tr').count()).toBe((await call('GET', '/policies/dash-short/versions', supervisor)).versions.length);
    expect(await page.locator(`[data-policy="${nationalDefaultPolicy.id}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-policy="dash-soon"]').innerText()).toContain('3 days');
    await shot('policies-en');
  }, 120_000);

  it('confines a handler (demo identity) to the unit: its overdue case, no bureau-wide league', async () => {
    await page.click('#lang-toggle');
    await page.click('#sign-out');
    await page.locator('#demo-form').waitFor();
    await page.selectOption('#demo-role', 'handler');
    await page.fill('#demo-id', 'h-dash-a');
    await page.fill('#demo-unit', UNIT_A);
    await page.click('#demo-submit');
    await page.goto(`${url}/dashboard#/overview`);
    await page.locator('#kpis .kpi').first().waitFor();
    expect(await text('#who')).toContain(UNIT_A);
    const mine = await call('GET', `/supervision/overdue?limit=100&unit=${UNIT_A}`, handlerOf(UNIT_A));
    expect(mine.items.map((c: Json) => c.caseId)).toEqual([ids.overdue]);
    expect(await page.locator('#overdue-table a[data-case-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')))).toEqual([ids.overdue]);
    expect(await page.locator(`a[data-case-id="${ids.dueSoon}"]`).count()).toBe(0);
    expect(await page.locator('#league-table').count()).toBeLessThanOrEqual(1);
    expect(await text('#league-panel')).not.toContain(UNIT_B);
    // The unit's letters to answer: the letters addressed to it still awaiting its feedback.
    const toAnswer = (await call('GET', `/letters?awaiting=feedback&unitId=${UNIT_A}&limit=100`, handlerOf(UNIT_A))).letters as Json[];
    expect(await text('#letter-work-panel h2')).toBe('待反馈的督办函件');
    expect(await page.locator('#letter-work-table tbody tr').count()).toBe(toAnswer.length);
    const answerText = await text('#letter-work-panel');
    for (const l of toAnswer) expect(answerText).toContain(l.letterNo as string);
    await shot('overview-handler-zh');
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('answers the trend from the read model, refuses bad ranges, serves only its own assets, and scopes its CSP', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00+08:00`)).toISOString();
    const to = new Date(Date.parse(from) + 86_400_000).toISOString();
    const trend = await call('GET', `/dashboard/api/trend?granularity=day&from=${today}&to=${today}`, supervisor);
    const count = async (sql: string) => Number((await stack.db.query(sql, [from, to]))[0].n);
    expect(trend.buckets).toEqual([{
      bucket: today,
      registered: await count('SELECT count(*) AS n FROM cases WHERE registered_at >= $1 AND registered_at < $2'),
      persons: await count('SELECT coalesce(sum(persons), 0) AS n FROM cases WHERE registered_at >= $1 AND registered_at < $2'),
      replied: await count('SELECT count(*) AS n FROM cases WHERE replied_at >= $1 AND replied_at < $2'),
      closed: await count('SELECT count(*) AS n FROM cases WHERE closed_at >= $1 AND closed_at < $2'),
      breaches: await count('SELECT count(*) AS n FROM accountability_ledger WHERE breached_at >= $1 AND breached_at < $2'),
    }]);
    expect(trend.buckets[0].replied).toBeGreaterThanOrEqual(1);
    const mine = await call('GET', `/dashboard/api/trend?granularity=month&unit=${UNIT_B}`, handlerOf(UNIT_B));
    expect(mine.buckets).toHaveLength(12);
    expect(mine.buckets[11].bucket).toBe(today.slice(0, 7));
    expect(mine.buckets.reduce((a: number, b: Json) => a + b.registered, 0)).toBe(1);
    expect(mine.categories).toEqual([{ category: 'urban_construction', cases: 1 }]);

    const refused = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${url}${path}`, { headers });
      return { status: res.status, code: ((await res.json()) as Json).error?.code };
    };
    expect(await refused('/dashboard/api/trend?from=2026-01-01&to=2027-06-30', supervisor)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await refused('/dashboard/api/trend?from=2026-05-01&to=2026-04-01', supervisor)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await refused('/dashboard/api/trend?sql=1', supervisor)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await refused(`/dashboard/api/trend?unit=${UNIT_A}`, handlerOf(UNIT_B))).toEqual({ status: 403, code: 'AUTH_UNIT_SCOPE' });
    expect(await refused('/dashboard/api/units', handlerOf(UNIT_B))).toEqual({ status: 403, code: 'AUTH_ROLE_FORBIDDEN' });
    expect(await refused('/dashboard/assets/index.html', {})).toEqual({ status: 404, code: 'ASSET_NOT_FOUND' });
    expect(await refused('/dashboard/assets/..%2F..%2Fapi.module.ts', {})).toEqual({ status: 404, code: 'ASSET_NOT_FOUND' });

    const pageRes = await fetch(`${url}/dashboard`);
    expect(pageRes.headers.get('content-type')).toContain('text/html');
    const csp = pageRes.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect((await fetch(`${url}/policies`, { headers: supervisor })).headers.get('content-security-policy')).not.toContain('script-src');
    const echarts = await fetch(`${url}/dashboard/assets/echarts.min.js`);
    expect(echarts.headers.get('content-type')).toContain('javascript');
    expect((await echarts.text()).length).toBeGreaterThan(100_000);
  }, 60_000);

  it('offers only the token sign-in where the API does not accept dev headers', async () => {
    const saved = process.env.AUTH_ALLOW_DEV_HEADERS;
    process.env.AUTH_ALLOW_DEV_HEADERS = 'false';
    const app = await createApiApp({ logger: false }).finally(() => { process.env.AUTH_ALLOW_DEV_HEADERS = saved; });
    try {
      await app.listen(0, '127.0.0.1');
      const url2 = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      expect(await (await fetch(`${url2}/dashboard/config`)).json()).toMatchObject({ allowDevHeaders: false });
      expect((await fetch(`${url2}/supervision/overdue`, { headers: supervisor })).status).toBe(401);
      await page.goto(`${url2}/dashboard`);
      await page.locator('#sign-in').waitFor();
      expect(await page.locator('#demo-form').isVisible()).toBe(false);
      expect(await text('#demo-note')).toBe('本服务不接受演示身份，请使用签名令牌。');
      expect(await page.locator('#token-form').isVisible()).toBe(true);
      await shot('sign-in-token-only-zh');
    } finally {
      await app.close();
    }
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
