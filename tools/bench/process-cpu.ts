/**
 * CPU time actually spent by processes (utime + stime from /proc/<pid>/stat, all threads), so the bench can say
 * how many CPU milliseconds one lifecycle costs in the worker, the Temporal server and PostgreSQL. Unlike a V8
 * profile (wall-clock samples of busy threads, which grow when the machine is contended), these are kernel counts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function statOf(pid: number): { ppid: number; ticks: number; childTicks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the last ')': state, ppid, ..., utime, stime, cutime, cstime.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // the process ended
  }
}

/** CPU ms of one process so far (0 when it is gone). */
export function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  return (statOf(pid)?.ticks ?? 0) * TICK_MS;
}

/**
 * CPU ms of a PostgreSQL cluster so far: its postmaster, every live backend, and the backends that already ended
 * (the postmaster's reaped children), from `<data>/postmaster.pid`.
 */
export function postgresCpuMs(dataDir: string): number {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 0;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const own = statOf(postmaster);
  let ms = own ? (own.ticks + own.childTicks) * TICK_MS : 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(Number(d));
    if (st && st.ppid === postmaster) ms += st.ticks * TICK_MS;
  }
  return ms;
}

export interface CpuProbe { label: string; read: () => number }
export type CpuUse = Record<string, number>;

/** Takes a reading of every probe; the returned function gives the CPU ms each used since. */
export function startCpuWindow(probes: CpuProbe[]): () => CpuUse {
  const before = probes.map((p) => p.read());
  return () => Object.fromEntries(probes.map((p, i) => [p.label, Math.max(0, p.read() - (before[i] as number))]));
}
