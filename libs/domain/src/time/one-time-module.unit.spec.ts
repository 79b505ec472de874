import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Holds the line of the one time module: no non-test source adds the Shanghai offset by hand or writes `+08:00` into
 * an instant it builds; they call libs/domain/src/time/shanghai-time.ts. Comments are not code and are skipped, and so
 * are whole instants written as literals ('2026-12-01T10:00:00+08:00': data, such as a recorded policy's date).
 */
const ROOT = join(__dirname, '../../../..');
const DIRS = ['apps', 'libs', 'workflows', 'activities', 'tools'];
const OWN = 'libs/domain/src/time/shanghai-time.ts';
/** Not time arithmetic: an example in a validation message. */
const ALLOWED: Record<string, RegExp> = {
  'libs/letters/src/letter-validate.ts': /\(2026-03-05T09:00:00\+08:00\)/,
};
const LITERAL_INSTANT = /'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?\+08:00'/g;
const HAND_WRITTEN = [/\+08:00/, /8 \* 3_?600(_?000|\b)/, /8 \* 60 \* 60/, /28_?800_?000/, /8 \* HOUR/, /'Asia\/Shanghai'/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sources(path);
    const test = /\.spec\.ts$|testkit|\.samples\.ts$|fixture|bench/.test(path);
    return path.endsWith('.ts') && !test ? [path] : [];
  });
}

it('no hand-written Asia/Shanghai offset outside the time module', () => {
  const found: string[] = [];
  for (const file of DIRS.flatMap((d) => sources(join(ROOT, d)))) {
    const rel = relative(ROOT, file);
    if (rel === OWN) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const code = line.trim();
      if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
      if (ALLOWED[rel]?.test(line)) return;
      if (HAND_WRITTEN.some((p) => p.test(line.replace(LITERAL_INSTANT, "'…'")))) found.push(`${rel}:${i + 1}: ${code}`);
    });
  }
  expect(found).toEqual([]);
});
