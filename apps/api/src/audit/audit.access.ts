import type { Request } from 'express';
import type { Actor } from '@petitions/domain';
import { ApiError } from '../errors/api-error';
import { resolveActor } from '../petitions/actor.resolver';

/** Roles that may read and replay case histories (read-only). */
export const AUDIT_ROLES: readonly string[] = ['auditor', 'admin'];

export function requireAuditor(req: Request): Actor {
  const actor = resolveActor(req);
  if (!AUDIT_ROLES.includes(actor.role)) {
    throw new ApiError(403, 'AUTH_ROLE_FORBIDDEN', '仅审计人员或管理员可审计案件历史', 'Only auditors and admins may audit case histories',
      { role: actor.role, allowed: AUDIT_ROLES });
  }
  return actor;
}
