import { REGISTRAR, runWith } from '../cli.testkit';
import { FILE_RETRY } from './file.command';

const FILED = { caseId: 'petition-0123456789abcdef0123', result: 'registered', status: 'open', step: 'routing', events: [{ seq: 1, type: 'PetitionRegistered', at: '2025-12-01T02:00:00.000Z' }] };
const reply = () => ({ status: 201, body: FILED });

const FLAGS = ['--channel', 'letter', '--kind', 'claim', '--category', 'urban_construction', '--region', '310104', '--level', 'city',
  '--persons', '1', '--respondent', '某区住建委', '--summary', '加装电梯停工，请求督促复工', '--name', '李秀英'];
const BODY = {
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
  respondent: { type: 'unit', description: '某区住建委' }, summary: '加装电梯停工，请求督促复工', petitioner: { name: '李秀英' },
};

describe('file → POST /petitions', () => {
  it('maps every flag to the registration body and sends the registrar\'s identity', async () => {
    const r = await runWith(['file', ...FLAGS, '--representatives', '2', '--respondent-type', 'person', '--id-number', '310104198805061234',
      '--phone', '13912345678', '--address', '上海市徐汇区某路1号', ...REGISTRAR], { reply });
    expect(r.code).toBe(0);
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:3000/petitions' });
    expect(r.requests[0].headers).toMatchObject({ 'x-actor-id': 'reg-001', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau' });
    expect(r.requests[0].body).toEqual({
      ...BODY, representatives: 2, respondent: { type: 'person', description: '某区住建委' },
      petitioner: { name: '李秀英', idNumber: '310104198805061234', phone: '13912345678', address: '上海市徐汇区某路1号' },
    });
  });

  it('prints the case id, the result and the step', async () => {
    const r = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply });
    expect(r.requests[0].body).toEqual(BODY);
    expect(r.stdout).toMatch(/案件编号 Case id\s+petition-0123456789abcdef0123/);
    expect(r.stdout).toMatch(/结果 Result\s+registered（新登记 \/ new case）/);
    expect(r.stdout).toMatch(/环节 Step\s+routing/);
    expect(r.stdout).toMatch(/#1 PetitionRegistered 2025-12-01 10:00:00 \+08:00/);
  });

  it('says when a petition joined an existing case as a repeat', async () => {
    const r = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply: () => ({ status: 201, body: { ...FILED, result: 'repeat' } }) });
    expect(r.stdout).toMatch(/结果 Result\s+repeat（重复信访/);
  });

  it('sends a --json-file as is, with flags laid over it', async () => {
    const files = { 'p.json': JSON.stringify({ ...BODY, petitioner: { name: '李秀英', phone: '13912345678' } }) };
    const plain = await runWith(['file', '--json-file', 'p.json', ...REGISTRAR], { reply, files });
    expect(plain.requests[0].body).toEqual({ ...BODY, petitioner: { name: '李秀英', phone: '13912345678' } });
    const over = await runWith(['file', '--json-file', 'p.json', '--channel', 'visit', '--persons', '3', '--address', '某路2号', '--respondent-type', 'person', ...REGISTRAR], { reply, files });
    expect(over.requests[0].body).toEqual({
      ...BODY, channel: 'visit', persons: 3, respondent: { type: 'person', description: '某区住建委' },
      petitioner: { name: '李秀英', phone: '13912345678', address: '某路2号' },
    });
  });

  it('reads the registration from stdin with --json-file -', async () => {
    const r = await runWith(['file', '--json-file', '-', ...REGISTRAR], { reply, files: { '-': JSON.stringify(BODY) } });
    expect(r.requests[0].body).toEqual(BODY);
  });

  it('prints the raw response with --json', async () => {
    const r = await runWith(['--json', 'file', ...FLAGS, ...REGISTRAR], { reply });
    expect(JSON.parse(r.stdout)).toEqual(FILED);
  });

  const usage: [string, string[], RegExp][] = [
    ['missing required flags', ['--channel', 'letter'], /Missing required options: --kind --category --region --level --persons --respondent --summary --name/],
    ['a bad channel', [...FLAGS.slice(2), '--channel', 'pigeon'], /--channel must be one of letter \| visit \| phone \| online/],
    ['persons not a number', [...FLAGS, '--persons', 'two'], /--persons must be a whole number/],
    ['persons below 1', [...FLAGS, '--persons', '0'], /--persons must be a whole number \(1–…\)/],
    ['a bad respondent type', [...FLAGS, '--respondent-type', 'robot'], /unit \| person/],
    ['a positional', [...FLAGS, 'extra'], /takes no positional arguments/],
    ['an unreadable file', ['--json-file', 'missing.json'], /Cannot read missing.json/],
    ['both --json and --json-file', ['--json', '{}', '--json-file', 'x.json'], /either --json or --json-file/],
  ];
  it.each(usage)('exits 2 on %s, sending nothing', async (_name, argv, message) => {
    const r = await runWith(['file', ...argv, ...REGISTRAR], { reply });
    expect(r.code).toBe(2);
    expect(r.requests).toHaveLength(0);
    expect(r.stderr).toMatch(message);
  });

  it('needs the registrar\'s identity (flags or environment)', async () => {
    const none = await runWith(['file', ...FLAGS], { reply });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Missing actor identity: --as \(PETITIONS_ACTOR_ID\), --role \(PETITIONS_ACTOR_ROLE\)/);
    const env = { PETITIONS_ACTOR_ID: 'reg-009', PETITIONS_ACTOR_ROLE: 'registrar' };
    const fromEnv = await runWith(['file', ...FLAGS], { reply, env });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.requests[0].headers).toMatchObject({ 'x-actor-id': 'reg-009', 'x-actor-role': 'registrar' });
    expect(fromEnv.requests[0].headers['x-actor-unit']).toBeUndefined();
  });
});

