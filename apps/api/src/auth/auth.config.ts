/** Auth settings, read from the environment when an API app is built (not by loadConfig: they are the API's alone). */
export interface AuthConfig {
  /** X-Actor-* headers accepted (a trusted gateway, tests, the `npm start` demo). */
  allowDevHeaders: boolean;
  /** HS256 secret for Bearer tokens; undefined only when dev headers are allowed and no secret is set. */
  tokenSecret?: string;
  /** sha256(hex) of each API key → the actor it stands for. */
  apiKeys: ReadonlyMap<string, { id: string; role: string; unitId?: string }>;
  corsOrigins: readonly string[];
  registrationsPerMinute: number;
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
  const rate = env.RATE_LIMIT_REGISTRATIONS_PER_MINUTE === undefined ? 120 : Number(env.RATE_LIMIT_REGISTRATIONS_PER_MINUTE);
  if (!Number.isInteger(rate) || rate < 1) throw new AuthConfigError('RATE_LIMIT_REGISTRATIONS_PER_MINUTE must be a positive integer');
  return { allowDevHeaders, tokenSecret: secret, apiKeys, corsOrigins, registrationsPerMinute: rate };
}
