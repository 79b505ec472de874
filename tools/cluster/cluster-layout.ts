import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root (tools/cluster/..). */
export const ROOT = join(__dirname, '..', '..');
export const CLUSTER_CONFIG = join(ROOT, 'tools', 'cluster', 'config', 'temporal.yaml');
export const CLUSTER_DYNAMIC_CONFIG = join(ROOT, 'tools', 'cluster', 'config', 'dynamic.yaml');

/** The four Temporal services, each its own process. */
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** Arguments of `temporal-server` for one service (the launcher and docker/compose.yaml run the same). */
export function serverArgs(configFile: string, service: string): string[] {
  return ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service];
}

/** History shards of the cluster: fixed when the schema is first used (the config's default is the same number). */
export const HISTORY_SHARDS = 4;

/** The pinned versions (tools/cluster/versions.env: also read by build-temporal.sh and checked against docker/). */
export function clusterVersions(): { server: string; goToolchain: string } {
  const env = Object.fromEntries(readFileSync(join(ROOT, 'tools', 'cluster', 'versions.env'), 'utf8').split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=') as [string, string]));
  return { server: env.TEMPORAL_SERVER_VERSION, goToolchain: env.TEMPORAL_GO_TOOLCHAIN };
}

/** Where build-temporal.sh caches the binaries and schema files of a version. */
export function toolsDir(version = clusterVersions().server): string {
  return join(process.env.TEMPORAL_CLUSTER_CACHE ?? join(ROOT, '.tools', 'temporal-cluster'), version);
}

/** gRPC port of each service; its membership port is the next one up (see config/temporal.yaml). */
export type ServicePorts = Record<TemporalService, number>;

/** Ports from a base: frontend base, history base+2, matching base+4, worker base+6 (each with its +1). */
export function portsFrom(base: number): ServicePorts {
  return { frontend: base, history: base + 2, matching: base + 4, worker: base + 6 };
}

/** The environment config/temporal.yaml is rendered from, for one service process. */
export function serviceEnv(opts: { ports: ServicePorts; dbPort: number; dbPassword: string; logLevel?: string }): Record<string, string> {
  return {
    TCLUSTER_FRONTEND_PORT: String(opts.ports.frontend),
    TCLUSTER_HISTORY_PORT: String(opts.ports.history),
    TCLUSTER_MATCHING_PORT: String(opts.ports.matching),
    TCLUSTER_WORKER_PORT: String(opts.ports.worker),
    TCLUSTER_DB_PORT: String(opts.dbPort),
    TCLUSTER_DB_PASSWORD: opts.dbPassword,
    TCLUSTER_HISTORY_SHARDS: String(HISTORY_SHARDS),
    TCLUSTER_DYNAMIC_CONFIG: CLUSTER_DYNAMIC_CONFIG,
    TCLUSTER_LOG_LEVEL: opts.logLevel ?? 'warn',
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A base port whose `count` consecutive ports are free now (a random start between 20000 and 29999). */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 9_900);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no block of ${count} free ports found`);
}
