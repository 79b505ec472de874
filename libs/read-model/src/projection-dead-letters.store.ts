import type { DataSource } from 'typeorm';
import type { ProjectCaseEventsInput } from '@petitions/contracts';
import type { CaseProjectionWriter } from './case-projection.writer';

export interface StuckProjection {
  caseId: string;
  firstSeq: number;
  lastSeq: number;
  errorCode: string | null;
  errorMessage: string;
  attempts: number;
  failedAt: string;
  updatedAt: string;
}

type ProjectionResult = Awaited<ReturnType<CaseProjectionWriter['write']>>;

/**
 * PostgreSQL SQLSTATE classes that no retry can fix: 22 data exception (a value PostgreSQL refuses), 23 integrity
 * constraint violation, except 23505 unique_violation, which two concurrent writers of the same row can hit and a
 * retry resolves. Everything else (connection lost, 40xxx serialization, 53xxx resources, 57xxx shutdown) is transient.
 */
export function permanentProjectionErrorCode(err: unknown): string | null {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = typeof e?.driverError?.code === 'string' ? e.driverError.code : typeof e?.code === 'string' ? e.code : null;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23505') return null;
  return code.startsWith('22') || code.startsWith('23') ? code : null;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** The one owner of `projection_dead_letters` (projections that cannot succeed; 投影阻塞). */
export class ProjectionDeadLetters {
  constructor(private readonly ds: DataSource) {}

  async isStuck(caseId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query('SELECT 1 FROM projection_dead_letters WHERE case_id = $1', [caseId]);
    return rows.length > 0;
  }

  /** Records (or extends) the case's stuck range; `error` null means "held behind an earlier failure". */
  async record(input: ProjectCaseEventsInput, error: { code: string | null; message: string } | null): Promise<void> {
    const first = input.events[0]?.seq ?? 0;
    const last = input.events.at(-1)?.seq ?? 0;
    await this.ds.query(
      `INSERT INTO projection_dead_letters (case_id, first_seq, last_seq, error_code, error_message)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id) DO UPDATE SET
         first_seq = LEAST(projection_dead_letters.first_seq, EXCLUDED.first_seq),
         last_seq = GREATEST(projection_dead_letters.last_seq, EXCLUDED.last_seq),
         error_code = CASE WHEN $6 THEN EXCLUDED.error_code ELSE projection_dead_letters.error_code END,
         error_message = CASE WHEN $6 THEN EXCLUDED.error_message ELSE projection_dead_letters.error_message END,
         attempts = projection_dead_letters.attempts + 1, updated_at = now()`,
      [input.caseId, first, last, error?.code ?? null, error?.message ?? 'held behind an earlier failure', error !== null]);
  }

  async get(caseId: string): Promise<StuckProjection | null> {
    const [row] = await this.ds.query('SELECT * FROM projection_dead_letters WHERE case_id = $1', [caseId]);
    return row ? toStuck(row) : null;
  }

  async list(limit = 1000): Promise<StuckProjection[]> {
    const rows: Record<string, unknown>[] = await this.ds.query('SELECT * FROM projection_dead_letters ORDER BY failed_at, case_id LIMIT $1', [limit]);
    return rows.map(toStuck);
  }

  async count(): Promise<number> {
    const [{ n }] = await this.ds.query('SELECT count(*)::int AS n FROM projection_dead_letters');
    return Number(n);
  }

  /** Clears the case once a replay has projected through `throughSeq` (a batch held after the replay keeps the row). */
  async resolve(caseId: string, throughSeq: number): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      'DELETE FROM projection_dead_letters WHERE case_id = $1 AND last_seq <= $2 RETURNING case_id', [caseId, throughSeq]);
    return rows.length > 0;
  }

  /**
   * The projection activity's body: writes the batch, or, when the write fails for good (or the case is already
   * stuck: events fold in order, a later batch cannot land before the failed one), records it here and returns, so
   * the activity does not retry forever. Transient errors are thrown (Temporal retries them).
   */
  async projectOrHold(writer: Pick<CaseProjectionWriter, 'write'>, input: ProjectCaseEventsInput): Promise<ProjectionResult & { stuck?: true }> {
    const held = (): ProjectionResult & { stuck: true } => ({ applied: 0, lastSeq: input.events.at(-1)?.seq ?? 0, chainHead: null, stuck: true });
    if (await this.isStuck(input.caseId)) {
      await this.record(input, null);
      return held();
    }
    try {
      return await writer.write(input);
    } catch (err) {
      const code = permanentProjectionErrorCode(err);
      if (code === null) throw err;
      await this.record(input, { code, message: (err instanceof Error ? err.message : String(err)).slice(0, 2000) });
      return held();
    }
  }
}

function toStuck(r: Record<string, unknown>): StuckProjection {
  return {
    caseId: String(r.case_id), firstSeq: Number(r.first_seq), lastSeq: Number(r.last_seq), errorCode: (r.error_code as string | null) ?? null,
    errorMessage: String(r.error_message), attempts: Number(r.attempts), failedAt: iso(r.failed_at), updatedAt: iso(r.updated_at),
  };
}
