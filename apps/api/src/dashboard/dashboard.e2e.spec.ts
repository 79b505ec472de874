import { nationalDefaultPolicy } from '@petitions/domain';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';
import { createApiApp } from '../api.app';
import { signToken } from '../auth/token';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

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

/**
 * The supervision series and settings the workbench's overview reads (/dashboard/config, /dashboard/api/trend and
 * /dashboard/api/units) against the running system; the pages themselves are the workbench's and are tested in a
 * browser by apps/api/src/workbench/workbench.e2e.spec.ts (the old dashboard front end is gone, its address redirects).
 */
describe('the supervision series (督查看板接口) against the running system', () => {
  let stack: TestStack;
  let url: string;
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

  beforeAll(async () => {
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

  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the overdue and due-soon cases and ranks the units as the API answers a supervisor with a signed token', async () => {
    const token = signToken(process.env.AUTH_TOKEN_SECRET!, { sub: 'sup-token', role: 'supervisor' }, { ttlSeconds: 600 });
    const bearer = { authorization: `Bearer ${token}` };
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const overdue = await call('GET', '/supervision/overdue?limit=100', bearer);
    const dueSoon = await call('GET', '/supervision/due-soon?days=7&limit=100', bearer);
    expect(overdue.items.map((c: Json) => c.caseId)).toContain(ids.overdue);
    expect(dueSoon.items.map((c: Json) => c.caseId)).toContain(ids.dueSoon);
    // League: unit A (two breaches, overdue) ranks above unit B (replied on time).
    const league = await call('GET', `/dashboard/api/units?period=${period}`, bearer);
    const rowA = league.items.findIndex((u: Json) => u.unitId === UNIT_A);
    const rowB = league.items.findIndex((u: Json) => u.unitId === UNIT_B);
    expect(rowA).toBeGreaterThanOrEqual(0);
    expect(rowA).toBeLessThan(rowB);
    expect(league.items[rowA]).toMatchObject({ cases: 1, open: 1, overdue: 1 });
    expect(league.items[rowA].breaches).toBeGreaterThanOrEqual(1);
    expect(league.items[rowB]).toMatchObject({ cases: 1, breaches: 0, onTimeReplyRate: { percent: '100.00%' } });
    // A handler sees the unit's own overdue case only.
    const mine = await call('GET', `/supervision/overdue?limit=100&unit=${UNIT_A}`, handlerOf(UNIT_A));
    expect(mine.items.map((c: Json) => c.caseId)).toEqual([ids.overdue]);
    // The trend series counts today's registrations and breaches.
    const trend = await call('GET', '/dashboard/api/trend?granularity=day', bearer);
    const today = trend.buckets[trend.buckets.length - 1];
    expect(today.registered).toBeGreaterThanOrEqual(3);
    expect(today.breaches).toBeGreaterThanOrEqual(2);
  }, 60_000);

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
    expect(await refused('/workbench/assets/index.html', {})).toEqual({ status: 404, code: 'ASSET_NOT_FOUND' });
    expect(await refused('/workbench/assets/..%2F..%2Fapi.module.ts', {})).toEqual({ status: 404, code: 'ASSET_NOT_FOUND' });

    // The old address leads to the workbench's overview; the workbench's pages get the page CSP.
    const old = await fetch(`${url}/dashboard`);
    expect(old.headers.get('content-type')).toContain('text/html');
    expect(await old.text()).toContain('<meta http-equiv="refresh" content="0; url=/workbench/#/overview">');
    const pageRes = await fetch(`${url}/workbench`);
    const csp = pageRes.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect((await fetch(`${url}/policies`, { headers: supervisor })).headers.get('content-security-policy')).not.toContain('script-src');
    const font = await fetch(`${url}/workbench/assets/cjk.ttf`);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  }, 60_000);

  it('says where the API does not accept dev headers, so the sign-in offers only tokens', async () => {
    const saved = process.env.AUTH_ALLOW_DEV_HEADERS;
    process.env.AUTH_ALLOW_DEV_HEADERS = 'false';
    const app = await createApiApp({ logger: false }).finally(() => { process.env.AUTH_ALLOW_DEV_HEADERS = saved; });
    try {
      await app.listen(0, '127.0.0.1');
      const url2 = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      expect(await (await fetch(`${url2}/dashboard/config`)).json()).toMatchObject({ allowDevHeaders: false });
      expect((await fetch(`${url2}/supervision/overdue`, { headers: supervisor })).status).toBe(401);
    } finally {
      await app.close();
    }
  }, 60_000);
});
