import { createHmac } from 'node:crypto';
import { ApiError } from '../errors/api-error';
import { readAuthConfig } from './auth.config';
import { hashApiKey, parseTtl, signToken, verifyToken } from './token';

const SECRET = 'x'.repeat(40);
const code = (fn: () => unknown): string => {
  try { fn(); } catch (e) { if (e instanceof ApiError) return `${e.status} ${e.code}`; throw e; }
  return 'ok';
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token with any claims, signed properly (what a holder of the secret, or a buggy issuer, could produce). */
const signed = (claims: Record<string, unknown>) => {
  const hp = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${hp}.${createHmac('sha256', SECRET).update(hp).digest('base64url')}`;
};
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('signed tokens (HS256)', () => {
  const now = Date.parse('2026-03-02T08:00:00Z');

  it('round-trips the user, the role and the unit', () => {
    const t = signToken(SECRET, { sub: 'h-7', role: 'handler', unit: 'xuhui-housing' }, { ttlSeconds: 3600, now });
    expect(verifyToken(SECRET, t, now + 1000)).toEqual({ id: 'h-7', role: 'handler', unitId: 'xuhui-housing' });
    expect(verifyToken(SECRET, signToken(SECRET, { sub: 'sup-1', role: 'supervisor' }, { ttlSeconds: 60, now }), now)).toEqual({ id: 'sup-1', role: 'supervisor' });
    const [, payload] = t.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({ sub: 'h-7', role: 'handler', unit: 'xuhui-housing', iat: now / 1000, exp: now / 1000 + 3600 });
  });

  it('refuses an expired token with AUTH_TOKEN_EXPIRED', () => {
    const t = signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 60, now });
    expect(code(() => verifyToken(SECRET, t, now + 59_000))).toBe('ok');
    expect(code(() => verifyToken(SECRET, t, now + 60_000))).toBe('401 AUTH_TOKEN_EXPIRED');
  });

  it('refuses tampered payloads, other secrets, other algorithms and garbage with AUTH_TOKEN_INVALID', () => {
    const t = signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 60, now });
    const [h, p, s] = t.split('.');
    const elevated = b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' });
    expect(code(() => verifyToken(SECRET, `${h}.${elevated}.${s}`, now))).toBe('401 AUTH_TOKEN_INVALID');
    expect(code(() => verifyToken('y'.repeat(40), t, now))).toBe('401 AUTH_TOKEN_INVALID');
    expect(code(() => verifyToken(SECRET, `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`, now))).toBe('401 AUTH_TOKEN_INVALID');
    expect(code(() => verifyToken(SECRET, `${h}.${p}.${s.slice(0, -2)}`, now))).toBe('401 AUTH_TOKEN_INVALID');
    for (const junk of ['', 'abc', 'a.b', 'a.b.c.d', '{}.{}.{}', `${h}.${p}.${s}=`]) expect(code(() => verifyToken(SECRET, junk, now))).toBe('401 AUTH_TOKEN_INVALID');
  });

  it('refuses an unknown role with AUTH_ROLE_UNKNOWN, and a unit role without a unit', () => {
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'x', role: 'superuser' }, { ttlSeconds: 60, now }), now))).toBe('401 AUTH_ROLE_UNKNOWN');
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'x', role: 'system' }, { ttlSeconds: 60, now }), now))).toBe('401 AUTH_ROLE_UNKNOWN');
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'x', role: 'unit_head' }, { ttlSeconds: 60, now }), now))).toBe('401 AUTH_TOKEN_INVALID');
  });

  it('gives zh-CN and English messages', () => {
    let caught: unknown;
    try { verifyToken(SECRET, 'a.b.c'); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('AUTH_TOKEN_INVALID');
    expect((caught as ApiError).messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect((caught as ApiError).messageEn).toMatch(/token/i);
  });

  it('refuses a lifetime over the maximum (12 h by default), or exp not after iat, with AUTH_TOKEN_LIFETIME', () => {
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 12 * 3600, now }), now))).toBe('ok');
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 12 * 3600 + 1, now }), now))).toBe('401 AUTH_TOKEN_LIFETIME');
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 365 * 86400, now }), now))).toBe('401 AUTH_TOKEN_LIFETIME');
    const iat = now / 1000;
    expect(code(() => verifyToken(SECRET, signed({ sub: 'r', role: 'registrar', iat, exp: iat }), now))).toBe('401 AUTH_TOKEN_LIFETIME');
    // The maximum is a setting: 1 h here.
    const rules = { maxTtlSeconds: 3600, clockSkewSeconds: 60 };
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 3601, now }), now, rules))).toBe('401 AUTH_TOKEN_LIFETIME');
    expect(code(() => verifyToken(SECRET, signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 3600, now }), now, rules))).toBe('ok');
  });

  it('refuses iat or nbf in the future beyond the clock skew (60 s by default) with AUTH_TOKEN_NOT_YET_VALID', () => {
    const t = (issuedAt: number) => signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 600, now: issuedAt });
    expect(code(() => verifyToken(SECRET, t(now + 60_000), now))).toBe('ok');
    expect(code(() => verifyToken(SECRET, t(now + 61_000), now))).toBe('401 AUTH_TOKEN_NOT_YET_VALID');
    const iat = now / 1000;
    expect(code(() => verifyToken(SECRET, signed({ sub: 'r', role: 'registrar', iat, exp: iat + 600, nbf: iat + 60 }), now))).toBe('ok');
    expect(code(() => verifyToken(SECRET, signed({ sub: 'r', role: 'registrar', iat, exp: iat + 600, nbf: iat + 61 }), now))).toBe('401 AUTH_TOKEN_NOT_YET_VALID');
    expect(code(() => verifyToken(SECRET, signed({ sub: 'r', role: 'registrar', iat, exp: iat + 600, nbf: iat + 61 }), now + 1000))).toBe('ok');
    expect(code(() => verifyToken(SECRET, signed({ sub: 'r', role: 'registrar', iat, exp: iat + 600, nbf: 'soon' }), now))).toBe('401 AUTH_TOKEN_INVALID');
    expect(code(() => verifyToken(SECRET, t(now + 10_000), now, { maxTtlSeconds: 3600, clockSkewSeconds: 0 }))).toBe('401 AUTH_TOKEN_NOT_YET_VALID');
  });

  it('compares the signature as canonical base64url: the same bytes in another encoding are refused', () => {
    const t = signToken(SECRET, { sub: 'r', role: 'registrar' }, { ttlSeconds: 60, now });
    const [h, p, s] = t.split('.');
    // 32 bytes are 43 characters; the last carries 2 spare bits, so flipping its lowest bit keeps the bytes.
    expect(s).toHaveLength(43);
    const last = BASE64URL.indexOf(s[42]!);
    const twin = `${s.slice(0, 42)}${BASE64URL[last ^ 1]}`;
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true);
    expect(code(() => verifyToken(SECRET, `${h}.${p}.${s}`, now))).toBe('ok');
    expect(code(() => verifyToken(SECRET, `${h}.${p}.${twin}`, now))).toBe('401 AUTH_TOKEN_INVALID');
  });

  it('parses ttls', () => {
    expect([parseTtl('8h'), parseTtl('30m'), parseTtl('90'), parseTtl('2d')]).toEqual([28_800, 1800, 90, 172_800]);
    expect(() => parseTtl('soon')).toThrow(/ttl/);
  });
});

describe('API keys and auth configuration', () => {
  it('hashes keys with sha256 and maps only hashes to actors', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const config = readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, AUTH_API_KEYS: JSON.stringify({ [hashApiKey('k-1')]: { id: 'etl', role: 'auditor' } }) });
    expect(config.apiKeys.get(hashApiKey('k-1'))).toEqual({ id: 'etl', role: 'auditor' });
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, AUTH_API_KEYS: JSON.stringify({ 'k-1': { id: 'etl', role: 'auditor' } }) })).toThrow(/sha256/);
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, AUTH_API_KEYS: '{' })).toThrow(/JSON/);
  });

  it('needs a secret of 32+ characters unless dev headers are allowed', () => {
    expect(() => readAuthConfig({})).toThrow(/AUTH_TOKEN_SECRET is required/);
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: 'short' })).toThrow(/at least 32/);
    expect(readAuthConfig({ AUTH_ALLOW_DEV_HEADERS: 'true' })).toMatchObject({ allowDevHeaders: true, tokenSecret: undefined, corsOrigins: [],
      registrationsPerMinute: 120, registrationsPerAddressPerMinute: 1200, tokenMaxTtlSeconds: 43_200, tokenClockSkewSeconds: 60 });
    expect(readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, CORS_ORIGINS: 'http://a, http://b', RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '5' }))
      .toMatchObject({ allowDevHeaders: false, corsOrigins: ['http://a', 'http://b'], registrationsPerMinute: 5, registrationsPerAddressPerMinute: 50 });
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0' })).toThrow(/positive/);
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, RATE_LIMIT_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '1.5' })).toThrow(/PER_ADDRESS.*positive/);
  });

  it('reads the token time rules and the proxy trust', () => {
    expect(readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, AUTH_TOKEN_MAX_TTL: '1h', AUTH_TOKEN_CLOCK_SKEW: '5', TRUST_PROXY: 'loopback' }))
      .toMatchObject({ tokenMaxTtlSeconds: 3600, tokenClockSkewSeconds: 5, trustProxy: 'loopback' });
    expect(readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readAuthConfig({ AUTH_TOKEN_SECRET: SECRET }).trustProxy).toBeUndefined();
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, AUTH_TOKEN_MAX_TTL: 'forever' })).toThrow(/AUTH_TOKEN_MAX_TTL/);
    expect(() => readAuthConfig({ AUTH_TOKEN_SECRET: SECRET, AUTH_TOKEN_MAX_TTL: '30' })).toThrow(/at least 60/);
  });
});
