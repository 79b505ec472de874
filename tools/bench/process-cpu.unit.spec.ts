import { execFileSync } from 'node:child_process';
import { processCpuMs, startCpuWindow } from './process-cpu';

describe('bench CPU accounting from /proc', () => {
  it('counts what the kernel charged this process, as Node\'s own process.cpuUsage() does', () => {
    const window = startCpuWindow([{ label: 'me', read: () => processCpuMs(process.pid) }]);
    const before = process.cpuUsage();
    // Busy until Node itself has counted 200 ms of CPU (however loaded the machine is).
    let x = 0;
    const spent = () => { const u = process.cpuUsage(before); return (u.user + u.system) / 1000; };
    for (const until = Date.now() + 20_000; spent() < 200 && Date.now() < until;) for (let i = 0; i < 1e5; i++) x += Math.sqrt(x + 1);
    const used = window().me!;
    const { user, system } = process.cpuUsage(before);
    expect(x).toBeGreaterThan(0);
    // Both read the same kernel counters (all threads); /proc counts in 10 ms ticks.
    expect(Math.abs(used - (user + system) / 1000)).toBeLessThanOrEqual(30);
    expect(used).toBeGreaterThanOrEqual(170);
  });

  it('counts nothing for a process that is gone, or no process at all', () => {
    const gone = Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim());
    expect(processCpuMs(gone)).toBe(0);
    expect(processCpuMs(undefined)).toBe(0);
  });
});
