import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A PostgreSQL instance of the cluster's own (Debian's server binaries), in its own data directory and on its own
 * port: password logins (scram-sha-256) over TCP on loopback; the `postgres` superuser only over the instance's
 * private Unix socket. initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` system user.
 * pg_ctl starts the server in a session of its own: Ctrl-C in the terminal does not reach it; stop() does.
 */
export class PrivatePostgres {
  private constructor(readonly dir: string, readonly port: number, private readonly bindir: string) {}

  static bindir(): string {
    const root = '/usr/lib/postgresql';
    const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
    if (!versions.length) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (tools/setup/ensure-postgres.sh does)');
    return join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, 'bin');
  }

  /** Initialises the instance in `dir` the first time; does not start it. */
  static init(dir: string, port: number): PrivatePostgres {
    const pg = new PrivatePostgres(dir, port, PrivatePostgres.bindir());
    const data = join(dir, 'data');
    mkdirSync(join(dir, 'sock'), { recursive: true });
    if (process.getuid?.() === 0) for (const d of [dir, join(dir, 'sock')]) chownSync(d, uidOf('postgres'), gidOf('postgres'));
    if (!existsSync(join(data, 'PG_VERSION'))) {
      pg.asOwner('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256',
        '--encoding=UTF8', '--locale=C.UTF-8']);
      // The superuser over the private socket only; every TCP login needs its password.
      const hba = ['local all postgres trust', 'local all all scram-sha-256',
        'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256'].join('\n');
      writeFileSync(join(data, 'pg_hba.conf'), `${hba}\n`);
      if (process.getuid?.() === 0) chownSync(join(data, 'pg_hba.conf'), uidOf('postgres'), gidOf('postgres'));
    }
    return pg;
  }

  running(): boolean {
    const pidFile = join(this.dir, 'data', 'postmaster.pid');
    if (!existsSync(pidFile)) return false;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try { process.kill(pid, 0); return true; } catch { return false; }
  }

  /** The postmaster's pid (for RSS and CPU figures), when running. */
  pid(): number | undefined {
    return this.running() ? Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined;
  }

  /** `durable: false` turns fsync off (test clusters: faster, and a lost machine is a lost test run anyway). */
  start(opts: { durable?: boolean } = {}): void {
    if (this.running()) return;
    const settings = [`-p ${this.port}`, `-k ${join(this.dir, 'sock')}`, '-c listen_addresses=127.0.0.1',
      '-c max_connections=300', ...(opts.durable === false ? ['-c fsync=off', '-c synchronous_commit=off'] : [])];
    this.asOwner('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '60',
      '-o', settings.join(' '), 'start']);
  }

  stop(): void {
    if (this.running()) this.asOwner('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Runs SQL as the superuser over the private socket; returns the rows, tab-separated. */
  sql(sql: string, database = 'postgres'): string {
    return execFileSync(join(this.bindir, 'psql'), ['-h', join(this.dir, 'sock'), '-p', String(this.port), '-U', 'postgres',
      '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** Creates the login role, or resets its password; `attrs` e.g. 'CREATEDB'. */
  ensureRole(name: string, password: string, attrs = ''): void {
    const exists = this.sql(`SELECT 1 FROM pg_roles WHERE rolname = '${name}'`) === '1';
    this.sql(`${exists ? 'ALTER' : 'CREATE'} ROLE ${name} LOGIN ${attrs} PASSWORD '${password}'`);
  }

  ensureDatabase(name: string, owner: string): void {
    if (this.sql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`) !== '1') this.sql(`CREATE DATABASE ${name} OWNER ${owner}`);
  }

  url(user: string, password: string, database: string): string {
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
  }

  private asOwner(tool: string, args: string[]): void {
    const bin = join(this.bindir, tool);
    const [cmd, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    execFileSync(cmd as string, argv as string[], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
