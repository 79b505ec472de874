import { createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';

/** The request header a client sends to make a registration safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on a replayed answer. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Keys are kept this long after the first request; a later request with the same key is a new registration. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** 8–128 characters of letters, digits and . _ : - (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/** How long a request holds its key while it runs; a crashed request's key is taken over after this. */
const LOCK_MS = 120_000;
/** How long a concurrent request with the same key waits for the first before answering 409. */
const WAIT_MS = 10_000;
const POLL_MS = 100;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface StoredResponse { statusCode: number; body: unknown }
export type Claim =
  | { kind: 'owner'; token: string }
  | { kind: 'replay'; response: StoredResponse };

export const idempotencyErrors = {
  invalid: () => new ApiError(400, 'IDEMPOTENCY_KEY_INVALID', '幂等键（Idempotency-Key）格式错误：须为 8–128 位字母、数字或 . _ : -',
    'Invalid Idempotency-Key: 8–128 characters of letters, digits and . _ : -'),
  reused: () => new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于内容不同的登记请求，请为新的登记使用新的幂等键',
    'This Idempotency-Key was used for a different registration; use a new key for a new registration'),
  inProgress: (retryAfterSeconds: number) => new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', '使用同一幂等键的登记请求正在处理中，请稍后重试',
    'A registration with this Idempotency-Key is still being processed; retry later', { retryAfterSeconds }),
};

/** The header's value: undefined when absent, else a valid key or a 400 (nothing is started). */
export function readIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw) || !IDEMPOTENCY_KEY_PATTERN.test(raw)) throw idempotencyErrors.invalid();
  return raw;
}

/** Key order does not change a JSON object's meaning, so it must not change its hash either. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Idempotency keys in PostgreSQL (table idempotency_keys), so every API process sees the same claims. The first
 * request with a key inserts an in-progress row and runs; requests with the same key and body wait for it and replay
 * its answer; a different body is refused. Bodies are stored only as HMACs (an identity number has too little
 * entropy for a plain hash), the key only as an HMAC too, and the stored answer carries no personal data.
 */
export class IdempotencyStore {
  private lastSweep = 0;

  constructor(private readonly ds: DataSource, private readonly secret: string, private readonly opts: { waitMs?: number } = {}) {}

  private hmac(...parts: string[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\u0000')).digest('hex');
  }

  /** A value that identifies the request (body and route), not the person in it. */
  requestHash(scope: string, body: unknown): string {
    return this.hmac('idempotency-request', scope, canonicalJson(body));
  }

  /**
   * The Temporal Update id of a request: a retry that reaches the workflow twice is deduplicated there too. It
   * includes the body, so an expired key reused for another registration is not mistaken for the first one.
   */
  updateId(scope: string, actorId: string, key: string, requestHash: string): string {
    return `idem-${this.hmac('idempotency-update', scope, actorId, key, requestHash).slice(0, 40)}`;
  }

  /** Claims the key, or returns the first request's answer; waits while another request holds it. */
  async claim(scope: string, actorId: string, key: string, requestHash: string): Promise<Claim> {
    await this.sweep();
    const keyHash = this.hmac('idempotency-key', scope, actorId, key);
    const deadline = Date.now() + (this.opts.waitMs ?? WAIT_MS);
    for (;;) {
      const token = randomUUID();
      // Insert, or take over a row that expired or whose holder died (lock lapsed while still in progress).
      const taken = await this.ds.query(`
        INSERT INTO idempotency_keys (scope, actor_id, key_hash, request_hash, state, owner_token, locked_until, expires_at)
        VALUES ($1, $2, $3, $4, 'in_progress', $5, now() + make_interval(secs => $6), now() + make_interval(hours => $7))
        ON CONFLICT (scope, actor_id, key_hash) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, state = 'in_progress', owner_token = EXCLUDED.owner_token,
              locked_until = EXCLUDED.locked_until, status_code = NULL, response = NULL, created_at = now(),
              completed_at = NULL, expires_at = EXCLUDED.expires_at
          WHERE idempotency_keys.expires_at <= now()
             OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until <= now()
                 AND idempotency_keys.request_hash = EXCLUDED.request_hash)
        RETURNING owner_token`, [scope, actorId, keyHash, requestHash, token, LOCK_MS / 1000, IDEMPOTENCY_TTL_HOURS]) as { owner_token: string }[];
      if (taken[0]?.owner_token === token) return { kind: 'owner', token };

      const [row] = await this.ds.query(`SELECT request_hash, state, status_code, response,
          GREATEST(1, CEIL(EXTRACT(EPOCH FROM (locked_until - now()))))::int AS lock_left
        FROM idempotency_keys WHERE scope = $1 AND actor_id = $2 AND key_hash = $3`, [scope, actorId, keyHash]) as
        { request_hash: string; state: string; status_code: number | null; response: unknown; lock_left: number }[];
      if (!row) continue; // released between the two statements: try to claim again
      if (row.request_hash !== requestHash) throw idempotencyErrors.reused();
      if (row.state === 'completed') return { kind: 'replay', response: { statusCode: row.status_code ?? 200, body: row.response } };
      if (Date.now() >= deadline) throw idempotencyErrors.inProgress(Math.min(row.lock_left, 5));
      await sleep(POLL_MS);
    }
  }

  /** Whether the key holds a completed answer to this very request (a replay; nothing is claimed or changed). */
  async isCompleted(scope: string, actorId: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await this.ds.query(`SELECT 1 FROM idempotency_keys WHERE scope = $1 AND actor_id = $2 AND key_hash = $3
      AND request_hash = $4 AND state = 'completed' AND expires_at > now()`,
    [scope, actorId, this.hmac('idempotency-key', scope, actorId, key), requestHash]) as unknown[];
    return rows.length > 0;
  }

  /** Records the answer for replays; only the holder of the claim may. */
  async complete(scope: string, actorId: string, key: string, token: string, response: StoredResponse): Promise<void> {
    await this.ds.query(`UPDATE idempotency_keys SET state = 'completed', status_code = $5, response = $6::jsonb, completed_at = now()
      WHERE scope = $1 AND actor_id = $2 AND key_hash = $3 AND owner_token = $4`,
    [scope, actorId, this.hmac('idempotency-key', scope, actorId, key), token, response.statusCode, JSON.stringify(response.body)]);
  }

  /** Frees the key after a failure, so the client may retry with it (the Update id still guards the workflow). */
  async release(scope: string, actorId: string, key: string, token: string): Promise<void> {
    await this.ds.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND actor_id = $2 AND key_hash = $3 AND owner_token = $4
      AND state = 'in_progress'`, [scope, actorId, this.hmac('idempotency-key', scope, actorId, key), token]);
  }

  /** Drops expired rows now and then (each process at most every ten minutes). */
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    await this.ds.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  }
}
