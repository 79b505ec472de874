import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../api.app';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';
import { ACCESS_RULES, listRoutes } from './access-rules';
import { EXPECTED_ACCESS, expectedAccess } from './role-matrix.expected';
import { ApiModule } from '../api.module';
import { hashApiKey, signToken } from './token';

const UNIT_A = 'auth-unit-a';
const UNIT_B = 'auth-unit-b';
const ORIGIN = 'http://ui.auth.test:8233';
const API_KEY = `key-${process.pid}-auditor`;
const secret = () => process.env.AUTH_TOKEN_SECRET!;
const token = (sub: string, role: string, unit?: string, ttlSeconds = 600, now?: number) => signToken(secret(), { sub, role, unit }, { ttlSeconds, now });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** Every person the matrix calls as: each bureau role, and each unit role for unit A (the case's) and unit B. */
const ACTORS: { name: string; role: string; unit?: string }[] = [
  { name: 'registrar', role: 'registrar', unit: 'city-bureau' },
  { name: 'handler@A', role: 'handler', unit: UNIT_A },
  { name: 'unit_head@A', role: 'unit_head', unit: UNIT_A },
  { name: 'handler@B', role: 'handler', unit: UNIT_B },
  { name: 'unit_head@B', role: 'unit_head', unit: UNIT_B },
  { name: 'supervisor', role: 'supervisor' },
  { name: 'leader', role: 'leader' },
  { name: 'auditor', role: 'auditor' },
  { name: 'admin', role: 'admin' },
];

type Sample = (ids: { caseId: string; letterId: string }) => { path: string; body?: unknown };
/**
 * One request per route. Bodies are deliberately invalid where a valid one would change something (the
 * controller then answers 400 — past the guard). A route missing here fails the test.
 */
const SAMPLES: Record<string, Sample> = {
  'GET /health': () => ({ path: '/health' }),
  'GET /ready': () => ({ path: '/ready' }),
  'POST /petitions': () => ({ path: '/petitions', body: {} }),
  'POST /petitions/suggest-related': () => ({ path: '/petitions/suggest-related', body: {} }),
  'GET /petitions/:caseId': ({ caseId }) => ({ path: `/petitions/${caseId}` }),
  'GET /petitions/:caseId/live': ({ caseId }) => ({ path: `/petitions/${caseId}/live` }),
  'GET /petitions/:caseId/petitioner': ({ caseId }) => ({ path: `/petitions/${caseId}/petitioner` }),
  'POST /petitions/:caseId/commands': ({ caseId }) => ({ path: `/petitions/${caseId}/commands`, body: { type: 'NoSuchCommand' } }),
  'GET /policies': () => ({ path: '/policies' }),
  'GET /policies/:policyId/versions': () => ({ path: '/policies/national/versions' }),
  'GET /policies/:policyId/versions/:version/rollout': () => ({ path: '/policies/national/versions/1/rollout' }),
  'POST /policies/resolve': () => ({ path: '/policies/resolve', body: {} }),
  'POST /policies': () => ({ path: '/policies', body: {} }),
  'GET /calendar/years': () => ({ path: '/calendar/years' }),
  'GET /calendar/coverage': () => ({ path: '/calendar/coverage' }),
  'POST /calendar/years': () => ({ path: '/calendar/years', body: {} }),
  'GET /units': () => ({ path: '/units' }),
  'GET /units/:unitId': () => ({ path: '/units/role-matrix-unit' }),
  'GET /units/:unitId/history': () => ({ path: '/units/role-matrix-unit/history' }),
  'POST /units': () => ({ path: '/units', body: {} }),
  'GET /people': () => ({ path: '/people' }),
  'GET /people/:personId': () => ({ path: '/people/role-matrix-person' }),
  'POST /people': () => ({ path: '/people', body: {} }),
  'GET /reorganizations': () => ({ path: '/reorganizations' }),
  'GET /reorganizations/:reorganizationId': () => ({ path: '/reorganizations/role-matrix-reorg' }),
  'POST /reorganizations': () => ({ path: '/reorganizations', body: {} }),
  'GET /letters': () => ({ path: `/letters?unitId=${UNIT_A}` }),
  'GET /letters/:document': ({ letterId }) => ({ path: `/letters/${letterId}.html` }),
  'POST /letters/:letter/feedback': ({ letterId }) => ({ path: `/letters/${letterId}/feedback`, body: {} }),
  'POST /letters/:letter/feedback/accept': ({ letterId }) => ({ path: `/letters/${letterId}/feedback/accept`, body: { note: '' } }),
  'POST /letters/:letter/feedback/return': ({ letterId }) => ({ path: `/letters/${letterId}/feedback/return`, body: {} }),
  'POST /letters/:letter/adoption': ({ letterId }) => ({ path: `/letters/${letterId}/adoption`, body: {} }),
  'GET /supervision/overdue': () => ({ path: `/supervision/overdue?unit=${UNIT_A}` }),
  'GET /supervision/due-soon': () => ({ path: `/supervision/due-soon?unit=${UNIT_A}` }),
  'GET /supervision/breaches': () => ({ path: `/supervision/breaches?unit=${UNIT_A}` }),
  'GET /supervision/ledger': () => ({ path: `/supervision/ledger?unit=${UNIT_A}` }),
  'GET /supervision/units/most-complained': () => ({ path: '/supervision/units/most-complained' }),
  'GET /supervision/units/most-handled': () => ({ path: '/supervision/units/most-handled' }),
  'GET /supervision/handlers/workload': () => ({ path: `/supervision/handlers/workload?unit=${UNIT_A}` }),
  'GET /supervision/repeats': () => ({ path: `/supervision/repeats?unit=${UNIT_A}` }),
  'GET /supervision/reports/summary': () => ({ path: '/supervision/reports/summary?period=2026' }),
  'GET /supervision/reports/annual': () => ({ path: '/supervision/reports/annual?year=2026' }),
  'GET /supervision/cluster-warnings': () => ({ path: '/supervision/cluster-warnings' }),
  'GET /supervision/reports/regions': () => ({ path: '/supervision/reports/regions?year=2026&region=3201' }),
  'GET /supervision/regions': () => ({ path: '/supervision/regions?parent=3201' }),
  'POST /codec/decode': () => ({ path: '/codec/decode', body: { payloads: [] } }),
  'POST /codec/encode': () => ({ path: '/codec/encode', body: { payloads: [] } }),
  'POST /codec/cases/:caseId/decode': ({ caseId }) => ({ path: `/codec/cases/${caseId}/decode`, body: { payloads: [] } }),
  'POST /codec/cases/:caseId/encode': ({ caseId }) => ({ path: `/codec/cases/${caseId}/encode`, body: { payloads: [] } }),
  'GET /audit/cases': () => ({ path: '/audit/cases?limit=1' }),
  'GET /audit/cases/:caseId/replay': ({ caseId }) => ({ path: `/audit/cases/${caseId}/replay` }),
  'GET /audit/cases/:caseId/timeline': ({ caseId }) => ({ path: `/audit/cases/${caseId}/timeline` }),
  'GET /audit/cases/:caseId/state': ({ caseId }) => ({ path: `/audit/cases/${caseId}/state?seq=1` }),
  'GET /audit/cases/:caseId/verify': ({ caseId }) => ({ path: `/audit/cases/${caseId}/verify` }),
  'GET /audit/projections/stuck': () => ({ path: '/audit/projections/stuck' }),
  'POST /audit/projections/replay': () => ({ path: '/audit/projections/replay', body: { caseIds: [] } }),
  'GET /audit/personal-data-reads': () => ({ path: '/audit/personal-data-reads?limit=1' }),
  'GET /dashboard': () => ({ path: '/dashboard' }),
  'GET /workbench': () => ({ path: '/workbench' }),
  'GET /workbench/assets/:file': () => ({ path: '/workbench/assets/cjk.ttf' }),
  'GET /workbench/forms': () => ({ path: '/workbench/forms' }),
  'GET /workbench/cases': () => ({ path: `/workbench/cases?unit=${UNIT_A}` }),
  'GET /petitions/:caseId/actions': ({ caseId }) => ({ path: `/petitions/${caseId}/actions` }),
  'GET /dashboard/config': () => ({ path: '/dashboard/config' }),
  'GET /dashboard/api/trend': () => ({ path: `/dashboard/api/trend?unit=${UNIT_A}` }),
  'GET /dashboard/api/units': () => ({ path: '/dashboard/api/units?period=2026' }),
  'GET /openapi.json': () => ({ path: '/openapi.json' }),
  'GET /docs': () => ({ path: '/docs' }),
  'GET /docs/:asset': () => ({ path: '/docs/swagger-ui.css' }),
};

const GUARD_CODES = new Set(['AUTH_ROLE_FORBIDDEN', 'AUTH_UNIT_SCOPE', 'AUTH_NO_RULE', 'AUTH_TOKEN_MISSING', 'AUTH_TOKEN_INVALID', 'AUTH_TOKEN_EXPIRED', 'AUTH_ROLE_UNKNOWN']);

async function call(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let code: string | undefined;
  try { code = (JSON.parse(text) as { error?: { code?: string } }).error?.code; } catch { /* pdf, csv … */ }
  return { status: res.status, code, headers: res.headers, text };
}

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (v: Record<string, string | undefined>) => { for (const [k, x] of Object.entries(v)) if (x === undefined) delete process.env[k]; else process.env[k] = x; };
  set(vars);
  return fn().finally(() => set(saved));
}

