import { ALL_FLAGS, ACTION_COMMANDS, COMMANDS } from './commands/registry';
import { parseStrict } from './args';
import { CASE_ID, FIXED_NOW, HANDLER, REGISTRAR, runWith } from './cli.testkit';

const READ_MODEL = {
  case: { caseId: CASE_ID, status: 'open', step: 'receipt', leadUnitId: 'xuhui-housing', coUnitIds: [], repeatCount: 0, breachCount: 0, lastSeq: 2, nextDeadlineKey: 'notify', nextDeadlineAt: '2025-12-16T15:59:59.999Z' },
  events: [{ seq: 1, type: 'PetitionRegistered', at: '2025-12-01T01:00:00.000Z', actor: { id: 'reg-001', role: 'registrar', unitId: 'city-bureau' }, reason: null }],
};

describe('help and version', () => {
  const zhThenEn = (text: string): void => {
    const [zh, en] = text.split('\n');
    expect(zh).toMatch(/[\u4e00-\u9fa5]/);
    expect(en).toMatch(/^[\x20-\x7e—]+$/);
  };

  it('prints the tool\'s help, zh-CN first then English, with the exit codes', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await runWith(argv);
      expect(r.code).toBe(0);
      zhThenEn(r.stdout);
      expect(r.stdout).toMatch(/退出码 Exit codes:/);
      for (const code of [0, 1, 2, 3, 4, 5, 6]) expect(r.stdout).toMatch(new RegExp(`\\n  ${code}  `));
      for (const c of [...COMMANDS, ...ACTION_COMMANDS]) expect(r.stdout).toContain(`  ${c.name} `);
    }
  });

  it.each([...COMMANDS, ...ACTION_COMMANDS].map((c) => c.name))('prints the help of %s (zh-CN first, then English)', async (name) => {
    for (const argv of [[name, '--help'], ['help', name], [name, CASE_ID, '--bogus', '-h']]) {
      const r = await runWith(argv);
      expect(r.code).toBe(0);
      expect(r.requests).toHaveLength(0);
      zhThenEn(r.stdout);
      expect(r.stdout).toMatch(/用法 Usage:\n  petitions /);
      expect(r.stdout).toMatch(/退出码 Exit codes:/);
    }
  });

  it('prints the help of an action named through act', async () => {
    const r = await runWith(['act', CASE_ID, 'accept', '--help']);
    expect(r.stdout.split('\n')[0]).toContain('DecideAcceptance');
    expect(r.stdout).toMatch(/--outcome <outcome> .*accepted \| not_accepted \| diverted \| not_accepted_again/);
    expect((await runWith(['help', 'act', 'accept'])).stdout).toBe(r.stdout);
    expect((await runWith(['act', '--help'])).stdout).toMatch(/decide-re-review\s+DecideReReview/);
  });

  it('prints the version', async () => {
    expect(await runWith(['--version'])).toMatchObject({ code: 0, stdout: 'petitions 0.0.0-test' });
    expect(await runWith(['-V'])).toMatchObject({ code: 0, stdout: 'petitions 0.0.0-test' });
  });

  it('without a command prints the help to stderr and exits 2', async () => {
    const r = await runWith([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^petitions — /);
  });

  it('exits 2 on an unknown command or help topic', async () => {
    expect((await runWith(['frobnicate'])).code).toBe(2);
    const r = await runWith(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});

describe('connection and identity', () => {
  it('uses http://127.0.0.1:3000 by default, PETITIONS_API, and --api over it', async () => {
    const reply = () => ({ status: 200, body: READ_MODEL });
    expect((await runWith(['show', CASE_ID], { reply })).requests[0].url).toBe(`http://127.0.0.1:3000/petitions/${CASE_ID}`);
    expect((await runWith(['show', CASE_ID], { reply, env: { PETITIONS_API: 'https://petitions.example/api/' } })).requests[0].url)
      .toBe(`https://petitions.example/api/petitions/${CASE_ID}`);
    expect((await runWith(['--api', 'http://10.0.0.2:8080', 'show', CASE_ID], { reply, env: { PETITIONS_API: 'http://ignored' } })).requests[0].url)
      .toBe(`http://10.0.0.2:8080/petitions/${CASE_ID}`);
  });

  it('sends the identity headers from flags, the environment as fallback, flags winning', async () => {
    const env = { PETITIONS_ACTOR_ID: 'env-id', PETITIONS_ACTOR_ROLE: 'handler', PETITIONS_ACTOR_UNIT: 'env-unit' };
    const fromEnv = await runWith(['receive', CASE_ID], { env });
    expect(fromEnv.requests[0].headers).toMatchObject({ 'x-actor-id': 'env-id', 'x-actor-role': 'handler', 'x-actor-unit': 'env-unit' });
    const mixed = await runWith(['receive', CASE_ID, '--as', 'flag-id', '--unit', 'flag-unit'], { env });
    expect(mixed.requests[0].headers).toMatchObject({ 'x-actor-id': 'flag-id', 'x-actor-role': 'handler', 'x-actor-unit': 'flag-unit' });
  });

  it('encodes the case id in the path and sets a timeout', async () => {
    const r = await runWith(['live', 'a/b?c'], { reply: () => ({ status: 404, body: { error: { code: 'CASE_NOT_FOUND', message: '案件不存在', messageEn: 'No such case' } } }) });
    expect(r.requests[0]).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:3000/petitions/a%2Fb%3Fc/live', hasSignal: true });
    expect(r.code).toBe(4);
    const noLimit = await runWith(['show', CASE_ID, '--timeout', '0'], { reply: () => ({ status: 200, body: READ_MODEL }) });
    expect(noLimit.requests[0].hasSignal).toBe(false);
  });

  it.each([
    ['a bad --api', ['show', CASE_ID, '--api', 'not a url'], /Invalid API URL/],
    ['a non-http --api', ['show', CASE_ID, '--api', 'ftp://x'], /must start with http/],
    ['a bad --role', ['receive', CASE_ID, '--as', 'x', '--role', 'emperor'], /--role must be one of registrar \| handler/],
    ['the system role', ['receive', CASE_ID, '--as', 'x', '--role', 'system'], /--role must be one of/],
    ['a bad --timeout', ['show', CASE_ID, '--timeout', 'soon'], /--timeout must be/],
    ['show without a case id', ['show'], /Missing <caseId>/],
    ['live with two case ids', ['live', CASE_ID, CASE_ID], /Unexpected arguments/],
    ['show with a flag of another command', ['show', CASE_ID, '--outcome', 'accepted'], /Unknown option --outcome \(command show\)/],
    ['show with a JSON body', ['show', CASE_ID, '--json', '{"a":1}'], /Unknown option --json '<JSON>' \(--body\) \(command show\)/],
  ])('exits 2 on %s', async (_name, argv, message) => {
    const r = await runWith(argv);
    expect(r.code).toBe(2);
    expect(r.requests).toHaveLength(0);
    expect(r.stderr).toMatch(message);
  });
});

describe('show and live', () => {
  it('show: GET /petitions/:id, human summary by default, raw JSON with --json', async () => {
    const reply = () => ({ status: 200, body: READ_MODEL });
    const human = await runWith(['show', CASE_ID, ...REGISTRAR], { reply });
    expect(human.requests[0]).toMatchObject({ method: 'GET', url: `http://127.0.0.1:3000/petitions/${CASE_ID}` });
    expect(human.requests[0].body).toBeUndefined();
    expect(human.stdout).toMatch(/下一期限 Next deadline\s+notify — 2025-12-16 23:59:59 \+08:00（剩余15天13小时 \/ 15d 13h left）/);
    const raw = await runWith(['show', CASE_ID, '--json'], { reply });
    expect(JSON.parse(raw.stdout)).toEqual(READ_MODEL);
  });

  it('live: GET /petitions/:id/live', async () => {
    const view = { caseId: CASE_ID, state: { caseId: CASE_ID, status: 'open', step: 'routing' }, timeline: [], pendingDeadlines: [], asOf: FIXED_NOW.toISOString() };
    const r = await runWith(['live', CASE_ID], { reply: () => ({ status: 200, body: view }) });
    expect(r.code).toBe(0);
    expect(r.requests[0]).toMatchObject({ method: 'GET', url: `http://127.0.0.1:3000/petitions/${CASE_ID}/live` });
    expect(r.stdout).toMatch(/截至 as of 2025-12-01 10:00:00 \+08:00/);
    expect(JSON.parse((await runWith(['--json', 'live', CASE_ID], { reply: () => ({ status: 200, body: view }) })).stdout)).toEqual(view);
  });

  it('needs no identity to read', async () => {
    const r = await runWith(['show', CASE_ID], { reply: () => ({ status: 200, body: READ_MODEL }) });
    expect(r.code).toBe(0);
    expect(r.requests[0].headers['x-actor-id']).toBeUndefined();
  });
});

describe('flag table', () => {
  it('declares every flag name with one type across commands', () => {
    expect(() => parseStrict([], ALL_FLAGS)).not.toThrow();
  });

  it('accepts global flags before the command, between arguments and after', async () => {
    const r = await runWith(['--as', 'h-7', 'accept', '--role', 'handler', CASE_ID, '--outcome', 'accepted', '--unit', 'xuhui-housing']);
    expect(r.code).toBe(0);
    expect(r.requests[0].body).toEqual({ type: 'DecideAcceptance', outcome: 'accepted' });
    expect(r.requests[0].headers).toMatchObject({ 'x-actor-id': 'h-7', 'x-actor-role': 'handler', 'x-actor-unit': 'xuhui-housing' });
  });

  it('takes arguments after -- literally', async () => {
    const r = await runWith(['receive', ...HANDLER, '--', CASE_ID]);
    expect(r.code).toBe(0);
    expect(r.requests[0].url).toContain(CASE_ID);
  });
});
