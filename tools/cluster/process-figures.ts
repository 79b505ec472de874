import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** Resident memory of a process in MB (VmRSS), or undefined when it is gone. */
export function rssMb(pid: number | undefined): number | undefined {
  if (!pid || !existsSync(`/proc/${pid}/status`)) return undefined;
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
}

/** Direct children of a process (from /proc). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return out;
}

/**
 * Memory of a process and its children in MB as the proportional set size (shared pages split between the
 * processes that share them), so a PostgreSQL instance's backends do not count its shared buffers many times over.
 */
export function treePssMb(pid: number | undefined): number | undefined {
  if (!pid || !existsSync(`/proc/${pid}`)) return undefined;
  let kb = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    try { kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0); } catch { /* gone */ }
  }
  return Math.round(kb / 1024);
}
