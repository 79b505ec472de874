/**
 * `npm run cluster`: the engine on a real Temporal cluster on PostgreSQL, on this machine. Temporal's four services
 * as separate processes on a private PostgreSQL (persistence + SQL visibility), the read-model PostgreSQL (private
 * unless DATABASE_URL is set), two workers, two API processes behind one address. Ctrl-C / SIGTERM stops everything.
 * Ports (environment): CLUSTER_TEMPORAL_PORT (17233; services use the 8 ports from it), CLUSTER_TEMPORAL_PG_PORT
 * (15432), CLUSTER_READMODEL_PG_PORT (15433), API_PORT (3000), CLUSTER_WORKERS / CLUSTER_APIS (2 / 2).
 * Data, logs and secrets: PETITIONS_CLUSTER_DIR (tmp/cluster), kept between runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterApps } from './cluster-apps';
import { ROOT, clusterVersions } from './cluster-layout';
import { PrivatePostgres } from './private-postgres';
import { rssMb, treePssMb } from './process-figures';
import { ServiceProcess } from './service-process';
import { TemporalCluster } from './temporal-cluster';

const dir = process.env.PETITIONS_CLUSTER_DIR ?? join(ROOT, 'tmp', 'cluster');
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (message: string) => console.log(`[cluster] ${message}`);
const stops: (() => Promise<void> | void)[] = [];
let stopping = false;

/** Secrets of this cluster's apps, generated once and kept (a restart must still decrypt earlier histories). */
function appSecrets(): { caseKeySecret: string; payloadKeys: string; authTokenSecret: string; readModelPassword: string } {
  const file = join(dir, 'secrets', 'apps.json');
  if (!existsSync(file)) {
    mkdirSync(join(dir, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({
      caseKeySecret: randomBytes(24).toString('hex'), payloadKeys: `cluster-1:${randomBytes(32).toString('base64')}`,
      authTokenSecret: randomBytes(24).toString('hex'), readModelPassword: randomBytes(18).toString('hex'),
    }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping: proxy, APIs, workers, Temporal services, PostgreSQL');
  for (const stop of stops.reverse()) { try { await stop(); } catch (err) { console.error(err); } }
  await Promise.all([...ServiceProcess.started].map((p) => p.stop()));
  log('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  mkdirSync(join(dir, 'logs'), { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  const secrets = appSecrets();

  const temporal = await TemporalCluster.start({
    dir, pgPort: num('CLUSTER_TEMPORAL_PG_PORT', 15432), basePort: num('CLUSTER_TEMPORAL_PORT', 17233),
    namespace: process.env.TEMPORAL_NAMESPACE, log,
    onUnexpectedExit: (name, code) => { if (!stopping) log(`${name} exited (${code}): see ${join(dir, 'logs', `${name}.log`)}`); },
  });
  stops.push(() => temporal.stop());

  let databaseUrl = process.env.DATABASE_URL;
  let readModel: PrivatePostgres | undefined;
  if (!databaseUrl) {
    readModel = PrivatePostgres.init(join(dir, 'readmodel-pg'), num('CLUSTER_READMODEL_PG_PORT', 15433));
    readModel.start();
    stops.splice(0, 0, () => readModel!.stop());
    readModel.ensureRole('petitions', secrets.readModelPassword);
    readModel.ensureDatabase('petitions', 'petitions');
    databaseUrl = readModel.url('petitions', secrets.readModelPassword, 'petitions');
  }
  log(`read model: PostgreSQL ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);

  const apps = await ClusterApps.start({
    dir, workers: num('CLUSTER_WORKERS', 2), apis: num('CLUSTER_APIS', 2), apiPort: num('API_PORT', 3000), log, supervise: true,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace,
      CASE_KEY_SECRET: process.env.CASE_KEY_SECRET ?? secrets.caseKeySecret, PAYLOAD_KEYS: process.env.PAYLOAD_KEYS ?? secrets.payloadKeys,
      AUTH_TOKEN_SECRET: process.env.AUTH_TOKEN_SECRET ?? secrets.authTokenSecret,
      AUTH_ALLOW_DEV_HEADERS: process.env.AUTH_ALLOW_DEV_HEADERS ?? 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  stops.push(() => apps.stop());

  const processes = [
    ...Object.values(temporal.services).map((p) => ({ name: p.name, pid: p.pid, rss: rssMb(p.pid) })),
    { name: 'temporal-postgres', pid: temporal.pg.pid(), rss: treePssMb(temporal.pg.pid()) },
    ...(readModel ? [{ name: 'readmodel-postgres', pid: readModel.pid(), rss: treePssMb(readModel.pid()) }] : []),
    ...[...apps.workers, ...apps.apis].map((p) => ({ name: p.name, pid: p.pid, rss: rssMb(p.pid) })),
  ];
  const state = {
    version: clusterVersions().server, temporalAddress: temporal.address, namespace: temporal.namespace, api: apps.url,
    apiBackends: apps.backends, databaseUrl: databaseUrl.replace(/:[^:@/]*@/, ':***@'), startedInMs: Date.now() - t0, processes,
  };
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(state, null, 2));
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (Temporal ${state.version})`);
  log(`  API (proxy over ${apps.backends.join(', ')}): ${apps.url}   try: curl ${apps.url}/ready`);
  log(`  Temporal frontend: ${temporal.address}  namespace ${temporal.namespace}   e.g. .tools/bin/temporal workflow list --address ${temporal.address}`);
  log(`  Temporal PostgreSQL: 127.0.0.1:${temporal.pg.port} (temporal, temporal_visibility)`);
  for (const p of processes) log(`  ${p.name.padEnd(20)} pid ${String(p.pid).padEnd(8)} ${p.rss ?? '?'} MB`);
  log(`logs: ${join(dir, 'logs')}   Ctrl-C stops everything`);
}

main().catch((err) => { console.error('[cluster] failed:', err); void stopAll(1); });
