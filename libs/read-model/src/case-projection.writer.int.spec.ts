import type { DataSource } from 'typeorm';
import type { CaseEvent } from '@petitions/domain';
import { CaseProjectionWriter } from './case-projection.writer';
import { createReadModelDataSource } from './read-model.data-source';
import { history, numbered } from './read-model.testkit';

const summary = { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 1 };
let ds: DataSource;
let writer: CaseProjectionWriter;

beforeAll(async () => {
  ds = await createReadModelDataSource(process.env.DATABASE_URL as string, { poolSize: 4 }).initialize();
  writer = new CaseProjectionWriter(ds);
});
afterAll(async () => ds?.destroy());

const batch = (caseId: string, events: CaseEvent[], from: number, to: number) =>
  ({ caseId, events: numbered(events).slice(from, to), summary });

/** The case row and its ledger rows without the case id and write-time columns, for comparing deliveries. */
async function snapshot(caseId: string): Promise<unknown> {
  const [row] = await ds.query('SELECT * FROM cases WHERE case_id = $1', [caseId]);
  const ledger = await ds.query('SELECT * FROM accountability_ledger WHERE case_id = $1 ORDER BY seq', [caseId]);
  const clean = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !['case_id', 'recorded_at', 'updated_at'].includes(k)));
  return { row: row && { ...clean(row), matter_ref: undefined, petitioner_ref: undefined, respondent_ref: undefined }, ledger: ledger.map(clean) };
}

function lifecycle(caseId: string): CaseEvent[] {
  const evs = history({ caseId, acceptance: 'late', reply: 'late', evaluation: 'satisfied', repeats: 1 });
  return evs.map((e) => (e.type === 'PetitionRegistered' ? { ...e, caseId: 'same' } : e));
}

describe('CaseProjectionWriter: duplicate and out-of-order deliveries change nothing', () => {
  it('in order, the same batch twice, reversed batches, a gap then the missing batch: one result', async () => {
    const ids = ['w-order', 'w-dup', 'w-rev', 'w-gap'];
    const [inOrder, dup, rev, gap] = ids;
    const n = lifecycle('x').length;
    const cut = 5;
    // in order
    await writer.write(batch(inOrder!, lifecycle(inOrder!), 0, cut));
    await writer.write(batch(inOrder!, lifecycle(inOrder!), cut, n));
    // each batch twice
    for (const [a, b] of [[0, cut], [0, cut], [cut, n], [cut, n]] as const) await writer.write(batch(dup!, lifecycle(dup!), a, b));
    // reversed
    const late = await writer.write(batch(rev!, lifecycle(rev!), cut, n));
    expect(late).toEqual({ applied: 0, lastSeq: 0, chainHead: null });
    await writer.write(batch(rev!, lifecycle(rev!), 0, cut));
    // a gap (events 1–2 and 5–n), then the missing 3–4
    await writer.write(batch(gap!, lifecycle(gap!), 0, 2));
    await writer.write(batch(gap!, lifecycle(gap!), 4, n));
    const half = await ds.query('SELECT last_seq FROM cases WHERE case_id = $1', [gap]);
    expect(half[0].last_seq).toBe(2);
    await writer.write(batch(gap!, lifecycle(gap!), 2, 4));

    const expected = await snapshot(inOrder!);
    expect(expected).toMatchObject({ row: { last_seq: n, breach_count: 2, repeat_count: 1, status: 'open' }, ledger: [{}, {}] });
    for (const id of [dup!, rev!, gap!]) expect(await snapshot(id)).toEqual(expected);
    const counts = await ds.query(`SELECT case_id, count(*)::int AS n FROM case_events WHERE case_id = ANY($1) GROUP BY case_id`, [ids]);
    expect(counts.map((c: { n: number }) => c.n)).toEqual([n, n, n, n]);
  });

  it('rebuilding a case from the event log reproduces the row and the ledger exactly', async () => {
    await writer.write(batch('w-rebuild', lifecycle('w-rebuild'), 0, lifecycle('w-rebuild').length));
    const before = await snapshot('w-rebuild');
    await writer.rebuildFromEventLog('w-rebuild');
    expect(await snapshot('w-rebuild')).toEqual(before);
  });

  it('links cross-case repeats of one petitioner and matter whatever order the cases are projected in', async () => {
    const a = history({ caseId: 'r-a', petitionerRef: 'p-r', matterRef: 'm-r', start: 0 });
    const b = history({ caseId: 'r-b', petitionerRef: 'p-r', matterRef: 'm-r', start: 100 });
    const c = history({ caseId: 'r-c', petitionerRef: 'p-r', matterRef: 'm-r', start: 200 });
    await writer.write(batch('r-c', c, 0, c.length));
    await writer.write(batch('r-a', a, 0, a.length));
    await writer.write(batch('r-b', b, 0, b.length));
    await writer.write(batch('r-b', b, 0, b.length));
    const rows = await ds.query(`SELECT case_id, prior_case_id, is_repeat FROM cases WHERE petitioner_ref = 'p-r' ORDER BY case_id`);
    expect(rows).toEqual([
      { case_id: 'r-a', prior_case_id: null, is_repeat: false },
      { case_id: 'r-b', prior_case_id: 'r-a', is_repeat: true },
      { case_id: 'r-c', prior_case_id: 'r-b', is_repeat: true },
    ]);
  });

  it('concurrent writers of the same batch apply it once', async () => {
    const evs = lifecycle('w-conc');
    const results = await Promise.all([0, 1, 2, 3].map(() => writer.write(batch('w-conc', evs, 0, evs.length))));
    expect(results.reduce((s, r) => s + r.applied, 0)).toBe(evs.length);
    expect(await snapshot('w-conc')).toEqual(await snapshot('w-order'));
  });
});
