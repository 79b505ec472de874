import { type FakeReply, type RecordedRequest, REGISTRAR, runWith } from '../cli.testkit';
import { FILE_RETRY } from './file.command';
import { csvRows, parseImport } from './import.parse';
import { IMPORT_PACING } from './import.pacing';

const body = (n: number, over: Record<string, unknown> = {}) => ({
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '320101', level: 'county', persons: 1,
  respondent: { type: 'unit', description: `单位${n}` }, summary: `事项${n}`, petitioner: { name: `张${n}` }, ...over,
});
const caseIdOf = (req: RecordedRequest): string => `petition-${String((req.body as { summary: string }).summary.length).padStart(4, '0')}${'0'.repeat(16)}`;
const filed = (req: RecordedRequest) => ({ status: 201, body: { caseId: caseIdOf(req), result: 'registered', status: 'open', step: 'routing', events: [] } });

describe('import: JSON Lines', () => {
  const saved = { ...FILE_RETRY };
  beforeAll(() => { FILE_RETRY.baseDelayMs = 1; });
  afterAll(() => { Object.assign(FILE_RETRY, saved); });

  const jsonl = [JSON.stringify(body(1)), '', JSON.stringify(body(2)), '{not json', JSON.stringify(body(3, { persons: 0 })), JSON.stringify(body(4))].join('\n');
  const reply = (req: RecordedRequest) => ((req.body as { persons: number }).persons === 0
    ? { status: 422, body: { error: { code: 'VALIDATION_FAILED', message: '人数须至少为 1', messageEn: 'persons must be at least 1' } } }
    : filed(req));

  it('files every readable line, lists refused and unreadable lines by number, exits 3', async () => {
    const r = await runWith(['import', 'in.jsonl', ...REGISTRAR], { files: { 'in.jsonl': jsonl }, reply });
    expect(r.code).toBe(3);
    expect(r.requests.map((q) => [q.method, new URL(q.url).pathname])).toEqual(Array(4).fill(['POST', '/petitions']));
    expect(r.requests.map((q) => (q.body as { summary: string }).summary).sort()).toEqual(['事项1', '事项2', '事项3', '事项4']);
    expect(r.stderr).toMatch(/line 4: IMPORT_UNREADABLE/);
    expect(r.stderr).toMatch(/line 5: VALIDATION_FAILED/);
    expect(r.stderr).not.toMatch(/line [136]:/);
    expect(r.stderr).toMatch(/5 records: 3 registered, 0 repeats, 0 replayed, 2 refused/);
  });

  it('gives each record a stable idempotency key: a re-run sends the same keys, a changed line a new one', async () => {
    const a = await runWith(['import', 'in.jsonl', ...REGISTRAR], { files: { 'in.jsonl': jsonl }, reply });
    const b = await runWith(['import', 'in.jsonl', '--concurrency', '1', ...REGISTRAR], { files: { 'in.jsonl': jsonl }, reply });
    const keys = (x: typeof a) => new Map(x.requests.map((q) => [(q.body as { summary: string }).summary, q.headers['idempotency-key']]));
    expect(keys(b)).toEqual(keys(a));
    expect(new Set(keys(a).values()).size).toBe(4);
    for (const k of keys(a).values()) expect(k).toMatch(/^import-[0-9a-f]{40}$/);
    const changed = jsonl.replace('事项2', '事项二');
    const c = await runWith(['import', 'in.jsonl', ...REGISTRAR], { files: { 'in.jsonl': changed }, reply });
    expect(keys(c).get('事项1')).toBe(keys(a).get('事项1'));
    expect(keys(c).get('事项二')).not.toBe(keys(a).get('事项2'));
  });

  it('prints every case id and exits 0 when all lines are filed; --json gives the counts', async () => {
    const ok = [JSON.stringify(body(1)), JSON.stringify(body(22))].join('\n');
    const r = await runWith(['import', 'ok.jsonl', '--json', ...REGISTRAR], { files: { 'ok.jsonl': ok }, reply });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ total: 2, registered: 2, repeat: 0, refused: 0 });
    expect(out.records.map((x: { line: number }) => x.line)).toEqual([1, 2]);
    expect(r.stderr).toMatch(/Imported \[#+\] 2\/2/);
  });

  it('stops at the first unreachable answer after the retries, exits 6 and says a re-run is safe', async () => {
    const many = Array.from({ length: 20 }, (_, i) => JSON.stringify(body(i))).join('\n');
    const refusedConn = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const r = await runWith(['import', 'm.jsonl', '--concurrency', '1', ...REGISTRAR], { files: { 'm.jsonl': many }, reply: () => refusedConn() });
    expect(r.code).toBe(6);
    expect(r.requests.length).toBe(FILE_RETRY.attempts);
    expect(r.stderr).toMatch(/running the same file again files nothing twice/);
  });

  it('refuses usage errors before sending anything', async () => {
    expect((await runWith(['import', ...REGISTRAR])).code).toBe(2);
    expect((await runWith(['import', 'missing.jsonl', ...REGISTRAR])).code).toBe(2);
    expect((await runWith(['import', 'e.jsonl', ...REGISTRAR], { files: { 'e.jsonl': '\n\n' } })).code).toBe(2);
    const r = await runWith(['import', 'x.jsonl', '--concurrency', '99', ...REGISTRAR], { files: { 'x.jsonl': JSON.stringify(body(1)) } });
    expect(r.code).toBe(2);
    expect(r.requests).toHaveLength(0);
  });
});

