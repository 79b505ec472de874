import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../libs/contracts/src/search-attributes';
import { CLUSTER_CONFIG, HISTORY_SHARDS, ROOT, TEMPORAL_SERVICES, clusterVersions, portsFrom, serverArgs, serviceEnv } from './cluster-layout';
import { TEMPORAL_DATABASES } from './temporal-schema';

// docker/compose.yaml and `npm run cluster` must run the same cluster: same server version, the same config file,
// the same four services, shards, schema steps and search attributes. This test fails when one of them drifts.
// js-yaml (a dependency of Jest's own tooling) has no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require('js-yaml') as { load(text: string): unknown };
interface ComposeService { image?: string; command?: string[]; entrypoint?: string[]; environment?: Record<string, unknown>; volumes?: string[] }
const compose = load(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8')) as { services: Record<string, ComposeService> };
const template = readFileSync(CLUSTER_CONFIG, 'utf8');
const templateVars = new Set([...template.matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1]));
const tag = clusterVersions().server.replace(/^v/, '');

describe('docker/compose.yaml runs the cluster of tools/cluster', () => {
  it('pins the server and admin-tools images to the version the cluster script builds', () => {
    expect(clusterVersions().server).toMatch(/^v\d+\.\d+\.\d+$/);
    for (const name of TEMPORAL_SERVICES) expect(compose.services[`temporal-${name}`].image).toBe(`temporalio/server:${tag}`);
    expect(compose.services['temporal-schema'].image).toBe(`temporalio/admin-tools:${tag}`);
    expect(compose.services['temporal-namespace'].image).toBe(`temporalio/admin-tools:${tag}`);
    const temporalImages = Object.values(compose.services).map((s) => s.image ?? '').filter((i) => /^temporalio\/(server|admin-tools|auto-setup)/.test(i));
    expect(temporalImages.every((i) => i.endsWith(`:${tag}`))).toBe(true);
  });

  it('runs each of the four services as its own container from the one config file, with the same shards and ports', () => {
    const ports = portsFrom(7233);
    for (const name of TEMPORAL_SERVICES) {
      const svc = compose.services[`temporal-${name}`];
      expect(svc.environment?.TEMPORAL_SERVICE).toBe(name);
      expect(svc.volumes).toContain('../tools/cluster/config:/etc/petitions-temporal:ro');
      // "$$" is compose's escape of "$": the shell sees "$TEMPORAL_SERVICE".
      expect(svc.command?.join('\n')).toContain(`exec temporal-server ${serverArgs(`/etc/petitions-temporal/${basename(CLUSTER_CONFIG)}`, '"$$TEMPORAL_SERVICE"').join(' ')}`);
      expect(svc.environment).toMatchObject({
        TCLUSTER_HISTORY_SHARDS: HISTORY_SHARDS, TCLUSTER_FRONTEND_PORT: ports.frontend, TCLUSTER_HISTORY_PORT: ports.history,
        TCLUSTER_MATCHING_PORT: ports.matching, TCLUSTER_WORKER_PORT: ports.worker,
      });
    }
    expect(template).toContain(`numHistoryShards: {{ default "${HISTORY_SHARDS}" (env "TCLUSTER_HISTORY_SHARDS") }}`);
  });

  it('sets only variables the config reads, and both launchers set every one it requires', () => {
    const required = [...template.matchAll(/template "need" "([A-Z_]+)"/g)].map((m) => m[1]);
    expect(required.sort()).toEqual(['TCLUSTER_DB_PASSWORD', 'TCLUSTER_DYNAMIC_CONFIG']);
    const local = Object.keys(serviceEnv({ ports: portsFrom(17233), dbPort: 15432, dbPassword: 'x' }));
    const docker = Object.keys(compose.services['temporal-history'].environment!).filter((k) => k.startsWith('TCLUSTER_'));
    for (const keys of [local, docker]) {
      for (const k of keys) expect(templateVars).toContain(k);
      for (const k of required) expect(keys).toContain(k);
    }
  });

  it('creates and migrates the same two databases with temporal-sql-tool, in the same steps', () => {
    const script = compose.services['temporal-schema'].command!.join('\n');
    expect(script).toContain('temporal-sql-tool --plugin postgres12');
    const pairs = TEMPORAL_DATABASES.map((d) => `${d.database}:${d.schema}`).join(' ');
    expect(script).toContain(`for pair in ${pairs}; do`);
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/');
    const steps = ['create-database', 'setup-schema -v 0.0', 'update-schema -d'];
    expect(steps.map((s) => script.indexOf(s))).toEqual([...steps.map((s) => script.indexOf(s))].sort((a, b) => a - b));
    for (const s of steps) expect(script).toContain(s);
  });

  it('registers exactly the engine\'s search attributes with their types', () => {
    const script = compose.services['temporal-namespace'].command!.join('\n');
    const listed = [...script.matchAll(/(Petition[A-Za-z]+):(Keyword|Datetime)/g)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(listed)).toEqual(SEARCH_ATTRIBUTE_REGISTRATIONS);
    expect(listed).toHaveLength(Object.keys(SEARCH_ATTRIBUTE_REGISTRATIONS).length);
  });
});
