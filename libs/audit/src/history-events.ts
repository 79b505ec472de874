import { defaultPayloadConverter } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { CaseRowSummary, PetitionWorkflowInput, ProjectCaseEventsInput, RecordedEvent } from '@petitions/contracts';
import { EncryptionCodec } from '@petitions/temporal';

/** What a case's histories record about it, decoded: the workflow input and the domain events in seq order. */
export interface DecodedCase {
  caseId: string;
  input: PetitionWorkflowInput;
  events: RecordedEvent[];
  /** The summary of the last projection batch (next deadline, policy): what the read model's row ends with. */
  lastSummary: CaseRowSummary | null;
  /**
   * The last seq whose projection activity completed, and that batch's summary: what PostgreSQL must hold by now
   * (a batch still in flight may not be written yet).
   */
  projectedThroughSeq: number;
  projectedSummary: CaseRowSummary | null;
  /** The hash-chain head the projection returned for that batch (recorded in the history as the activity result). */
  projectedChainHead: string | null;
}

async function decodeFirst<T>(codec: EncryptionCodec, payloads: temporal.api.common.v1.IPayload[] | null | undefined): Promise<T> {
  const [payload] = await codec.decode(payloads ?? []);
  if (!payload) throw new Error('history event without a payload');
  return defaultPayloadConverter.fromPayload<T>(payload);
}

/**
 * The domain events as the workflow handed them to the projection activity (ActivityTaskScheduled of
 * projectCaseEvents), across all runs. A retried batch appears once in the history (retries are not rescheduled);
 * a seq seen twice keeps its first recording.
 */
export async function decodeCaseHistories(histories: readonly History[], payloadKeys: string): Promise<DecodedCase> {
  const codec = EncryptionCodec.fromSpec(payloadKeys);
  const first = histories[0]?.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!first) throw new Error('history does not start with WorkflowExecutionStarted');
  const input = await decodeFirst<PetitionWorkflowInput>(codec, first.input?.payloads);
  const bySeq = new Map<number, RecordedEvent>();
  let lastSummary: CaseRowSummary | null = null;
  let projectedThroughSeq = 0;
  let projectedSummary: CaseRowSummary | null = null;
  let projectedChainHead: string | null = null;
  for (const history of histories) {
    const batches = new Map<string, ProjectCaseEventsInput>();
    for (const e of history.events ?? []) {
      const completed = e.activityTaskCompletedEventAttributes;
      const batchDone = completed ? batches.get(String(completed.scheduledEventId)) : undefined;
      if (batchDone) {
        const last = Math.max(0, ...batchDone.events.map((r) => r.seq));
        if (last >= projectedThroughSeq) {
          projectedThroughSeq = last;
          projectedSummary = batchDone.summary;
          const result = completed?.result?.payloads?.length
            ? await decodeFirst<{ lastSeq?: number; chainHead?: string | null }>(codec, completed.result.payloads) : null;
          // The head belongs to this batch only when the writer had folded up to its last event.
          projectedChainHead = result?.chainHead && result.lastSeq === last ? result.chainHead : projectedChainHead;
        }
      }
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'projectCaseEvents') continue;
      const batch = await decodeFirst<ProjectCaseEventsInput>(codec, scheduled.input?.payloads);
      batches.set(String(e.eventId), batch);
      for (const r of batch.events) if (!bySeq.has(r.seq)) bySeq.set(r.seq, r);
      lastSummary = batch.summary;
    }
  }
  const events = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { caseId: input.caseId, input, events, lastSummary, projectedThroughSeq, projectedSummary, projectedChainHead };
}
