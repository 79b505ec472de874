import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type History, historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, type ReplayResult, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { dataConverter } from '@petitions/temporal';
import { FIXTURE_PAYLOAD_KEY } from './fixture-key';
import { bundleWithoutPatchGuard } from '../../../tools/test/workflow-variants';

/**
 * Why `patched()` guards stay: the real workflow code with ONE guard deleted (its new path kept, see tools/test/
 * patch-dropped.workflow-shim.ts) no longer replays the committed histories recorded before that patch. The patch is
 * `non-blocking-projection` (the projection runs beside the deadline loop); every committed generation predates it
 * (checked below from the histories' own patch markers), so every history must fail. The same shim with an id no
 * code uses replays them all: the failure is the dropped guard's, not the shim's.
 */
const GUARDED_PATCH = 'non-blocking-projection';

const SETS = readdirSync(__dirname).filter((d) => d.startsWith('histories') && statSync(join(__dirname, d)).isDirectory()).sort();
const histories = SETS.flatMap((set) => {
  const manifest = JSON.parse(readFileSync(join(__dirname, set, 'manifest.json'), 'utf8')) as { scenarios: { name: string; file: string; workflowId: string }[] };
  return manifest.scenarios.map((s) => ({
    set, name: s.name, workflowId: s.workflowId,
    history: historyFromJSON(JSON.parse(readFileSync(join(__dirname, set, s.file), 'utf8'))) as History,
  }));
});

/** The patch ids a history recorded (Core's `core_patch` markers carry `{"id": …}` as a JSON payload). */
function patchMarkers(history: History): string[] {
  return (history.events ?? []).flatMap((e) => {
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName !== 'core_patch') return [];
    const data = m.details?.['patch-data']?.payloads?.[0]?.data;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
}

async function replay(code: string): Promise<Map<string, ReplayResult>> {
  const results = new Map<string, ReplayResult>();
  const options = { workflowBundle: { code }, dataConverter: dataConverter(FIXTURE_PAYLOAD_KEY) };
  // Workflow ids repeat across generations: replay one generation at a time.
  for (const set of SETS) {
    const of = histories.filter((h) => h.set === set).map((h) => ({ workflowId: h.workflowId, history: h.history }));
    for await (const r of Worker.runReplayHistories(options, of)) results.set(`${set}/${r.workflowId}`, r);
  }
  return results;
}

beforeAll(() => {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
    });
  } catch { /* already installed in this process */ }
});

describe(`a deleted patched('${GUARDED_PATCH}') guard`, () => {
  it('is absent from every committed history (they all ran the old path), while older patches were recorded', () => {
    const recorded = new Set(histories.flatMap((h) => patchMarkers(h.history)));
    expect(recorded.has(GUARDED_PATCH)).toBe(false);
    // The decoder does see markers: histories-2026-12 was recorded with the two arrival patches (README.md).
    const dec = histories.filter((h) => h.set === 'histories-2026-12').map((h) => patchMarkers(h.history));
    expect(dec.length).toBeGreaterThan(0);
    for (const ids of dec) expect(ids).toEqual(['non-blocking-arrival-report', 'arrival-report-own-queue']);
  });

  it('breaks the replay of every committed history with a DeterminismViolationError', async () => {
    const results = await replay(await bundleWithoutPatchGuard(GUARDED_PATCH));
    expect(results.size).toBe(histories.length);
    const outcome = [...results].map(([key, r]) => [key, r.error?.constructor.name ?? 'replayed']);
    expect(outcome).toEqual([...results.keys()].map((key) => [key, DeterminismViolationError.name]));
  }, 180_000);

  it('while the same shim with a patch id no code uses replays them all (the shim alone changes nothing)', async () => {
    const results = await replay(await bundleWithoutPatchGuard('no-such-patch'));
    expect(results.size).toBe(histories.length);
    expect([...results].filter(([, r]) => r.error).map(([key, r]) => `${key}: ${r.error?.message}`)).toEqual([]);
  }, 180_000);
});
