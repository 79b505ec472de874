import { TokenBucketLimiter, rateLimitHeaders, takeAll } from './rate-limit';
import { corsOptions } from './security-headers';

describe('registrations charged to the actor AND the client address', () => {
  let t = 0;
  const now = () => t;

  it('refuses when either bucket is empty, takes nothing on a refusal, and reports the tightest bucket', () => {
    t = 0;
    const actor = new TokenBucketLimiter(3, now); // 1 token every 20 s
    const address = new TokenBucketLimiter(4, now); // 1 token every 15 s
    const charge = (who: string, from: string) => takeAll([{ limiter: actor, key: who }, { limiter: address, key: from }]);
    expect(charge('reg-1', '10.0.0.1')).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 20, retryAfterSeconds: 0 });
    expect(charge('reg-1', '10.0.0.1').remaining).toBe(1);
    expect(charge('reg-1', '10.0.0.1').remaining).toBe(0);
    // Actor empty (address has 1 left): refused, wait for the actor's next token, the address keeps its token.
    expect(charge('reg-1', '10.0.0.1')).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 60, retryAfterSeconds: 20 });
    // Another identity from the same address: the address's last token, then the address's own limit.
    expect(charge('reg-2', '10.0.0.1')).toMatchObject({ allowed: true, remaining: 0, limit: 4 });
    expect(charge('reg-3', '10.0.0.1')).toEqual({ allowed: false, limit: 4, remaining: 0, resetSeconds: 60, retryAfterSeconds: 15 });
    // The same actor from another address is still bound by its own bucket.
    expect(charge('reg-1', '10.0.0.2')).toMatchObject({ allowed: false, retryAfterSeconds: 20 });
    t += 15_000; // the address has refilled one token, reg-3's actor bucket is full
    expect(charge('reg-3', '10.0.0.1')).toMatchObject({ allowed: true });
    expect(charge('reg-1', '10.0.0.2')).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
  });

  it('writes RateLimit-* headers always and Retry-After on a refusal', () => {
    expect(rateLimitHeaders({ allowed: true, limit: 120, remaining: 7, resetSeconds: 57, retryAfterSeconds: 0 }))
      .toEqual({ 'RateLimit-Limit': '120', 'RateLimit-Remaining': '7', 'RateLimit-Reset': '57' });
    expect(rateLimitHeaders({ allowed: false, limit: 120, remaining: 0, resetSeconds: 60, retryAfterSeconds: 1 }))
      .toEqual({ 'RateLimit-Limit': '120', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60', 'Retry-After': '1' });
  });
});

describe('CORS only on /codec', () => {
  const decide = (url: string, origin?: string) => {
    let options: Record<string, unknown> = {};
    corsOptions(['http://temporal-ui:8080'])({ url, headers: { origin } }, (_e, o) => { options = o; });
    return options.origin;
  };

  it('allows a listed origin on /codec/* only', () => {
    expect(decide('/codec/decode', 'http://temporal-ui:8080')).toBe(true);
    expect(decide('/codec/encode?x=1', 'http://temporal-ui:8080')).toBe(true);
    for (const url of ['/petitions', '/supervision/overdue', '/policies', '/codec', '/codecx/decode', '/letters/1.pdf']) {
      expect(decide(url, 'http://temporal-ui:8080')).toBe(false);
    }
    expect(decide('/codec/decode', 'http://evil.example')).toBe(false);
    expect(decide('/codec/decode')).toBe(false);
  });
});
