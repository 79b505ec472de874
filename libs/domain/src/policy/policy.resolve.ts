import { parseInstant } from '../calendar/instant';
import { nationalDefaultPolicy } from './policy.national';
import { policyPriority } from './policy.normalize';
import type { PolicyFacts, PolicyScope, SupervisionPolicy } from './supervision-policy.types';

/**
 * How specific a matching policy is, compared field by field, most significant first:
 *  1. region: length of the longest matching region prefix (6 county > 4 city > 2 province > 0 no region scope);
 *  2. category: 1 when the policy names categories, else 0;
 *  3. channel/kind: number of those dimensions the policy names (0, 1 or 2; channel and kind weigh the same).
 */
export interface PolicySpecificity {
  region: number;
  category: number;
  channelKind: number;
}

export interface RankedPolicy {
  policy: SupervisionPolicy;
  specificity: PolicySpecificity;
}

/** Specificity when the scope matches the facts, else null. */
export function matchScope(scope: PolicyScope, facts: PolicyFacts): PolicySpecificity | null {
  let region = 0;
  if (scope.regionPrefixes !== undefined) {
    const matching = scope.regionPrefixes.filter((p) => facts.regionCode.startsWith(p));
    if (matching.length === 0) return null;
    region = Math.max(...matching.map((p) => p.length));
  }
  if (scope.categories !== undefined && !scope.categories.includes(facts.category)) return null;
  if (scope.channels !== undefined && !scope.channels.includes(facts.channel)) return null;
  if (scope.kinds !== undefined && !scope.kinds.includes(facts.kind)) return null;
  return {
    region,
    category: scope.categories !== undefined ? 1 : 0,
    channelKind: (scope.channels !== undefined ? 1 : 0) + (scope.kinds !== undefined ? 1 : 0),
  };
}

/** True when the policy is in force at `at` (effectiveFrom ≤ at). */
export function isEffective(policy: SupervisionPolicy, at: string): boolean {
  const from = parseInstant(policy.effectiveFrom);
  const when = parseInstant(at);
  return from !== null && when !== null && from <= when;
}

// Plain code-unit comparison: locale-independent, so every host ranks alike.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order of precedence (first wins): specificity (region, then category, then channel/kind — see
 * PolicySpecificity), then higher `priority` (default 0), then later `effectiveFrom`, then id in
 * ascending code-unit order, then higher version.
 */
export function comparePolicies(a: RankedPolicy, b: RankedPolicy): number {
  const sa = a.specificity;
  const sb = b.specificity;
  return (
    sb.region - sa.region ||
    sb.category - sa.category ||
    sb.channelKind - sa.channelKind ||
    policyPriority(b.policy) - policyPriority(a.policy) ||
    (parseInstant(b.policy.effectiveFrom) ?? 0) - (parseInstant(a.policy.effectiveFrom) ?? 0) ||
    compareText(a.policy.id, b.policy.id) ||
    b.policy.version - a.policy.version
  );
}

/** Every policy that applies to the facts at `at`, best first (for "why this policy?" views). */
export function rankPolicies(policies: readonly SupervisionPolicy[], facts: PolicyFacts, at: string): RankedPolicy[] {
  const ranked: RankedPolicy[] = [];
  for (const policy of policies) {
    if (!isEffective(policy, at)) continue;
    const specificity = matchScope(policy.scope ?? {}, facts);
    if (specificity) ranked.push({ policy, specificity });
  }
  return ranked.sort(comparePolicies);
}

/**
 * The policy for a case with these facts registered at `at` (ISO instant): the most specific policy
 * in force (see comparePolicies); the built-in national default when none applies.
 */
export function resolvePolicy(policies: readonly SupervisionPolicy[], facts: PolicyFacts, at: string): SupervisionPolicy {
  return rankPolicies(policies, facts, at)[0]?.policy ?? nationalDefaultPolicy;
}
