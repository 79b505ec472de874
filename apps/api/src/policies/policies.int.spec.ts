import type { Client } from '@temporalio/client';
import { NATIONAL_POLICY_V1, ZHEJIANG_EXAMPLE_POLICY_DOCUMENT, nationalDefaultPolicy } from '@petitions/domain';
import { caseViewQuery } from '@petitions/contracts';
import type { DataSource } from 'typeorm';
import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const supervisor = { 'x-actor-id': 'sup-1', 'x-actor-role': 'supervisor', 'x-actor-unit': 'joint-office', 'content-type': 'application/json' };
const registrar = { 'x-actor-id': 'reg-2', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const petition = (regionCode: string, idNumber: string) => ({
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode, level: 'city', persons: 1,
  respondent: { type: 'unit', description: '某区城管局' }, summary: '测试诉求',
  petitioner: { name: '测试人丙', idNumber, phone: '13900001111', address: '测试地址' },
});

describe('supervision policies: publish, validate, resolve, and change the policy of running cases', () => {
  let stack: TestStack;
  let own: { drop(): Promise<void> };
  let url: string;
  let client: Client;
  let db: DataSource;
  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  beforeAll(async () => {
    // Published policies govern every new case of the store, and rollouts visit every open case: a store of its own,
    // so publishing the national version 1 here never reaches the cases of other test files.
    own = await useOwnDatabase('policies');
    stack = await startStack('policies');
    ({ url, client, db } = stack);
  }, 120_000);
  afterAll(async () => { await stack?.stop(); await own?.drop(); });

  it('refuses an invalid policy with every problem by path and changes nothing; only supervisors publish', async () => {
    const bad = { ...nationalDefaultPolicy, id: 'gd-bad', limits: { ...nationalDefaultPolicy.limits, route: { amount: -3, unit: 'fortnights' } },
      escalation: [{ rung: 'listed_supervision', after: { amount: 5, unit: 'working_days' } }, { rung: 'reminder_letter', after: { amount: 0, unit: 'calendar_days' } }],
      surprise: true };
    const res = await post('/policies', supervisor, { document: bad });
    expect(res.status).toBe(422);
    const err = (await json(res)).error;
    expect(err.code).toBe('POLICY_INVALID');
    const paths = err.details.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['limits.route.unit', 'surprise']));
    expect(paths.some((p: string) => p.startsWith('limits.route.amount') || p === 'limits.route')).toBe(true);
    expect(paths.some((p: string) => p.startsWith('escalation'))).toBe(true);
    expect((await fetch(`${url}/policies/gd-bad/versions`, { headers: supervisor })).status).toBe(404);
    const handler = { ...supervisor, 'x-actor-role': 'handler' };
    expect((await post('/policies', handler, { document: ZHEJIANG_EXAMPLE_POLICY_DOCUMENT })).status).toBe(403);
  });

  it('publishes a provincial policy with what changed, resolves by precedence, and runs new cases under it', async () => {
    const res = await post('/policies', supervisor, { document: ZHEJIANG_EXAMPLE_POLICY_DOCUMENT, note: '浙江省规定' });
    expect(res.status).toBe(201);
    const published = await json(res);
    expect(published).toMatchObject({ policyId: 'zj-2016', version: 1, rollout: null });
    expect(published.changes.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(['limits.route.amount', 'limits.route.unit', 'scope.regionPrefixes']));
    const versions = await json(await fetch(`${url}/policies/zj-2016/versions`, { headers: supervisor }));
    expect(versions.versions[0]).toMatchObject({ version: 1, publishedBy: 'sup-1', note: '浙江省规定' });

    const resolve = async (regionCode: string) =>
      (await json(await post('/policies/resolve', supervisor, { regionCode, category: 'urban_construction', channel: 'letter', kind: 'claim' }))).policyId;
    expect(await resolve('330106')).toBe('zj-2016');
    expect(await resolve('310104')).toBe(nationalDefaultPolicy.id);

    const filed = await json(await post('/petitions', registrar, petition('330106', '330106199001011234')));
    const view = await client.workflow.getHandle(filed.caseId).query(caseViewQuery);
    expect(view.policy).toEqual({ id: 'zj-2016', version: 1 });
  });

  it('rolls a new version out to open cases, which re-arm their clocks keeping the elapsed time', async () => {
    const filed = await json(await post('/petitions', registrar, petition('460106', '460106198502021234')));
    const handle = client.workflow.getHandle(filed.caseId);
    const before = await handle.query(caseViewQuery);
    expect(before.policy.id).toBe(nationalDefaultPolicy.id);
    const routeBefore = before.pendingDeadlines.find((d) => d.key === 'route')!;

    const guangdong = { ...nationalDefaultPolicy, id: 'gd-2026', name: '广东测试政策 / Guangdong test policy', version: 1, scope: { regionPrefixes: ['46'] },
      effectiveFrom: '2026-01-01T00:00:00+08:00', limits: { ...nationalDefaultPolicy.limits, route: { amount: 5, unit: 'working_days' } } };
    const published = await json(await post('/policies', supervisor, { document: guangdong, adoptOpenCases: true }));
    expect(published.rollout).toBe('policy-rollout-gd-2026-v1');
    const totals = await client.workflow.getHandle(published.rollout).result();
    expect(totals).toMatchObject({ considered: 1, adopted: 1, rejected: 0 });

    const after = await handle.query(caseViewQuery);
    expect(after.policy).toEqual({ id: 'gd-2026', version: 1 });
    const adopted = after.timeline.map((r) => r.event).find((e) => e.type === 'PolicyAdopted')!;
    expect(adopted).toMatchObject({ type: 'PolicyAdopted', actor: { id: 'sup-1', role: 'supervisor' }, fromId: nationalDefaultPolicy.id, toId: 'gd-2026' });
    const rearmed = (adopted as { rearmed: { key: string; previousDueAt: string; newDueAt: string }[] }).rearmed.find((r) => r.key === 'route')!;
    expect(rearmed.previousDueAt).toBe(routeBefore.dueAt);
    // Same start (registration), shorter limit: 5 working days end well before 15 calendar days.
    expect(Date.parse(rearmed.newDueAt)).toBeLessThan(Date.parse(rearmed.previousDueAt));
    expect(Date.parse(rearmed.newDueAt) - Date.parse(filed.events[0].at)).toBeGreaterThanOrEqual(5 * 86_400_000);
    expect(after.pendingDeadlines.find((d) => d.key === 'route')!.dueAt).toBe(rearmed.newDueAt);
    const row = await eventually(async () => {
      const [r] = await db.query('SELECT policy_id, policy_version FROM cases WHERE case_id = $1', [filed.caseId]);
      return r?.policy_id === 'gd-2026' ? r : null;
    });
    expect(row.policy_version).toBe(1);

    // Publishing the same policy again reaches the case again as version 2; nothing else is touched.
    const v2 = await json(await post('/policies', supervisor, { document: { ...guangdong, limits: { ...guangdong.limits, route: { amount: 7, unit: 'working_days' } } }, adoptOpenCases: true }));
    expect(v2).toMatchObject({ version: 2, rollout: 'policy-rollout-gd-2026-v2' });
    expect(v2.changes).toEqual([expect.objectContaining({ path: 'limits.route.amount', from: 5, to: 7 })]);
    expect(await client.workflow.getHandle(v2.rollout).result()).toMatchObject({ adopted: 1 });
    expect((await handle.query(caseViewQuery)).policy).toEqual({ id: 'gd-2026', version: 2 });
  });

  it('rolls the built-in national version 2 (no receipt limit, extension counted from the original last day) out to a case running under version 1', async () => {
    // A store that still holds version 1 (as cases registered before version 2 recorded it) governs new cases with it.
    const v1 = await json(await post('/policies', supervisor, { document: NATIONAL_POLICY_V1, note: '第1版（含签收时限）' }));
    expect(v1).toMatchObject({ policyId: nationalDefaultPolicy.id, version: 1, rollout: null });
    const filed = await json(await post('/petitions', registrar, petition('110105', '110105198803031234')));
    const handle = client.workflow.getHandle(filed.caseId);
    expect((await handle.query(caseViewQuery)).policy).toEqual({ id: nationalDefaultPolicy.id, version: 1 });
    const routed = await post(`/petitions/${filed.caseId}/commands`, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'bj-housing' });
    expect(routed.status).toBeLessThan(300);
    const receiveBefore = (await handle.query(caseViewQuery)).pendingDeadlines.find((d) => d.key === 'receive');
    expect(receiveBefore).toBeDefined();
    await eventually(async () => {
      const [r] = await db.query('SELECT step FROM cases WHERE case_id = $1', [filed.caseId]);
      return r?.step === 'receipt' ? r : null;
    });

    // The office publishes the built-in document (GET /policies → builtIn) and rolls it out.
    const builtIn = (await json(await fetch(`${url}/policies`, { headers: supervisor }))).builtIn;
    expect(builtIn.version).toBe(2);
    const v2 = await json(await post('/policies', supervisor, { document: builtIn, adoptOpenCases: true }));
    expect(v2).toMatchObject({ policyId: nationalDefaultPolicy.id, version: 2, rollout: `policy-rollout-${nationalDefaultPolicy.id}-v2` });
    expect(v2.changes).toEqual([
      expect.objectContaining({ path: 'limits.receive', from: { amount: 3, unit: 'working_days' }, to: null }),
      expect.objectContaining({ path: 'extensionCounting', op: 'added', to: 'from_original_last_day' }),
    ]);
    expect(await client.workflow.getHandle(v2.rollout).result()).toMatchObject({ considered: 1, adopted: 1, rejected: 0 });

    const after = await handle.query(caseViewQuery);
    expect(after.policy).toEqual({ id: nationalDefaultPolicy.id, version: 2 });
    const adopted = after.timeline.map((r) => r.event).find((e) => e.type === 'PolicyAdopted') as { rearmed: unknown[] } | undefined;
    expect(adopted?.rearmed).toEqual([{ key: 'receive', previousDueAt: receiveBefore!.dueAt, newDueAt: null }]);
    expect(after.pendingDeadlines.find((d) => d.key === 'receive')).toBeUndefined();
  });

  it('issues numbered letters when a unit misses a limit, retrievable by case and by unit as PDF and HTML', async () => {
    const shortRoute = { ...nationalDefaultPolicy, id: 'gx-short', name: '短时测试政策 / short test policy', version: 1, scope: { regionPrefixes: ['45'] },
      effectiveFrom: '2026-01-01T00:00:00+08:00', warnings: [], limits: { ...nationalDefaultPolicy.limits, route: { amount: 2, unit: 'seconds' } } };
    expect((await post('/policies', supervisor, { document: shortRoute })).status).toBe(201);
    const filed = await json(await post('/petitions', registrar, petition('450102', '450102197707071234')));
    const list = await eventually(async () => {
      const r = await json(await fetch(`${url}/letters?caseId=${filed.caseId}`, { headers: registrar }));
      return r.letters.length ? r.letters : null;
    }, 20_000);
    expect(list[0]).toMatchObject({ caseId: filed.caseId, kind: 'reminder_letter', recipientUnit: 'city-bureau', deadlineKey: 'route' });
    expect(list[0].letterNo).toMatch(/^信联办〔\d{4}〕\d+号$/);
    const byUnit = await json(await fetch(`${url}/letters?unitId=city-bureau&limit=500`, { headers: registrar }));
    expect(byUnit.letters.map((l: { letterNo: string }) => l.letterNo)).toContain(list[0].letterNo);

    const pdf = await fetch(`${url}/letters/${list[0].letterId}.pdf`, { headers: registrar });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await (await fetch(`${url}/letters/${list[0].letterId}.html`, { headers: registrar })).text();
    expect(html).toContain(list[0].letterNo);
    expect(html).toContain(filed.caseId);
    expect((await fetch(`${url}/letters/999999999.pdf`, { headers: registrar })).status).toBe(404);

    // The case records the letter it was sent.
    const issued = await eventually(async () => (await client.workflow.getHandle(filed.caseId).query(caseViewQuery)).timeline
      .map((r) => r.event).find((e) => e.type === 'LetterIssued'));
    expect(issued).toMatchObject({ letterNo: list[0].letterNo, letterKind: 'reminder_letter' });
  });
});
