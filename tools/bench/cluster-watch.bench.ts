/**
 * The cluster watch's cost per arrival (类案预警: one ClusterWatcher kept across arrivals, as the clusterWatch workflow
 * keeps it), pure domain code: `--arrivals` registrations spread over `--days` days across `--towns` towns, observed one by one.
 *
 *   node -r @swc-node/register tools/bench/cluster-watch.bench.ts [--arrivals 3000] [--days 7] [--towns 122] [--reps 5]
 */
import { type ClusterArrival, ClusterWatcher, DEFAULT_CLUSTER_RULES } from '@petitions/domain';
import { flag as arg } from '../faults/fault-processes';

export function runClusterWatchBench(o: { arrivals: number; days: number; towns: number; reps: number }): { usPerArrival: number[]; warnings: number } {
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const span = o.days * 86_400_000;
  const arrivals: ClusterArrival[] = Array.from({ length: o.arrivals }, (_, i) => ({
    caseId: `petition-${String(i).padStart(20, '0')}`,
    at: new Date(t0 + Math.floor((i / o.arrivals) * span)).toISOString(),
    respondentRef: `r-${(i * 7919) % 400}`, regionCode: `3201${String((i * 31) % o.towns).padStart(4, '0')}`, category: `c-${(i * 13) % 20}`,
  }));
  const usPerArrival: number[] = [];
  let warnings = 0;
  for (let rep = 0; rep < o.reps; rep++) {
    // As the clusterWatch workflow runs it: one watcher kept across the arrivals.
    const watcher = new ClusterWatcher(DEFAULT_CLUSTER_RULES);
    warnings = 0;
    const started = performance.now();
    for (const a of arrivals) warnings += watcher.observe(a).length;
    usPerArrival.push(((performance.now() - started) * 1000) / arrivals.length);
  }
  return { usPerArrival, warnings };
}

if (require.main === module) {
  const o = { arrivals: arg('arrivals', 3000), days: arg('days', 7), towns: arg('towns', 122), reps: arg('reps', 5) };
  const r = runClusterWatchBench(o);
  const sorted = [...r.usPerArrival].sort((a, b) => a - b);
  console.log(JSON.stringify({ ...o, warnings: r.warnings, usPerArrivalMedian: +sorted[Math.floor(sorted.length / 2)]!.toFixed(1),
    usPerArrival: r.usPerArrival.map((x) => +x.toFixed(1)) }));
}
