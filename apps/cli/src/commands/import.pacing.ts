/**
 * Pacing a bulk import to the API's registration limit. The API advertises its budget on every charged answer
 * (RateLimit-Limit per minute, RateLimit-Remaining) and says when to come back on a refusal (429, Retry-After).
 * The importer spaces its requests one token apart (60 s / limit) once the remaining budget is no larger than the
 * number of requests in flight, and on a 429 holds every worker until Retry-After has passed, then sends the same
 * record again (same idempotency key). Replays are not charged by the API and carry no budget headers.
 */
import type { ResponseMeta } from '../api-client';

export const IMPORT_PACING = {
  /** A record refused with RATE_LIMITED this many times in a row is reported as refused (the API keeps refusing). */
  maxRateLimited: 60,
  /**
   * A record whose registration the case service did not finish in time (502/503/504, e.g. 504 CASE_SERVICE_TIMEOUT
   * on a loaded server) is sent again (same idempotency key, so never filed twice) this many times in all, waiting
   * transientBaseMs × 2^(n−1) (at most transientMaxMs) before each new try; then the import stops as before.
   */
  maxTransient: 8,
  transientBaseMs: 1000,
  transientMaxMs: 30_000,
  /** Waits; tests replace it to record the waits instead of sleeping. */
  sleep: (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)),
  now: (): number => Date.now(),
};

export class ImportPacer {
  /** Earliest time (ms) the next request may go. */
  private nextAt = 0;
  /** Spacing between requests (ms) while the budget is exhausted; 0 = no spacing. */
  private spacingMs = 0;
  /** The last advertised limit per minute. */
  private limit: number | undefined;
  /** Total time spent waiting, for the summary. */
  waitedMs = 0;

  constructor(private readonly inFlight: number) {}

  /** Waits for this request's turn. */
  async turn(): Promise<void> {
    const now = IMPORT_PACING.now();
    const at = Math.max(now, this.nextAt);
    if (this.spacingMs > 0) this.nextAt = at + this.spacingMs;
    if (at > now) {
      this.waitedMs += at - now;
      await IMPORT_PACING.sleep(at - now);
    }
  }

  /** Reads the budget of an answer: spacing starts when it runs low and stops when it has room again. */
  observe(meta: ResponseMeta | undefined): void {
    const rate = meta?.rateLimit;
    if (!rate) return;
    this.limit = rate.limit;
    this.spacingMs = rate.remaining <= this.inFlight ? Math.ceil(60_000 / rate.limit) : 0;
  }

  /** A 429: nobody sends before Retry-After (at least one token's time when the header is missing). */
  refused(retryAfterSeconds: number | undefined): void {
    const tokenMs = this.limit ? Math.ceil(60_000 / this.limit) : 1000;
    const waitMs = retryAfterSeconds !== undefined ? Math.max(retryAfterSeconds * 1000, tokenMs) : tokenMs;
    this.nextAt = Math.max(this.nextAt, IMPORT_PACING.now() + waitMs);
    this.spacingMs = Math.max(this.spacingMs, tokenMs);
  }
}
