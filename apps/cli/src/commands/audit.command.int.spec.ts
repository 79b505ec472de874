import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWith } from '../cli.testkit';
import { FIXTURE_PAYLOAD_KEY } from '../../../../workflows/src/replay/fixture-key';

// Int tier: the replay runs the real workflow bundle (PETITIONS_WORKFLOW_BUNDLE of the test run) in this process.
const HISTORIES = join(__dirname, '../../../../workflows/src/replay/histories');
const manifest = JSON.parse(readFileSync(join(HISTORIES, 'manifest.json'), 'utf8')) as { scenarios: { name: string; file: string; workflowId: string }[] };
const scenario = manifest.scenarios.find((s) => s.name === 'withdrawn')!;
const text = readFileSync(join(HISTORIES, scenario.file), 'utf8');

describe('petitions audit replay --file (offline, no API)', () => {
  it('replays the file with the CLI, offline (no API), and refuses a file that is not a history', async () => {
    const r = await runWith(['audit', 'replay', '--file', 'h.json', '--payload-keys', FIXTURE_PAYLOAD_KEY], { files: { 'h.json': text } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Deterministic: ${scenario.workflowId}`);
    expect(r.requests).toEqual([]);
    const bad = await runWith(['audit', 'replay', '--file', 'h.json', '--payload-keys', FIXTURE_PAYLOAD_KEY], { files: { 'h.json': '{"nope":1}' } });
    expect(bad.code).toBe(2);
    const wrongKey = `other:${Buffer.alloc(32, 7).toString('base64')}`;
    const locked = await runWith(['audit', 'replay', '--file', 'h.json', '--payload-keys', wrongKey], { files: { 'h.json': text } });
    expect(locked.code).not.toBe(0);
  });

});
