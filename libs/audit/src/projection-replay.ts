import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { CaseProjectionWriter, ProjectionDeadLetters, permanentProjectionErrorCode } from '@petitions/read-model';
import { fetchCaseRunsOrArchive } from './history-archive';
import { decodeCaseHistories } from './history-events';

export interface ReplayedProjection { caseId: string; ok: boolean; throughSeq: number; applied: number; error?: string }

/**
 * Replays the projections in the dead-letter table (投影阻塞) after the cause is fixed: every event of the case's
 * history (the source of truth) goes through the normal projection writer, which folds only the events after the
 * row's last seq, so it is idempotent. The row is cleared only when the replay reached its last held seq; a replay
 * that fails again leaves it, with the new error.
 */
export async function replayStuckProjections(client: Client, dataSource: DataSource, payloadKeys: string,
  opts: { caseIds?: string[]; writer?: Pick<CaseProjectionWriter, 'write'> } = {}): Promise<ReplayedProjection[]> {
  const deadLetters = new ProjectionDeadLetters(dataSource);
  const writer = opts.writer ?? new CaseProjectionWriter(dataSource);
  const stuck = (await deadLetters.list()).filter((s) => !opts.caseIds || opts.caseIds.includes(s.caseId));
  const out: ReplayedProjection[] = [];
  for (const s of stuck) {
    try {
      const runs = await fetchCaseRunsOrArchive(client, dataSource, s.caseId);
      const decoded = await decodeCaseHistories(runs.map((r) => r.history), payloadKeys);
      const summary = decoded.lastSummary ?? decoded.projectedSummary;
      if (decoded.events.length === 0 || !summary) {
        out.push({ caseId: s.caseId, ok: false, throughSeq: 0, applied: 0, error: 'no events in the history' });
        continue;
      }
      const result = await writer.write({ caseId: s.caseId, events: decoded.events, summary });
      const throughSeq = decoded.events.at(-1)!.seq;
      await deadLetters.resolve(s.caseId, throughSeq);
      out.push({ caseId: s.caseId, ok: true, throughSeq, applied: result.applied });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = permanentProjectionErrorCode(err);
      // The row keeps the latest error, so operators see why the replay failed again.
      await dataSource.query('UPDATE projection_dead_letters SET error_code = coalesce($2, error_code), error_message = $3, attempts = attempts + 1, updated_at = now() WHERE case_id = $1',
        [s.caseId, code, message.slice(0, 2000)]).catch(() => undefined);
      out.push({ caseId: s.caseId, ok: false, throughSeq: 0, applied: 0, error: message });
    }
  }
  return out;
}
