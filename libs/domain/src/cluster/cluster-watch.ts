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
