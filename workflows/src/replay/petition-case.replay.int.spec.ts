import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { type History, historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { type ReplayResult, type ReplayWorkerOptions, DefaultLogger, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import type { PetitionWorkflowInput, ProjectCaseEventsInput } from '@petitions/contracts';
import { EncryptionCodec, dataConverter } from '@petitions/temporal';
import { FIXTURE_PAYLOAD_KEY } from './fixture-key';
import { bundleExtraActivityVariant } from '../../../tools/test/workflow-variants';

/**
 * Replays the committed histories (recorded from the real server by tools/fixtures/record-histories.ts) against the
 * current workflow code. A failure means the change is not replay-compatible with running cases: guard it with
 * patched() instead of re-recording (see README.md next to this file).
 */
interface ManifestEntry {
  name: string;
  file: string;
  workflowId: string;
  covers: string;
  expectedStatus: 'open' | 'closed';
  /** What the scenario is about, in order (a subsequence of expectedEventTypes). */
  milestones: string[];
  /** The whole timeline as recorded. */
  expectedEventTypes: string[];
}

/**
 * Every generation of recorded histories (`histories*` folders): a generation is recorded with the workflow code of
 * its day and kept, so that cases started on each older code path (before each patched() change) keep replaying.
 */
const SETS = readdirSync(__dirname).filter((d) => d.startsWith('histories') && statSync(join(__dirname, d)).isDirectory()).sort();

interface HistorySet {
  name: string;
  dir: string;
  manifest: { policyId: string; scenarios: ManifestEntry[] };
  histories: (HistoryAndWorkflowId & { entry: ManifestEntry })[];
}

function loadSet(name: string): HistorySet {
  const dir = join(__dirname, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as HistorySet['manifest'];
  const histories = manifest.scenarios.map((entry) => ({
    entry,
    workflowId: entry.workflowId,
    history: historyFromJSON(JSON.parse(readFileSync(join(dir, entry.file), 'utf8'))),
  }));
  return { name, dir, manifest, histories };
}
const EventType = temporal.api.enums.v1.EventType;
const codec = EncryptionCodec.fromSpec(FIXTURE_PAYLOAD_KEY);

async function decodeFirst<T>(payloads: temporal.api.common.v1.IPayload[] | null | undefined): Promise<T> {
  const [payload] = await codec.decode(payloads ?? []);
  return defaultPayloadConverter.fromPayload<T>(payload);
}

async function replayAll(workflowBundle: ReplayWorkerOptions['workflowBundle'], histories: HistoryAndWorkflowId[]): Promise<Map<string, ReplayResult>> {
  const results = new Map<string, ReplayResult>();
  const options: ReplayWorkerOptions = { workflowBundle, dataConverter: dataConverter(FIXTURE_PAYLOAD_KEY) };
  for await (const result of Worker.runReplayHistories(options, histories)) results.set(result.workflowId, result);
  return results;
}

let variantBundle: Promise<string> | undefined;
/** The workflow with an extra activity scheduled first (see the fixture file); bundled once per run, on first use. */
function variantCode(): Promise<string> {
  variantBundle ??= bundleExtraActivityVariant();
  return variantBundle;
}

beforeAll(() => {
  // Core reports each expected determinism violation as a WARN; keep the test output to real errors.
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
    });
  } catch { /* already installed in this process */ }
});

/**
 * The generations committed so far (README.md lists them): each must be there, with its manifest and histories, so a
 * folder deleted or emptied by mistake fails the test instead of leaving its histories silently unreplayed.
 */
const COMMITTED_GENERATIONS = ['histories', 'histories-2026-12', 'histories-2026-12b'];

it('has every committed generation of recorded histories, each with a manifest', () => {
  expect(SETS).toEqual(expect.arrayContaining(COMMITTED_GENERATIONS));
  for (const name of SETS) expect({ name, manifest: existsSync(join(__dirname, name, 'manifest.json')) }).toEqual({ name, manifest: true });
});

