import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { INestApplication } from '@nestjs/common';
import { type TestStack, eventually, startApiApp, startStack } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const registrar = { 'x-actor-id': 'reg-idem', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };

// The database is shared by the test files of a run: every petition here has its own region code and identity number.
let serial = 0;
// Region 56xxxx belongs to this file (other files count cases by region prefix).
const uniqueRegion = (): string => `56${String((process.pid * 97 + serial++ * 7919 + Date.now()) % 10000).padStart(4, '0')}`;
const petition = (regionCode: string) => ({
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode, level: 'city', persons: 1,
  respondent: { type: 'unit', description: '某区住房和城乡建设委员会' },
  summary: '幂等键测试：小区加装电梯工程停工，请求督促复工。',
  petitioner: { name: '赵幂等', idNumber: `${regionCode}19800101${String(serial).padStart(3, '0')}9`, phone: '13812345678', address: '上海市某路1号' },
});
const key = (name: string) => `test-${name}-${process.pid}-${Date.now()}`;
const post = (url: string, body: unknown, headers: Record<string, string> = {}, path = '/petitions') =>
  fetch(`${url}${path}`, { method: 'POST', headers: { ...registrar, ...headers }, body: JSON.stringify(body) });

describe('POST /petitions with an Idempotency-Key', () => {
  let stack: TestStack;
  let url: string;
  let client: Client;
  let db: DataSource;
  /** A second API process on the same database and Temporal: claims must hold across processes. */
  let second: { app: INestApplication; url: string };

  beforeAll(async () => {
    stack = await startStack('idempotency');
    ({ url, client, db } = stack);
    second = await startApiApp();
  }, 120_000);
  afterAll(async () => { await second?.app.close(); await stack?.stop(); });

  const casesIn = async (region: string): Promise<{ case_id: string; last_seq: number; repeat_count: number }[]> =>
    db.query('SELECT case_id, last_seq, repeat_count FROM cases WHERE region_code = $1', [region]);
  /** Registrations the workflow accepted (Updates), whatever the read model shows. */
  const updatesOf = async (caseId: string): Promise<number> =>
    (await client.workflow.getHandle(caseId).fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;

  it('replays the first answer for the same key and body, and registers once', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('replay');
    const first = await post(url, body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const filed = await json(first);
    expect(filed.result).toBe('registered');

    // Same body with its keys in another order: the same request.
    const { petitioner, ...rest } = body;
    const again = await post(url, { petitioner, ...rest }, { 'idempotency-key': k });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(filed);

    const rows = await eventually(async () => { const r = await casesIn(region); return r.length === 1 ? r : null; });
    expect(rows[0]).toMatchObject({ case_id: filed.caseId, last_seq: 1, repeat_count: 0 });
    expect(await updatesOf(filed.caseId)).toBe(1);

    // Without the key the same petition is another request: a new case (same matter is the registrar's repeatOf).
    const plain = await json(await post(url, body));
    expect(plain.result).toBe('registered');
    expect(plain.caseId).not.toBe(filed.caseId);
    expect(await updatesOf(filed.caseId)).toBe(1);
  });

  it('keeps no personal data: the key and body only as HMACs, the stored answer without the petitioner', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('privacy');
    const filed = await json(await post(url, body, { 'idempotency-key': k }));
    const rows = await db.query(`SELECT * FROM idempotency_keys WHERE actor_id = 'reg-idem' AND response->>'caseId' = $1`, [filed.caseId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'completed', status_code: 201 });
    expect(rows[0].request_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(rows[0]);
    for (const secret of [k, body.petitioner.name, body.petitioner.idNumber, body.petitioner.phone, body.petitioner.address, body.summary, body.respondent.description]) {
      expect(stored).not.toContain(secret);
    }
    expect(new Date(rows[0].expires_at).getTime() - new Date(rows[0].created_at).getTime()).toBe(24 * 3600_000);
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('reuse');
    const filed = await json(await post(url, body, { 'idempotency-key': k }));
    const reused = await post(url, { ...body, persons: 2 }, { 'idempotency-key': k });
    expect(reused.status).toBe(422);
    const err = (await json(reused)).error;
    expect(err.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(err.messageEn).toMatch(/different registration/);
    // Another registrar may use the same key for their own request.
    const other = await post(url, { ...body, persons: 2 }, { 'idempotency-key': k, 'x-actor-id': 'reg-idem-2' });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // Its own request, so its own case; the first case is untouched.
    expect((await json(other)).caseId).not.toBe(filed.caseId);
    expect(await updatesOf(filed.caseId)).toBe(1);
  });

  it('registers exactly once when ten requests with the same key arrive together at two API processes', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('race');
    const query = `WorkflowType = 'petitionCase' AND TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`;
    const workflowsBefore = (await client.workflow.count(query)).count;
    const answers = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const res = await post(i % 2 ? second.url : url, body, { 'idempotency-key': k });
      return { status: res.status, replayed: res.headers.get('idempotent-replayed'), retryAfter: res.headers.get('retry-after'), body: await json(res) };
    }));
    const ok = answers.filter((a) => a.status === 201);
    // The others wait for the first; on a very slow machine they may be told to retry instead (409 with Retry-After).
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY_IN_PROGRESS' } } });
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    expect(ok.filter((a) => a.replayed === null)).toHaveLength(1);
    expect(new Set(ok.map((a) => a.body.caseId)).size).toBe(1);
    const caseId = ok[0].body.caseId as string;
    expect(ok.every((a) => a.body.result === 'registered')).toBe(true);

    const rows = await eventually(async () => { const r = await casesIn(region); return r.length === 1 ? r : null; });
    expect(rows[0]).toMatchObject({ case_id: caseId, last_seq: 1, repeat_count: 0 });
    expect(await updatesOf(caseId)).toBe(1);
    await eventually(async () => (await client.workflow.count(query)).count === workflowsBefore + 1, 15_000);
    // A retry after the storm still gets the one answer.
    const late = await post(url, body, { 'idempotency-key': k });
    expect(late.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(late)).caseId).toBe(caseId);
  }, 60_000);

  it('forgets a key once it expired: the same key then files a new registration', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('expiry');
    const first = await json(await post(url, body, { 'idempotency-key': k }));
    // Age the key past its 24 hours (the expiry is the database's, so the test moves it rather than the clock).
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second'
      WHERE actor_id = 'reg-idem' AND response->>'caseId' = $1`, [first.caseId]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE actor_id = 'reg-idem' AND response->>'caseId' = $1
      AND expires_at <= now()`, [first.caseId]);
    expect(n).toBe(1);
    const changed = await post(second.url, { ...body, persons: 3 }, { 'idempotency-key': k });
    expect(changed.status).toBe(201);
    expect(changed.headers.get('idempotent-replayed')).toBeNull();
    // Another body: another request, so another case id (the id comes from actor, key and body).
    const answer = await json(changed);
    expect(answer.result).toBe('registered');
    expect(answer.caseId).not.toBe(first.caseId);
    expect(await updatesOf(first.caseId)).toBe(1);
  });

  it('answers the same key and body after expiry with the same case id, even once that case has closed', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('expired-closed');
    const first = await json(await post(url, body, { 'idempotency-key': k }));
    expect((await post(url, { type: 'WithdrawPetition', reason: '撤回' }, {}, `/petitions/${first.caseId}/commands`)).status).toBe(201);
    await eventually(async () => (await client.workflow.getHandle(first.caseId).describe()).status.name === 'COMPLETED', 20_000);
    await eventually(async () => (await db.query('SELECT status FROM cases WHERE case_id = $1', [first.caseId]))[0]?.status === 'closed');
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second'
      WHERE actor_id = 'reg-idem' AND response->>'caseId' = $1`, [first.caseId]);
    const rerun = await post(url, body, { 'idempotency-key': k });
    expect(rerun.status).toBe(201);
    // Same case id and Update id: Temporal answers with the first registration's outcome, though the case has closed.
    expect(await json(rerun)).toEqual(first);
    // The registration and the withdrawal; the re-run recorded nothing.
    expect(await updatesOf(first.caseId)).toBe(2);
  });

  it('lets Temporal deduplicate a retry whose claim was lost (API died after the workflow answered)', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const k = key('lost-claim');
    const first = await json(await post(url, body, { 'idempotency-key': k }));
    await db.query(`DELETE FROM idempotency_keys WHERE actor_id = 'reg-idem' AND response->>'caseId' = $1`, [first.caseId]);
    const retry = await post(second.url, body, { 'idempotency-key': k });
    expect(retry.status).toBe(201);
    // Same Update id: the workflow answers with the first registration instead of recording a repeat.
    expect(await json(retry)).toMatchObject({ caseId: first.caseId, result: 'registered' });
    expect(await updatesOf(first.caseId)).toBe(1);
  });

  it('refuses a malformed key with 400 IDEMPOTENCY_KEY_INVALID and starts nothing', async () => {
    const region = uniqueRegion();
    const body = petition(region);
    const query = `WorkflowType = 'petitionCase' AND TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`;
    const workflowsBefore = (await client.workflow.count(query)).count;
    for (const bad of ['short', 'x'.repeat(129), 'has space in it', 'caf\u00e9-au-lait-key', 'a/b/c/d/e/f', 'semi;colon;key']) {
      const res = await post(url, body, { 'idempotency-key': bad });
      expect(res.status).toBe(400);
      const err = (await json(res)).error;
      expect(err.code).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(err.messageEn).toMatch(/Idempotency-Key/);
    }
    // A bad key is refused even when the body is invalid too, before anything is looked at.
    const both = await post(url, {}, { 'idempotency-key': 'bad key' });
    expect((await json(both)).error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    await new Promise((r) => setTimeout(r, 500));
    expect(await casesIn(region)).toEqual([]);
    expect((await client.workflow.count(query)).count).toBe(workflowsBefore);
  });
});
