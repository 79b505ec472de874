import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDifference, renderDifference, summarizeProfiles } from './profile-summary';

/** A tiny V8 profile: root → pg query (script) → native write; root → (garbage collector); 1 ms per sample. */
function writeProfile(dir: string, samples: { pg: number; native: number; gc: number; node: number }): void {
  const nodes = [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, hitCount: 0, children: [2, 4, 5] },
    { id: 2, callFrame: { functionName: 'query', url: 'file:///x/node_modules/pg/lib/client.js', lineNumber: 10 }, hitCount: samples.pg, children: [3, 6] },
    { id: 3, callFrame: { functionName: 'writev', url: '', lineNumber: -1 }, hitCount: samples.native, children: [] },
    { id: 4, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 }, hitCount: samples.gc, children: [] },
    { id: 5, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 }, hitCount: 50, children: [] },
    { id: 6, callFrame: { functionName: 'Socket._writev', url: 'node:net', lineNumber: 960 }, hitCount: samples.node, children: [] },
  ];
  const total = samples.pg + samples.native + samples.gc + samples.node + 50;
  writeFileSync(join(dir, 't-0.cpuprofile'), JSON.stringify({ nodes, startTime: 0, endTime: total * 1000, samples: Array.from({ length: total }, () => 1) }));
}

describe('bench profile summary', () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'prof-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('charges native and Node-internal frames to the package that called them, and leaves out idle time', () => {
    const d = dir();
    writeProfile(d, { pg: 10, native: 30, gc: 5, node: 7 });
    const s = summarizeProfiles(d);
    expect(s.totalMs).toBe(52);
    expect(s.byArea).toEqual([
      { area: 'pg', ms: 47, pct: 90.38 },
      { area: '(garbage collector)', ms: 5, pct: 9.62 },
    ]);
    expect(s.top[0]).toMatchObject({ fn: 'writev', ms: 30 });
  });

  it('shows per lifecycle how much more each area costs in the real worker than in the bare one', () => {
    const real = dir();
    const bare = dir();
    writeProfile(real, { pg: 20, native: 40, gc: 10, node: 0 });
    writeProfile(bare, { pg: 10, native: 10, gc: 20, node: 0 });
    const rows = profileDifference(summarizeProfiles(real), summarizeProfiles(bare), 10);
    // real: pg 60 ms / 10 = 6, gc 1; bare: pg 20 / 10 = 2, gc 2. Extra total 7 − 4 = 3.
    expect(rows).toEqual([
      { area: 'pg', realMsPerLifecycle: 6, bareMsPerLifecycle: 2, extraMs: 4, shareOfExtraPct: 133.33 },
      { area: '(garbage collector)', realMsPerLifecycle: 1, bareMsPerLifecycle: 2, extraMs: -1, shareOfExtraPct: -33.33 },
    ]);
    expect(renderDifference(rows, 7, 4).at(-1)).toBe('| **total** | 7 | 4 | 3 | 100% |');
  });
});
