import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The alert rules are checked (promtool check rules) and each rule's expression is unit-tested (promtool test rules)
 * in the test command. promtool comes with Debian's `prometheus` package (tools/setup/ensure-system-packages.sh
 * installs it); without it this test fails and says so, it does not skip.
 */
const DIR = __dirname;
const promtool = process.env.PROMTOOL ?? 'promtool';

function run(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(promtool, args, { cwd: DIR, encoding: 'utf8', timeout: 120_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`promtool not found (set PROMTOOL or install Debian's "prometheus" package: bash tools/setup/ensure-system-packages.sh)`);
  }
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('Prometheus alert rules (docker/observability)', () => {
  it('promtool is installed', () => {
    expect(execFileSync(promtool, ['--version'], { encoding: 'utf8' })).toMatch(/promtool, version \d+\./);
  });

  it('the rule file is valid and holds the six alerts', () => {
    const r = run(['check', 'rules', 'petitions.rules.yml']);
    expect(r.out).toContain('SUCCESS: 6 rules found');
    expect(r.status).toBe(0);
    const names = [...readFileSync(join(DIR, 'petitions.rules.yml'), 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]).sort();
    expect(names).toEqual(['PetitionsBreachBacklogGrowing', 'PetitionsNextYearHolidaysMissing', 'PetitionsNoPoller',
      'PetitionsPostgresUnreachable', 'PetitionsProjectionStuck', 'PetitionsWorkerDown']);
  });

  it('the scrape config is valid', () => {
    const r = run(['check', 'config', 'prometheus.yml']);
    expect(r.status).toBe(0);
  });

  it.each(['petitions.rules.test.yml', 'petitions.rules.calendar.test.yml'])('promtool test rules %s: every alert fires and stays quiet as expected', (file) => {
    const r = run(['test', 'rules', file]);
    expect(r.out).toContain('SUCCESS');
    expect(r.status).toBe(0);
  }, 120_000);

  it('each alert has a firing case in the rule tests', () => {
    const tests = ['petitions.rules.test.yml', 'petitions.rules.calendar.test.yml'].map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
    const rules = [...readFileSync(join(DIR, 'petitions.rules.yml'), 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    // A firing case is an alert_rule_test of that alert whose exp_alerts is not empty.
    const firing = new Set([...tests.matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels/g)].map((m) => m[1]));
    expect(rules.filter((r) => !firing.has(r))).toEqual([]);
  });

  it('the rules and the Grafana dashboard name only metrics the API and the worker define (petitions_*)', () => {
    const root = join(DIR, '../..');
    const defined = new Set([
      ...['apps/api/src/metrics/api-metrics.ts', 'apps/worker/src/metrics/worker-metrics.ts', 'apps/worker/src/metrics/metrics-server.ts']
        .flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/(?:name: |gauge\(|readModel\(|# TYPE )'?(petitions_\w+)/g)].map((m) => m[1])),
    ]);
    expect(defined.size).toBeGreaterThanOrEqual(20);
    const dashboard = JSON.parse(readFileSync(join(DIR, 'grafana/petitions-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exprs = [...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)), readFileSync(join(DIR, 'petitions.rules.yml'), 'utf8')];
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(petitions_\w+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1])));
    expect([...used].filter((n) => !defined.has(n))).toEqual([]);
  });
});