describe('import: pacing to the registration limit, replays and refused rows', () => {
  const saved = { ...IMPORT_PACING };
  let clock = 0;
  let waits: number[] = [];
  beforeEach(() => {
    clock = 0;
    waits = [];
    IMPORT_PACING.now = () => clock;
    IMPORT_PACING.sleep = async (ms) => { waits.push(ms); clock += ms; };
  });
  afterAll(() => { Object.assign(IMPORT_PACING, saved); });

  /** A fake API with a token bucket of `limit` per minute on the fake clock, replaying keys it has answered. */
  const limitedApi = (limit: number, answered = new Map<string, string>()) => {
    let tokens = limit;
    let at = 0;
    return (req: RecordedRequest): FakeReply => {
      const key = req.headers['idempotency-key']!;
      const done = answered.get(key);
      if (done) return { status: 201, headers: { 'Idempotent-Replayed': 'true' }, body: { caseId: done, result: 'registered', status: 'open', step: 'routing', events: [] } };
      tokens = Math.min(limit, tokens + ((clock - at) * limit) / 60_000);
      at = clock;
      if (tokens < 1) {
        const wait = Math.max(1, Math.ceil(((1 - tokens) * 60_000) / limit / 1000));
        return { status: 429, headers: { 'Retry-After': String(wait), 'RateLimit-Limit': String(limit), 'RateLimit-Remaining': '0' },
          body: { error: { code: 'RATE_LIMITED', message: `请求过于频繁，请 ${wait} 秒后重试`, messageEn: `Too many requests; retry in ${wait} s` } } };
      }
      tokens -= 1;
      const caseId = `petition-${String(answered.size).padStart(20, '0')}`;
      answered.set(key, caseId);
      return { status: 201, headers: { 'RateLimit-Limit': String(limit), 'RateLimit-Remaining': String(Math.floor(tokens)) },
        body: { caseId, result: 'registered', status: 'open', step: 'routing', events: [] } };
    };
  };

  it('files more records than the limit in one run, waiting as the API says; a re-run only replays, uncounted', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify(body(i))).join('\n');
    const answered = new Map<string, string>();
    const first = await runWith(['import', 'big.jsonl', '--json', ...REGISTRAR], { files: { 'big.jsonl': lines }, reply: limitedApi(10, answered) });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ total: 25, registered: 25, repeat: 0, replayed: 0, refused: 0 });
    expect(answered.size).toBe(25);
    // 10 at once, then 15 more at one token per 6 s: at least 90 s of (fake) waiting, and the waits are said.
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(90_000);
    expect(first.stderr).toMatch(/Paced to the API's registration limit/);

    waits = [];
    const again = await runWith(['import', 'big.jsonl', '--json', ...REGISTRAR], { files: { 'big.jsonl': lines }, reply: limitedApi(10, answered) });
    expect(again.code).toBe(0);
    const out = JSON.parse(again.stdout);
    expect(out).toMatchObject({ total: 25, registered: 0, repeat: 0, replayed: 25, refused: 0 });
    expect(out.records.every((r: { replayed?: boolean }) => r.replayed === true)).toBe(true);
    expect(waits).toEqual([]);
    expect(again.requests).toHaveLength(25);
  });

  it('lists refused rows with line, field and reason (not rate-limit noise)', async () => {
    const lines = [JSON.stringify(body(1)), JSON.stringify(body(2, { persons: 0 })), JSON.stringify(body(3))].join('\n');
    const api = limitedApi(1);
    const reply = (req: RecordedRequest) => ((req.body as { persons: number }).persons === 0
      ? { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: '信访登记校验未通过', messageEn: 'registration failed validation',
        details: { problems: [{ path: 'persons', message: 'Too small' }] } } } }
      : api(req));
    const r = await runWith(['import', 'in.jsonl', '--concurrency', '1', ...REGISTRAR], { files: { 'in.jsonl': lines }, reply });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/line 2: VALIDATION_FAILED \[persons\]: 信访登记校验未通过 \/ registration failed validation/);
    expect(r.stderr).not.toMatch(/RATE_LIMITED/);
    expect(r.stderr).toMatch(/3 records: 2 registered, 0 repeats, 0 replayed, 1 refused/);
    expect(r.stderr).toMatch(/共 3 条：新登记 2，重复信访 0，此前已导入（重放）0，被拒绝 1/);
  });

  it('sends a record again after a 504 of an overloaded case service (same key), and stops only when it persists', async () => {
    const lines = [JSON.stringify(body(1)), JSON.stringify(body(2))].join('\n');
    const tries = new Map<string, number>();
    const timeout = { status: 504, body: { error: { code: 'CASE_SERVICE_TIMEOUT', message: '案件服务响应超时，请稍后查询办理结果', messageEn: 'The case service did not answer in time' } } };
    // Line 1 times out twice, then the case service answers (Temporal gives the first call's outcome for the same key).
    const flaky = (req: RecordedRequest): FakeReply => {
      const key = req.headers['idempotency-key']!;
      const n = (tries.get(key) ?? 0) + 1;
      tries.set(key, n);
      return (req.body as { summary: string }).summary === '事项1' && n <= 2 ? timeout : filed(req);
    };
    const r = await runWith(['import', 'in.jsonl', '--concurrency', '1', '--json', ...REGISTRAR], { files: { 'in.jsonl': lines }, reply: flaky });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 2, registered: 2, replayed: 0, refused: 0 });
    expect([...tries.values()].sort()).toEqual([1, 3]);
    expect(waits).toEqual([1000, 2000]);

    waits = [];
    const savedMax = IMPORT_PACING.maxTransient;
    IMPORT_PACING.maxTransient = 3;
    try {
      const stuck = await runWith(['import', 'in.jsonl', '--concurrency', '1', ...REGISTRAR], { files: { 'in.jsonl': lines }, reply: () => timeout });
      expect(stuck.code).toBe(6);
      expect(stuck.requests).toHaveLength(3);
      expect(waits).toEqual([1000, 2000]);
      expect(stuck.stderr).toMatch(/CASE_SERVICE_TIMEOUT/);
      expect(stuck.stderr).toMatch(/running the same file again files nothing twice/);
    } finally {
      IMPORT_PACING.maxTransient = savedMax;
    }
  });

  it('gives up on a record the API keeps refusing with 429 and reports it', async () => {
    const saved429 = IMPORT_PACING.maxRateLimited;
    IMPORT_PACING.maxRateLimited = 3;
    try {
      const r = await runWith(['import', 'one.jsonl', ...REGISTRAR], { files: { 'one.jsonl': JSON.stringify(body(1)) },
        reply: () => ({ status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'RATE_LIMITED', message: '请求过于频繁', messageEn: 'Too many requests' } } }) });
      expect(r.code).toBe(3);
      expect(r.requests).toHaveLength(3);
      expect(waits).toEqual([2000, 2000]);
      expect(r.stderr).toMatch(/line 1: RATE_LIMITED/);
    } finally {
      IMPORT_PACING.maxRateLimited = saved429;
    }
  });
});

