import type { temporal } from '@temporalio/proto';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';
import { runCli } from '../../../cli/src/cli';

/**
 * The one personal-data rule on `GET /petitions/:caseId/petitioner` and on the codec, and the append-only read log,
 * against real Temporal and PostgreSQL. Leaders are a named role here (AUTH_PERSONAL_DATA_ROLES=leader).
 */
const P = process.pid;
const BUREAU = `pd-bureau-${P}`;
const OTHER_BUREAU = `pd-bureau-other-${P}`;
const LEAD = `pd-lead-${P}`;
const CO = `pd-co-${P}`;
const ELSEWHERE = `pd-elsewhere-${P}`;
const who = (id: string, role: string, unit?: string): Record<string, string> =>
  ({ 'x-actor-id': id, 'x-actor-role': role, ...(unit ? { 'x-actor-unit': unit } : {}) });
const FILER = who(`pd-reg-${P}`, 'registrar', BUREAU);
const petitioner = { name: '欧阳查阅', idNumber: '110108197901017777', phone: '13700001111', address: '北京市海淀区查阅路一号' };
const SUMMARY = `个人信息查阅测试 ${P}`;

type Json = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
type WirePayload = { metadata: Record<string, string>; data: string };
const wire = (p: temporal.api.common.v1.IPayload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const payloadJson = (p: WirePayload): any => // eslint-disable-line @typescript-eslint/no-explicit-any
  JSON.parse(Buffer.from(p.data, 'base64').toString('utf8'));

describe('personal data: one access rule, every read in clear logged (append-only)', () => {
  let stack: TestStack;
  let caseId: string;
  let otherCaseId: string;
  const saved = process.env.AUTH_PERSONAL_DATA_ROLES;

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Json> => {
    const res = await fetch(`${stack.url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };
  const rows = async (id: string): Promise<Record<string, unknown>[]> =>
    stack.db.query('SELECT * FROM personal_data_reads WHERE case_id = $1 ORDER BY id', [id]);
  const file = async (name: string, summary: string): Promise<string> => {
    const res = await call('POST', '/petitions', FILER, { channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '110108',
      level: 'city', persons: 1, respondent: { type: 'unit', description: '某区住建委' }, summary, petitioner: { ...petitioner, name } });
    expect(res.status).toBe(201);
    return res.body.caseId as string;
  };
  /** The case's real encrypted payloads, as the Temporal UI sends them to the codec: FilePetition's arguments, RoutePetition's, the petitioner query's answer. */
  const payloads = async (id: string) => {
    const svc = stack.client.workflowService;
    const namespace = stack.client.options.namespace;
    const history = await svc.getWorkflowExecutionHistory({ namespace, execution: { workflowId: id } });
    const updates = (history.history?.events ?? []).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .filter((x) => x?.args?.payloads?.length).map((x) => ({ name: x!.name, payload: wire(x!.args!.payloads![0]!) }));
    const query = await svc.queryWorkflow({ namespace, execution: { workflowId: id }, query: { queryType: 'petitioner' } });
    return {
      filing: updates.find((u) => u.name === 'FilePetition')!.payload,
      route: updates.find((u) => u.name === 'ExecuteCommand')!.payload,
      answer: wire(query.queryResult!.payloads![0]!),
    };
  };

  beforeAll(async () => {
    process.env.AUTH_PERSONAL_DATA_ROLES = 'leader';
    stack = await startStack('pdata');
    caseId = await file(petitioner.name, SUMMARY);
    otherCaseId = await file('司马另案', `${SUMMARY} 另案`);
    const routed = await call('POST', `/petitions/${caseId}/commands`, FILER, { type: 'RoutePetition', mode: 'forward', leadUnitId: LEAD, coUnitIds: [CO] });
    expect(routed.status).toBeLessThan(300);
    await eventually(async () => (await stack.db.query('SELECT lead_unit_id FROM cases WHERE case_id = $1', [caseId]))[0]?.lead_unit_id === LEAD, 30_000);
  }, 180_000);
  afterAll(async () => {
    if (saved === undefined) delete process.env.AUTH_PERSONAL_DATA_ROLES; else process.env.AUTH_PERSONAL_DATA_ROLES = saved;
    await stack?.stop();
  });

  it('gives the petitioner in clear to the filing bureau, the lead unit and a named role, each read logged with who, what and why', async () => {
    const readers = [
      { h: who(`pd-reg2-${P}`, 'registrar', BUREAU), basis: 'filing_bureau' },
      { h: who(`pd-h-${P}`, 'handler', LEAD), basis: 'lead_unit', purpose: '电话回访信访人' },
      { h: who(`pd-head-${P}`, 'unit_head', LEAD), basis: 'lead_unit' },
      { h: who(`pd-leader-${P}`, 'leader'), basis: 'named_role' },
    ];
    for (const r of readers) {
      const res = await call('GET', `/petitions/${caseId}/petitioner${r.purpose ? `?purpose=${encodeURIComponent(r.purpose)}` : ''}`, r.h);
      expect(res.status).toBe(200);
      expect(res.body.petitioner).toEqual({ ...petitioner, summary: SUMMARY, masked: false });
      expect(res.body.read).toMatchObject({ basis: r.basis });
    }
    const logged = await rows(caseId);
    expect(logged.map((x) => [x.actor_id, x.actor_role, x.actor_unit, x.basis])).toEqual(readers.map((r) =>
      [r.h['x-actor-id'], r.h['x-actor-role'], r.h['x-actor-unit'] ?? null, r.basis]));
    for (const x of logged) {
      expect(x.fields).toEqual(['name', 'idNumber', 'phone', 'address', 'summary']);
      expect(x.route).toBe('GET /petitions/:caseId/petitioner');
      expect(x.read_at).toBeInstanceOf(Date);
    }
    expect(logged.map((x) => x.purpose)).toEqual(['办理信访事项 / handling the petition', '电话回访信访人',
      '办理信访事项 / handling the petition', '办理信访事项 / handling the petition']);

    // Auditors read the log through the API (newest first, cursor pages) and the CLI.
    const auditor = who(`pd-aud-${P}`, 'auditor');
    const first = await call('GET', `/audit/personal-data-reads?caseId=${caseId}&limit=3`, auditor);
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { actorId: string }) => i.actorId)).toEqual([`pd-leader-${P}`, `pd-head-${P}`, `pd-h-${P}`]);
    const second = await call('GET', `/audit/personal-data-reads?caseId=${caseId}&limit=3&cursor=${first.body.nextCursor}`, auditor);
    expect(second.body).toMatchObject({ items: [{ actorId: `pd-reg2-${P}`, caseId, basis: 'filing_bureau', actorUnit: BUREAU }], nextCursor: null });
    const byActor = await call('GET', `/audit/personal-data-reads?actorId=pd-h-${P}&from=2000-01-01`, auditor);
    expect(byActor.body.items).toHaveLength(1);
    expect((await call('GET', `/audit/personal-data-reads?caseId=${caseId}&to=2000-01-01`, auditor)).body.items).toEqual([]);
    expect((await call('GET', '/audit/personal-data-reads?cursor=AAAA', auditor))).toMatchObject({ status: 400, body: { error: { code: 'QUERY_INVALID_CURSOR' } } });
    expect((await call('GET', '/audit/personal-data-reads', who(`pd-adm-${P}`, 'admin'))).status).toBe(403);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli({ argv: ['audit', 'personal-data-reads', '--case', caseId, '--actor', `pd-leader-${P}`, '--as', `pd-aud-${P}`, '--role', 'auditor'],
      env: { PETITIONS_API: stack.url }, transport: (u, init) => fetch(u, init), stdout: (t) => out.push(t), stderr: (t) => err.push(t),
      now: () => new Date(), readFile: () => '', writeFile: () => undefined, version: 'test' });
    expect([code, err.join('\n')]).toEqual([0, '']);
    expect(out.join('\n')).toContain(`pd-leader-${P} (leader) ${caseId} [name,idNumber,phone,address,summary] named_role GET /petitions/:caseId/petitioner`);
  });

  it('refuses everyone else the clear view (403 PERSONAL_DATA_FORBIDDEN, or masked), and logs nothing for them', async () => {
    const before = (await rows(caseId)).length;
    const masked = { name: '欧***', idNumber: '110***********7777', phone: '137****1111', address: '北京市海淀区*****', masked: true };
    for (const h of [who(`pd-co-${P}`, 'handler', CO), who(`pd-reg3-${P}`, 'registrar', OTHER_BUREAU), who(`pd-sup-${P}`, 'supervisor'),
      who(`pd-aud-${P}`, 'auditor'), who(`pd-adm-${P}`, 'admin')]) {
      const full = await call('GET', `/petitions/${caseId}/petitioner?view=full`, h);
      expect(full).toMatchObject({ status: 403, body: { error: { code: 'PERSONAL_DATA_FORBIDDEN' } } });
      expect(full.body.error.message).toMatch(/个人信息/);
      expect(full.body.error.messageEn).toMatch(/personal data/);
      const auto = await call('GET', `/petitions/${caseId}/petitioner`, h);
      expect(auto).toMatchObject({ status: 200, body: { petitioner: masked } });
      expect(JSON.stringify(auto.body)).not.toContain(SUMMARY);
    }
    // Another unit's handler does not even learn that the case exists (the guard's unit scope answers first).
    expect(await call('GET', `/petitions/${caseId}/petitioner?view=full`, who(`pd-x-${P}`, 'handler', ELSEWHERE)))
      .toMatchObject({ status: 404, body: { error: { code: 'CASE_NOT_FOUND' } } });
    // An entitled reader who asks for the masked view reads nothing in clear, and nothing is logged.
    expect((await call('GET', `/petitions/${caseId}/petitioner?view=masked`, who(`pd-h-${P}`, 'handler', LEAD))).body.petitioner).toEqual(masked);
    expect((await rows(caseId)).length).toBe(before);
  });

  it('applies the same rule to the codec: masked without a case, in clear for the entitled with a case (logged), 403 otherwise', async () => {
    const { filing, route, answer } = await payloads(caseId);
    const before = (await rows(caseId)).length;
    // No case named (the plain codec-server endpoint): decoded, the petitioner masked, nothing logged.
    const plain = await call('POST', '/codec/decode', who(`pd-aud-${P}`, 'auditor'), { payloads: [filing, answer, route] });
    expect(plain.status).toBe(200);
    const [plainFiling, plainAnswer, plainRoute] = plain.body.payloads.map(payloadJson);
    expect(plainFiling.petitioner).toEqual({ name: '欧***', idNumber: '110***********7777', phone: '137****1111', address: '北京市海淀区*****', masked: true });
    expect(plainFiling.registration.category).toBe('urban_construction');
    expect(plainAnswer).toMatchObject({ name: '欧***', masked: true });
    expect(plainRoute).toMatchObject({ type: 'RoutePetition', leadUnitId: LEAD });
    expect(JSON.stringify(plain.body)).not.toContain(Buffer.from(petitioner.idNumber).toString('base64').slice(0, 12));

    // The filing bureau's registrar names the case: in clear, one row with the fields given.
    const reg = await call('POST', `/codec/cases/${caseId}/decode?purpose=${encodeURIComponent('核对登记信息')}`, who(`pd-reg2-${P}`, 'registrar', BUREAU),
      { payloads: [filing, answer, route] });
    expect(reg.status).toBe(200);
    expect(payloadJson(reg.body.payloads[0]).petitioner).toEqual({ ...petitioner, summary: SUMMARY });
    expect(payloadJson(reg.body.payloads[1])).toEqual({ ...petitioner, summary: SUMMARY });
    const logged = (await rows(caseId)).slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor_id: `pd-reg2-${P}`, actor_role: 'registrar', actor_unit: BUREAU, basis: 'filing_bureau',
      route: 'POST /codec/cases/:caseId/decode', purpose: '核对登记信息', fields: ['name', 'idNumber', 'phone', 'address', 'summary'] });

    // Not entitled with the case named: 403, nothing logged; a handler has no codec at all.
    for (const h of [who(`pd-aud-${P}`, 'auditor'), who(`pd-reg3-${P}`, 'registrar', OTHER_BUREAU), who(`pd-adm-${P}`, 'admin')]) {
      expect(await call('POST', `/codec/cases/${caseId}/decode`, h, { payloads: [filing] }))
        .toMatchObject({ status: 403, body: { error: { code: 'PERSONAL_DATA_FORBIDDEN' } } });
    }
    expect(await call('POST', `/codec/cases/${caseId}/decode`, who(`pd-h-${P}`, 'handler', LEAD), { payloads: [filing] }))
      .toMatchObject({ status: 403, body: { error: { code: 'AUTH_ROLE_FORBIDDEN' } } });
    // Entitled to another case is not entitled to this one's data: naming one's own case for another's payloads is refused.
    expect(await call('POST', `/codec/cases/${otherCaseId}/decode`, who(`pd-reg2-${P}`, 'registrar', BUREAU), { payloads: [filing] }))
      .toMatchObject({ status: 403, body: { error: { code: 'PERSONAL_DATA_NOT_OF_CASE' } } });
    // Payloads without personal data decode for any codec user, nothing to log.
    const noPii = await call('POST', `/codec/cases/${caseId}/decode`, who(`pd-aud-${P}`, 'auditor'), { payloads: [route] });
    expect(payloadJson(noPii.body.payloads[0])).toMatchObject({ type: 'RoutePetition' });
    expect((await rows(caseId)).length).toBe(before + 1);
    expect(await rows(otherCaseId)).toEqual([]);
  });

  it('returns no personal data when the read cannot be logged', async () => {
    const actor = `pd-logfail-${P}`;
    // A real failure of the insert for this one actor (a CHECK the row violates), then the table as it was.
    await stack.db.query(`ALTER TABLE personal_data_reads ADD CONSTRAINT pd_logfail_${P} CHECK (actor_id <> '${actor}') NOT VALID`);
    try {
      const res = await call('GET', `/petitions/${caseId}/petitioner`, who(actor, 'registrar', BUREAU));
      expect(res).toMatchObject({ status: 503, body: { error: { code: 'PERSONAL_DATA_LOG_FAILED' } } });
      expect(JSON.stringify(res.body)).not.toContain(petitioner.idNumber);
      const codec = await call('POST', `/codec/cases/${caseId}/decode`, who(actor, 'registrar', BUREAU), { payloads: [(await payloads(caseId)).filing] });
      expect(codec).toMatchObject({ status: 503, body: { error: { code: 'PERSONAL_DATA_LOG_FAILED' } } });
      expect(JSON.stringify(codec.body)).not.toContain('payloads');
    } finally {
      await stack.db.query(`ALTER TABLE personal_data_reads DROP CONSTRAINT pd_logfail_${P}`);
    }
    expect(await stack.db.query('SELECT 1 FROM personal_data_reads WHERE actor_id = $1', [actor])).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log in PostgreSQL, for the table owner too', async () => {
    const [row] = await rows(caseId);
    expect(row).toBeDefined();
    await expect(stack.db.query('UPDATE personal_data_reads SET purpose = $1 WHERE id = $2', ['改写', row!.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(stack.db.query('DELETE FROM personal_data_reads WHERE id = $1', [row!.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(stack.db.query('TRUNCATE personal_data_reads')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [after] = await rows(caseId);
    expect(after).toEqual(row);
  });
});
