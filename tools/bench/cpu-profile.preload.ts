/**
 * Preloaded (NODE_OPTIONS=--require) into the profiled worker by tools/bench/run-bench.ts, because `--cpu-prof` is not
 * allowed in NODE_OPTIONS and the fault suite's WorkerSlot fixes the command line. In every thread (main and the
 * workflow worker threads) it starts the V8 CPU profiler once BENCH_PROF_START exists and writes
 * `<BENCH_PROF_DIR>/<pid>-<threadId>.cpuprofile` once BENCH_PROF_STOP exists (both polled every 200 ms).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

const dir = process.env.BENCH_PROF_DIR;
const startFile = process.env.BENCH_PROF_START;
const stopFile = process.env.BENCH_PROF_STOP;

if (dir && startFile && stopFile) {
  const session = new Session();
  session.connect();
  let state: 'waiting' | 'running' | 'done' = 'waiting';
  const timer = setInterval(() => {
    if (state === 'waiting' && existsSync(startFile)) {
      state = 'running';
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
    } else if (state === 'running' && existsSync(stopFile)) {
      state = 'done';
      clearInterval(timer);
      session.post('Profiler.stop', (err, res) => {
        if (!err && res?.profile) writeFileSync(join(dir, `${process.pid}-${threadId}.cpuprofile`), JSON.stringify(res.profile));
        session.disconnect();
      });
    }
  }, 200);
  timer.unref();
}
