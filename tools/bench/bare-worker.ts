/**
 * Worker process of the bare workflow (tools/bench/bare-workflow.ts), spawned by tools/bench/run-bench.ts.
 * Env: TEMPORAL_ADDRESS, BARE_TASK_QUEUE, DATABASE_URL, BARE_WORKFLOW_BUNDLE. Stops on SIGTERM/SIGINT.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import type { BareActivities } from './bare-workflow';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const activities: BareActivities = {
    async noopInsert({ workflowId, n, rep }) {
      await pool.query('INSERT INTO bench_noop (rep, workflow_id, n) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [rep, workflowId, n]);
    },
  };
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection, taskQueue: process.env.BARE_TASK_QUEUE!, workflowBundle: { codePath: process.env.BARE_WORKFLOW_BUNDLE! }, activities,
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => worker.shutdown());
  await worker.run();
  await connection.close();
  await pool.end();
}

main().catch((err) => {
  console.error('[bare-worker] fatal:', err);
  process.exit(1);
});
