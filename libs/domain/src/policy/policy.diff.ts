import { asJson, isPlainObject, jsonEqual } from './json.util';
import { type CasePolicy, OPTIONAL_STEP_LIMIT_KEYS } from './policy.types';
import type { JsonValue, PolicyChange } from './supervision-policy.types';

/**
 * What changed from policy `a` to policy `b`, leaf by leaf, as JSON paths ('limits.route.amount',
 * 'escalation[1].after.unit', 'scope.regionPrefixes[0]'). Objects are compared key by key (a's keys
 * first, then b's new ones); arrays index by index (a longer or shorter array shows as added or
 * removed items); a value that changes type is one change of the whole value. Absent and undefined
 * are the same. Equal documents give []. An optional limit left out (OPTIONAL_STEP_LIMIT_KEYS, e.g.
 * limits.receive in a document published before it existed) is compared as null, which is what it
 * means: leaving it out or writing null is no change, and setting it shows as changed from null.
 */
export function diffPolicies(a: CasePolicy, b: CasePolicy): PolicyChange[] {
  const changes: PolicyChange[] = [];
  walk(withOptionalLimits(a), withOptionalLimits(b), '', changes);
  return changes;
}

function withOptionalLimits(policy: CasePolicy): JsonValue {
  const doc = asJson(policy);
  if (!isPlainObject(doc) || !isPlainObject(doc.limits)) return doc;
  const limits: Record<string, JsonValue> = { ...(doc.limits as Record<string, JsonValue>) };
  for (const key of OPTIONAL_STEP_LIMIT_KEYS) if (limits[key] === undefined) limits[key] = null;
  return { ...doc, limits };
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function walk(a: JsonValue | undefined, b: JsonValue | undefined, path: string, out: PolicyChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, op: 'added', from: null, to: b ?? null });
    return;
  }
  if (b === undefined) {
    out.push({ path, op: 'removed', from: a, to: null });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], at(path, i), out);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const key of keys) walk(a[key] as JsonValue | undefined, b[key] as JsonValue | undefined, at(path, key), out);
    return;
  }
  if (!jsonEqual(a, b)) out.push({ path, op: 'changed', from: a, to: b });
}
