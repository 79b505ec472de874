import { nationalDefaultPolicy } from '@petitions/domain';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';

/**
 * A case whose workflow continued as new (its history split into several runs): the auditor's replay follows the
 * chain of runs, the timeline is whole, and the read model verifies against all runs together.
 */
const REGION = '540123';
const supervisor = { 'x-actor-id': 'sup-runs', 'x-actor-role': 'supervisor', 'content-type': 'application/json' };
const registrar = { 'x-actor-id': 'reg-runs', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const handler = { 'x-actor-id': 'h-runs', 'x-actor-role': 'handler', 'x-actor-unit': 'runs-housing', 'content-type': 'application/json' };
const auditor = { 'x-actor-id': 'aud-runs', 'x-actor-role': 'auditor' };

describe('audit of a case with several runs (continue-as-new)', () => {
  let stack: TestStack;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${stack.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => { stack = await startStack('audit-runs'); }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  it('replays every run, reads one timeline across them, and verifies the read model', async () => {
    // A policy for this region that continues the workflow as new after every 2 events of a run.
    const published = await call('POST', '/policies', supervisor, { document: {
      ...nationalDefaultPolicy, id: 'audit-runs-test', version: 1, name: '多次运行审计测试 / multi-run audit test',
      scope: { regionPrefixes: [REGION] }, priority: 5, effectiveFrom: '2026-01-01T00:00:00+08:00', continueAsNewAfterEvents: 2,
    } });
    expect(published.status).toBe(201);

    const filed = await call('POST', '/petitions', registrar, {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: REGION, level: 'county', persons: 1,
      respondent: { type: 'unit', description: '某镇政府' }, summary: '多次运行审计测试', petitioner: { name: '测试人运' },
    });
    expect(filed.status).toBe(201);
    const caseId = filed.body.caseId as string;
    const steps: [Record<string, string>, Record<string, unknown>][] = [
      [registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'runs-housing' }],
      [handler, { type: 'ReceiveCase' }],
      [handler, { type: 'NotifyPetitioner' }],
      [handler, { type: 'DecideAcceptance', outcome: 'accepted' }],
      [handler, { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'reply-runs-1', claimUpheld: true }],
    ];
    let lastSeq = 0;
    for (const [as, command] of steps) {
      // A command sent while the run is handing over to the next one is retried by the client until the new run takes it.
      const r = await eventually(async () => { const x = await call('POST', `/petitions/${caseId}/commands`, as, command); return x.status < 300 ? x : null; }, 30_000, 200);
      lastSeq = r.body.events.at(-1).seq;
    }

    const runs = await eventually(async () => {
      const d = await stack.client.workflow.getHandle(caseId).describe();
      return d.runId !== d.raw.workflowExecutionInfo?.firstRunId ? d : null;
    }, 20_000, 20);
    expect(runs).toBeTruthy();
    // At once, while the new run may not have completed its first workflow task: the replay answers (it used to hang).
    const early = await fetch(`${stack.url}/audit/cases/${caseId}/replay`, { headers: auditor, signal: AbortSignal.timeout(30_000) });
    expect(early.status).toBe(200);
    expect(((await early.json()) as { verdict: string }).verdict).toBe('deterministic');
    await eventually(async () => (await call('GET', `/audit/cases/${caseId}/verify`, auditor)).body.checkedThroughSeq === lastSeq, 30_000, 200);

    const replay = await call('GET', `/audit/cases/${caseId}/replay`, auditor);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ workflowId: caseId, verdict: 'deterministic', firstDivergence: null });
    expect(replay.body.runs.length).toBeGreaterThanOrEqual(2);
    for (const run of replay.body.runs) expect(run.verdict).toBe('deterministic');

    const timeline = await call('GET', `/audit/cases/${caseId}/timeline`, auditor);
    const seqs = timeline.body.timeline.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(seqs.at(-1)).toBeGreaterThanOrEqual(lastSeq);
    expect(timeline.body.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['PetitionRegistered', 'PetitionRouted', 'PetitionerReplied']));

    const verify = await call('GET', `/audit/cases/${caseId}/verify`, auditor);
    expect(verify.body).toMatchObject({ ok: true, mismatches: [] });
  }, 180_000);
});
