import { type TestStack, eventually, startStack } from '../../../tools/test/harness';

// Visibility queries on the case search attributes, as operators and `verify --all` use them. On the dev server they
// run on SQLite; in the cluster tier (PETITIONS_TEST_TEMPORAL=cluster) on Temporal's SQL visibility in PostgreSQL.
const registrar = { 'x-actor-id': 'reg-vis', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const petition = (i: number, category: string) => ({
  channel: 'online', kind: 'claim', category, regionCode: '110108', level: 'city', persons: 1,
  respondent: { type: 'unit', description: '某镇人民政府' }, summary: `可见性查询测试第${i}件：道路积水多年未治理。`,
  petitioner: { name: `查询测试人${i}`, idNumber: `11010819800101${String(1000 + i)}`, phone: `1376655${String(1000 + i)}`, address: `北京市海淀区查询路${i}号` },
});

describe('visibility queries on the case search attributes', () => {
  let stack: TestStack;
  let queue: string;
  const ids: string[] = [];

  beforeAll(async () => {
    stack = await startStack('visibility');
    queue = process.env.TEMPORAL_TASK_QUEUE!;
    for (const [i, category] of ['urban_construction', 'urban_construction', 'natural_resources'].entries()) {
      const res = await fetch(`${stack.url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify(petition(i, category)) });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { caseId: string }).caseId);
    }
    // The third case is routed to a unit: it moves to the handling step.
    const routed = await fetch(`${stack.url}/petitions/${ids[2]}/commands`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ type: 'RoutePetition', mode: 'assign', leadUnitId: 'town-gov-vis', handlingLimit: { amount: 30, unit: 'calendar_days' } }) });
    expect(routed.status).toBe(201);
  });
  afterAll(async () => { await stack?.stop(); });

  /** Ids matching a query on this file's own task queue, once visibility has caught up with `expected` of them. */
  async function idsOf(where: string, expected: number): Promise<string[]> {
    const query = `TaskQueue = '${queue}' AND ${where}`;
    return eventually(async () => {
      const found: string[] = [];
      for await (const wf of stack.client.workflow.list({ query })) found.push(wf.workflowId);
      return found.length === expected ? found.sort() : null;
    }, 20_000, 250).catch(async () => {
      const found: string[] = [];
      for await (const wf of stack.client.workflow.list({ query })) found.push(wf.workflowId);
      throw new Error(`${where}: expected ${expected} cases, found ${found.length}`);
    });
  }

  /** The cases as the read model has them once both commands are projected: visibility must agree with it. */
  async function readModel(): Promise<{ id: string; step: string; next: Date | null }[]> {
    return eventually(async () => {
      const rows: { case_id: string; step: string; next_deadline_at: Date | null; last_seq: number }[] = await stack.db.query(
        'SELECT case_id, step, next_deadline_at, last_seq FROM cases WHERE case_id = ANY($1)', [ids]);
      const projected = rows.length === 3 && rows.find((r) => r.case_id === ids[2])?.last_seq === 2;
      return projected ? rows.map((r) => ({ id: r.case_id, step: r.step, next: r.next_deadline_at })) : null;
    }, 20_000, 250);
  }

  it('finds the cases by status, step, unit and category (Keyword attributes)', async () => {
    const cases = await readModel();
    expect(await idsOf(`PetitionStatus = 'open'`, 3)).toEqual([...ids].sort());
    // The routed case has left the routing step; the two others are still in it.
    const routedStep = cases.find((c) => c.id === ids[2])!.step;
    expect(routedStep).not.toBe('routing');
    expect(await idsOf(`PetitionStep = '${routedStep}'`, 1)).toEqual([ids[2]]);
    expect(await idsOf(`PetitionStep = 'routing'`, 2)).toEqual([ids[0], ids[1]].sort());
    expect(await idsOf(`PetitionUnit = 'town-gov-vis'`, 1)).toEqual([ids[2]]);
    expect(await idsOf(`PetitionCategory = 'urban_construction' AND PetitionRegion = '110108'`, 2)).toEqual([ids[0], ids[1]].sort());
    expect(await idsOf(`PetitionCategory IN ('natural_resources', 'no_such_category')`, 1)).toEqual([ids[2]]);
  });

  it('compares the next deadline as a Datetime (as the read model has it), and counts', async () => {
    const cases = await readModel();
    const withDeadline = cases.filter((c) => c.next).map((c) => c.id).sort();
    // Unrouted cases have a routing limit (or its warning) ahead of them.
    expect(withDeadline).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    const now = new Date().toISOString();
    const inAYear = new Date(Date.now() + 366 * 24 * 3600 * 1000).toISOString();
    expect(cases.filter((c) => c.next).every((c) => c.next!.toISOString() > now && c.next!.toISOString() < inAYear)).toBe(true);
    expect(await idsOf(`PetitionNextDeadline > '${now}' AND PetitionNextDeadline < '${inAYear}'`, withDeadline.length)).toEqual(withDeadline);
    expect(await idsOf(`PetitionNextDeadline < '${now}'`, 0)).toEqual([]);
    const counted = await stack.client.workflow.count(`TaskQueue = '${queue}' AND PetitionStatus = 'open' AND PetitionStep = 'routing'`);
    expect(counted.count).toBe(2);
  });
});
