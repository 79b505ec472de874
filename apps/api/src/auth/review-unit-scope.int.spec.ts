import { type TestStack, startStack } from '../../../../tools/test/harness';
import { signToken } from './token';

/**
 * A review (复查) goes to a body other than the lead unit: its handlers must reach the case to decide it, while a
 * unit with no part in the case still cannot see that it exists.
 */
const LEAD = 'rev-lead-unit';
const REVIEW = 'rev-review-body';
const OTHER = 'rev-other-unit';
const bearer = (sub: string, role: string, unit?: string) =>
  ({ authorization: `Bearer ${signToken(process.env.AUTH_TOKEN_SECRET!, { sub, role, unit }, { ttlSeconds: 600 })}` });

describe('unit scope of a review body', () => {
  let stack: TestStack;
  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const get = (path: string, headers: Record<string, string>) => fetch(`${stack.url}${path}`, { headers });

  beforeAll(async () => { stack = await startStack('review-scope'); }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  it('lets the review body read the case and decide the review; another unit still gets 404', async () => {
    const reg = bearer('reg-rev', 'registrar', 'city-bureau');
    const lead = bearer('h-rev-lead', 'handler', LEAD);
    const reviewer = bearer('h-rev-review', 'handler', REVIEW);
    const other = bearer('h-rev-other', 'handler', OTHER);
    const filed = await post('/petitions', reg, {
      channel: 'letter', kind: 'claim', category: 'labour_social_security', regionCode: '540122', level: 'county', persons: 1,
      respondent: { type: 'unit', description: '某镇人社所' }, summary: `复查单位权限测试 ${process.pid}`, petitioner: { name: '复查测试人' },
    });
    expect(filed.status).toBe(201);
    const { caseId } = (await filed.json()) as { caseId: string };
    const steps: [Record<string, string>, Record<string, unknown>][] = [
      [reg, { type: 'RoutePetition', mode: 'forward', leadUnitId: LEAD }],
      [lead, { type: 'ReceiveCase' }],
      [lead, { type: 'NotifyPetitioner' }],
      [lead, { type: 'DecideAcceptance', outcome: 'accepted' }],
      [lead, { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'reply-rev-1', claimUpheld: false }],
      [reg, { type: 'EvaluateSatisfaction', value: 'dissatisfied' }],
    ];
    for (const [as, command] of steps) expect((await post(`/petitions/${caseId}/commands`, as, command)).status).toBeLessThan(300);

    // Before the review is requested the review body has no part in the case.
    expect((await get(`/petitions/${caseId}/live`, reviewer)).status).toBe(404);
    expect((await post(`/petitions/${caseId}/commands`, reg, { type: 'RequestReview', reviewUnitId: REVIEW })).status).toBeLessThan(300);

    expect((await get(`/petitions/${caseId}/live`, reviewer)).status).toBe(200);
    const decided = await post(`/petitions/${caseId}/commands`, reviewer, { type: 'DecideReview', decision: 'upheld', outcomeRef: 'review-rev-1' });
    expect(decided.status).toBeLessThan(300);
    expect(((await decided.json()) as { events: { type: string }[] }).events.map((e) => e.type)).toContain('ReviewDecided');

    expect((await get(`/petitions/${caseId}/live`, other)).status).toBe(404);
    expect((await post(`/petitions/${caseId}/commands`, other, { type: 'DecideReview', decision: 'changed', outcomeRef: 'x-1' })).status).toBe(404);
  }, 120_000);
});
