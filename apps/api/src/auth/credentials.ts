import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Actor } from '@petitions/domain';
import type { AuthConfig } from './auth.config';
import { authErrors } from './auth.errors';
import { PERSON_ROLES, hashApiKey, toActor, verifyToken } from './token';

const ID = /^[\w.:\-]{1,64}$/;
/** Where the guard leaves the actor it resolved, so controllers calling resolveActor(req) get the same one. */
export const ACTOR_KEY = Symbol('petitions.actor');
export type RequestWithActor = Request & { [ACTOR_KEY]?: Actor };

/** Bearer token, then API key, then (only when allowed) the X-Actor-* headers of a trusted gateway. */
export function resolveCredentials(req: Request, config: AuthConfig, now = Date.now()): Actor {
  const authz = req.header('authorization');
  if (authz !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (!m || !config.tokenSecret) throw authErrors.tokenInvalid();
    return verifyToken(config.tokenSecret, m[1], now, { maxTtlSeconds: config.tokenMaxTtlSeconds, clockSkewSeconds: config.tokenClockSkewSeconds });
  }
  const key = req.header('x-api-key');
  if (key !== undefined) {
    const digest = Buffer.from(hashApiKey(key), 'hex');
    // Compare against every stored hash in constant time (no early exit, no map lookup timing on the digest).
    let found: { id: string; role: string; unitId?: string } | undefined;
    for (const [hash, who] of config.apiKeys) if (timingSafeEqual(Buffer.from(hash, 'hex'), digest)) found = who;
    if (!found) throw authErrors.apiKeyInvalid();
    return toActor(found.id, found.role, found.unitId);
  }
  if (config.allowDevHeaders) {
    const id = req.header('x-actor-id')?.trim();
    const role = req.header('x-actor-role')?.trim();
    const unitId = req.header('x-actor-unit')?.trim() || undefined;
    if (!id || !ID.test(id) || !role || !(PERSON_ROLES as readonly string[]).includes(role) || (unitId !== undefined && !ID.test(unitId))) {
      throw authErrors.actorRequired();
    }
    return { id, role: role as Actor['role'], ...(unitId ? { unitId } : {}) };
  }
  throw authErrors.tokenMissing();
}
