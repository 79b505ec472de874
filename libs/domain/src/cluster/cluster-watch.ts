import { type Limit } from '../calendar';

/**
 * 类案预警: when enough petitions about the same respondent, place or category arrive within a window, the
 * supervision office is warned, with the list of cases. Pure: arrivals and time come in; warnings go out.
 */
/**
 * What a rule groups by. `township` / `township_category`: the 9-digit township code (乡镇街道), with the category;
 * arrivals without a township (county-level registrations) are not in these clusters. `county` / `county_category`:
 * the 6-digit county code. `region` / `region_category` are the first rules' names for the county (they always
 * grouped by the 6-digit region code): kept with that meaning so watches started with them replay and warn as before.
 */
export type ClusterDimension = 'respondent' | 'region' | 'region_category' | 'township' | 'township_category' | 'county' | 'county_category';
export const CLUSTER_DIMENSIONS: readonly ClusterDimension[] = [
  'respondent', 'region', 'region_category', 'township', 'township_category', 'county', 'county_category',
];

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
  /** The township (9 digits) when the registration named one; absent otherwise (and in arrivals reported before it). */
  townshipCode?: string;
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

/**
 * The rules before townships: the two "same-town" rules group by the 6-digit county code (dimension `region`).
 * Kept as data: watches started with them carry them in their input.
 */
export const COUNTY_ONLY_CLUSTER_RULES: ClusterRule[] = [
  { id: 'same-respondent-7d', dimension: 'respondent', threshold: 5, window: { amount: 7, unit: 'calendar_days' } },
  { id: 'same-town-category-3d', dimension: 'region_category', threshold: 10, window: { amount: 3, unit: 'calendar_days' } },
  { id: 'same-town-1d', dimension: 'region', threshold: 20, window: { amount: 1, unit: 'calendar_days' } },
];

/**
 * Default rules: townships as the names say, the county as rules of their own (the former "same-town" thresholds,
 * now named for what they group). A township is about a tenth of a county (122 townships in 10 counties), hence
 * the lower thresholds; all are settings (CLUSTER_RULES), see docs/townships.md.
 */
export const DEFAULT_CLUSTER_RULES: ClusterRule[] = [
  { id: 'same-respondent-7d', dimension: 'respondent', threshold: 5, window: { amount: 7, unit: 'calendar_days' } },
  { id: 'same-township-category-3d', dimension: 'township_category', threshold: 5, window: { amount: 3, unit: 'calendar_days' } },
  { id: 'same-township-1d', dimension: 'township', threshold: 8, window: { amount: 1, unit: 'calendar_days' } },
  { id: 'same-county-category-3d', dimension: 'county_category', threshold: 10, window: { amount: 3, unit: 'calendar_days' } },
  { id: 'same-county-1d', dimension: 'county', threshold: 20, window: { amount: 1, unit: 'calendar_days' } },
];

export const initialClusterState = (): ClusterState => ({ arrivals: [], lastWarned: {} });

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, calendar_days: 86_400_000, working_days: 86_400_000 };
export const windowMs = (rule: ClusterRule): number => rule.window.amount * UNIT_MS[rule.window.unit];

/** The cluster an arrival belongs to under a rule; null when the rule does not apply (no township known). */
export function clusterKey(rule: ClusterRule, a: ClusterArrival): string | null {
  switch (rule.dimension) {
    case 'respondent': return a.respondentRef;
    case 'region': case 'county': return a.regionCode;
    case 'region_category': case 'county_category': return `${a.regionCode}|${a.category}`;
    case 'township': return a.townshipCode ?? null;
    case 'township_category': return a.townshipCode ? `${a.townshipCode}|${a.category}` : null;
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
    if (!CLUSTER_DIMENSIONS.includes(r.dimension)) problems.push({ path: `[${i}].dimension`, message: 'unknown dimension' });
    if (!Number.isInteger(r.threshold) || r.threshold < 2) problems.push({ path: `[${i}].threshold`, message: 'integer ≥ 2' });
    if (!(r.window?.amount > 0) || !(r.window.unit in UNIT_MS)) problems.push({ path: `[${i}].window`, message: 'positive amount and a known unit' });
  });
  if (problems.length) throw new ClusterRuleError(problems);
}
