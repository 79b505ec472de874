import { type TestStack, eventually, startStack } from '../test/harness';
import { TARGETS, seedDemoCity } from './demo-city';

/**
 * The demo seed against the real API, worker, Temporal dev server and PostgreSQL, with the accelerated policy in
 * seconds: every case reaches the state it was driven to, and the untouched ones of the accelerated counties go
 * overdue, are breached and get their letters by themselves.
 */
const LAST_EVENT: Record<string, string> = {
  registered: 'PetitionRegistered', routed: 'PetitionRouted', received: 'CaseReceived', notified: 'PetitionerNotified',
  accepted: 'CaseAccepted', leader_assigned: 'LeaderAssigned', extended: 'ExtensionApproved', replied: 'PetitionerReplied',
  evaluated: 'SatisfactionEvaluated', review_requested: 'ReviewRequested', reviewed: 'ReviewDecided', withdrawn: 'PetitionWithdrawn',
  not_accepted: 'DecisionNotified', objected: 'ObjectionApproved|ObjectionRejected',
};

describe('demo city seed', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack('demo-seed'); }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  it('drives every case to its state through the API; accelerated counties breach and escalate on their own', async () => {
    const n = TARGETS.length * 2;
    const summary = await seedDemoCity({ api: stack.url, tokenSecret: process.env.AUTH_TOKEN_SECRET!, cases: n, seed: 7, limitUnit: 'seconds', concurrency: 4 });
    expect(summary.refused).toBe(0);
    expect(summary.cases).toBe(n);
    expect(Object.keys(summary.byTarget).sort()).toEqual(TARGETS.map(([t]) => t).sort());
    expect(Object.keys(LAST_EVENT).sort()).toEqual(TARGETS.map(([t]) => t).sort());

    // Each case's event log (the projection, a moment behind the API's answers) shows the step it was driven to.
    const reached = async (c: { caseId: string; target: string }) => {
      const types = (await stack.db.query('SELECT type FROM case_events WHERE case_id = $1', [c.caseId])).map((r: { type: string }) => r.type);
      return types.some((t: string) => new RegExp(`^(${LAST_EVENT[c.target]})$`).test(t));
    };
    await eventually(async () => (await Promise.all(summary.seeded.map(reached))).every(Boolean), 60_000, 500).catch(() => undefined);
    for (const c of summary.seeded) expect({ target: c.target, reached: await reached(c) }).toEqual({ target: c.target, reached: true });

    // The accelerated counties' untouched case (registered, never routed) is breached at route and escalates with letters.
    const untouched = summary.seeded.find((c) => c.target === 'registered' && summary.acceleratedCounties.includes(c.county))!;
    await eventually(async () => {
      const types = (await stack.db.query('SELECT type FROM case_events WHERE case_id = $1', [untouched.caseId])).map((r: { type: string }) => r.type);
      return types.includes('DeadlineBreached') && types.includes('LetterIssued');
    }, 90_000);
    const ledger = await stack.db.query('SELECT deadline_key, letter_id FROM accountability_ledger WHERE case_id = $1', [untouched.caseId]);
    expect(ledger).toEqual(expect.arrayContaining([expect.objectContaining({ deadline_key: 'route' })]));
    // National-policy counties' cases are nowhere near their limits.
    const calm = summary.seeded.filter((c) => !summary.acceleratedCounties.includes(c.county)).map((c) => c.caseId);
    expect((await stack.db.query('SELECT count(*)::int AS n FROM accountability_ledger WHERE case_id = ANY($1)', [calm]))[0].n).toBe(0);
  }, 240_000);
});
