/** A small in-memory token bucket per key (one API process; behind several processes each has its own). */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(readonly perMinute: number, private readonly now: () => number = Date.now) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const b = this.refilled(key);
    if (b.tokens < 1) return this.waitFor(b.tokens);
    b.tokens -= 1;
    return 0;
  }

  /** The bucket brought up to date (created full); kept in the map. */
  refilled(key: string): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
    if (this.buckets.size > 10_000) this.sweep(t);
    this.buckets.set(key, b);
    return b;
  }

  /** Seconds (≥ 1) until a bucket holding `tokens` has one whole token. */
  waitFor(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  /** Seconds until a bucket holding `tokens` is full again (0 when full). */
  fullIn(tokens: number): number {
    return Math.max(0, Math.ceil((this.perMinute - tokens) / this.perMs / 1000));
  }

  /** Forgets full buckets so the map stays small. */
  private sweep(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * this.perMs >= this.perMinute) this.buckets.delete(k);
  }
}

/**
 * What a client is told about its budget (RateLimit-Limit / -Remaining / -Reset, and Retry-After when refused):
 * limit per minute, whole requests left now, seconds until the budget is full again, and the wait when refused.
 */
export interface RateDecision { allowed: boolean; limit: number; remaining: number; resetSeconds: number; retryAfterSeconds: number }

/**
 * Several buckets charged together (a registration is charged to its actor AND to its client address): allowed only
 * when every bucket has a token, and then one is taken from each; a refusal takes nothing. The answer describes the
 * tightest bucket.
 */
export function takeAll(charges: readonly { limiter: TokenBucketLimiter; key: string }[]): RateDecision {
  const buckets = charges.map(({ limiter, key }) => ({ limiter, bucket: limiter.refilled(key) }));
  const allowed = buckets.every(({ bucket }) => bucket.tokens >= 1);
  if (allowed) for (const { bucket } of buckets) bucket.tokens -= 1;
  let tightest = buckets[0]!;
  for (const b of buckets) if (Math.floor(b.bucket.tokens) < Math.floor(tightest.bucket.tokens)) tightest = b;
  const retryAfterSeconds = allowed ? 0 : Math.max(...buckets.map(({ limiter, bucket }) => (bucket.tokens >= 1 ? 0 : limiter.waitFor(bucket.tokens))));
  return {
    allowed,
    limit: tightest.limiter.perMinute,
    remaining: Math.max(0, Math.floor(tightest.bucket.tokens)),
    resetSeconds: tightest.limiter.fullIn(tightest.bucket.tokens),
    retryAfterSeconds,
  };
}

/** The standard headers (IETF draft "RateLimit header fields"), and Retry-After on a refusal. */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': String(d.resetSeconds),
    ...(d.allowed ? {} : { 'Retry-After': String(d.retryAfterSeconds) }),
  };
}
