import { randomUUID } from 'node:crypto';
import { type TestStack, eventually, startStack } from '../../../tools/test/harness';
import { rebuildReadModel } from './read-model.rebuild';

const registrar = { 'x-actor-id': 'reg-rb', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };

describe('rebuilding the read model from the Temporal histories', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack('rebuild'); });
  afterAll(async () => { await stack?.stop(); });

  it('reproduces the live rows exactly, and a tampered live row shows up in the diff', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${stack.url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
        channel: 'online', kind: 'claim', category: 'agriculture', regionCode: '620102', level: 'city', persons: 1 + i,
        respondent: { type: 'unit', description: `重建测试单位-${randomUUID()}` }, summary: '重建测试',
        petitioner: { name: '测试人丁', idNumber: `62010219700101${2000 + i}` } }) });
      caseIds.push(((await res.json()) as { caseId: string }).caseId);
    }
    await fetch(`${stack.url}/petitions/${caseIds[0]}/commands`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ type: 'RoutePetition', mode: 'forward', leadUnitId: 'chengguan-agri' }) });
    // Wait until every case's workflow is idle and projected (its history holds the completed batches).
    await eventually(async () => {
      for (const id of caseIds) {
        const d = await stack.client.workflow.getHandle(id).describe();
        if (d.raw.pendingActivities?.length || d.raw.pendingWorkflowTask) return false;
      }
      const [{ n }] = await stack.db.query('SELECT count(*)::int AS n FROM cases WHERE case_id = ANY($1)', [caseIds]);
      return n === 3;
    }, 20_000);

    const opts = { client: stack.client, databaseUrl: process.env.DATABASE_URL!, payloadKeys: process.env.PAYLOAD_KEYS!, caseIds, schema: 'rebuild_test' };
    const clean = await rebuildReadModel(opts);
    expect(clean.cases).toBe(3);
    expect(clean.events).toBeGreaterThanOrEqual(4);
    expect(clean.diffs.filter((d) => d.onlyLive || d.onlyRebuilt)).toEqual([]);
    expect(clean.identical).toBe(true);

    await stack.db.query(`UPDATE cases SET persons = persons + 10 WHERE case_id = $1`, [caseIds[1]]);
    await stack.db.query(`DELETE FROM case_events WHERE case_id = $1 AND seq = (SELECT max(seq) FROM case_events WHERE case_id = $1)`, [caseIds[0]]);
    try {
      const tampered = await rebuildReadModel(opts);
      expect(tampered.identical).toBe(false);
      expect(tampered.diffs.find((d) => d.table === 'cases')).toMatchObject({ onlyLive: 1, onlyRebuilt: 1 });
      expect(tampered.diffs.find((d) => d.table === 'case_events')).toMatchObject({ onlyLive: 0, onlyRebuilt: 1 });
    } finally {
      // Put the live rows back from the rebuilt copy so other tests see a consistent read model.
      await stack.db.query(`UPDATE cases SET persons = persons - 10 WHERE case_id = $1`, [caseIds[1]]);
      await stack.db.query(`INSERT INTO case_events SELECT * FROM rebuild_test.case_events WHERE case_id = $1 ON CONFLICT DO NOTHING`, [caseIds[0]]);
      await stack.db.query('DROP SCHEMA rebuild_test CASCADE');
    }
  });
});
