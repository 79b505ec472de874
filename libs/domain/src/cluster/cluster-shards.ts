import { type ClusterArrival, type ClusterDimension, type ClusterRule, type ClusterState } from './cluster-watch';

/**
 * The cluster watch split into shards so that no single workflow takes every registration of the city.
 * A rule only ever compares arrivals with the same cluster key, so the watch can be cut by key:
 * - family `respondent` (rules on the respondent) is cut by the respondent's pseudonymous ref;
 * - family `region` (rules on the county, the township, and either with the category) is cut by the 6-digit county
 *   code: a township lies in one county, so every cluster of a county and of its townships stays in one shard.
 * Each family has `count` shards; an arrival goes to one shard per family that has rules. Every shard sees
 * every arrival of its keys, so the shards together raise exactly the warnings one watch would
 * (cluster-shards.unit.spec.ts).
 */
export type ClusterShardFamily = 'respondent' | 'region';
export const CLUSTER_SHARD_FAMILIES: readonly ClusterShardFamily[] = ['respondent', 'region'];
export const MAX_CLUSTER_SHARDS = 256;

export interface ClusterShard { family: ClusterShardFamily; index: number; count: number }

export const shardFamilyOf = (dimension: ClusterDimension): ClusterShardFamily => (dimension === 'respondent' ? 'respondent' : 'region');

/** The rules one family's shards apply (in the configured order). */
export const rulesOfFamily = (rules: readonly ClusterRule[], family: ClusterShardFamily): ClusterRule[] =>
  rules.filter((r) => shardFamilyOf(r.dimension) === family);

const shardKey = (family: ClusterShardFamily, a: ClusterArrival): string => (family === 'respondent' ? a.respondentRef : a.regionCode);

/** FNV-1a over UTF-16 code units: stable across processes and versions, unlike any runtime hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function validateShardCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CLUSTER_SHARDS) {
    throw new RangeError(`类案预警分片数无效 / invalid cluster watch shard count ${String(count)}: an integer from 1 to ${MAX_CLUSTER_SHARDS}`);
  }
}

/** The shards an arrival must be reported to: one per family that has at least one rule. */
export function shardsForArrival(arrival: ClusterArrival, rules: readonly ClusterRule[], count: number): ClusterShard[] {
  validateShardCount(count);
  return CLUSTER_SHARD_FAMILIES
    .filter((family) => rulesOfFamily(rules, family).length > 0)
    .map((family) => ({ family, index: fnv1a(shardKey(family, arrival)) % count, count }));
}

export const sameShard = (a: ClusterShard, b: ClusterShard): boolean => a.family === b.family && a.index === b.index && a.count === b.count;

/**
 * The part of a whole watch's state that belongs to one shard: its arrivals and the last warnings of its rules.
 * Used to hand an unsharded watch's windows over to the shards without losing clusters already forming.
 */
export function shardSliceOf(state: ClusterState, rules: readonly ClusterRule[], shard: ClusterShard): ClusterState {
  const familyRules = rulesOfFamily(rules, shard.family);
  const inShard = (key: string): boolean => fnv1a(key) % shard.count === shard.index;
  const arrivals = familyRules.length === 0 ? [] : state.arrivals.filter((a) => inShard(shardKey(shard.family, a)));
  const lastWarned: Record<string, string> = {};
  for (const [slot, at] of Object.entries(state.lastWarned)) {
    const rule = familyRules.find((r) => slot.startsWith(`${r.id}|`));
    if (!rule) continue;
    // A slot is `rule id|cluster key`; the key starts with the county code (county, county|category, township,
    // township|category) or is the respondent ref.
    const key = slot.slice(rule.id.length + 1);
    if (inShard(shard.family === 'respondent' ? key : key.slice(0, 6))) lastWarned[slot] = at;
  }
  return { arrivals, lastWarned };
}
