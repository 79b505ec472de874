import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ClusterWatchActivitiesService, ClusterWatchHandOver, respondentRefOf } from '@petitions/activities';
import { type ClusterArrival, DEFAULT_CLUSTER_RULES, shardsForArrival } from '@petitions/domain';
import {
  CLUSTER_WATCH_WORKFLOW_TYPE, clusterStateQuery, clusterWatchShardWorkflowId, DEFAULT_CLUSTER_WATCH_SHARDS, legacyClusterWatchWorkflowId,
  petitionArrivedSignal,
} from '@petitions/contracts';
import { eventually, startWorkerApp, testClient, testDataSource, useOwnTaskQueue } from '../../../tools/test/harness';

describe('类案预警 upgrade: the unsharded watch hands its windows over to the shards', () => {
  let taskQueue: string;
  let worker: INestApplicationContext;
  let client: Client;
  let db: DataSource;

  beforeAll(async () => {
    taskQueue = useOwnTaskQueue('cluster-hand-over');
    worker = await startWorkerApp();
    client = await testClient();
    db = await testDataSource();
  });
  afterAll(async () => {
    await worker?.close();
    await client?.connection.close();
    await db?.destroy();
  });

  it('four arrivals seen by the old watch and a fifth reported after the upgrade raise one warning with all five', async () => {
    const respondent = `移交测试物业-${process.pid}`;
    const respondentRef = respondentRefOf(process.env.CASE_KEY_SECRET!, respondent);
    const t0 = Date.now() - 3_600_000;
    const arrival = (i: number): ClusterArrival => ({
      caseId: `handover-${process.pid}-${i}`, at: new Date(t0 + i * 60_000).toISOString(), respondentRef, regionCode: '540125', category: 'housing',
    });
    // The watch as the previous version ran it: one workflow per task queue, with every rule.
    const legacy = client.workflow.getHandle(legacyClusterWatchWorkflowId(taskQueue));
    for (let i = 0; i < 4; i++) {
      await client.workflow.signalWithStart(CLUSTER_WATCH_WORKFLOW_TYPE, {
        workflowId: legacyClusterWatchWorkflowId(taskQueue), taskQueue, args: [{ rules: DEFAULT_CLUSTER_RULES }],
        signal: petitionArrivedSignal, signalArgs: [arrival(i)],
      });
    }
    await eventually(async () => (await legacy.query(clusterStateQuery)).arrivals.length === 4, 20_000, 200);

    const result = await worker.get(ClusterWatchHandOver).run();
    expect(result).toEqual({ handedOver: true, arrivals: 4, shards: 2 });
    expect((await legacy.describe()).status.name).toBe('TERMINATED');

    // Each of the arrival's two shards (respondent, town) now holds the four arrivals.
    for (const shard of shardsForArrival(arrival(0), DEFAULT_CLUSTER_RULES, DEFAULT_CLUSTER_WATCH_SHARDS)) {
      const id = clusterWatchShardWorkflowId(taskQueue, shard);
      expect(id).not.toContain(respondentRef);
      const state = await eventually(async () => {
        const s = await client.workflow.getHandle(id).query(clusterStateQuery);
        return s.arrivals.length === 4 && s;
      }, 20_000, 200);
      expect(state.arrivals.map((a) => a.caseId).sort()).toEqual([0, 1, 2, 3].map((i) => arrival(i).caseId));
    }

    // The fifth, reported as a case reports it after the upgrade: the respondent rule (5 in 7 days) fires with all five.
    const fifth = arrival(4);
    await worker.get(ClusterWatchActivitiesService).asActivities().reportArrival({
      caseId: fifth.caseId, at: fifth.at, respondent, regionCode: fifth.regionCode, category: fifth.category,
    });
    const rows = await eventually(async () => {
      const r = (await db.query(`SELECT rule_id, case_ids FROM cluster_warnings WHERE cluster_key = $1`, [respondentRef])) as { rule_id: string; case_ids: string[] }[];
      return r.length > 0 && r;
    }, 20_000, 200);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rule_id).toBe('same-respondent-7d');
    expect([...rows[0]!.case_ids].sort()).toEqual([0, 1, 2, 3, 4].map((i) => arrival(i).caseId));

    // A second run (another worker starting) finds nothing left to hand over.
    expect(await worker.get(ClusterWatchHandOver).run()).toEqual({ handedOver: false, arrivals: 0, shards: 0 });
  });
});
