/**
 * Small helpers shared by the parts of `npm run bench` (tools/bench/run-bench.ts): statistics, a bounded pool,
 * the list option `--only a,b` (the shared parser of tools/faults reads whole numbers only) and the API process.
 */
import { sleep } from '../faults/fault-processes';

export interface Summary { n: number; p50: number; p95: number; p99: number; min: number; max: number; mean: number }

/** Nearest-rank percentile of an ascending array. */
export function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
export const r2 = (x: number): number => Math.round(x * 100) / 100;
export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, p50: r2(pct(s, 50)), p95: r2(pct(s, 95)), p99: r2(pct(s, 99)), min: r2(s[0] ?? NaN), max: r2(s[s.length - 1] ?? NaN), mean: r2(mean) };
}

export async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await fn(i);
    }
  }));
  return out;
}

/** `--name a,b` or `--name=a,b` as a list of words; undefined when absent. */
export function listOption(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return undefined;
  const words = raw.split(',').map((w) => w.trim()).filter(Boolean);
  if (!words.length) throw new Error(`--${name} needs a comma-separated list`);
  return words;
}

/** Milliseconds since the epoch of a history event's eventTime (google.protobuf.Timestamp). */
export function eventMs(t: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  if (!t) return NaN;
  return Number(String(t.seconds ?? 0)) * 1000 + (t.nanos ?? 0) / 1e6;
}

/** Polls GET /health until the API answers (or gives up). */
export async function waitForHealth(base: string, exited: () => boolean, timeoutMs = 60_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; ;) {
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until || exited()) throw new Error('API did not start');
    await sleep(300);
  }
}
