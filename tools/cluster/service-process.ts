import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';

/**
 * One long-running child process of the cluster (a Temporal service, a worker, an API, the proxy): its own process
 * group (so Ctrl-C in the terminal reaches only the launcher, which stops children in order), output appended to a
 * log file, and stop / kill -9 / restart for the launcher and the fault run.
 */
export class ServiceProcess {
  /** Every process started in this launcher: what is still alive when it stops (e.g. Ctrl-C during start) is stopped too. */
  static readonly started = new Set<ServiceProcess>();
  child?: ChildProcess;
  starts = 0;
  private expectedExit = false;

  constructor(readonly name: string, private readonly command: string, private readonly args: string[],
    private readonly opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; onUnexpectedExit?: (p: ServiceProcess, code: number | string | null) => void }) {}

  start(): this {
    if (this.alive()) return this;
    const out = openSync(this.opts.logFile, 'a');
    this.expectedExit = false;
    this.starts += 1;
    const child = spawn(this.command, this.args, { cwd: this.opts.cwd, env: this.opts.env, stdio: ['ignore', out, out], detached: true });
    this.child = child;
    ServiceProcess.started.add(this);
    child.once('exit', (code, signal) => {
      if (!this.expectedExit && this.child === child) this.opts.onUnexpectedExit?.(this, code ?? signal);
    });
    return this;
  }

  alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.alive() ? this.child!.pid : undefined;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    this.expectedExit = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => { clearTimeout(force); resolve(); });
      child.kill('SIGTERM');
    });
  }

  /** kill -9 (a crash): resolves once the process is gone; the launcher's exit handler is not told. */
  kill9(): Promise<void> {
    const child = this.child;
    this.expectedExit = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGKILL'); });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }
}
