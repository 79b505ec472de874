import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@temporalio/client';
import {
  CLUSTER_CONFIG, HISTORY_SHARDS, ROOT, type ServicePorts, TEMPORAL_SERVICES, type TemporalService, portsFrom, serverArgs, serviceEnv,
} from './cluster-layout';
import { PrivatePostgres } from './private-postgres';
import { ServiceProcess } from './service-process';
import { setupTemporalSchemas } from './temporal-schema';
import { connectWhenServing, ensureNamespace, waitForSearchAttributes, waitForServices } from './temporal-namespace';

export interface TemporalClusterOptions {
  /** Data, logs and secrets of this cluster (kept between runs: a restart finds its histories). */
  dir: string;
  /** Port of Temporal's private PostgreSQL. */
  pgPort: number;
  /** Frontend gRPC port; the other services follow (see portsFrom). */
  basePort: number;
  namespace?: string;
  /** fsync on (default) or off (test clusters). */
  durable?: boolean;
  log?: (message: string) => void;
  /** Told when a Temporal service exits without being asked to. */
  onUnexpectedExit?: (name: string, code: number | string | null) => void;
}

/** Builds the pinned server once (tools/cluster/build-temporal.sh) and returns its cache directory. */
export function ensureTemporalBuilt(): string {
  return execFileSync('bash', [join(ROOT, 'tools', 'cluster', 'build-temporal.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** A secret generated once into the cluster's directory (mode 600), so restarts keep their database passwords. */
function clusterSecret(dir: string, name: string): string {
  const file = join(dir, 'secrets', name);
  if (!existsSync(file)) {
    mkdirSync(join(dir, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The real Temporal server on PostgreSQL, its four services as separate processes: private PostgreSQL → schemas
 * (temporal-sql-tool) → frontend → namespace and search attributes → history, matching, worker.
 * The attributes are registered before history/matching/worker start, so those load them with the namespace.
 */
export class TemporalCluster {
  private constructor(readonly opts: TemporalClusterOptions, readonly pg: PrivatePostgres, readonly ports: ServicePorts,
    readonly services: Record<TemporalService, ServiceProcess>, readonly startMs: number) {}

  get address(): string { return `127.0.0.1:${this.ports.frontend}`; }
  get namespace(): string { return this.opts.namespace ?? 'default'; }

  static async start(opts: TemporalClusterOptions): Promise<TemporalCluster> {
    const log = opts.log ?? (() => undefined);
    const tools = ensureTemporalBuilt();
    const started = Date.now();
    mkdirSync(join(opts.dir, 'logs'), { recursive: true });
    const pg = PrivatePostgres.init(join(opts.dir, 'temporal-pg'), opts.pgPort);
    pg.start({ durable: opts.durable });
    const password = clusterSecret(opts.dir, 'temporal-db-password');
    pg.ensureRole('temporal', password, 'CREATEDB');
    const versions = setupTemporalSchemas({ tools, pg, user: 'temporal', password, logFile: join(opts.dir, 'logs', 'schema.log') });
    log(`Temporal PostgreSQL on 127.0.0.1:${opts.pgPort}: schemas temporal ${versions.temporal}, temporal_visibility ${versions.visibility}`);

    const ports = portsFrom(opts.basePort);
    const env = { ...process.env, ...serviceEnv({ ports, dbPort: opts.pgPort, dbPassword: password, logLevel: process.env.TCLUSTER_LOG_LEVEL }) };
    const services = Object.fromEntries(TEMPORAL_SERVICES.map((name) => [name, new ServiceProcess(`temporal-${name}`,
      join(tools, 'bin', 'temporal-server'), serverArgs(CLUSTER_CONFIG, name),
      { cwd: opts.dir, env, logFile: join(opts.dir, 'logs', `temporal-${name}.log`), onUnexpectedExit: (p, code) => opts.onUnexpectedExit?.(p.name, code) })])) as Record<TemporalService, ServiceProcess>;
    const cluster = new TemporalCluster(opts, pg, ports, services, 0);

    services.frontend.start();
    const connection = await connectWhenServing(cluster.address);
    try {
      const added = await ensureNamespace(connection, cluster.namespace);
      if (added.length) log(`search attributes registered: ${added.join(', ')}`);
      await waitForSearchAttributes(connection, cluster.namespace);
      for (const name of TEMPORAL_SERVICES) services[name].start();
      await waitForServices(connection, cluster.namespace);
    } catch (err) {
      await cluster.stop();
      throw err;
    } finally {
      await connection.close();
    }
    const ready = new TemporalCluster(opts, pg, ports, services, Date.now() - started);
    log(`Temporal ${TEMPORAL_SERVICES.join(', ')} serving at ${ready.address} (${HISTORY_SHARDS} history shards) in ${(ready.startMs / 1000).toFixed(1)} s`);
    return ready;
  }

  /** Stops the services (worker, matching, history, then frontend) and PostgreSQL. */
  async stop(): Promise<void> {
    for (const name of [...TEMPORAL_SERVICES].reverse()) await this.services[name].stop(30_000);
    this.pg.stop();
  }

  /** Waits until the cluster answers again after a fault (a restarted service or database). */
  async waitServing(connection: Connection): Promise<void> {
    await waitForServices(connection, this.namespace);
  }
}