describe('file: idempotency key and retries', () => {
  const saved = { ...FILE_RETRY };
  beforeAll(() => { FILE_RETRY.baseDelayMs = 1; });
  afterAll(() => { Object.assign(FILE_RETRY, saved); });
  const refused = (): TypeError => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), { code: 'ECONNREFUSED' }) });

  it('sends a fresh random Idempotency-Key by default', async () => {
    const a = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply });
    const b = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply });
    const keyA = a.requests[0].headers['idempotency-key'];
    expect(keyA).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.requests[0].headers['idempotency-key']).not.toBe(keyA);
  });

  it('sends the key given with --idempotency-key', async () => {
    const r = await runWith(['file', ...FLAGS, '--idempotency-key', 'reg-001:2026-12-01:0042', ...REGISTRAR], { reply });
    expect(r.code).toBe(0);
    expect(r.requests[0].headers['idempotency-key']).toBe('reg-001:2026-12-01:0042');
  });

  it.each([['too short', 'abc'], ['with spaces', 'my key 12345'], ['too long', 'k'.repeat(129)]])('exits 2 on a key %s, sending nothing', async (_n, key) => {
    const r = await runWith(['file', ...FLAGS, '--idempotency-key', key, ...REGISTRAR], { reply });
    expect(r.code).toBe(2);
    expect(r.requests).toHaveLength(0);
    expect(r.stderr).toMatch(/--idempotency-key must be 8–128 characters/);
  });

  it('retries after a network error with the same key and prints the first answer', async () => {
    let calls = 0;
    const r = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply: () => (++calls < 3 ? refused() : { status: 201, body: FILED }) });
    expect(r.code).toBe(0);
    expect(r.requests).toHaveLength(3);
    expect(new Set(r.requests.map((q) => q.headers['idempotency-key'])).size).toBe(1);
    expect(r.requests.map((q) => q.body)).toEqual([BODY, BODY, BODY]);
    expect(r.stdout).toMatch(/案件编号 Case id\s+petition-0123456789abcdef0123/);
  });

  it('gives up after the last attempt with exit 6, naming the key to retry with', async () => {
    const r = await runWith(['file', ...FLAGS, '--idempotency-key', 'retry-me-0001', ...REGISTRAR], { reply: () => refused() });
    expect(r.code).toBe(6);
    expect(r.requests).toHaveLength(FILE_RETRY.attempts);
    expect(r.requests.every((q) => q.headers['idempotency-key'] === 'retry-me-0001')).toBe(true);
    expect(r.stderr).toMatch(/retry with --idempotency-key retry-me-0001/);
  });

  it('waits while the API still processes the same key, but does not retry a refusal', async () => {
    let calls = 0;
    const busy = { status: 409, body: { error: { code: 'IDEMPOTENCY_IN_PROGRESS', message: '处理中', messageEn: 'in progress' } } };
    const waited = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply: () => (++calls < 2 ? busy : { status: 201, body: FILED }) });
    expect(waited.code).toBe(0);
    expect(waited.requests).toHaveLength(2);
    const invalid = await runWith(['file', ...FLAGS, ...REGISTRAR], { reply: () => ({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: '已用', messageEn: 'reused' } } }) });
    expect(invalid.code).not.toBe(0);
    expect(invalid.requests).toHaveLength(1);
  });
});
