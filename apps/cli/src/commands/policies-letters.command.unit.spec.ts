import { type RecordedRequest, REGISTRAR, runWith } from '../cli.testkit';

const SUPERVISOR = ['--as', 'sup-1', '--role', 'supervisor'];
const path = (r: RecordedRequest) => { const u = new URL(r.url); return `${r.method} ${u.pathname}${u.search}`; };

describe('policies', () => {
  it('lists, shows versions and rollout progress at the API paths', async () => {
    const list = await runWith(['policies', 'list', ...SUPERVISOR], { reply: () => ({ status: 200, body: { policies: [{ id: 'zj-2016', version: 2, name: '浙江', scope: { regionPrefixes: ['33'] }, effectiveFrom: '2016-01-01' }] } }) });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('zj-2016 v2');
    const versions = await runWith(['policies', 'versions', 'zj-2016', ...SUPERVISOR], { reply: () => ({ status: 200, body: { versions: [] } }) });
    const rollout = await runWith(['policies', 'rollout', 'zj-2016', '2', ...SUPERVISOR], { reply: () => ({ status: 200, body: { done: 3 } }) });
    expect([...list.requests, ...versions.requests, ...rollout.requests].map(path))
      .toEqual(['GET /policies', 'GET /policies/zj-2016/versions', 'GET /policies/zj-2016/versions/2/rollout']);
  });

  it('publishes a document from a file with the note and the roll-out flag', async () => {
    const doc = { id: 'gd-2026', version: 1, name: '广东' };
    const r = await runWith(['policies', 'publish', '--json-file', 'p.json', '--adopt-open-cases', '--note', '年度调整', ...SUPERVISOR],
      { files: { 'p.json': JSON.stringify(doc) }, reply: () => ({ status: 201, body: { policyId: 'gd-2026', version: 1 } }) });
    expect(r.code).toBe(0);
    expect(r.requests.map(path)).toEqual(['POST /policies']);
    expect(r.requests[0]!.body).toEqual({ document: doc, adoptOpenCases: true, note: '年度调整' });
  });

  it('passes the API\'s refusal of an invalid document on with exit 3, and needs a document and all resolve facts (exit 2)', async () => {
    const bad = await runWith(['policies', 'publish', '--json', '{"id":"x"}', ...SUPERVISOR], { reply: () => ({ status: 422,
      body: { error: { code: 'POLICY_INVALID', message: '政策文件无效', messageEn: 'invalid policy', details: { problems: [{ path: 'limits', message: 'missing' }] } } } }) });
    expect(bad.code).toBe(3);
    expect((await runWith(['policies', 'publish', ...SUPERVISOR])).code).toBe(2);
    const partial = await runWith(['policies', 'resolve', '--region', '330106', ...SUPERVISOR]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/--category --channel --kind/);
    const ok = await runWith(['policies', 'resolve', '--region', '330106', '--category', 'health', '--channel', 'letter', '--kind', 'claim', ...SUPERVISOR],
      { reply: () => ({ status: 200, body: { id: 'zj-2016' } }) });
    expect(ok.requests[0]!.body).toEqual({ regionCode: '330106', category: 'health', channel: 'letter', kind: 'claim' });
  });
});

describe('letters and the petitioner', () => {
  it('lists letters of a case and saves a letter document to the file named', async () => {
    const list = await runWith(['letters', 'list', '--case', 'petition-0123456789abcdef0123', ...SUPERVISOR], { reply: () => ({ status: 200,
      body: { letters: [{ letterId: 7, letterNo: '信联办〔2026〕1号', kind: 'reminder_letter', recipientUnit: 'u-1', issuedAt: '2026-12-01T03:25:00Z', caseId: 'petition-0123456789abcdef0123' }] } }) });
    expect(list.requests.map(path)).toEqual(['GET /letters?caseId=petition-0123456789abcdef0123']);
    expect(list.stdout).toContain('信联办〔2026〕1号');
    const get = await runWith(['letters', 'get', '7', '--out', 'l.html', ...SUPERVISOR], { reply: () => ({ status: 200, text: '<html>函</html>' }) });
    expect(get.code).toBe(0);
    expect(get.requests.map(path)).toEqual(['GET /letters/7.html']);
    expect(new TextDecoder().decode(get.written['l.html'])).toBe('<html>函</html>');
  });

  it('refuses a letter download without a .pdf/.html file or with a bad id, sending nothing', async () => {
    for (const args of [['letters', 'get', '7'], ['letters', 'get', '7', '--out', 'l.txt'], ['letters', 'get', '7x', '--out', 'l.pdf'], ['letters']]) {
      const r = await runWith([...args, ...SUPERVISOR]);
      expect({ args, code: r.code, sent: r.requests.length }).toEqual({ args, code: 2, sent: 0 });
    }
  });

  it('shows the petitioner as the API answers for the caller\'s role', async () => {
    const r = await runWith(['petitioner', 'petition-0123456789abcdef0123', ...REGISTRAR], { reply: () => ({ status: 200, body: { name: '李**', phone: '139****5678' } }) });
    expect(r.requests.map(path)).toEqual(['GET /petitions/petition-0123456789abcdef0123/petitioner']);
    expect(r.stdout).toMatch(/name\s+李\*\*/);
  });
});
