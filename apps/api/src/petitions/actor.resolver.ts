import type { Request } from 'express';
import { ACTOR_ROLES, type Actor } from '@petitions/domain';
import { ApiError } from '../errors/api-error';

/**
 * Who is calling. Until signed tokens land (the roles issue), identity comes from the X-Actor-* headers that a
 * trusted gateway sets; this is the single place to swap for token verification.
 */
export function resolveActor(req: Request): Actor {
  const id = req.header('x-actor-id')?.trim();
  const role = req.header('x-actor-role')?.trim();
  const unitId = req.header('x-actor-unit')?.trim() || undefined;
  if (!id || !/^[\w.:\-]{1,64}$/.test(id) || !role || !(ACTOR_ROLES as readonly string[]).includes(role) || role === 'system'
    || (unitId !== undefined && !/^[\w.:\-]{1,64}$/.test(unitId))) {
    throw new ApiError(401, 'AUTH_ACTOR_REQUIRED', '缺少或无效的操作人身份', 'Missing or invalid actor identity (X-Actor-Id, X-Actor-Role, X-Actor-Unit)');
  }
  return { id, role: role as Actor['role'], ...(unitId ? { unitId } : {}) };
}
