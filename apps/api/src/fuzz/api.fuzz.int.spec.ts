import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { ZHEJIANG_EXAMPLE_POLICY_DOCUMENT, validatePolicyDocument } from '@petitions/domain';
import { CLUSTER_WATCH_WORKFLOW_TYPE } from '@petitions/contracts';
import { eventually, startApiApp, startWorkerApp, testClient, testDataSource, useOwnTaskQueue } from '../../../../tools/test/harness';
import type { Request } from 'express';
import { resolveActor } from '../petitions/actor.resolver';
import { commandSchema, registrationSchema } from '../petitions/petition.schemas';

// Property-based bad-input tests: thousands of malformed requests against every endpoint; none may answer 5xx,
// every refusal is a 4xx with { error: { code, message (zh), messageEn } }, and nothing changes.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const FUZZ_ACTOR = `fuzz-${process.pid}`;
const H = (role: string, unit = 'city-bureau') => ({ 'x-actor-id': FUZZ_ACTOR, 'x-actor-role': role, 'x-actor-unit': unit });
const JSON_CT = { 'content-type': 'application/json' };

const validRegistration = {
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
  respondent: { type: 'unit', description: '某区住房和城乡建设委员会' }, summary: '模糊测试基准案件',
  petitioner: { name: '模糊测试人', idNumber: `3101041990${String(process.pid % 10_000_000).padStart(7, '0')}X`.slice(0, 18), phone: '13900000000', address: '测试地址' },
};
const validCommands = [
  { type: 'RoutePetition', mode: 'forward', leadUnitId: 'xuhui-housing', handlingDeadline: '2030-01-01T00:00:00Z', handlingLimit: { amount: 30, unit: 'calendar_days' } },
  { type: 'ReceiveCase', reason: '收到' },
  { type: 'NotifyPetitioner', noticeRef: 'n-1' },
  { type: 'DecideAcceptance', outcome: 'accepted' },
  { type: 'RequestExtension', extension: { amount: 30, unit: 'calendar_days' }, reason: '需要' },
  { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'r-1', claimUpheld: true },
  { type: 'RequestReview', reviewUnitId: 'city-gov' },
  { type: 'DecideReview', decision: 'upheld', outcomeRef: 'o-1' },
];

// ---------------------------------------------------------------- generators
const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '😀'.repeat(30), '<script>alert(1)</script>', "'; DROP TABLE cases; --", '../../etc/passwd',
    '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '2024-13-45T25:61:00Z', '0000-01-01T00:00:00Z', 'NaN', '-1'),
  fc.constant('长'.repeat(25_000)),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1, 0, 1e15, 1.5, -0, Number.MAX_SAFE_INTEGER),
  fc.boolean(), fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 30 }),
);

/** Deep-mutates a valid object: set/delete/add a key at a random depth. */
function mutated<T extends Record<string, unknown>>(base: T): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (o: unknown, p: string[]) => {
    if (o && typeof o === 'object' && !Array.isArray(o)) for (const [k, v] of Object.entries(o)) { paths.push([...p, k]); walk(v, [...p, k]); }
  };
  walk(base, []);
  return fc.record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom('set', 'delete', 'extra', 'set', 'set'),
    value: weird,
    key: fc.string({ minLength: 1, maxLength: 12 }),
  }, { noNullPrototype: true }).map(({ path, op, value, key }) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    let parent: Record<string, unknown> = copy;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
    const last = path[path.length - 1];
    if (op === 'delete') delete parent[last];
    else if (op === 'extra') parent[`x_${key}`] = value;
    else parent[last] = value;
    return copy;
  });
}

/** A body the schema refuses (filtered through the very schema the API validates with). */
const malformedFor = (schema: z.ZodType, bases: Record<string, unknown>[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.oneof(...bases.map((b) => mutated(b))) }, { weight: 1, arbitrary: weird })
    .filter((v) => !schema.safeParse(v).success);

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType?: string };
const invalidJsonText = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }),
  fc.constantFrom('{', '{"a":', '[1,2', '{"type":"ReceiveCase",}', "{'a':1}", '\u0000', 'null', '"just a string"', '123', 'true', '{"a":1}}'),
);
const rawBodies = fc.oneof(
  invalidJsonText.map((text): Body => ({ kind: 'raw', text })),
  fc.integer({ min: 65, max: 300 }).map((kb): Body => ({ kind: 'raw', text: JSON.stringify({ summary: 'x'.repeat(kb * 1024) }) })),
  fc.string({ maxLength: 50 }).map((text): Body => ({ kind: 'raw', text, contentType: 'text/plain' })),
  fc.constant<Body>({ kind: 'raw', text: '' }),
  fc.constant<Body>({ kind: 'raw', text: '{"a":1}', contentType: 'application/json; charset=utf-7' }),
);
const bodyFor = (schema: z.ZodType, bases: Record<string, unknown>[]): fc.Arbitrary<Body> =>
  fc.oneof({ weight: 5, arbitrary: malformedFor(schema, bases).map((value): Body => ({ kind: 'json', value })) }, { weight: 1, arbitrary: rawBodies });