describe('import: CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks, and builds the registration body', () => {
    const csv = '\uFEFFchannel,kind,category,regionCode,level,persons,respondent,summary,name,phone\r\n'
      + 'visit,claim,urban_construction,320102,county,3,"某街道, 办事处","加装电梯""停工""\n请求复工",王五,13912345678\r\n'
      + 'letter,suggestion,transport,320103,city,1,交通局,建议增设公交站,赵六,\r\n';
    const records = parseImport(csv, 'csv');
    expect(records.map((r) => r.line)).toEqual([2, 4]);
    expect(records[0]!.body).toEqual({ channel: 'visit', kind: 'claim', category: 'urban_construction', regionCode: '320102', level: 'county',
      persons: 3, respondent: { type: 'unit', description: '某街道, 办事处' }, summary: '加装电梯"停工"\n请求复工', petitioner: { name: '王五', phone: '13912345678' } });
    expect(records[1]!.body).toMatchObject({ persons: 1, petitioner: { name: '赵六' } });
    expect(records[1]!.body!.petitioner).not.toHaveProperty('phone');
  });

  it('marks rows with a wrong cell count or unknown header columns as unreadable', () => {
    expect(parseImport('channel,kind\nletter\n', 'csv')[0]!.problem?.en).toMatch(/1 cells where the header has 2/);
    expect(parseImport('channel,nickname\nletter,x\n', 'csv')[0]!.problem?.en).toMatch(/unknown header columns: nickname/);
  });

  it('splits rows exactly (RFC 4180)', () => {
    expect(csvRows('a,"b,c",d\n"e\n""f""",,g').map((r) => r.cells)).toEqual([['a', 'b,c', 'd'], ['e\n"f"', '', 'g']]);
  });
});
