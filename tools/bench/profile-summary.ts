/**
 * Summaries of the V8 CPU profiles the bench takes of the real and the bare worker (one file per thread).
 * Native frames (no script URL: the Temporal core bridge, socket writes, `vm` entry) and Node's own modules are
 * charged to the nearest package or app caller, so "where the time goes" names a package, not "(native)".
 * The V8 profiler labels native code by the nearest exported symbol (the core bridge's calls show up as `Xxh32`):
 * the caller's area is the reliable part.
 *
 *   node -r @swc-node/register tools/bench/profile-summary.ts <real profile dir> <bare profile dir> <lifecycles per profile>
 * prints the difference table for two kept profile folders (e.g. tmp/bench/cpu-prof-real tmp/bench/cpu-prof-bare 200).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../dev/temporal-dev-server';
import { r2 } from './bench-util';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] }

export interface ProfileSummary {
  files: number;
  totalMs: number;
  /** Self time by the area of the frame, native frames charged to their nearest JavaScript caller. */
  byArea: { area: string; ms: number; pct: number }[];
  top: { fn: string; where: string; ms: number; pct: number }[];
}

const SPECIAL = new Set(['(program)', '(garbage collector)', '(root)']);

export function areaOf(url: string): string {
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const rel = url.replace(/^file:\/\//, '');
  if (rel.includes('workflow-bundle') || rel.includes('bare-bundle')) return 'workflow bundle (workflow code + SDK, in the VM)';
  if (rel.startsWith('evalmachine')) return 'workflow VM glue (evalmachine)';
  const r = relative(REPO_ROOT, rel).split('/');
  return r.length > 2 ? `${r[0]}/${r[1]}` : r.join('/');
}

export function summarizeProfiles(dir: string): ProfileSummary {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const byFn = new Map<string, { fn: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  let totalMs = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    const msPerSample = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    /** The area of a frame, or of its nearest caller with a script URL (native code is charged to who called it). */
    const areaCache = new Map<number, string>();
    const chargedArea = (n: ProfileNode): string => {
      const cached = areaCache.get(n.id);
      if (cached) return cached;
      let a: string;
      if (n.callFrame.url && !n.callFrame.url.startsWith('node:')) a = areaOf(n.callFrame.url);
      else if (SPECIAL.has(n.callFrame.functionName)) a = n.callFrame.functionName;
      else {
        // Native code and Node's own modules (sockets, worker-thread messages, timers) work for whoever called them.
        const up = parent.get(n.id);
        const caller = up === undefined ? undefined : byId.get(up);
        a = caller && caller.callFrame.functionName !== '(root)' ? chargedArea(caller)
          : n.callFrame.url ? 'node internals (event loop, no package caller)' : '(native, no JavaScript caller)';
      }
      areaCache.set(n.id, a);
      return a;
    };
    for (const n of p.nodes) {
      const ms = (n.hitCount ?? 0) * msPerSample;
      if (!ms || n.callFrame.functionName === '(idle)') continue;
      totalMs += ms;
      const where = n.callFrame.url ? `${n.callFrame.url.replace(REPO_ROOT + '/', '').replace('file://', '')}:${n.callFrame.lineNumber + 1}` : '';
      const key = `${n.callFrame.functionName}@${where}`;
      const cur = byFn.get(key) ?? { fn: n.callFrame.functionName || '(anonymous)', where, ms: 0 };
      cur.ms += ms;
      byFn.set(key, cur);
      const a = chargedArea(n);
      byArea.set(a, (byArea.get(a) ?? 0) + ms);
    }
  }
  const share = (ms: number) => r2((100 * ms) / Math.max(1, totalMs));
  return {
    files: files.length, totalMs: r2(totalMs),
    byArea: [...byArea].map(([a, ms]) => ({ area: a, ms: r2(ms), pct: share(ms) })).sort((a, b) => b.ms - a.ms),
    top: [...byFn.values()].sort((a, b) => b.ms - a.ms).slice(0, 20).map((x) => ({ ...x, ms: r2(x.ms), pct: share(x.ms) })),
  };
}

export interface AreaDifference { area: string; realMsPerLifecycle: number; bareMsPerLifecycle: number; extraMs: number; shareOfExtraPct: number }

/** Worker time per lifecycle by area, real against bare (each profiled over `lifecycles`), largest extra first. */
export function profileDifference(real: ProfileSummary, bare: ProfileSummary, lifecycles: number): AreaDifference[] {
  const n = Math.max(1, lifecycles);
  const areas = new Set([...real.byArea.map((a) => a.area), ...bare.byArea.map((a) => a.area)]);
  const per = (s: ProfileSummary, area: string) => (s.byArea.find((a) => a.area === area)?.ms ?? 0) / n;
  const extraTotal = (real.totalMs - bare.totalMs) / n;
  return [...areas].map((area) => {
    const r = per(real, area);
    const b = per(bare, area);
    return { area, realMsPerLifecycle: r2(r), bareMsPerLifecycle: r2(b), extraMs: r2(r - b), shareOfExtraPct: r2((100 * (r - b)) / (extraTotal || 1)) };
  }).sort((x, y) => y.extraMs - x.extraMs);
}

export function renderDifference(rows: AreaDifference[], realMs: number, bareMs: number): string[] {
  const L = ['| area (native and Node-internal time charged to its caller) | real ms/lifecycle | bare ms/lifecycle | extra ms | share of the extra |', '|---|---|---|---|---|'];
  for (const d of rows.filter((x) => Math.abs(x.extraMs) >= 0.3)) {
    L.push(`| ${d.area} | ${d.realMsPerLifecycle} | ${d.bareMsPerLifecycle} | ${d.extraMs} | ${d.shareOfExtraPct}% |`);
  }
  L.push(`| **total** | ${r2(realMs)} | ${r2(bareMs)} | ${r2(realMs - bareMs)} | 100% |`);
  return L;
}

if (require.main === module) {
  const [realDir, bareDir, n] = process.argv.slice(2);
  if (!realDir || !bareDir || !n) {
    console.error('usage: profile-summary.ts <real profile dir> <bare profile dir> <lifecycles per profile>');
    process.exit(2);
  }
  const lifecycles = Number(n);
  const real = summarizeProfiles(realDir);
  const bare = summarizeProfiles(bareDir);
  console.log(renderDifference(profileDifference(real, bare, lifecycles), real.totalMs / lifecycles, bare.totalMs / lifecycles).join('\n'));
}
