import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../../tools/faults/fault-processes';
import { eventually } from '../../../tools/test/harness';

// Several API and worker processes against one Temporal server and one PostgreSQL, as docker/compose.yaml runs them.
const ROOT = join(__dirname, '../../..');
const registrar = { 'x-actor-id': 'reg-so', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const pii = (i: number) => ({ name: `扩容测试人${i}号`, idNumber: `63010219850505${3000 + i}`, phone: `1377788${String(9000 + i)}`, address: `西宁市城东区扩容路${i}号` });

describe('scale-out: two API processes and two worker processes share the work; logs carry no personal data', () => {
  const procs: { name: string; child: ChildProcess; log: string[] }[] = [];
  const apis: string[] = [];

  function start(name: string, entry: string, env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const p = { name, child, log: [] as string[] };
    child.stdout!.on('data', (d) => p.log.push(d.toString()));
    child.stderr!.on('data', (d) => p.log.push(d.toString()));
    procs.push(p);
    return p;
  }

  beforeAll(async () => {
    const env = { ...process.env, TEMPORAL_TASK_QUEUE: `scale-out-${process.pid}`, LOG_LEVEL: 'info', AUTH_ALLOW_DEV_HEADERS: 'true' };
    start('worker-1', 'apps/worker/src/main.ts', env);
    start('worker-2', 'apps/worker/src/main.ts', env);
    for (const name of ['api-1', 'api-2']) {
      const port = await freePort();
      start(name, 'apps/api/src/main.ts', { ...env, API_PORT: String(port) });
      apis.push(`http://127.0.0.1:${port}`);
    }
    for (const api of apis) await eventually(async () => (await fetch(`${api}/ready`).catch(() => null))?.ok, 90_000, 250);
  });

  afterAll(async () => {
    await Promise.all(procs.map(({ child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(force); resolve(); });
      child.kill('SIGTERM');
    })));
  });

  it('files through one API, acts through the other, survives losing a worker, and leaks nothing to logs', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      if (i === 4) procs.find((p) => p.name === 'worker-1')!.child.kill('SIGKILL');
      const res = await fetch(`${apis[i % 2]}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
        channel: 'letter', kind: 'claim', category: 'civil_affairs', regionCode: '630102', level: 'city', persons: 1,
        respondent: { type: 'unit', description: `扩容测试单位${i}` }, summary: `扩容测试诉求${i}`, petitioner: pii(i) }) });
      expect(res.status).toBe(201);
      const { caseId } = (await res.json()) as { caseId: string };
      caseIds.push(caseId);
      const routed = await fetch(`${apis[(i + 1) % 2]}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar,
        body: JSON.stringify({ type: 'RoutePetition', mode: 'forward', leadUnitId: 'chengdong-civil' }) });
      expect(routed.status).toBe(201);
    }
    for (const caseId of caseIds) {
      for (const api of apis) {
        const row = await eventually(async () => {
          const r = await fetch(`${api}/petitions/${caseId}`, { headers: registrar });
          const body = r.ok ? ((await r.json()) as { case: { lastSeq: number; step: string } }) : null;
          return body && body.case.lastSeq >= 2 ? body.case : null;
          // A projection in flight on the killed worker is retried after its 30 s start-to-close timeout.
        }, 90_000);
        expect(row.step).toBe('receipt');
      }
    }
    const logs = procs.map((p) => p.log.join('')).join('\n');
    expect(logs.length).toBeGreaterThan(100); // the processes did log (start-up, worker state): the scan has material
    for (let i = 0; i < 8; i++) {
      for (const value of [...Object.values(pii(i)), `扩容测试诉求${i}`]) expect(logs).not.toContain(value);
    }
  }, 240_000);

  it('shuts down gracefully on SIGTERM: requests in flight are answered, then the process exits 0', async () => {
    const env = { ...process.env, TEMPORAL_TASK_QUEUE: `scale-out-${process.pid}`, LOG_LEVEL: 'info', AUTH_ALLOW_DEV_HEADERS: 'true',
      // A drain window of 3 s (1 s by default) leaves a loaded machine time to see the 503 before the listener closes.
      API_SHUTDOWN_DRAIN_DELAY_MS: '3000' };
    const port = await freePort();
    const api = start('api-3', 'apps/api/src/main.ts', { ...env, API_PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/ready`).catch(() => null))?.ok, 90_000, 250);
    const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
    const inFlight = Array.from({ length: 10 }, (_, i) => fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'online', kind: 'claim', category: 'civil_affairs', regionCode: '630102', level: 'city', persons: 1,
      respondent: { type: 'unit', description: `停机测试单位${i}` }, summary: `停机测试诉求${i}`, petitioner: { name: `停机测试人${i}` } }) }));
    await new Promise((r) => setTimeout(r, 30));
    api.child.kill('SIGTERM');
    // While it drains, readiness says so (load balancers stop sending work) and answers still come.
    const ready = await eventually(async () => { const r = await fetch(`${url}/ready`); return r.status === 503 ? r : null; }, 2_500, 20);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('NOT_READY');
    const answers = await Promise.all(inFlight.map((p) => p.then((r) => r.status, (e: unknown) => `error: ${String(e)} ${String((e as { cause?: { code?: string } }).cause?.code)}`)));
    expect(answers).toEqual(Array(10).fill(201));
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))])).toBe(0);
    // After shutdown nothing listens any more.
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(api.log.join('')).toMatch(/draining[\s\S]*stopped/);
  }, 180_000);
});
