import { type TestStack, eventually, startStack, useOwnDatabase } from '../test/harness';
import { superiorOf } from '@petitions/domain';
import { TARGETS, demoSuperiors, seedDemoCity } from './demo-city';
import { runDemoOffice } from './demo-office';

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
  // The seed fills the unit directory (routing is then checked against it) and publishes a policy: a database of its own,
  // so other test files never route against the demo city's units.
  let own: { drop(): Promise<void> };
  beforeAll(async () => { own = await useOwnDatabase('demo_seed'); stack = await startStack('demo-seed'); }, 120_000);
  afterAll(async () => { await stack?.stop(); await own?.drop(); });

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
    // Every petition is registered in one of its county's townships (checked against the directory the seed imported).
    const places: { region_code: string; township_code: string | null }[] = await stack.db.query(
      'SELECT region_code, township_code FROM cases WHERE case_id = ANY($1)', [summary.seeded.map((c) => c.caseId)]);
    expect(places).toHaveLength(n);
    expect(places.filter((p) => !(p.township_code?.length === 9 && p.township_code.startsWith(p.region_code)))).toEqual([]);

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

    // The demo office and units (limits in seconds here): some letters end accepted, some returned, some unanswered and
    // breached at their feedback clock, and a recommendation's addressee records its adoption.
    const office = await runDemoOffice({ api: stack.url, tokenSecret: process.env.AUTH_TOKEN_SECRET!, counties: summary.acceleratedCounties,
      durationMs: 60_000, intervalMs: 1000 });
    expect(office.answered).toBeGreaterThan(0);
    const letters = async () => (await stack.db.query(
      `SELECT l.kind, l.feedback_state, l.review_outcome, l.adoption_outcome, l.recipient_unit, l.addressee_unit, l.seq_no
       FROM letters l WHERE l.case_id = ANY($1)`, [summary.seeded.map((c) => c.caseId)])) as Record<string, unknown>[];
    await eventually(async () => {
      const ls = await letters();
      return ls.some((l) => l.feedback_state === 'accepted') && ls.some((l) => l.review_outcome === 'returned') && ls.some((l) => l.adoption_outcome !== null);
    }, 30_000, 1000).catch(() => undefined);
    const ls = await letters();
    const tally = (f: (l: Record<string, unknown>) => boolean) => ls.filter(f).length;
    expect(tally((l) => l.feedback_state === 'accepted')).toBeGreaterThan(0);
    expect(tally((l) => l.review_outcome === 'returned')).toBeGreaterThan(0);
    expect(tally((l) => l.adoption_outcome !== null)).toBeGreaterThan(0);
    // Letters the units leave unanswered (serial numbers ending 0–2) stay without an answer.
    const silent = ls.filter((l) => l.kind !== 'accountability_recommendation' && l.feedback_state !== 'not_required' && (l.seq_no as number) % 10 < 3);
    expect(silent.length).toBeGreaterThan(0);
    for (const l of silent) expect({ seqNo: l.seq_no, state: l.feedback_state }).toEqual({ seqNo: l.seq_no, state: 'awaiting' });
    // Those unanswered feedback clocks breach (keys feedback:…) and recommendations follow.
    const feedbackBreaches = await stack.db.query(`SELECT count(*)::int AS n FROM accountability_ledger WHERE case_id = ANY($1) AND deadline_key LIKE 'feedback:%'`,
      [summary.seeded.map((c) => c.caseId)]);
    expect(feedbackBreaches[0].n).toBeGreaterThan(0);
    // Recommendations go to the failing unit's government (a county unit's county government, a city unit's or a county
    // government's the city government), the city government's own to the discipline body.
    const recs = ls.filter((l) => l.kind === 'accountability_recommendation');
    expect(recs.length).toBeGreaterThan(0);
    const superiors = { recommendationAddressee: 'superior' as const, disciplineBodyId: 'discipline-body', superiors: demoSuperiors(summary.acceleratedCounties) };
    for (const r of recs) {
      const unit = String(r.recipient_unit);
      const superior = superiorOf(superiors, unit);
      expect({ unit, addressee: r.addressee_unit }).toEqual({ unit, addressee: superior && superior !== unit ? superior : 'discipline-body' });
      // A township unit of 320101 answers to the district government (worked out from the demo city's tree by hand).
      const township = unit.startsWith('u-320101-') && unit !== 'u-320101-gov';
      expect({ unit, township, addressee: r.addressee_unit }).toEqual({ unit, township, addressee: township ? 'u-320101-gov' : r.addressee_unit });
    }
  }, 420_000);
});
