import { type RecordedRequest, runWith } from '../cli.testkit';
import { progressBar } from './audit.format';

const AUD = ['--as', 'aud-1', '--role', 'auditor'];
const CASE = 'petition-0123456789abcdef0123';

describe('petitions audit (fake API)', () => {
  it('asks the audit endpoints with the auditor\'s identity', async () => {
    const r = await runWith(['audit', 'replay', CASE, ...AUD], { reply: () => ({ status: 200, body: { workflowId: CASE, verdict: 'deterministic', runs: [{ runId: 'r1', verdict: 'deterministic', events: 40 }], firstDivergence: null } }) });
    expect(r.code).toBe(0);
    expect(r.requests[0]).toMatchObject({ method: 'GET', url: `http://127.0.0.1:3000/audit/cases/${CASE}/replay`, headers: { 'x-actor-role': 'auditor' } });
    expect(r.stdout).toContain('Deterministic');
  });

  it('exits 5 and names the first diverging event when a replay diverges', async () => {
    const r = await runWith(['audit', 'replay', CASE, ...AUD], { reply: () => ({ status: 200, body: { workflowId: CASE, verdict: 'nondeterministic', runs: [{ runId: 'r1', verdict: 'nondeterministic', events: 40 }], firstDivergence: { runId: 'r1', eventId: 5, error: 'DeterminismViolationError: …' } } }) });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('AUDIT_REPLAY_DIVERGED');
    expect(r.stderr).toContain('first diverging event: 5');
  });

  it('state needs exactly one of --seq and --at', async () => {
    expect((await runWith(['audit', 'state', CASE, ...AUD])).code).toBe(2);
    expect((await runWith(['audit', 'state', CASE, '--seq', '2', '--at', '2026-01-01T00:00:00Z', ...AUD])).code).toBe(2);
    const r = await runWith(['audit', 'state', CASE, '--at', '2026-01-01T00:00:00Z', ...AUD], { reply: () => ({ status: 200, body: { caseId: CASE, seq: 2, lastSeq: 5, asOf: '2026-01-01T00:00:00.000Z', state: { status: 'open', step: 'receipt' }, pendingDeadlines: [{ key: 'notify', dueAt: '2026-01-05T00:00:00.000Z', paused: false, remainingMs: 1 }] } }) });
    expect(r.code).toBe(0);
    expect(r.requests[0]!.url).toBe(`http://127.0.0.1:3000/audit/cases/${CASE}/state?at=2026-01-01T00%3A00%3A00Z`);
    expect(r.stdout).toMatch(/step: receipt/);
    expect(r.stdout).toMatch(/notify/);
  });

  it('verify --all pages through the cases and exits 5 listing every mismatch', async () => {
    const reply = (req: RecordedRequest) => {
      if (req.url.includes('/audit/cases?')) return { status: 200, body: { caseIds: ['petition-a', 'petition-b'], total: 2 } };
      const ok = req.url.includes('petition-a');
      return { status: 200, body: { caseId: ok ? 'petition-a' : 'petition-b', ok, checkedThroughSeq: 3,
        mismatches: ok ? [] : [{ kind: 'event_missing', caseId: 'petition-b', seq: 3, type: 'PetitionRouted' }] } };
    };
    const r = await runWith(['audit', 'verify', '--all', ...AUD], { reply });
    expect(r.code).toBe(5);
    expect(r.requests.map((q) => q.url.replace('http://127.0.0.1:3000', ''))).toEqual(['/audit/cases?limit=200', '/audit/cases/petition-a/verify', '/audit/cases/petition-b/verify']);
    expect(r.stderr).toContain('AUDIT_MISMATCH');
    expect(r.stderr).toContain('petition-b: event #3 (PetitionRouted) missing from case_events');
  });

  it('draws a progress bar', () => {
    expect(progressBar(0, 4, 8)).toBe('[........] 0/4');
    expect(progressBar(2, 4, 8)).toBe('[####....] 2/4');
    expect(progressBar(0, 0, 4)).toBe('[####] 0/0');
  });
});
