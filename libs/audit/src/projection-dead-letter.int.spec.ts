import type { ProjectCaseEventsInput } from '@petitions/contracts';
import { nationalDefaultPolicy } from '@petitions/domain';
import { CaseProjectionWriter, ProjectionDeadLetters } from '@petitions/read-model';
import { CaseTestEnv, DAY } from '../../../tools/test/case-env';
import { CaseAuditor } from './read-model.verifier';
import { replayStuckProjections } from './projection-replay';

/**
 * A projection that cannot succeed (a permanent PostgreSQL error, here a real 22P02 from the server) must not hold the
 * case: its deadlines breach on time, the batch lands in the dead-letter table (no retry loop), `verify` reports the
 * case, and a replay after the fix projects it and clears the row.
 */
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;

describe('a projection that fails for good (time-skipping server, real PostgreSQL)', () => {
  let t: CaseTestEnv;
  let poisoned = true;
  let poisonedAttempts = 0;
  let writer: { write: (input: ProjectCaseEventsInput) => ReturnType<CaseProjectionWriter['write']> };
  const caseId = `petition-poisoned-${process.pid}-${Date.now()}`;
  beforeAll(async () => {
    let real: CaseProjectionWriter | null = null;
    writer = {
      write: async (input: ProjectCaseEventsInput) => {
        real ??= new CaseProjectionWriter(t.db);
        if (poisoned && input.caseId === caseId) {
          poisonedAttempts++;
          await t.db.query(`SELECT 'not a number'::int`); // PostgreSQL refuses the value: SQLSTATE 22P02
        }
        return real.write(input);
      },
    };
    t = await CaseTestEnv.start('projection-stuck', { projectionWriter: writer });
  });
  afterAll(async () => { await t?.stop(); });

  it('breaches on time, shows as stuck, is reported by verify, and recovers after replay', async () => {
    const c = await t.file(caseId, {
      actor: REGISTRAR,
      registration: { channel: 'letter', kind: 'claim', category: 'natural_resources', regionCode: '330106', level: 'city', persons: 1,
        respondent: { type: 'unit', description: '某街道办事处' }, matterRef: 'm-poisoned', petitionerRef: 'p-poisoned', nameAndAddressKnown: true },
      petitioner: { name: '测试人丁' },
    }, nationalDefaultPolicy);

    await t.advance(40 * DAY);
    const view = await c.view();
    const breaches = view.timeline.filter((r) => r.event.type === 'DeadlineBreached');
    expect(breaches.length).toBeGreaterThan(0);
    // Each breach is recorded at its deadline (not after a projection that never ends): the routing limit
    // (registration + 15 days per the national policy, on working days) falls within the 40 days advanced.
    for (const b of breaches) expect(Date.parse(b.event.at)).toBeLessThan(Date.parse(view.asOf));

    // Only the first batch was tried against PostgreSQL; later batches were held behind it, never retried.
    expect(poisonedAttempts).toBe(1);
    const deadLetters = new ProjectionDeadLetters(t.db);
    const stuck = await deadLetters.get(caseId);
    expect(stuck).toMatchObject({ caseId, firstSeq: 1, errorCode: '22P02' });
    expect(stuck!.lastSeq).toBe(view.timeline.at(-1)!.seq);
    expect(await deadLetters.count()).toBeGreaterThanOrEqual(1);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [caseId]);
    expect(n).toBe(0);

    const auditor = new CaseAuditor(t.env.client, t.db, process.env.PAYLOAD_KEYS!);
    const report = await auditor.verify(caseId);
    expect(report.ok).toBe(false);
    expect(report.historySeq).toBe(view.timeline.length);
    const kinds = new Set(report.mismatches.map((m) => m.kind));
    expect(kinds.has('projection_stuck')).toBe(true);
    expect(kinds.has('event_missing')).toBe(true);
    expect(report.mismatches.filter((m) => m.kind === 'event_missing')).toHaveLength(view.timeline.length);

    // Still failing: the replay reports it and keeps the row.
    const again = await replayStuckProjections(t.env.client, t.db, process.env.PAYLOAD_KEYS!, { caseIds: [caseId], writer });
    expect(again).toMatchObject([{ caseId, ok: false }]);
    expect(await deadLetters.get(caseId)).toMatchObject({ errorCode: '22P02', attempts: stuck!.attempts + 1 });

    // After the fix: replayed from the history, the row cleared, and verify finds the case consistent.
    poisoned = false;
    const replayed = await replayStuckProjections(t.env.client, t.db, process.env.PAYLOAD_KEYS!, { caseIds: [caseId], writer });
    expect(replayed).toMatchObject([{ caseId, ok: true, throughSeq: view.timeline.length, applied: view.timeline.length }]);
    expect(await deadLetters.get(caseId)).toBeNull();
    const after = await auditor.verify(caseId);
    expect(after.mismatches).toEqual([]);
    expect(after.ok).toBe(true);

    // The case runs on, and its next batch is projected normally.
    await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'unit-poisoned' });
    const deadline = Date.now() + 30_000;
    let last = 0;
    while (Date.now() < deadline) {
      const [row] = await t.db.query('SELECT last_seq FROM cases WHERE case_id = $1', [caseId]);
      last = Number(row?.last_seq ?? 0);
      if (last > view.timeline.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(last).toBeGreaterThan(view.timeline.length);
  });
});
