import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../dev/temporal-dev-server';
import { freePort } from '../dev/free-port';

export { freePort };

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A whole-number command-line option of the fault and bench tools: `--name N` or `--name=N`. */
export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}


/**
 * A private PostgreSQL cluster for the fault suite only (Debian's binaries, like tools/setup/ensure-postgres.sh),
 * so stopping it for the "database down" fault disturbs nobody else's tests.
 */
export class PrivateCluster {
  private constructor(readonly dir: string, readonly port: number, private readonly bindir: string) {}

  static async create(dir: string): Promise<PrivateCluster> {
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
    if (!versions.length) throw new Error('PostgreSQL binaries not found: run tools/setup/ensure-postgres.sh once (it installs them)');
    const bindir = `/usr/lib/postgresql/${versions[versions.length - 1]}/bin`;
    mkdirSync(join(dir, 'sock'), { recursive: true });
    if (process.getuid?.() === 0) {
      chownSync(dir, uidOf('postgres'), -1);
      chownSync(join(dir, 'sock'), uidOf('postgres'), -1);
    }
    const cluster = new PrivateCluster(dir, await freePort(), bindir);
    cluster.asOwner('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlOf(db: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  start(): void {
    this.asOwner('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o',
      `-p ${this.port} -k ${join(this.dir, 'sock')} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  }

  stop(): void {
    this.asOwner('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  running(): boolean {
    try {
      this.asOwner('pg_ctl', ['-D', join(this.dir, 'data'), 'status']);
      return true;
    } catch {
      return false;
    }
  }

  private asOwner(tool: string, args: string[]): void {
    const bin = join(this.bindir, tool);
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    else execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

/**
 * A worker slot: runs `node -r @swc-node/register apps/worker/src/main.ts` as its own process and, while enabled,
 * starts a new one whenever the process ends (as a process supervisor would after a crash or kill -9).
 */
export class WorkerSlot {
  child?: ChildProcess;
  starts = 0;
  private enabled = false;
  private startedAt = 0;

  constructor(readonly name: string, private readonly env: NodeJS.ProcessEnv, private readonly logDir: string) {}

  enable(): void {
    this.enabled = true;
    if (!this.alive()) this.spawn();
  }

  /** Stops supervising; the running process, if any, is killed. */
  async disable(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.enabled = false;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }

  alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  uptimeMs(): number {
    return this.alive() ? Date.now() - this.startedAt : 0;
  }

  /** kill -9 the current process; the supervisor restarts it (when enabled). */
  kill9(): boolean {
    if (!this.alive() || !this.child?.pid) return false;
    process.kill(this.child.pid, 'SIGKILL');
    return true;
  }

  private spawn(): void {
    this.starts += 1;
    const out = openSync(join(this.logDir, `worker-${this.name}.log`), 'a');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'],
      { cwd: REPO_ROOT, env: this.env, stdio: ['ignore', out, out] });
    this.child = child;
    this.startedAt = Date.now();
    child.once('exit', () => {
      if (this.enabled && this.child === child) setTimeout(() => { if (this.enabled && this.child === child) this.spawn(); }, 500);
    });
  }
}
