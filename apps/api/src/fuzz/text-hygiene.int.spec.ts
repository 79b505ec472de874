import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { ZHEJIANG_EXAMPLE_POLICY_DOCUMENT } from '@petitions/domain';
import { eventually, startApiApp, startWorkerApp, testDataSource, useOwnTaskQueue } from '../../../../tools/test/harness';
import { firstInvalidCharacter } from '../errors/text-hygiene';
import { commandSchema, registrationSchema } from '../petitions/petition.schemas';

// Text that is accepted is storable everywhere: full-Unicode strings (lone surrogates and control characters
// included) in the free-text fields of every write endpoint. Each request is either refused with a 4xx and nothing
// changes, or accepted and then shown by the read model (a stored record PostgreSQL refused would never appear).
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.TEXT_FUZZ_RUNS ?? 24);
const ACTOR = `text-${process.pid}`;
const H = (role: string, unit = 'city-bureau') => ({ 'x-actor-id': ACTOR, 'x-actor-role': role, 'x-actor-unit': unit, 'content-type': 'application/json' });
const CODEC_ORIGIN = 'http://temporal-ui.test:8233';

/** Full-Unicode text: any code point (lone surrogates too, fast-check's 'binary' unit) mixed with the troublemakers. */
const anyText = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ude00\ud83d', '\u0007', '\u001b', '\u007f', '\u0085', '\u000b') },
  { weight: 3, arbitrary: fc.constantFrom('\t', '\n', '\r\n', '😀', '信访', '街道办事处', ' ', 'a') },
), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

const REGISTRATION_FIELDS = ['summary', 'respondent.description', 'petitioner.name', 'petitioner.address'] as const;

const registration = (n: number, field: string, value: string) => {
  const body: Record<string, unknown> = {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '330106', level: 'county', persons: 1,
    respondent: { type: 'unit', description: `某街道办事处${n}` }, summary: `文本规则测试 ${n}`,
    petitioner: { name: `测试人${n}`, idNumber: `33010619900101${String(n).padStart(4, '0')}`, address: '测试地址' },
  };
  const [a, b] = field.split('.');
  if (b) (body[a!] as Record<string, unknown>)[b] = value; else body[a!] = value;
  return body;
};

