import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli';

/** Composition root of the `petitions` CLI: real fetch, real streams, real clock. */
function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return `petitions ${pkg.version ?? 'unknown'}`;
  } catch {
    return 'petitions unknown';
  }
}

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  transport: (url, init) => fetch(url, init),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  ...(process.stderr.isTTY ? { redraw: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
  now: () => new Date(),
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  writeFile: (path, data) => writeFileSync(path, data),
  version: version(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`INTERNAL_ERROR ${String(err)}\n`);
    process.exitCode = 1;
  },
);