describe('authentication and the role × endpoint matrix', () => {
  let stack: TestStack;
  let url: string;
  let caseId: string;
  let letterId: string;

  beforeAll(async () => {
    stack = await withEnv({ AUTH_API_KEYS: JSON.stringify({ [hashApiKey(API_KEY)]: { id: 'etl-1', role: 'auditor' } }), CORS_ORIGINS: ORIGIN },
      () => startStack('auth'));
    url = stack.url;
    const reg = bearer(token('reg-auth', 'registrar', 'city-bureau'));
    const filed = await call(url, 'POST', '/petitions', reg, {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某区住建委' }, summary: `权限矩阵测试 ${process.pid}`,
      petitioner: { name: '张三丰', idNumber: '310104198805061234', phone: '13912345678', address: '上海市徐汇区某路 1 号' },
    });
    expect(filed.status).toBe(201);
    caseId = (JSON.parse(filed.text) as { caseId: string }).caseId;
    const routed = await call(url, 'POST', `/petitions/${caseId}/commands`, reg, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT_A });
    expect(routed.status).toBeLessThan(300);
    await eventually(async () => (await stack.db.query('SELECT lead_unit_id FROM cases WHERE case_id = $1', [caseId]))[0]?.lead_unit_id === UNIT_A, 20_000);
    const [row] = await stack.db.query(`INSERT INTO letters (case_id, escalation_key, kind, issuing_body, year, seq_no, letter_no, recipient_unit,
      deadline_key, issued_at, html, pdf) VALUES ($1, 'auth-test', 'reminder', 'auth-test-body', 2026, $2, 'auth-test', $3, 'handle', now(),
      '<p>x</p>', '\\x25504446') RETURNING letter_id`, [caseId, process.pid % 100_000, UNIT_A]);
    letterId = String(row.letter_id);
  }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  it('has an access rule and a sample request for every route the API serves, and no stale rule', () => {
    const routes = listRoutes(ApiModule);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !ACCESS_RULES[r])).toEqual([]);
    expect(routes.filter((r) => !SAMPLES[r])).toEqual([]);
    expect(routes.filter((r) => !EXPECTED_ACCESS[r])).toEqual([]);
    expect(Object.keys(ACCESS_RULES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  // The expected outcome of each call comes from the literal matrix (role-matrix.expected.ts), not from ACCESS_RULES.
  it('lets exactly the allowed roles through every endpoint, unit staff only to their unit', async () => {
    const routes = listRoutes(ApiModule);
    const problems: string[] = [];
    const matrix: Record<string, Record<string, number>> = {};
    for (const route of routes) {
      const rule = expectedAccess(route)!;
      const [method] = route.split(' ');
      const { path, body } = SAMPLES[route]({ caseId, letterId });
      for (const a of ACTORS) {
        const res = await call(url, method, path, bearer(token(`${a.name.replace('@', '-')}-x`, a.role, a.unit)), body);
        (matrix[route] ??= {})[a.name] = res.status;
        const refusedByGuard = (res.status === 403 && GUARD_CODES.has(res.code ?? '')) || res.status === 401
          || (res.status === 404 && ['handler', 'unit_head'].includes(a.role) && rule.unitScope !== undefined && ['CASE_NOT_FOUND', 'LETTER_NOT_FOUND'].includes(res.code ?? ''));
        let expected: 'allow' | 'refuse' | 'hide';
        if (rule.roles === 'public') expected = 'allow';
        else if (!(rule.roles as readonly string[]).includes(a.role)) expected = 'refuse';
        else if (a.unit === UNIT_B && ['handler', 'unit_head'].includes(a.role) && rule.unitScope !== 'none') expected = rule.unitScope === 'case' || rule.unitScope === 'letter-doc' || rule.unitScope === 'letter-answer' ? 'hide' : 'refuse';
        else expected = 'allow';
        const ok = expected === 'allow' ? !refusedByGuard && res.status < 500
          : expected === 'refuse' ? res.status === 403 && GUARD_CODES.has(res.code ?? '')
            : res.status === 404;
        if (!ok) problems.push(`${route} as ${a.name}: expected ${expected}, got ${res.status} ${res.code ?? ''} ${res.text.slice(0, 120)}`);
      }
    }
    console.log(`role matrix: ${routes.length} endpoints × ${ACTORS.length} actors = ${routes.length * ACTORS.length} calls\n`
      + Object.entries(matrix).map(([r, m]) => `${r.padEnd(52)} ${Object.entries(m).map(([n, s]) => `${n}=${s}`).join(' ')}`).join('\n'));
    expect(problems).toEqual([]);
  }, 300_000);

  it('hides unrouted cases from unit staff but lets the domain refuse their commands on them', async () => {
    const reg = bearer(token('reg-auth', 'registrar', 'city-bureau'));
    const filed = await call(url, 'POST', '/petitions', reg, {
      channel: 'visit', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某街道办' }, summary: `未转送案件 ${process.pid}`, petitioner: { name: '王未转' },
    });
    const unrouted = (JSON.parse(filed.text) as { caseId: string }).caseId;
    const h = bearer(token('h-a', 'handler', UNIT_A));
    expect(await call(url, 'GET', `/petitions/${unrouted}`, h)).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    const act = await call(url, 'POST', `/petitions/${unrouted}/commands`, h, { type: 'ReceiveCase' });
    expect(act.status).toBe(409);
    expect(await call(url, 'GET', `/petitions/petition-aaaaaaaaaaaaaaaaaaaa`, h)).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
  });

  it('masks the petitioner for roles that do not contact petitioners', async () => {
    const sup = await call(url, 'GET', `/petitions/${caseId}/petitioner`, bearer(token('sup-1', 'supervisor')));
    expect(sup.status).toBe(200);
    expect(JSON.parse(sup.text).petitioner).toMatchObject({ name: '张**', idNumber: '310***********1234', phone: '139****5678', masked: true });
    const h = await call(url, 'GET', `/petitions/${caseId}/petitioner`, bearer(token('h-1', 'handler', UNIT_A)));
    expect(JSON.parse(h.text).petitioner).toMatchObject({ name: '张三丰', idNumber: '310104198805061234', phone: '13912345678', masked: false });
  });

  it('refuses expired, tampered and foreign tokens with stable codes, and accepts API keys by their hash', async () => {
    const expired = token('reg-x', 'registrar', undefined, 60, Date.now() - 120_000);
    expect(await call(url, 'GET', '/policies', bearer(expired))).toMatchObject({ status: 401, code: 'AUTH_TOKEN_EXPIRED' });
    const [h, p, s] = token('reg-x', 'registrar').split('.');
    const admin = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(await call(url, 'GET', '/audit/cases', bearer(`${h}.${admin}.${s}`))).toMatchObject({ status: 401, code: 'AUTH_TOKEN_INVALID' });
    expect(await call(url, 'GET', '/policies', bearer(signToken('z'.repeat(40), { sub: 'x', role: 'admin' }, { ttlSeconds: 60 })))).toMatchObject({ status: 401, code: 'AUTH_TOKEN_INVALID' });
    expect(await call(url, 'GET', '/policies', bearer(token('x', 'superuser')))).toMatchObject({ status: 401, code: 'AUTH_ROLE_UNKNOWN' });
    expect(await call(url, 'GET', '/policies', { authorization: 'Basic abc' })).toMatchObject({ status: 401, code: 'AUTH_TOKEN_INVALID' });
    const bad = await call(url, 'GET', '/policies', bearer('not-a-token'));
    expect(JSON.parse(bad.text).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await call(url, 'GET', '/audit/cases?limit=1', { 'x-api-key': API_KEY })).status).toBe(200);
    expect(await call(url, 'GET', '/audit/cases?limit=1', { 'x-api-key': 'wrong' })).toMatchObject({ status: 401, code: 'AUTH_API_KEY_INVALID' });
    expect(await call(url, 'POST', '/policies', { 'x-api-key': API_KEY }, {})).toMatchObject({ status: 403, code: 'AUTH_ROLE_FORBIDDEN' });
  });

  it('sets security headers on answers and refusals', async () => {
    for (const res of [await call(url, 'GET', '/health', {}), await call(url, 'GET', '/policies', {})]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) => fetch(`${url}/codec/decode`, { method: 'OPTIONS', headers: {
      origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization,x-namespace' } });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('with AUTH_ALLOW_DEV_HEADERS off', () => {
    let app: INestApplication;
    let url2: string;
    beforeAll(async () => {
      app = await withEnv({ AUTH_ALLOW_DEV_HEADERS: 'false', RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '3' }, async () => {
        const a = await createApiApp({ logger: false });
        await a.listen(0, '127.0.0.1');
        return a;
      });
      url2 = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    }, 60_000);
    afterAll(async () => { await app?.close(); });

    it('ignores X-Actor-* headers and requires a token', async () => {
      const admin = { 'x-actor-id': 'adm-1', 'x-actor-role': 'admin' };
      expect(await call(url2, 'GET', '/policies', admin)).toMatchObject({ status: 401, code: 'AUTH_TOKEN_MISSING' });
      // A token wins over the headers: a registrar cannot claim admin through them.
      expect(await call(url2, 'POST', '/policies', { ...admin, ...bearer(token('reg-1', 'registrar')) }, {}))
        .toMatchObject({ status: 403, code: 'AUTH_ROLE_FORBIDDEN' });
      expect((await call(url2, 'GET', '/policies', bearer(token('reg-1', 'registrar')))).status).toBe(200);
      expect((await call(url2, 'GET', '/health', {})).status).toBe(200);
    });

    it('rate-limits registrations per actor with 429 RATE_LIMITED and Retry-After', async () => {
      const reg = bearer(token('reg-rate', 'registrar'));
      for (let i = 0; i < 3; i++) expect((await call(url2, 'POST', '/petitions', reg, {})).status).toBe(400);
      const limited = await call(url2, 'POST', '/petitions', reg, {});
      expect(limited).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another registrar has its own budget.
      expect((await call(url2, 'POST', '/petitions', bearer(token('reg-other', 'registrar')), {})).status).toBe(400);
    });
  });
});
