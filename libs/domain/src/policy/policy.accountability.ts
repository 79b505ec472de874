import type { AccountabilityPolicy, SupervisionPolicy } from './supervision-policy.types';

/** Who an accountability recommendation goes to, and who gets a copy (抄送). */
export interface RecommendationAddress {
  addresseeId: string;
  copyTo: string[];
}

/** The unit's superior: an exact entry, else the longest listed prefix of its id; null when none is listed. */
export function superiorOf(accountability: AccountabilityPolicy, unitId: string): string | null {
  const superiors = accountability.superiors ?? {};
  if (superiors[unitId]) return superiors[unitId];
  const prefix = Object.keys(superiors)
    .filter((p) => unitId.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? null : superiors[prefix];
}

/**
 * The body with authority over the failing unit (policy.accountability): its superior or the discipline
 * body, whichever the policy names, falling back to the other one; the failing unit is in copy. null
 * when the policy has no accountability setting or neither body is known (the letter then goes to the
 * unit itself, as before).
 */
export function recommendationAddress(policy: SupervisionPolicy, unitId: string | null): RecommendationAddress | null {
  const a = policy.accountability;
  if (!a || !unitId) return null;
  const superior = superiorOf(a, unitId);
  const discipline = a.disciplineBodyId ?? null;
  const order = a.recommendationAddressee === 'discipline_body' ? [discipline, superior] : [superior, discipline];
  const addresseeId = order.find((id): id is string => id !== null && id !== unitId) ?? null;
  return addresseeId === null ? null : { addresseeId, copyTo: [unitId] };
}
