import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';
import { signToken } from '../auth/token';

/**
 * Clock pauses through the API (national policy: a reason code of the policy, a written why, approved by the head of
 * the responsible unit who issues the pause himself). Refusals carry stable codes.
 */
const UNIT = 'pause-api-unit';
const bearer = (sub: string, role: string, unit?: string) =>
  ({ authorization: `Bearer ${signToken(process.env.AUTH_TOKEN_SECRET!, { sub, role, unit }, { ttlSeconds: 600 })}` });

describe('PauseClock / ResumeClock over the API', () => {
  let stack: TestStack;
  const post = async (path: string, headers: Record<string, string>, body: unknown) => {
    const res = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { error?: { code?: string; message?: string; messageEn?: string } };
    return { status: res.status, code: json.error?.code, json };
  };

  beforeAll(async () => { stack = await startStack('pause-api'); }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  it('refuses a pause without an approver, by someone else, for an unknown reason or clock; the head pauses, the handler resumes', async () => {
    const reg = bearer('reg-pause', 'registrar', 'city-bureau');
    const handler = bearer('h-pause', 'handler', UNIT);
    const head = bearer('head-pause', 'unit_head', UNIT);
    const filed = await post('/petitions', reg, {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某区住建委' }, summary: `暂停计时测试 ${process.pid}`, petitioner: { name: '暂停测试人' },
    });
    expect(filed.status).toBe(201);
    const caseId = (filed.json as unknown as { caseId: string }).caseId;
    for (const [who, cmd] of [[reg, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT }], [handler, { type: 'ReceiveCase' }],
      [handler, { type: 'NotifyPetitioner' }], [handler, { type: 'DecideAcceptance', outcome: 'accepted' }]] as const) {
      expect((await post(`/petitions/${caseId}/commands`, who, cmd)).status).toBe(201);
    }
    const path = `/petitions/${caseId}/commands`;
    const pause = { type: 'PauseClock', deadlineKey: 'handling', pauseReason: 'appraisal', reason: '委托房屋安全鉴定' };

    const noApprover = await post(path, handler, pause);
    expect(noApprover).toMatchObject({ status: 409, code: 'CASE_PAUSE_APPROVER_REQUIRED' });
    expect(noApprover.json.error).toMatchObject({ message: expect.stringContaining('审批人'), messageEn: expect.stringContaining('approver') });
    expect(await post(path, handler, { ...pause, approverId: 'head-pause' })).toMatchObject({ status: 409, code: 'CASE_PAUSE_NOT_APPROVER' });
    expect(await post(path, head, { ...pause, approverId: 'head-pause', pauseReason: 'vacation' })).toMatchObject({ status: 409, code: 'CASE_PAUSE_REASON_UNKNOWN' });
    expect(await post(path, head, { ...pause, approverId: 'head-pause', reason: undefined })).toMatchObject({ status: 409, code: 'CASE_REASON_REQUIRED' });
    // Not a clock the API knows: refused at the edge.
    expect((await post(path, head, { ...pause, approverId: 'head-pause', deadlineKey: 'lunch' })).status).toBe(400);

    const paused = await post(path, head, { ...pause, approverId: 'head-pause', requestedBy: 'h-pause' });
    expect(paused.status).toBe(201);
    expect((paused.json as unknown as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['ClockPaused']);
    const resumed = await post(path, handler, { type: 'ResumeClock', deadlineKey: 'handling' });
    expect((resumed.json as unknown as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['ClockResumed']);

    // The case (read model) shows the pause with its reason, why, approver and requester.
    const pauses = await eventually(async () => {
      const res = await fetch(`${stack.url}/petitions/${caseId}`, { headers: head });
      const p = ((await res.json()) as { case: { pauses?: { endedAt: string | null }[] } }).case.pauses ?? [];
      return p.length === 1 && p[0]?.endedAt ? p : undefined;
    }, 20_000);
    expect(pauses[0]).toMatchObject({ deadlineKey: 'handling', reasonCode: 'appraisal', reason: '委托房屋安全鉴定', approverId: 'head-pause',
      requestedBy: 'h-pause', endedBy: 'resumed' });
  }, 120_000);
});