it('histories-2026-12b covers the steps merged in December 2026, each as a milestone of its own scenario', () => {
  const { manifest } = loadSet('histories-2026-12b');
  const scenarioOf = (type: string) => manifest.scenarios.filter((s) => s.milestones.includes(type)).map((s) => s.name);
  const newSteps = [
    'LetterFeedbackRecorded', 'LetterFeedbackAccepted', 'LetterFeedbackReturned', 'LetterAdoptionRecorded', 'ClockPaused', 'ClockResumed',
    'RelatedCaseLinked', 'RelatedCaseUnlinked', 'CaseNotAcceptedAgain', 'CalendarAdopted', 'PolicyAdopted', 'ObjectionRejected',
    'DecisionNotified', 'ExtensionApproved',
  ];
  expect(newSteps.filter((t) => scenarioOf(t).length === 0)).toEqual([]);
  // The policy adoption's case started under v1 (a receipt clock), the others under v2 (none).
  expect(scenarioOf('PolicyAdopted')).toEqual(['v1-adopts-v2']);
});

describe.each(SETS.map((name) => [name]))('replay of recorded petition histories: %s', (setName) => {
  const { dir, manifest, histories } = loadSet(setName);

  it('has at least 10 distinct scenarios, each with its history file', () => {
    expect(manifest.scenarios.length).toBeGreaterThanOrEqual(10);
    expect(new Set(manifest.scenarios.map((s) => s.name)).size).toBe(manifest.scenarios.length);
    expect(new Set(manifest.scenarios.map((s) => s.workflowId)).size).toBe(manifest.scenarios.length);
    for (const s of manifest.scenarios) expect(existsSync(join(dir, s.file))).toBe(true);
  });

  it('replays every history against the current workflow code without a determinism violation', async () => {
    const results = await replayAll({ codePath: process.env.PETITIONS_WORKFLOW_BUNDLE! }, histories);
    expect([...results.keys()].sort()).toEqual(histories.map((h) => h.workflowId).sort());
    const failures = [...results.values()].filter((r) => r.error).map((r) => `${r.workflowId}: ${r.error?.name} ${r.error?.message}`);
    expect(failures).toEqual([]);
  });

  it.each(histories.map((h) => [h.entry.name, h] as const))('%s: the history records the expected case', async (_name, { entry, history }) => {
    const events = (history as History).events ?? [];
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.workflowType?.name).toBe('petitionCase');
    const input = await decodeFirst<PetitionWorkflowInput>(started?.input?.payloads);
    expect(input).toMatchObject({ caseId: entry.workflowId, policy: { id: manifest.policyId } });

    // The domain events, as the workflow handed them to the projection activity.
    const projected = new Map<number, string>();
    for (const e of events) {
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'projectCaseEvents') continue;
      const batch = await decodeFirst<ProjectCaseEventsInput>(scheduled.input?.payloads);
      for (const r of batch.events) projected.set(r.seq, r.event.type);
    }
    const seqs = [...projected.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(entry.expectedEventTypes.map((_t, i) => i + 1));
    expect(seqs.map((s) => projected.get(s))).toEqual(entry.expectedEventTypes);
    const milestones = [...entry.milestones];
    for (const t of entry.expectedEventTypes) if (t === milestones[0]) milestones.shift();
    expect(milestones).toEqual([]);

    const completed = events.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    expect(completed).toBe(entry.expectedStatus === 'closed');
    // A closed case's last event is its completion, with the result the workflow returned; an open case has none.
    const last = events[events.length - 1].workflowExecutionCompletedEventAttributes;
    const result = last ? await decodeFirst<{ status: string; events: number }>(last.result?.payloads) : null;
    expect(result && { status: result.status, events: result.events }).toEqual(completed ? { status: 'closed', events: entry.expectedEventTypes.length } : null);
  });

  describe('a nondeterministic change', () => {
    it('fails the replay of every recorded history with a DeterminismViolationError', async () => {
      const results = await replayAll({ code: await variantCode() }, histories);
      expect(results.size).toBe(histories.length);
      for (const [workflowId, result] of results) {
        expect({ workflowId, error: result.error }).toEqual({ workflowId, error: expect.any(DeterminismViolationError) });
      }
    });
  });
});
