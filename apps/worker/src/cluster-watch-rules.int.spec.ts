import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ClusterWatchActivitiesService, ClusterWatchHandOver, respondentRefOf } from '@petitions/activities';
import { type ClusterArrival, COUNTY_ONLY_CLUSTER_RULES, DEFAULT_CLUSTER_RULES, rulesOfFamily, shardsForArrival } from '@petitions/domain';
import {
  CLUSTER_WATCH_WORKFLOW_TYPE, DEFAULT_CLUSTER_WATCH_SHARDS, clusterRulesQuery, clusterStateQuery, clusterWatchShardWorkflowId, petitionArrivedSignal,
} from '@petitions/contracts';
import { TemporalWorkerService } from './temporal-worker.service';
import { eventually, startWorkerApp, testClient, testDataSource, useOwnTaskQueue } from '../../../tools/test/harness';

describe('类案预警 upgrade: a watch started under the county-only rules adopts the township rules', () => {
  let taskQueue: string;
  let worker: INestApplicationContext;
  let client: Client;
  let db: DataSource;

  beforeAll(async () => {
    taskQueue = useOwnTaskQueue('cluster-rules');
    worker = await startWorkerApp();
    // The worker's own start-up adoption is done before this test starts a watch under the former rules.
    await worker.get(TemporalWorkerService).clusterWatchesReady;
    client = await testClient();
    db = await testDataSource();
  });
  afterAll(async () => {
    await worker?.close();
    await client?.connection.close();
    await db?.destroy();
  });

  it('seven arrivals in one township under the old rules, the new rules adopted, the eighth raises the township warning', async () => {
    // A township code of this process only (county 5401xx is used by cluster tests; the last digits vary per run).
    const township = `540126${String(process.pid % 1000).padStart(3, '0')}`;
    const t0 = Date.now() - 3_600_000;
    const arrival = (i: number): ClusterArrival => ({ caseId: `rules-${process.pid}-${i}`, at: new Date(t0 + i * 60_000).toISOString(),
      respondentRef: respondentRefOf(process.env.CASE_KEY_SECRET!, `规则测试单位-${process.pid}-${i}`), regionCode: township.slice(0, 6),
      townshipCode: township, category: `cat-${i % 3}` });
    const shard = shardsForArrival(arrival(0), DEFAULT_CLUSTER_RULES, DEFAULT_CLUSTER_WATCH_SHARDS).find((s) => s.family === 'region')!;
    const id = clusterWatchShardWorkflowId(taskQueue, shard);
    // The watch as the previous version started it: the region family's former rules (grouping by county).
    for (let i = 0; i < 7; i++) {
      await client.workflow.signalWithStart(CLUSTER_WATCH_WORKFLOW_TYPE, {
        workflowId: id, taskQueue, args: [{ rules: rulesOfFamily(COUNTY_ONLY_CLUSTER_RULES, 'region'), shard }],
        signal: petitionArrivedSignal, signalArgs: [arrival(i)],
      });
    }
    const handle = client.workflow.getHandle(id);
    await eventually(async () => (await handle.query(clusterStateQuery)).arrivals.length === 7, 20_000, 200);
    expect((await handle.query(clusterRulesQuery)).map((r) => r.id)).toEqual(['same-town-category-3d', 'same-town-1d']);

    expect(await worker.get(ClusterWatchHandOver).adoptRules()).toBeGreaterThanOrEqual(1);
    const adopted = await eventually(async () => {
      const ids = (await handle.query(clusterRulesQuery)).map((r) => r.id);
      return ids.includes('same-township-1d') && ids;
    }, 20_000, 200);
    expect(adopted).toEqual(['same-township-category-3d', 'same-township-1d', 'same-county-category-3d', 'same-county-1d']);
    expect((await handle.query(clusterStateQuery)).arrivals).toHaveLength(7);

    // The eighth, as a case reports it: the township rule (8 in a day) fires with all eight; the county rule (20) does not.
    const eighth = arrival(7);
    await worker.get(ClusterWatchActivitiesService).asActivities().reportArrival({
      caseId: eighth.caseId, at: eighth.at, respondent: `规则测试单位-${process.pid}-7`, regionCode: eighth.regionCode, townshipCode: township, category: eighth.category,
    });
    const rows = await eventually(async () => {
      const r = (await db.query(`SELECT rule_id, dimension, case_ids FROM cluster_warnings WHERE cluster_key = $1`, [township])) as
        { rule_id: string; dimension: string; case_ids: string[] }[];
      return r.length > 0 && r;
    }, 20_000, 200);
    expect(rows.map((r) => [r.rule_id, r.dimension])).toEqual([['same-township-1d', 'township']]);
    expect([...rows[0]!.case_ids].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => arrival(i).caseId).sort());
    expect(await db.query(`SELECT 1 FROM cluster_warnings WHERE cluster_key = $1`, [township.slice(0, 6)])).toEqual([]);
  });
});
