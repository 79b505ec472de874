import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ACTOR_ROLES, type Actor } from '@petitions/domain';
import { authErrors } from './auth.errors';

/** Roles a person can hold ('system' is the workflow's own). */
export const PERSON_ROLES = ACTOR_ROLES.filter((r) => r !== 'system') as readonly Exclude<Actor['role'], 'system'>[];
/** Roles bound to a responsible unit: their tokens must name it, and they see only its cases. */
export const UNIT_ROLES: readonly string[] = ['handler', 'unit_head'];
const ID = /^[\w.:\-]{1,64}$/;

export interface TokenClaims { sub: string; role: string; unit?: string; iat: number; exp: number; nbf?: number }

/** What a token may claim about time: the longest lifetime (exp − iat) and the clock skew allowed on iat/nbf. */
export interface TokenTimeRules { maxTtlSeconds: number; clockSkewSeconds: number }
export const DEFAULT_TOKEN_TIME_RULES: TokenTimeRules = { maxTtlSeconds: 12 * 3600, clockSkewSeconds: 60 };

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Parses '8h', '30m', '3600s', '2d' or plain seconds. */
export function parseTtl(ttl: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  if (!m) throw new Error(`bad ttl "${ttl}" (use e.g. 3600, 30m, 8h, 2d)`);
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
}

export function signToken(secret: string, claims: { sub: string; role: string; unit?: string }, opts: { ttlSeconds: number; now?: number }): string {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  const payload = b64url(JSON.stringify({ sub: claims.sub, role: claims.role, ...(claims.unit ? { unit: claims.unit } : {}), iat, exp: iat + opts.ttlSeconds }));
  const sig = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${sig}`;
}

/**
 * Verifies an HS256 compact JWT and returns the actor it names. The signature is compared, in constant time, as
 * the canonical base64url text of the expected HMAC (43 characters, no padding): another encoding of the same bytes
 * (spare bits set in the last character, padding) is refused. Times: exp in the past → expired; iat or nbf later
 * than now + skew, a lifetime (exp − iat) over the maximum, or exp not after iat → invalid.
 */
export function verifyToken(secret: string, token: string, now = Date.now(), rules: TokenTimeRules = DEFAULT_TOKEN_TIME_RULES): Actor {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p)) || token.length > 4096) throw authErrors.tokenInvalid();
  const [h, p, s] = parts;
  let header: { alg?: unknown };
  try { header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')); } catch { throw authErrors.tokenInvalid(); }
  // The algorithm is fixed: a token announcing anything else ('none', RS256 …) is refused before any check.
  if (header?.alg !== 'HS256') throw authErrors.tokenInvalid();
  const expected = Buffer.from(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'), 'ascii');
  const given = Buffer.from(s, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw authErrors.tokenInvalid();
  let c: Partial<TokenClaims>;
  try { c = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')); } catch { throw authErrors.tokenInvalid(); }
  if (!c || typeof c !== 'object' || typeof c.sub !== 'string' || !ID.test(c.sub) || !isTime(c.exp) || !isTime(c.iat)
    || (c.nbf !== undefined && !isTime(c.nbf))
    || (c.unit !== undefined && (typeof c.unit !== 'string' || !ID.test(c.unit)))) throw authErrors.tokenInvalid();
  const nowS = now / 1000;
  if (c.exp <= c.iat || c.exp - c.iat > rules.maxTtlSeconds) throw authErrors.tokenLifetime(rules.maxTtlSeconds);
  if (c.iat > nowS + rules.clockSkewSeconds || (c.nbf !== undefined && c.nbf > nowS + rules.clockSkewSeconds)) throw authErrors.tokenNotYetValid();
  if (c.exp <= nowS) throw authErrors.tokenExpired();
  return toActor(c.sub, c.role, c.unit);
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A role the API knows, and a unit for the unit-bound roles. */
export function toActor(id: string, role: unknown, unit: string | undefined): Actor {
  if (typeof role !== 'string' || !(PERSON_ROLES as readonly string[]).includes(role)) throw authErrors.roleUnknown(role);
  if (UNIT_ROLES.includes(role) && !unit) throw authErrors.tokenInvalid();
  return { id, role: role as Actor['role'], ...(unit ? { unitId: unit } : {}) };
}

/** API keys are stored as their sha256 only; the key itself is shown once to its owner and never kept. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
