import { type RecordedRequest, runWith } from '../cli.testkit';

const SUPERVISOR = ['--as', 'sup-1', '--role', 'supervisor'];
const UNIT_HEAD = ['--as', 'head-1', '--role', 'unit_head', '--unit', 'unit-housing'];
const path = (r: RecordedRequest) => { const u = new URL(r.url); return `${r.method} ${decodeURIComponent(u.pathname)}${u.search}`; };
const answer = { status: 200, body: { letterNo: '信联办督〔2026〕12号', events: [{ type: 'LetterFeedbackRecorded' }] } };

describe('letters: the feedback loop', () => {
  it('sends the unit\'s feedback (by letter number) with summary, measures, document number and attachments', async () => {
    const r = await runWith(['letters', 'feedback', '信联办督〔2026〕12号', '--summary', '已答复', '--measures', '专人督办', '--doc-no', '住建函〔2026〕8号',
      '--attachments', 'doc-1, doc-2', ...UNIT_HEAD], { reply: () => answer });
    expect(r.code).toBe(0);
    expect(r.requests.map(path)).toEqual(['POST /letters/信联办督〔2026〕12号/feedback']);
    expect(r.requests[0]!.body).toEqual({ summary: '已答复', measures: '专人督办', documentNo: '住建函〔2026〕8号', attachments: ['doc-1', 'doc-2'] });
    expect(r.stdout).toContain('LetterFeedbackRecorded');
  });

  it('accepts, returns with a reason and a new limit, records adoption', async () => {
    const acc = await runWith(['letters', 'accept', '7', '--note', '措施到位', ...SUPERVISOR], { reply: () => answer });
    const ret = await runWith(['letters', 'return', '7', '--reason', '措施不具体', '--limit', '10d', ...SUPERVISOR], { reply: () => answer });
    const wd = await runWith(['letters', 'return', '7', '--reason', '措施不具体', '--limit', '5wd', ...SUPERVISOR], { reply: () => answer });
    const adopt = await runWith(['letters', 'adoption', '9', '--outcome', 'partly_adopted', '--reason', '责任人已调离', ...UNIT_HEAD], { reply: () => answer });
    expect([...acc.requests, ...ret.requests, ...wd.requests, ...adopt.requests].map(path))
      .toEqual(['POST /letters/7/feedback/accept', 'POST /letters/7/feedback/return', 'POST /letters/7/feedback/return', 'POST /letters/9/adoption']);
    expect(acc.requests[0]!.body).toEqual({ note: '措施到位' });
    expect(ret.requests[0]!.body).toEqual({ reason: '措施不具体', limit: { amount: 10, unit: 'calendar_days' } });
    expect(wd.requests[0]!.body).toEqual({ reason: '措施不具体', limit: { amount: 5, unit: 'working_days' } });
    expect(adopt.requests[0]!.body).toEqual({ outcome: 'partly_adopted', reason: '责任人已调离' });
  });

  it('lists letters to answer and feedback to review', async () => {
    const row = { letterId: 7, letterNo: '信联办督〔2026〕12号', kind: 'reminder_letter', recipientUnit: 'unit-housing', issuedAt: '2026-05-12T02:00:00Z',
      caseId: 'petition-0123456789abcdef0123', feedbackState: 'submitted', feedbackDueAt: '2026-06-11T16:00:00.000Z' };
    const r = await runWith(['letters', 'list', '--awaiting', 'review', ...SUPERVISOR], { reply: () => ({ status: 200, body: { letters: [row] } }) });
    const u = await runWith(['letters', 'list', '--awaiting', 'feedback', '--unit-id', 'unit-housing', ...UNIT_HEAD], { reply: () => ({ status: 200, body: { letters: [] } }) });
    expect([...r.requests, ...u.requests].map(path)).toEqual(['GET /letters?awaiting=review', 'GET /letters?unitId=unit-housing&awaiting=feedback']);
    expect(r.stdout).toContain('submitted (2026-06-11T16:00:00.000Z)');
  });

  it('refuses missing or malformed options, sending nothing', async () => {
    for (const args of [
      ['letters', 'feedback', '7', '--summary', '已答复'],
      ['letters', 'feedback', '--summary', 'x', '--doc-no', 'y'],
      ['letters', 'return', '7', '--reason', 'x', '--limit', '10'],
      ['letters', 'return', '7', '--limit', '10d'],
      ['letters', 'adoption', '7', '--outcome', 'maybe'],
      ['letters', 'list', '--awaiting', 'soon'],
    ]) {
      const r = await runWith([...args, ...SUPERVISOR]);
      expect({ args, code: r.code, sent: r.requests.length }).toEqual({ args, code: 2, sent: 0 });
    }
  });
});
