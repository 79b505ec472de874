import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePetitionWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { ApiProxy } from './api-proxy';
import { ROOT, freePortBlock } from './cluster-layout';
import { ServiceProcess } from './service-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ClusterAppsOptions {
  dir: string;
  env: NodeJS.ProcessEnv;
  workers: number;
  apis: number;
  /** The one public API address (the proxy); 0 = any free port. */
  apiPort: number;
  log: (message: string) => void;
  /** Restart a worker or API process that exits without being asked to (as a process supervisor would). */
  supervise: boolean;
}

/** The engine's processes on the cluster: N workers, N API processes, and the proxy giving them one address. */
export class ClusterApps {
  private stopping = false;
  private constructor(readonly workers: ServiceProcess[], readonly apis: ServiceProcess[], readonly backends: string[],
    readonly proxy: ApiProxy, readonly url: string) {}

  static async start(opts: ClusterAppsOptions): Promise<ClusterApps> {
    // One workflow bundle for every worker (each would otherwise run webpack itself at start).
    const bundle = join(opts.dir, 'workflow-bundle.js');
    writeFileSync(bundle, (await bundlePetitionWorkflows()).code);
    const env = { ...opts.env, PETITIONS_WORKFLOW_BUNDLE: bundle, TRUST_PROXY: opts.env.TRUST_PROXY ?? 'loopback' };
    const started: { apps?: ClusterApps } = {};
    const onExit = (p: ServiceProcess, code: number | string | null) => {
      if (started.apps?.stopping) return;
      opts.log(`${p.name} exited (${code})${opts.supervise ? '; restarting it in 1 s' : ''}`);
      if (opts.supervise) setTimeout(() => { if (!started.apps?.stopping) p.start(); }, 1_000);
    };
    const node = (name: string, entry: string, extra: NodeJS.ProcessEnv = {}) => new ServiceProcess(name, process.execPath,
      ['-r', '@swc-node/register', entry], { cwd: ROOT, env: { ...env, ...extra }, logFile: join(opts.dir, 'logs', `${name}.log`), onUnexpectedExit: onExit });

    const workers = Array.from({ length: opts.workers }, (_, i) => node(`worker-${i + 1}`, 'apps/worker/src/main.ts').start());
    const base = await freePortBlock(opts.apis);
    const backends = Array.from({ length: opts.apis }, (_, i) => `http://127.0.0.1:${base + i}`);
    const apis = backends.map((b, i) => node(`api-${i + 1}`, 'apps/api/src/main.ts', { API_HOST: '127.0.0.1', API_PORT: new URL(b).port }).start());
    const proxy = new ApiProxy(backends);
    const port = await proxy.listen(opts.apiPort);
    started.apps = new ClusterApps(workers, apis, backends, proxy, `http://127.0.0.1:${port}`);
    for (const b of backends) await waitReady(b, 180_000);
    return started.apps;
  }

  /** Stops the proxy, then the APIs (they drain requests in flight), then the workers. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.proxy.close();
    await Promise.all(this.apis.map((p) => p.stop(30_000)));
    await Promise.all(this.workers.map((p) => p.stop(30_000)));
  }
}

export async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if ((await fetch(`${url}/ready`)).ok) return; } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`${url}/ready not ok after ${timeoutMs} ms`);
    await sleep(300);
  }
}
