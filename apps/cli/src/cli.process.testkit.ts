import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** For e2e tests: the real CLI as a child process (`node -r @swc-node/register apps/cli/src/main.ts …`). */
const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of the child without any PETITIONS_API / PETITIONS_ACTOR_* of the developer's shell. */
export const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'PETITIONS_API' && !k.startsWith('PETITIONS_ACTOR_')));

export function cli(args: readonly string[], env: Record<string, string> = {}, opts: { timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    // A generous --timeout: under a full parallel test run the first update-with-start can be slow.
    execFile(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args, '--timeout', '90'],
      { cwd: REPO_ROOT, env: { ...baseEnv, ...env }, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
  });
}

