import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { type History, historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import {
  type ReplayResult, type ReplayWorkerOptions, DefaultLogger, Runtime, Worker, bundleWorkflowCode, makeTelemetryFilterString,
} from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import type { PetitionWorkflowInput, ProjectCaseEventsInput } from '@petitions/contracts';
import { EncryptionCodec, WORKFLOW_ALIASES, dataConverter } from '@petitions/temporal';
import { FIXTURE_PAYLOAD_KEY } from './fixture-key';

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

const HISTORIES = join(__dirname, 'histories');
const manifest = JSON.parse(readFileSync(join(HISTORIES, 'manifest.json'), 'utf8')) as { policyId: string; scenarios: ManifestEntry[] };
const histories: (HistoryAndWorkflowId & { entry: ManifestEntry })[] = manifest.scenarios.map((entry) => ({
  entry,
  workflowId: entry.workflowId,
  history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, entry.file), 'utf8'))),
}));
const EventType = temporal.api.enums.v1.EventType;
const codec = EncryptionCodec.fromSpec(FIXTURE_PAYLOAD_KEY);

async function decodeFirst<T>(payloads: temporal.api.common.v1.IPayload[] | null | undefined): Promise<T> {
  const [payload] = await codec.decode(payloads ?? []);
  return defaultPayloadConverter.fromPayload<T>(payload);
}

async function replayAll(workflowBundle: ReplayWorkerOptions['workflowBundle']): Promise<Map<string, ReplayResult>> {
  const results = new Map<string, ReplayResult>();
  const options: ReplayWorkerOptions = { workflowBundle, dataConverter: dataConverter(FIXTURE_PAYLOAD_KEY) };
  for await (const result of Worker.runReplayHistories(options, histories)) results.set(result.workflowId, result);
  return results;
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

describe('replay of recorded petition histories', () => {
  it('has at least 10 distinct scenarios, each with its history file', () => {
    expect(manifest.scenarios.length).toBeGreaterThanOrEqual(10);
    expect(new Set(manifest.scenarios.map((s) => s.name)).size).toBe(manifest.scenarios.length);
    expect(new Set(manifest.scenarios.map((s) => s.workflowId)).size).toBe(manifest.scenarios.length);
    for (const s of manifest.scenarios) expect(existsSync(join(HISTORIES, s.file))).toBe(true);
  });

  it('replays every history against the current workflow code without a determinism violation', async () => {
    const results = await replayAll({ codePath: process.env.PETITIONS_WORKFLOW_BUNDLE! });
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
    if (completed) {
      const last = events[events.length - 1].workflowExecutionCompletedEventAttributes;
      const result = await decodeFirst<{ status: string; events: number }>(last?.result?.payloads);
      expect(result).toMatchObject({ status: 'closed', events: entry.expectedEventTypes.length });
    }
  });

  describe('a nondeterministic change', () => {
    let variantCode: string;
    beforeAll(async () => {
      // Built once per run: the workflow with an extra activity scheduled first (see the fixture file).
      const bundle = await bundleWorkflowCode({
        workflowsPath: join(__dirname, 'nondeterministic-variant.workflow-fixture.ts'),
        webpackConfigHook: (config) => {
          config.resolve = config.resolve ?? {};
          config.resolve.alias = { ...(config.resolve.alias as Record<string, string> | undefined), ...WORKFLOW_ALIASES };
          return config;
        },
        logger: new DefaultLogger('WARN'),
      });
      variantCode = bundle.code;
    });

    it('fails the replay of every recorded history with a DeterminismViolationError', async () => {
      const results = await replayAll({ code: variantCode });
      expect(results.size).toBe(histories.length);
      for (const [workflowId, result] of results) {
        expect({ workflowId, error: result.error }).toEqual({ workflowId, error: expect.any(DeterminismViolationError) });
      }
    });
  });
});
