import type { Request } from 'express';
import type { Actor } from '@petitions/domain';
import { type AuthConfig, readAuthConfig } from '../auth/auth.config';
import { ACTOR_KEY, type RequestWithActor, resolveCredentials } from '../auth/credentials';

let fallback: { env: string | undefined; config: AuthConfig } | undefined;

/**
 * Who is calling. The global AuthGuard (apps/api/src/auth) has already verified the Bearer token, the API key or
 * (only with AUTH_ALLOW_DEV_HEADERS=true) the X-Actor-* headers, and left the actor on the request; outside the
 * guard the same verification runs here with the environment's settings.
 */
export function resolveActor(req: Request): Actor {
  const known = (req as RequestWithActor)[ACTOR_KEY];
  if (known) return known;
  const envKey = [process.env.AUTH_ALLOW_DEV_HEADERS, process.env.AUTH_TOKEN_SECRET, process.env.AUTH_API_KEYS].join('\u0000');
  if (fallback?.env !== envKey) fallback = { env: envKey, config: readAuthConfig() };
  const actor = resolveCredentials(req, fallback.config);
  (req as RequestWithActor)[ACTOR_KEY] = actor;
  return actor;
}
