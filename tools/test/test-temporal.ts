import { join } from 'node:path';
import { freePort } from '../dev/free-port';
import { startDevServer } from '../dev/temporal-dev-server';
import { freePortBlock } from '../cluster/cluster-layout';
import { TemporalCluster } from '../cluster/temporal-cluster';

/** Which Temporal the integration tests run against: the dev server (default) or the real cluster. */
export const onCluster = (): boolean => process.env.PETITIONS_TEST_TEMPORAL === 'cluster';

export interface TestTemporal {
  address: string;
  /** SQLite file of the dev server (a test scans it for personal data); the cluster's store is PostgreSQL. */
  dbFile?: string;
  /** Socket directory and port of the cluster's PostgreSQL (superuser over the socket): its store, for the same scan. */
  clusterPg?: { socketDir: string; port: number };
  stop(): Promise<void>;
}

/**
 * PETITIONS_TEST_TEMPORAL=cluster: a fresh Temporal cluster of the test run's own (four service processes, private
 * PostgreSQL with fsync off, free ports), built first when the pinned server is not cached yet. Otherwise the dev server.
 */
export async function startTestTemporal(runDir: string): Promise<TestTemporal> {
  if (!onCluster()) {
    const dbFile = join(runDir, 'temporal.db');
    const server = await startDevServer({ port: await freePort(), dbFile });
    return { address: server.address, dbFile, stop: () => server.stop() };
  }
  const t0 = Date.now();
  const cluster = await TemporalCluster.start({
    dir: join(runDir, 'cluster'), pgPort: await freePort(), basePort: await freePortBlock(8), durable: false,
    log: (m) => process.stderr.write(`[test cluster] ${m}\n`),
  });
  process.stderr.write(`[test cluster] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (including any build)\n`);
  return {
    address: cluster.address, clusterPg: { socketDir: join(cluster.pg.dir, 'sock'), port: cluster.pg.port }, stop: () => cluster.stop(),
  };
}
