import type { Actor } from '@petitions/domain';
import type { PersonalDataBasis } from '@petitions/read-model';

/**
 * THE rule on a petitioner's personal data (name, identity number, phone, address, the petition's own text): who may
 * read it in clear for one case. Every route that gives personal data in clear (`GET /petitions/:caseId/petitioner`,
 * `POST /codec/cases/:caseId/decode`) asks this function and nothing else; docs/personal-data-access.md explains it.
 *
 * - a registrar of the filing bureau (PetitionRegistered.bureauUnitId; when the registrar filed without a unit, that
 *   registrar alone): the bureau registered the petition and answers the petitioner on routing;
 * - a handler or unit head of the case's current lead unit: it must reach the petitioner (notice, reply);
 * - a handler or unit head of the review / re-review body the case went to (art.35/36: it answers the petitioner);
 * - a role named in AUTH_PERSONAL_DATA_ROLES (default none), for every case.
 * Co-units, earlier lead units, other bureaus' registrars, the supervision office, leaders, auditors and admins get the
 * masked view unless a named role.
 */
export interface CaseAccessFacts {
  caseId: string;
  /** The filing bureau: the registering registrar's unit (null when the registrar had none). */
  bureauUnitId: string | null;
  /** Who registered the petition (the registrar's id), for a filing without a unit. */
  registeredBy: string | null;
  /** The current lead unit (null before routing and after an approved objection until routed again). */
  leadUnitId: string | null;
  /** The review and re-review bodies the case went to. */
  reviewUnitIds: string[];
}

export type PersonalDataDecision = { allowed: true; basis: PersonalDataBasis } | { allowed: false };

const UNIT_ROLES: readonly string[] = ['handler', 'unit_head'];
/** Roles that may be named for every case: bureau-wide roles (a unit role named for every case would cross units). */
export const NAMEABLE_ROLES: readonly string[] = ['registrar', 'supervisor', 'leader', 'auditor', 'admin'];

export function personalDataAccess(actor: Actor, facts: CaseAccessFacts, namedRoles: readonly string[]): PersonalDataDecision {
  if (actor.role === 'registrar') {
    const filingBureau = facts.bureauUnitId !== null
      ? actor.unitId === facts.bureauUnitId
      : facts.registeredBy !== null && actor.id === facts.registeredBy;
    if (filingBureau) return { allowed: true, basis: 'filing_bureau' };
  }
  if (UNIT_ROLES.includes(actor.role) && actor.unitId) {
    if (actor.unitId === facts.leadUnitId) return { allowed: true, basis: 'lead_unit' };
    if (facts.reviewUnitIds.includes(actor.unitId)) return { allowed: true, basis: 'review_body' };
  }
  if (namedRoles.includes(actor.role)) return { allowed: true, basis: 'named_role' };
  return { allowed: false };
}

export class PersonalDataConfigError extends Error {}

/** AUTH_PERSONAL_DATA_ROLES: comma-separated bureau-wide roles that may read every case's personal data (default none). */
export function readNamedRoles(env: NodeJS.ProcessEnv = process.env): string[] {
  const roles = (env.AUTH_PERSONAL_DATA_ROLES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = roles.filter((r) => !NAMEABLE_ROLES.includes(r));
  if (bad.length) {
    throw new PersonalDataConfigError(`AUTH_PERSONAL_DATA_ROLES: ${bad.join(', ')} cannot be named (one of ${NAMEABLE_ROLES.join(', ')})`);
  }
  return [...new Set(roles)];
}
