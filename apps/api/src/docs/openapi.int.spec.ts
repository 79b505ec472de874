import Ajv2020 from 'ajv/dist/2020';
import { type TestStack, startStack } from '../../../../tools/test/harness';
import { ACCESS_RULES, listRoutes } from '../auth/access-rules';
import { ApiModule } from '../api.module';
import { ROUTE_DOCS } from './openapi.registry';

type Json = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const registrar = { 'x-actor-id': 'reg-docs', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('OpenAPI document at /openapi.json and Swagger UI at /docs', () => {
  let stack: TestStack;
  let url: string;
  let doc: Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true }).addFormat('binary', true);

  beforeAll(async () => {
    stack = await startStack('docs');
    url = stack.url;
    const res = await fetch(`${url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = await res.json();
  }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  const operations = (): { key: string; op: Doc; path: string; method: string }[] => Object.entries(doc.paths as Record<string, Json>)
    .flatMap(([path, item]) => Object.entries(item).filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op, path, method })));

  it('describes exactly the routes Nest serves and the access-rule table, each with its roles', () => {
    const routes = listRoutes(ApiModule);
    expect(routes).toEqual(expect.arrayContaining(['POST /petitions', 'GET /docs', 'GET /openapi.json']));
    const documented = operations().map((o) => o.key).sort();
    expect(documented).toEqual(routes);
    expect(Object.keys(ACCESS_RULES).sort()).toEqual(routes);
    for (const { key, op } of operations()) {
      const rule = ACCESS_RULES[key];
      expect([key, op['x-roles']]).toEqual([key, rule.roles]);
      expect(op.description).toContain(rule.roles === 'public' ? '公开' : '可调用角色 · roles:');
      // Public routes declare no security; the others inherit the document-wide bearer / API key / dev headers.
      expect([key, op.security]).toEqual([key, rule.roles === 'public' ? [] : undefined]);
    }
    // Words and schemas exist only for real routes; routes without them are still listed (generic body).
    expect(Object.keys(ROUTE_DOCS).filter((k) => !routes.includes(k))).toEqual([]);
    // Every route has its own words and schemas: a new route without an entry in ROUTE_DOCS fails here.
    expect(doc['x-undocumented-routes']).toEqual([]);
    console.log(`openapi: ${routes.length} operations; without own words/schemas: ${doc['x-undocumented-routes'].join(', ') || 'none'}`);
  });

  it('is structurally sound: 3.1, unique operation ids, declared path parameters, compilable schemas, the error shape', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toMatch(/^[\u4e00-\u9fa5].* · [A-Za-z]/);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'bearerAuth', 'devActorId', 'devActorRole', 'devActorUnit']);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.devActorRole).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-actor-role' });
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const errorBody = ajv.compile(doc.components.schemas.ErrorBody);
    expect(errorBody({ error: { code: 'X', message: '中', messageEn: 'en' } })).toBe(true);
    expect(errorBody({ message: 'x' })).toBe(false);
    for (const { key, op, path } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([key, (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name).sort()]).toEqual([key, inPath]);
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
      expect(op.responses['500'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      const schemas = [op.requestBody?.content?.['application/json']?.schema, ...(op.parameters ?? []).map((p: Json) => p.schema),
        ...Object.values(op.responses).flatMap((r) => Object.values((r as { content?: Record<string, { schema: Json }> }).content ?? {}).map((c) => c.schema))];
      for (const s of schemas.filter((x) => x && !('$ref' in x))) expect(() => ajv.compile(s)).not.toThrow();
    }
  });

  it('documents the Idempotency-Key header of POST /petitions, the replay header and the idempotency errors', () => {
    const op = doc.paths['/petitions'].post;
    const header = op.parameters.find((p: Json) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(header).toMatchObject({ required: false, schema: { type: 'string', minLength: 8, maxLength: 128 } });
    expect(header.description).toMatch(/24/);
    expect(op.responses['201'].headers['Idempotent-Replayed']).toBeDefined();
    expect(op.responses['422'].description).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(op.responses['409'].headers['Retry-After']).toBeDefined();
    const valid = ajv.compile(header.schema);
    expect(valid('0b7f6a52-3c1e-4a8e-9d7e-1f2a3b4c5d6e')).toBe(true);
    expect(valid('has space')).toBe(false);
  });

  it('accepts what the document allows and refuses what it does not (registration body)', async () => {
    const schema = doc.paths['/petitions'].post.requestBody.content['application/json'].schema;
    const check = ajv.compile(schema);
    // Region 55xxxx belongs to this file (other files count cases by region prefix).
    const region = `55${String((process.pid * 31 + Date.now()) % 10000).padStart(4, '0')}`;
    const valid = {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: region, level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某区住建委' }, summary: '文档契约测试', petitioner: { name: '文档测', idNumber: `${region}199001011234` },
    };
    const { summary: _s, ...noSummary } = valid;
    const samples: [string, unknown][] = [
      ['valid', valid],
      ['missing summary', noSummary],
      ['unknown field', { ...valid, extra: true }],
      ['persons as text', { ...valid, persons: 'two' }],
      ['persons zero', { ...valid, persons: 0 }],
      ['region of 5 digits', { ...valid, regionCode: '31010' }],
      ['unknown channel', { ...valid, channel: 'pigeon' }],
      ['bad id number', { ...valid, petitioner: { name: '文档测', idNumber: '123' } }],
      ['unknown petitioner field', { ...valid, petitioner: { name: '文档测', email: 'a@b.c' } }],
      ['respondent type unknown', { ...valid, respondent: { type: 'robot', description: 'x' } }],
    ];
    const disagreements: string[] = [];
    for (const [name, body] of samples) {
      const byDoc = check(body);
      const res = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(body) });
      const err = res.status === 400 ? ((await res.json()) as { error: { code: string } }).error.code : undefined;
      const byApi = res.status === 201;
      if (!byApi && err !== 'VALIDATION_FAILED') disagreements.push(`${name}: API answered ${res.status} ${err ?? ''}`);
      if (byDoc !== byApi) disagreements.push(`${name}: document says ${byDoc ? 'valid' : 'invalid'}, API ${byApi ? 'accepted' : 'refused'}`);
    }
    expect(disagreements).toEqual([]);
  }, 60_000);

  it('accepts what the document allows and refuses what it does not (commands, supervision query)', async () => {
    const command = ajv.compile(doc.paths['/petitions/{caseId}/commands'].post.requestBody.content['application/json'].schema);
    const caseId = 'petition-aaaaaaaaaaaaaaaaaaaa';
    for (const [body, docValid] of [[{ type: 'ReceiveCase' }, true], [{ type: 'NoSuchCommand' }, false], [{ type: 'ReceiveCase', extra: 1 }, false],
      [{ type: 'RoutePetition', mode: 'forward' }, false]] as [Json, boolean][]) {
      expect([body, command(body)]).toEqual([body, docValid]);
      const res = await fetch(`${url}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar, body: JSON.stringify(body) });
      const code = ((await res.json()) as { error?: { code: string } }).error?.code;
      // Valid commands get past validation (then: no such case); invalid ones do not.
      expect([body, code === 'VALIDATION_FAILED']).toEqual([body, !docValid]);
    }

    const params = doc.paths['/supervision/overdue'].get.parameters as { name: string; in: string; schema: Json }[];
    expect(params.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining(['unit', 'region', 'limit', 'cursor', 'asOf']));
    const sup = { 'x-actor-id': 'sup-docs', 'x-actor-role': 'supervisor' };
    for (const [name, value, docValid] of [['limit', '5', true], ['limit', 'five', false], ['channel', 'visit', true], ['channel', 'pigeon', false],
      ['region', '3101', true], ['region', 'abc', false]] as [string, string, boolean][]) {
      const schema = params.find((p) => p.name === name)!.schema;
      expect([name, value, ajv.validate(schema, value)]).toEqual([name, value, docValid]);
      const res = await fetch(`${url}/supervision/overdue?${name}=${encodeURIComponent(value)}`, { headers: sup });
      expect([name, value, res.status === 200]).toEqual([name, value, docValid]);
    }
  });

  it('serves Swagger UI and its files from the API itself, with types and a CSP that lets them run', async () => {
    const page = await fetch(`${url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    expect(html).not.toMatch(/<script>[^<]/); // no inline script
    const assets = [...html.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/docs-init.js']));
    const types: Record<string, RegExp> = { css: /^text\/css/, js: /^text\/javascript/, png: /^image\/png/ };
    for (const asset of assets) {
      const res = await fetch(`${url}${asset}`);
      expect([asset, res.status]).toEqual([asset, 200]);
      expect([asset, res.headers.get('content-type')]).toEqual([asset, expect.stringMatching(types[asset.split('.').pop()!])]);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBeGreaterThan(asset.endsWith('bundle.js') ? 100_000 : 100);
    }
    expect(await (await fetch(`${url}/docs/docs-init.js`)).text()).toContain("url: '/openapi.json'");
    const missing = await fetch(`${url}/docs/..%2Fpackage.json`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('ASSET_NOT_FOUND');
  });
});