const headerValue = fc.oneof(fc.stringMatching(/^[ -~]{0,80}$/), fc.constantFrom('', 'system', 'registrar ', 'x'.repeat(65), 'a b', 'auditor'));
/** Headers the API's own actor resolver refuses (so no generated identity can act by chance). */
const refusedActor = (h: Record<string, string>): boolean => {
  try {
    resolveActor({ header: (name: string) => h[name.toLowerCase()] } as unknown as Request);
    return false;
  } catch {
    return true;
  }
};
const badActor: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.record({ 'x-actor-id': headerValue, 'x-actor-role': headerValue, 'x-actor-unit': headerValue }, { requiredKeys: [] }),
  fc.constant({}),
  fc.constant(H('system')),
  fc.constant({ 'x-actor-id': 'a'.repeat(65), 'x-actor-role': 'registrar' }),
).filter(refusedActor);

const segment = fc.oneof(
  fc.string({ maxLength: 60 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  fc.stringMatching(/^petition-[a-z0-9]{20}$/),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '..%2F..%2F', 'petition-', 'petition-AAAAAAAAAAAAAAAAAAAA', 'x'.repeat(3000)),
);
const queryString = fc.dictionary(
  fc.oneof(fc.constantFrom('unit', 'region', 'category', 'channel', 'kind', 'status', 'step', 'handler', 'from', 'to', 'period', 'limit',
    'cursor', 'offset', 'asOf', 'days', 'working', 'deadlineKey', 'open', 'year', 'format', 'source', 'top', 'since', 'dimension', 'caseId',
    'unitId', 'limit[]', 'a[b]'), fc.string({ maxLength: 10 })),
  fc.oneof(weird.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')),
    fc.constantFrom('2099-12-31', '1999-01-01', '2024-02-30', '9999999', '-5', '0', '501', 'true', 'TRUE', 'json', 'xlsx', '2024', '2024-13')),
  { maxKeys: 5 },
).map((d) => Object.entries(d).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.slice(0, 4000))}`).join('&'));

// ---------------------------------------------------------------- the suite
describe('bad input: malformed requests against every endpoint are refused with a typed 4xx and change nothing', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let url: string;
  let client: Client;
  let db: DataSource;
  let queue: string;
  let caseId: string;
  const tried: Record<string, { requests: number; refused4xx: number; ok2xx: number }> = {};
  const fiveXx: string[] = [];
  const badShape: string[] = [];
  const transport431: string[] = [];

  // The cluster watch (类案预警) is started in the background by the real case's arrival; count what requests start.
  const workflowsOnQueue = () => client.workflow.count(`TaskQueue = "${queue}" AND WorkflowType != "${CLUSTER_WATCH_WORKFLOW_TYPE}"`)
    .then((r) => r.count);
  const snapshot = async () => {
    const [row] = await db.query(`SELECT
      (SELECT count(*)::int FROM cases) AS cases,
      (SELECT count(*)::int FROM case_events WHERE actor_id = $1) AS fuzz_events,
      (SELECT count(*)::int FROM policy_versions WHERE published_by = $1) AS fuzz_policies,
      (SELECT last_seq FROM cases WHERE case_id = $2) AS case_seq`, [FUZZ_ACTOR, caseId]);
    return { ...row, workflows: await workflowsOnQueue(), timeline: ((await fetch(`${url}/petitions/${caseId}/live`, { headers: H('registrar') }).then((r) => r.json())) as { timeline: unknown[] }).timeline.length };
  };

  /** Sends one request; a 5xx or a refusal without the error shape is recorded (and fails the property). */
  async function send(endpoint: string, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: Body, mustRefuse = true): Promise<void> {
    const stat = (tried[endpoint] ??= { requests: 0, refused4xx: 0, ok2xx: 0 });
    stat.requests += 1;
    const init: RequestInit = { method, headers: { ...headers } };
    if (body?.kind === 'json') { init.body = JSON.stringify(body.value) ?? 'null'; (init.headers as Record<string, string>)['content-type'] = 'application/json'; }
    if (body?.kind === 'raw') { init.body = body.text; (init.headers as Record<string, string>)['content-type'] = body.contentType ?? 'application/json'; }
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    const what = `${method} ${path.slice(0, 120)} ${init.body ? String(init.body).slice(0, 200) : ''} → ${res.status} ${text.slice(0, 300)}`;
    if (res.status >= 500) { fiveXx.push(what); throw new Error(`5xx: ${what}`); }
    if (res.status >= 400) {
      stat.refused4xx += 1;
      // Node's HTTP parser itself refuses request lines/headers over 16 KB (431, empty body) before the app runs.
      if (res.status === 431 && text === '') { transport431.push(what.slice(0, 80)); return; }
      let parsed: { error?: { code?: unknown; message?: unknown; messageEn?: unknown } } | undefined;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      const e = parsed?.error;
      const shaped = !!e && typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code) && typeof e.message === 'string'
        && /[\u4e00-\u9fff]/.test(e.message) && typeof e.messageEn === 'string' && e.messageEn.length > 0;
      if (!shaped) { badShape.push(what); throw new Error(`refusal without the error shape: ${what}`); }
      return;
    }
    stat.ok2xx += 1;
    if (mustRefuse) throw new Error(`malformed request accepted: ${what}`);
  }

  const check = (name: string, arb: fc.Arbitrary<() => Promise<void>>, numRuns = RUNS) =>
    fc.assert(fc.asyncProperty(arb, (run) => run()), { numRuns, seed: SEED + name.length, endOnFailure: true });

  beforeAll(async () => {
    queue = useOwnTaskQueue('fuzz');
    worker = await startWorkerApp();
    ({ app: api, url } = await startApiApp());
    client = await testClient();
    db = await testDataSource();
    // One real case, so command fuzzing hits a live workflow (and must leave it untouched).
    const res = await fetch(`${url}/petitions`, { method: 'POST', headers: { ...H('registrar'), 'x-actor-id': `real-${process.pid}`, ...JSON_CT }, body: JSON.stringify(validRegistration) });
    expect(res.status).toBe(201);
    caseId = ((await res.json()) as { caseId: string }).caseId;
    await eventually(async () => (await db.query('SELECT 1 FROM cases WHERE case_id = $1', [caseId])).length > 0);
    await eventually(async () => (await workflowsOnQueue()) >= 1, 15_000);
  });

  afterAll(async () => {
    console.log(`fuzz requests per endpoint (seed ${SEED}):\n${Object.entries(tried)
      .map(([k, v]) => `  ${k.padEnd(40)} ${String(v.requests).padStart(5)} tried, ${v.refused4xx} refused 4xx, ${v.ok2xx} answered 2xx (reads)`).join('\n')}\n`
      + `  total ${Object.values(tried).reduce((n, v) => n + v.requests, 0)}; 5xx: ${fiveXx.length}; refusals without the error shape: ${badShape.length}; `
      + `431 from Node's HTTP parser (URL over 16 KB, no error body): ${transport431.length}`);
    await api?.close();
    await worker?.close();
    await client?.connection.close();
    await db?.destroy();
  });

  it('refuses every malformed request with a typed 4xx and nothing changes', async () => {
    const before = await snapshot();
    const registrarH = H('registrar');
    const handlerH = H('handler', 'xuhui-housing');

    await check('POST /petitions', fc.oneof(
      { weight: 4, arbitrary: bodyFor(registrationSchema, [validRegistration]).map((b) => () => send('POST /petitions', 'POST', '/petitions', registrarH, b)) },
      { weight: 1, arbitrary: badActor.map((h) => () => send('POST /petitions', 'POST', '/petitions', h, { kind: 'json', value: validRegistration })) },
    ));

    await check('POST /petitions/:id/commands', fc.oneof(
      { weight: 4, arbitrary: bodyFor(commandSchema, validCommands).map((b) => () => send('POST /petitions/:id/commands', 'POST', `/petitions/${caseId}/commands`, handlerH, b)) },
      { weight: 1, arbitrary: fc.tuple(segment, fc.constantFrom(...validCommands)).map(([id, cmd]) => () =>
        send('POST /petitions/:id/commands', 'POST', `/petitions/${id}/commands`, handlerH, { kind: 'json', value: cmd }, false)) },
      { weight: 1, arbitrary: badActor.map((h) => () => send('POST /petitions/:id/commands', 'POST', `/petitions/${caseId}/commands`, h, { kind: 'json', value: validCommands[1] })) },
    ));

    await check('GET /petitions/:id(/live)', fc.tuple(segment, fc.boolean()).map(([id, live]) => () =>
      send(live ? 'GET /petitions/:id/live' : 'GET /petitions/:id', 'GET', `/petitions/${id}${live ? '/live' : ''}`, {}, undefined, false)));

    const supervisionPaths = ['overdue', 'due-soon', 'breaches', 'ledger', 'units/most-complained', 'units/most-handled', 'handlers/workload', 'repeats',
      'reports/summary', 'reports/annual', 'cluster-warnings'];
    await check('GET /supervision/*', fc.tuple(fc.constantFrom(...supervisionPaths), queryString, fc.oneof({ weight: 5, arbitrary: fc.constant(H('supervisor')) }, badActor))
      .map(([p, q, h]) => () => send(`GET /supervision/${p}`, 'GET', `/supervision/${p}?${q}`, h as Record<string, string>, undefined, false)), RUNS * 2);

    await check('GET /letters', fc.tuple(fc.oneof(queryString.map((q) => `?${q}`), segment.map((s) => `/${s}`)), fc.oneof({ weight: 5, arbitrary: fc.constant(H('supervisor')) }, badActor))
      .map(([p, h]) => () => send('GET /letters', 'GET', `/letters${p}`, h as Record<string, string>, undefined, false)));

    const supervisorH = H('supervisor', 'joint-office');
    await check('POST /policies', fc.oneof(
      // Only mutations that break the document itself (a changed note or source alone would be a valid publication).
      { weight: 3, arbitrary: fc.oneof(mutated({ document: ZHEJIANG_EXAMPLE_POLICY_DOCUMENT as Record<string, unknown>, note: 'fuzz' })
        .filter((v) => !validatePolicyDocument((v as { document?: unknown }).document).ok).map((v) => ({ kind: 'json', value: v }) as Body), rawBodies)
        .map((b) => () => send('POST /policies', 'POST', '/policies', supervisorH, b)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((doc) => () => send('POST /policies', 'POST', '/policies', supervisorH, { kind: 'json', value: { document: doc } })) },
      { weight: 1, arbitrary: badActor.map((h) => () => send('POST /policies', 'POST', '/policies', h, { kind: 'json', value: { document: ZHEJIANG_EXAMPLE_POLICY_DOCUMENT } })) },
    ));

    const facts = { regionCode: '310104', category: 'urban_construction', channel: 'letter', kind: 'claim' };
    await check('POST /policies/resolve', fc.oneof(mutated(facts).map((v) => ({ kind: 'json', value: v }) as Body), rawBodies)
      .map((b) => () => send('POST /policies/resolve', 'POST', '/policies/resolve', {}, b, false)));

    const payload = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{}').toString('base64') };
    await check('POST /codec/decode', fc.oneof(
      mutated({ payloads: [payload] }).map((v) => ({ kind: 'json', value: v }) as Body),
      fc.array(fc.record({ metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.base64String({ maxLength: 40 })), data: fc.base64String({ maxLength: 200 }) }), { maxLength: 5 })
        .map((payloads) => ({ kind: 'json', value: { payloads: payloads.map((p) => ({ ...p, metadata: { ...p.metadata, 'encryption-key-id': Buffer.from('fuzz').toString('base64') } })) } }) as Body),
      rawBodies,
    ).map((b) => () => send('POST /codec/decode', 'POST', '/codec/decode', H('auditor'), b, false)));

    expect(fiveXx).toEqual([]);
    expect(badShape).toEqual([]);
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.fuzz_events).toBe(0);
    expect(after.fuzz_policies).toBe(0);
  });
});

describe('policy loader fuzz: validatePolicyDocument never throws and names every problem by path', () => {
  const problemsOk = (r: ReturnType<typeof validatePolicyDocument>) =>
    r.ok ? typeof r.policy === 'object' : r.problems.length > 0 && r.problems.every((p) => typeof p.path === 'string'
      && typeof p.messageZh === 'string' && p.messageZh.length > 0 && typeof p.messageEn === 'string' && p.messageEn.length > 0);

  it('arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (doc) => problemsOk(validatePolicyDocument(doc))), { numRuns: 2000, seed: SEED });
  });

  it('mutated valid documents (one field replaced, removed or added at any depth)', () => {
    expect(validatePolicyDocument(ZHEJIANG_EXAMPLE_POLICY_DOCUMENT).ok).toBe(true);
    fc.assert(fc.property(mutated(ZHEJIANG_EXAMPLE_POLICY_DOCUMENT as Record<string, unknown>), (doc) => {
      const r = validatePolicyDocument(doc);
      return problemsOk(r) && (r.ok || r.problems.every((p) => p.path.length > 0));
    }), { numRuns: 3000, seed: SEED });
  });
});
