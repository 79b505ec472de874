import { type Limit } from '../calendar';

/**
 * 类案预警: when enough petitions about the same respondent, place or category arrive within a window, the
 * supervision office is warned, with the list of cases. Pure: arrivals and time come in; warnings go out.
 */
export type ClusterDimension = 'respondent' | 'region' | 'region_category';

export interface ClusterRule {
  id: string;
  dimension: ClusterDimension;
  /** Number of petitions (cases) within the window that raises a warning. */
  threshold: number;
  /** Sliding window; only exact-duration units make sense for arrivals (hours, minutes, seconds, calendar days). */
  window: Limit;
}

/** A newly registered case, described only by pseudonymous or administrative keys (no personal data). */
export interface ClusterArrival {
  caseId: string;
  at: string;
  respondentRef: string;
  regionCode: string;
  category: string;
}

export interface ClusterWarning {
  type: 'ClusterWarningRaised';
  ruleId: string;
  dimension: ClusterDimension;
  key: string;
  threshold: number;
  windowStart: string;
  at: string;
  caseIds: string[];
}

export interface ClusterState {
  arrivals: ClusterArrival[];
  /** Last warning per rule and key: a cluster is reported once per window, then again only when it grows anew. */
  lastWarned: Record<string, string>;
}

export const DEFAULT_CLUSTER_RULES: ClusterRule[] = [
  { id: 'same-respondent-7d', dimension: 'respondent', threshold: 5, window: { amount: 7, unit: 'calendar_days' } },
  { id: 'same-town-category-3d', dimension: 'region_category', threshold: 10, window: { amount: 3, unit: 'calendar_days' } },
  { id: 'same-town-1d', dimension: 'region', threshold: 20, window: { amount: 1, unit: 'calendar_days' } },
];

export const initialClusterState = (): ClusterState => ({ arrivals: [], lastWarned: {} });

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, calendar_days: 86_400_000, working_days: 86_400_000 };
export const windowMs = (rule: ClusterRule): number => rule.window.amount * UNIT_MS[rule.window.unit];

export function clusterKey(rule: ClusterRule, a: ClusterArrival): string {
  switch (rule.dimension) {
    case 'respondent': return a.respondentRef;
    case 'region': return a.regionCode;
    case 'region_category': return `${a.regionCode}|${a.category}`;
    default: {
      const never: never = rule.dimension;
      throw new Error(`unknown dimension ${String(never)}`);
    }
  }
}

export class ClusterRuleError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`类案预警规则无效 / invalid cluster rules: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

export function validateClusterRules(rules: ClusterRule[]): void {
  const problems: { path: string; message: string }[] = [];
  const ids = new Set<string>();
  rules.forEach((r, i) => {
    if (!r.id || ids.has(r.id)) problems.push({ path: `[${i}].id`, message: 'missing or duplicate id' });
    ids.add(r.id);
    if (!['respondent', 'region', 'region_category'].includes(r.dimension)) problems.push({ path: `[${i}].dimension`, message: 'unknown dimension' });
    if (!Number.isInteger(r.threshold) || r.threshold < 2) problems.push({ path: `[${i}].threshold`, message: 'integer ≥ 2' });
    if (!(r.window?.amount > 0) || !(r.window.unit in UNIT_MS)) problems.push({ path: `[${i}].window`, message: 'positive amount and a known unit' });
  });
  if (problems.length) throw new ClusterRuleError(problems);
}

/** Whether two arrivals fall in the same cluster of a rule (clusterKey equality, without building the keys). */
function sameCluster(rule: ClusterRule, a: ClusterArrival, b: ClusterArrival): boolean {
  switch (rule.dimension) {
    case 'respondent': return a.respondentRef === b.respondentRef;
    case 'region': return a.regionCode === b.regionCode;
    case 'region_category': return a.regionCode === b.regionCode && a.category === b.category;
    default: return clusterKey(rule, a) === clusterKey(rule, b);
  }
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` (what toISOString writes): such instants compare as strings exactly as in time. */
const isCanonicalIso = (s: string): boolean => s.length === 24 && s.charCodeAt(23) === 90 && s.charCodeAt(10) === 84;

/** `at` is strictly later than the bound (ms and its canonical ISO form); a string compare when `at` is canonical. */
const laterThan = (at: string, boundMs: number, boundIso: string | null): boolean =>
  boundIso !== null && isCanonicalIso(at) ? at > boundIso : Date.parse(at) > boundMs;
const isoOrNull = (ms: number): string | null => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : null);

/**
 * Records an arrival and returns the warnings it triggers; arrivals older than the longest window are dropped.
 * It runs for every registration over every arrival still in the window, so the pass is kept cheap: instants
 * compare as strings, clusters compare field by field.
 */
export function observeArrival(state: ClusterState, arrival: ClusterArrival, rules: ClusterRule[]): { state: ClusterState; warnings: ClusterWarning[] } {
  const now = Date.parse(arrival.at);
  const longest = Math.max(0, ...rules.map(windowMs));
  const lastWarned = { ...state.lastWarned };
  const keys = rules.map((rule) => clusterKey(rule, arrival));
  const starts = rules.map((rule) => now - windowMs(rule));
  // Only arrivals after the previous warning of this cluster count again: one warning per fresh group.
  const afters = rules.map((rule, r) => {
    const last = lastWarned[`${rule.id}|${keys[r]}`];
    return Math.max(starts[r] as number, last ? Date.parse(last) : -Infinity);
  });
  const afterIsos = afters.map(isoOrNull);
  const keptAfter = now - longest;
  const keptAfterIso = isoOrNull(keptAfter);
  const members: ClusterArrival[][] = rules.map(() => []);
  const arrivals: ClusterArrival[] = [];
  for (const a of [...state.arrivals, arrival]) {
    // An arrival seen before (a redelivered signal) changes nothing.
    if (a !== arrival && a.caseId === arrival.caseId) return { state, warnings: [] };
    if (a !== arrival && !laterThan(a.at, keptAfter, keptAfterIso)) continue;
    arrivals.push(a);
    for (let r = 0; r < rules.length; r++) {
      if (sameCluster(rules[r] as ClusterRule, a, arrival) && laterThan(a.at, afters[r] as number, afterIsos[r] as string | null)) {
        (members[r] as ClusterArrival[]).push(a);
      }
    }
  }
  const warnings: ClusterWarning[] = [];
  rules.forEach((rule, r) => {
    const group = members[r] as ClusterArrival[];
    if (group.length < rule.threshold) return;
    const key = keys[r] as string;
    warnings.push({ type: 'ClusterWarningRaised', ruleId: rule.id, dimension: rule.dimension, key, threshold: rule.threshold,
      windowStart: new Date(starts[r] as number).toISOString(), at: arrival.at, caseIds: group.map((m) => m.caseId) });
    lastWarned[`${rule.id}|${key}`] = arrival.at;
  });
  return { state: { arrivals, lastWarned }, warnings };
}
