import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const registrar = { 'x-actor-id': 'reg-001', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const petition = (idNumber: string) => ({
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
  respondent: { type: 'unit', description: '某区住房和城乡建设委员会' },
  summary: '小区加装电梯工程停工半年，请求督促复工。',
  petitioner: { name: '李秀英', idNumber, phone: '13912345678', address: '上海市徐汇区某路1号' },
});

describe('walking skeleton: POST /petitions → workflow → projection → GET /petitions/:id', () => {
  let stack: TestStack;
  let url: string;
  let client: Client;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startStack('skeleton');
    ({ url, client, db } = stack);
  });
  afterAll(async () => { await stack?.stop(); });

  it('files a petition and serves it from PostgreSQL, with a meaningful workflow id, type and search attributes', async () => {
    const res = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(petition('310104198805061234')) });
    expect(res.status).toBe(201);
    const filed = await json(res);
    expect(filed.caseId).toMatch(/^petition-[0-9a-f]{20}$/);
    expect(filed.result).toBe('registered');
    expect(filed.events.map((e: { type: string }) => e.type)).toEqual(['PetitionRegistered']);

    const started = Date.now();
    const body = await eventually(async () => {
      const r = await fetch(`${url}/petitions/${filed.caseId}`, { headers: registrar });
      return r.status === 200 ? json(r) : null;
    });
    const visibleAfterMs = Date.now() - started;
    expect(visibleAfterMs).toBeLessThan(5000);
    expect(body.case).toMatchObject({ caseId: filed.caseId, status: 'open', step: 'routing', channel: 'letter', category: 'urban_construction', regionCode: '310104', lastSeq: 1 });
    // The next alarm of a new case is a warning ahead of its routing limit (预警), e.g. route:warn:0.
    expect(body.case.nextDeadlineKey).toMatch(/^route(:warn:\d+)?$/);
    expect(body.events).toEqual([expect.objectContaining({ seq: 1, type: 'PetitionRegistered', actor: { id: 'reg-001', role: 'registrar', unitId: 'city-bureau' } })]);

    const description = await client.workflow.getHandle(filed.caseId).describe();
    expect(description.type).toBe('petitionCase');
    const attrs = await eventually(async () => {
      const d = await client.workflow.getHandle(filed.caseId).describe();
      return d.typedSearchAttributes.getAll().length >= 4 ? d.typedSearchAttributes : null;
    });
    const byName = Object.fromEntries(attrs.getAll().map((p) => [p.key.name, p.value]));
    expect(byName).toMatchObject({ PetitionStatus: 'open', PetitionStep: 'routing', PetitionRegion: '310104', PetitionCategory: 'urban_construction' });
    expect(byName.PetitionNextDeadline).toBeInstanceOf(Date);
    // No personal data in the id or the attributes.
    expect(JSON.stringify({ id: filed.caseId, byName })).not.toMatch(/李秀英|310104198805061234|13912345678/);
  });

  it('files the same petitioner and respondent again as a new case, and as a repeat only when the registrar says repeatOf', async () => {
    const first = await json(await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(petition('310104197001011111')) }));
    const separate = await json(await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(petition('310104197001011111')) }));
    expect(separate.result).toBe('registered');
    expect(separate.caseId).not.toBe(first.caseId);
    const second = await json(await fetch(`${url}/petitions`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ ...petition('310104197001011111'), channel: 'visit', repeatOf: first.caseId }) }));
    expect(second.caseId).toBe(first.caseId);
    expect(second.result).toBe('repeat');
    const row = await eventually(async () => {
      const [r] = await db.query('SELECT repeat_count, last_seq FROM cases WHERE case_id = $1', [first.caseId]);
      return r?.last_seq === 2 ? r : null;
    });
    expect(row.repeat_count).toBe(1);
  });

  it('refuses bad input with a 4xx, a stable code and a message, and starts nothing', async () => {
    const before = Number((await db.query('SELECT count(*) AS n FROM cases'))[0].n);
    const query = `WorkflowType = 'petitionCase' AND TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`;
    const workflowsBefore = (await client.workflow.count(query)).count;
    const cases: [unknown, number, string][] = [
      [{}, 400, 'VALIDATION_FAILED'],
      [{ ...petition('310104198805060000'), persons: 'two' }, 400, 'VALIDATION_FAILED'],
      [{ ...petition('310104198805060000'), regionCode: 310104 }, 400, 'VALIDATION_FAILED'],
      [{ ...petition('310104198805060000'), extra: true }, 400, 'VALIDATION_FAILED'],
      [{ ...petition('310104198805060000'), summary: 'x'.repeat(70 * 1024) }, 413, 'REQUEST_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const res = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(body) });
      expect(res.status).toBe(status);
      const err = (await json(res)).error;
      expect(err.code).toBe(code);
      expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(err.messageEn).toBeTruthy();
    }
    const malformed = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: '{"channel":' });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.code).toBe('MALFORMED_JSON');
    const anonymous = await fetch(`${url}/petitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(petition('310104198805060000')) });
    expect(anonymous.status).toBe(401);

    const missingFields = await json(await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({ channel: 'letter' }) }));
    expect(missingFields.error.details.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['kind', 'petitioner', 'summary']));

    const after = Number((await db.query('SELECT count(*) AS n FROM cases'))[0].n);
    expect(after).toBe(before);
    expect((await client.workflow.count(query)).count).toBe(workflowsBefore);
  });

  it('answers a refused step with its code and reasons, and leaves no trace in the workflow history', async () => {
    const filed = await json(await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(petition('310104196612123456')) }));
    const handle = client.workflow.getHandle(filed.caseId);
    // Wait until the case is idle: registration projected and the workflow blocked waiting for the next command.
    await eventually(async () => (await db.query('SELECT 1 FROM cases WHERE case_id = $1', [filed.caseId])).length === 1);
    const idle = async () => {
      const d = await handle.describe();
      return !d.raw.pendingWorkflowTask && !d.raw.pendingActivities?.length ? (await handle.fetchHistory()).events!.length : null;
    };
    const before = await eventually(idle);
    const handler = { ...registrar, 'x-actor-id': 'h-1', 'x-actor-role': 'handler', 'x-actor-unit': 'xuhui-housing' };
    const res = await fetch(`${url}/petitions/${filed.caseId}/commands`, { method: 'POST', headers: handler, body: JSON.stringify({ type: 'ReceiveCase' }) });
    expect(res.status).toBe(409);
    const err = (await json(res)).error;
    expect(err.code).toBe('CASE_WRONG_STEP');
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(err.messageEn).toMatch(/[a-z]/);
    const forbidden = await fetch(`${url}/petitions/${filed.caseId}/commands`, { method: 'POST', headers: { ...registrar, 'x-actor-role': 'auditor' }, body: JSON.stringify({ type: 'WithdrawPetition' }) });
    expect(forbidden.status).toBe(403);
    expect(await idle()).toBe(before);

    const routed = await fetch(`${url}/petitions/${filed.caseId}/commands`, { method: 'POST', headers: registrar, body: JSON.stringify({ type: 'RoutePetition', mode: 'forward', leadUnitId: 'xuhui-housing' }) });
    expect(routed.status).toBe(201);
    expect((await json(routed)).events.map((e: { type: string }) => e.type)).toEqual(['PetitionRouted']);
    expect((await handle.fetchHistory()).events!.length).toBeGreaterThan(before);
  });
});