describe('text that is accepted is storable everywhere', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let url: string;
  let db: DataSource;
  const saved = { CORS_ORIGINS: process.env.CORS_ORIGINS };
  const post = async (path: string, headers: Record<string, string>, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; messageEn: string } } };
  };
  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    useOwnTaskQueue('text-hygiene');
    process.env.CORS_ORIGINS = CODEC_ORIGIN;
    worker = await startWorkerApp();
    ({ app: api, url } = await startApiApp());
    db = await testDataSource();
  });

  afterAll(async () => {
    if (saved.CORS_ORIGINS === undefined) delete process.env.CORS_ORIGINS; else process.env.CORS_ORIGINS = saved.CORS_ORIGINS;
    await api?.close();
    await worker?.close();
    await db?.destroy();
  });

  /**
   * Routes the case with a free-text reason: what was observed, and what the reason implies. An accepted routing
   * must show in the read model with the stored reason (else `eventually` times out and fails the property).
   */
  async function routeWithReason(caseId: string, reason: string) {
    const command = { type: 'RoutePetition', mode: 'forward', leadUnitId: 'xuhui-housing', reason };
    const seqBefore = await count('SELECT last_seq AS n FROM cases WHERE case_id = $1', [caseId]);
    const routed = await post(`/petitions/${caseId}/commands`, H('registrar'), command);
    const refused = routed.status >= 400;
    const seqAfterRefusal = refused ? await count('SELECT last_seq AS n FROM cases WHERE case_id = $1', [caseId]) : seqBefore;
    const clean = firstInvalidCharacter(reason) === undefined;
    let stored: { caseId: string; reason?: string } | null = null;
    if (!refused) {
      stored = { caseId, reason: (commandSchema.parse(command) as { reason?: string }).reason };
      await eventually(async () => {
        const view = (await (await fetch(`${url}/petitions/${caseId}`, { headers: H('registrar') })).json()) as { events: { type: string; reason: string | null }[] };
        return view.events.some((e) => e.type === 'PetitionRouted' && e.reason === (stored!.reason ?? null));
      }, 20_000);
    }
    return {
      accepted: stored,
      observed: { serverError: routed.status >= 500, textCode: clean ? null : routed.body.error?.code,
        acceptedStatus: refused ? null : [200, 201].includes(routed.status), seqAddedByRefusal: seqAfterRefusal - seqBefore },
      expected: { serverError: false, textCode: clean ? null : 'TEXT_INVALID_CHARACTERS', acceptedStatus: refused ? null : true, seqAddedByRefusal: 0 },
    };
  }

  it('registrations, commands and policies: a 4xx changes nothing; a 2xx shows in the read model', async () => {
    const accepted: { caseId: string; reason?: string }[] = [];
    let refusedWithTextCode = 0;
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...REGISTRATION_FIELDS), anyText, anyText, anyText, async (field, value, reason, policyName) => {
      n += 1;
      // Each step states what it saw and what the input implies, and compares the two unconditionally.
      // --- registration
      const casesBefore = await count('SELECT count(*)::int AS n FROM cases');
      const body = registration(n, field, value);
      const filed = await post('/petitions', H('registrar'), body);
      const clean = firstInvalidCharacter(value) === undefined;
      const filedRefused = filed.status >= 400;
      const casesAfterRefusal = filedRefused ? await count('SELECT count(*)::int AS n FROM cases') : casesBefore;
      expect({
        serverError: filed.status >= 500,
        textRefusal: clean ? null : { status: filed.status, code: filed.body.error?.code,
          zhNamesField: filed.body.error?.message.includes(field), enNamesField: filed.body.error?.messageEn.includes(field) },
        accepted: filedRefused ? null : { status: filed.status, schemaValid: registrationSchema.safeParse(body).success },
        casesAddedByRefusal: casesAfterRefusal - casesBefore,
      }).toEqual({
        serverError: false,
        textRefusal: clean ? null : { status: 400, code: 'TEXT_INVALID_CHARACTERS', zhNamesField: true, enNamesField: true },
        accepted: filedRefused ? null : { status: 201, schemaValid: true },
        casesAddedByRefusal: 0,
      });
      if (!clean) refusedWithTextCode += 1;
      const caseId = filedRefused ? undefined : filed.body.caseId as string;
      if (caseId) await eventually(async () => (await fetch(`${url}/petitions/${caseId}`, { headers: H('registrar') })).status === 200, 20_000);

      // --- a command with a free-text reason, on the case just filed (none when the registration was refused)
      const routing = caseId ? await routeWithReason(caseId, reason) : null;
      expect(routing?.observed ?? null).toEqual(routing?.expected ?? null);
      if (routing?.accepted) accepted.push(routing.accepted);

      // --- a policy whose name (and note) are the generated text
      const policiesBefore = await count('SELECT count(*)::int AS n FROM policy_versions WHERE published_by = $1', [ACTOR]);
      const doc = { ...(ZHEJIANG_EXAMPLE_POLICY_DOCUMENT as Record<string, unknown>), name: policyName };
      const published = await post('/policies', H('supervisor', 'joint-office'), { document: doc, note: policyName });
      const publishRefused = published.status >= 400;
      const policiesAfterRefusal = publishRefused
        ? await count('SELECT count(*)::int AS n FROM policy_versions WHERE published_by = $1', [ACTOR]) : policiesBefore;
      const listed = publishRefused ? null
        : ((await (await fetch(`${url}/policies/${published.body.policyId as string}/versions`, { headers: H('supervisor') })).json()) as
          { versions: { version: number }[] }).versions.some((v) => v.version === published.body.version);
      const nameClean = firstInvalidCharacter(policyName) === undefined;
      expect({ serverError: published.status >= 500, textCode: nameClean ? null : published.body.error?.code,
        acceptedStatus: publishRefused ? null : published.status, listed, policiesAddedByRefusal: policiesAfterRefusal - policiesBefore })
        .toEqual({ serverError: false, textCode: nameClean ? null : 'TEXT_INVALID_CHARACTERS',
          acceptedStatus: publishRefused ? null : 201, listed: publishRefused ? null : true, policiesAddedByRefusal: 0 });
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    // The generator did reach both sides of the rule.
    expect(refusedWithTextCode).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
  }, 300_000);

  it('refuses crafted paging cursors with 400 QUERY_INVALID_CURSOR', async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const crafted = [cursor(['not-a-time', 'x']), cursor(['2026-02-30T00:00:00.000Z', 'x']), cursor(['2026-01-01T00:00:00.000Z', 'a\u0000']),
      cursor(['2026-01-01T00:00:00.000Z', 'x', 1e300]), cursor(['2026-01-01T00:00:00.000Z', 'x', -1])];
    for (const path of ['overdue', 'due-soon', 'breaches', 'repeats']) {
      for (const c of crafted) {
        const res = await fetch(`${url}/supervision/${path}?cursor=${c}`, { headers: H('supervisor') });
        expect([path, res.status]).toEqual([path, 400]);
        expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^(QUERY_INVALID_CURSOR|VALIDATION_FAILED)$/);
      }
    }
    const res = await fetch(`${url}/supervision/breaches?cursor=${cursor(['2026-01-01T00:00:00.000Z', 'x', 1.5])}`, { headers: H('supervisor') });
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('QUERY_INVALID_CURSOR');
  });

  it('refuses NUL in a path or a query with TEXT_INVALID_CHARACTERS, not 500', async () => {
    for (const path of ['/policies/a%00b/versions', '/supervision/overdue?region=31%00', '/letters?caseId=x%00']) {
      const res = await fetch(`${url}${path}`, { headers: H('supervisor') });
      expect([path, res.status]).toEqual([path, 400]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TEXT_INVALID_CHARACTERS');
    }
  });

  it('answers CORS for the listed origin on /codec only', async () => {
    const preflight = (path: string) => fetch(`${url}${path}`, { method: 'OPTIONS', headers: {
      origin: CODEC_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect((await preflight('/codec/decode')).headers.get('access-control-allow-origin')).toBe(CODEC_ORIGIN);
    for (const path of ['/petitions', '/policies', '/supervision/overdue']) {
      expect([path, (await preflight(path)).headers.get('access-control-allow-origin')]).toEqual([path, null]);
    }
    const get = await fetch(`${url}/policies`, { headers: { ...H('supervisor'), origin: CODEC_ORIGIN } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});
