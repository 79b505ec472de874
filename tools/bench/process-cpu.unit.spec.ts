import { execFileSync } from 'node:child_process';
import { processCpuMs, startCpuWindow } from './process-cpu';

describe('bench CPU accounting from /proc', () => {
  it('counts the CPU a process spends, and nothing for a process that is gone', () => {
    const window = startCpuWindow([{ label: 'me', read: () => processCpuMs(process.pid) }]);
    const until = Date.now() + 300;
    let x = 0;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    const used = window().me!;
    expect(x).toBeGreaterThan(0);
    // 300 ms of busy loop, counted in 10 ms ticks (some of it may be spent in another process's time slice).
    expect(used).toBeGreaterThanOrEqual(100);
    expect(used).toBeLessThanOrEqual(2000);
    const gone = Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim());
    expect(processCpuMs(gone)).toBe(0);
    expect(processCpuMs(undefined)).toBe(0);
  });
});
