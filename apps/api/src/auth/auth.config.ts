import { parseTtl } from './token';
/** Auth settings, read from the environment when an API app is built (not by loadConfig: they are the API's alone). */
export interface AuthConfig {
  /** X-Actor-* headers accepted (a trusted gateway, tests, the `npm start` demo). */
  allowDevHeaders: boolean;
  /** HS256 secret for Bearer tokens; undefined only when dev headers are allowed and no secret is set. */
  tokenSecret?: string;
  /** sha256(hex) of each API key → the actor it stands for. */
  apiKeys: ReadonlyMap<string, { id: string; role: string; unitId?: string }>;
  /** Origins allowed to call /codec/* from a browser (the Temporal UI); no other route answers CORS. */
  corsOrigins: readonly string[];
  /** Registrations per minute per actor (RATE_LIMIT_REGISTRATIONS_PER_MINUTE, default 120). */
  registrationsPerMinute: number;
  /** Registrations per minute per client address, whoever acts (RATE_LIMIT_REGISTRATIONS_PER_ADDRESS_PER_MINUTE, default 10 × per actor). */
  registrationsPerAddressPerMinute: number;
  /** Longest token lifetime accepted, exp − iat (AUTH_TOKEN_MAX_TTL, default 12h). */
  tokenMaxTtlSeconds: number;
  /** Clock skew tolerated on iat/nbf in the future (AUTH_TOKEN_CLOCK_SKEW, default 60 s). */
  tokenClockSkewSeconds: number;
  /** Express "trust proxy" (TRUST_PROXY: true, a hop count, or addresses/subnets); unset = the socket's address. */
  trustProxy?: boolean | number | string;
}

const positiveInt = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const v = env[name] === undefined || env[name]!.trim() === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(v) || v < 1) throw new AuthConfigError(`${name} must be a positive integer`);
  return v;
};

const duration = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let v: number;
  try { v = parseTtl(raw); } catch { throw new AuthConfigError(`${name}: bad duration "${raw}" (use e.g. 60, 30m, 12h)`); }
  if (v < min) throw new AuthConfigError(`${name} must be at least ${min} s`);
  return v;
};

function trustProxyOf(raw: string | undefined): boolean | number | string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  return /^\d+$/.test(v) ? Number(v) : v;
}

export const MIN_SECRET_LENGTH = 32;

export class AuthConfigError extends Error {}

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const allowDevHeaders = env.AUTH_ALLOW_DEV_HEADERS === 'true';
  const secret = env.AUTH_TOKEN_SECRET?.trim() || undefined;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new AuthConfigError(`AUTH_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length})`);
  }
  if (!allowDevHeaders && !secret) {
    throw new AuthConfigError(`AUTH_TOKEN_SECRET is required (≥ ${MIN_SECRET_LENGTH} characters) unless AUTH_ALLOW_DEV_HEADERS=true; `
      + 'generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"');
  }
  const apiKeys = new Map<string, { id: string; role: string; unitId?: string }>();
  if (env.AUTH_API_KEYS?.trim()) {
    let parsed: unknown;
    try { parsed = JSON.parse(env.AUTH_API_KEYS); } catch { throw new AuthConfigError('AUTH_API_KEYS must be JSON: {"<sha256 hex of key>": {"id": …, "role": …, "unit": …}}'); }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AuthConfigError('AUTH_API_KEYS must be a JSON object');
    for (const [hash, v] of Object.entries(parsed as Record<string, { id?: unknown; role?: unknown; unit?: unknown }>)) {
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new AuthConfigError(`AUTH_API_KEYS: "${hash.slice(0, 12)}…" is not a sha256 hex digest (store hashes, never keys)`);
      if (!v || typeof v.id !== 'string' || typeof v.role !== 'string' || (v.unit !== undefined && typeof v.unit !== 'string')) {
        throw new AuthConfigError(`AUTH_API_KEYS: entry ${hash.slice(0, 12)}… needs string "id" and "role" (and optional "unit")`);
      }
      apiKeys.set(hash, { id: v.id, role: v.role, ...(v.unit ? { unitId: v.unit as string } : {}) });
    }
  }
  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const rate = positiveInt(env, 'RATE_LIMIT_REGISTRATIONS_PER_MINUTE', 120);
  const perAddress = positiveInt(env, 'RATE_LIMIT_REGISTRATIONS_PER_ADDRESS_PER_MINUTE', 10 * rate);
  const trustProxy = trustProxyOf(env.TRUST_PROXY);
  return { allowDevHeaders, tokenSecret: secret, apiKeys, corsOrigins, registrationsPerMinute: rate, registrationsPerAddressPerMinute: perAddress,
    tokenMaxTtlSeconds: duration(env, 'AUTH_TOKEN_MAX_TTL', 12 * 3600, 60), tokenClockSkewSeconds: duration(env, 'AUTH_TOKEN_CLOCK_SKEW', 60, 0),
    ...(trustProxy === undefined ? {} : { trustProxy }) };
}
