import { type ClusterArrival, COUNTY_ONLY_CLUSTER_RULES, DEFAULT_CLUSTER_RULES, initialClusterState, validateClusterRules } from './cluster-watch';
import { observeArrival } from './cluster-watcher';
import { shardSliceOf, shardsForArrival } from './cluster-shards';

const arrival = (n: number, township: string | null, over: Partial<ClusterArrival> = {}): ClusterArrival => ({
  caseId: `t${n}`, at: new Date(Date.parse('2026-06-01T01:00:00Z') + n * 60_000).toISOString(), respondentRef: `r-${n}`,
  regionCode: '320102', ...(township ? { townshipCode: `320102${township}` } : {}), category: `cat-${n % 4}`, ...over,
});

function feed(list: ClusterArrival[], rules = DEFAULT_CLUSTER_RULES) {
  let state = initialClusterState();
  const warnings = [];
  for (const a of list) {
    const r = observeArrival(state, a, rules);
    state = r.state;
    warnings.push(...r.warnings);
  }
  return { state, warnings };
}

describe('cluster warnings by township (乡镇街道)', () => {
  const townshipRule = DEFAULT_CLUSTER_RULES.find((r) => r.id === 'same-township-1d')!;

  it('the default rules are valid and name what they group by', () => {
    expect(() => validateClusterRules(DEFAULT_CLUSTER_RULES)).not.toThrow();
    expect(DEFAULT_CLUSTER_RULES.map((r) => [r.id, r.dimension])).toEqual([
      ['same-respondent-7d', 'respondent'], ['same-township-category-3d', 'township_category'], ['same-township-1d', 'township'],
      ['same-county-category-3d', 'county_category'], ['same-county-1d', 'county'],
    ]);
  });

  it('warns on a cluster in one township, with its cases', () => {
    // 8 petitions (the rule's threshold) in township 320102005 within an hour, each on another respondent.
    const { warnings } = feed(Array.from({ length: townshipRule.threshold }, (_, i) => arrival(i, '005')));
    const township = warnings.filter((w) => w.ruleId === 'same-township-1d');
    expect(township).toHaveLength(1);
    expect(township[0]).toMatchObject({ dimension: 'township', key: '320102005', caseIds: ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'] });
    // 8 is below the county's 20: the county rule is silent.
    expect(warnings.filter((w) => w.ruleId === 'same-county-1d')).toEqual([]);
  });

  it('does not warn when the same number is spread over the county\'s townships', () => {
    const { warnings } = feed(Array.from({ length: townshipRule.threshold }, (_, i) => arrival(i, String(i + 1).padStart(3, '0'))));
    expect(warnings.filter((w) => w.dimension === 'township' || w.dimension === 'township_category')).toEqual([]);
  });

  it('county-level registrations (no township) are in no township cluster but count for the county', () => {
    const rules = [{ id: 'county-3', dimension: 'county' as const, threshold: 3, window: { amount: 1, unit: 'calendar_days' as const } },
      { id: 'township-3', dimension: 'township' as const, threshold: 3, window: { amount: 1, unit: 'calendar_days' as const } }];
    const { warnings } = feed([arrival(1, null), arrival(2, null), arrival(3, '001')], rules);
    expect(warnings.map((w) => [w.ruleId, w.key, w.caseIds])).toEqual([['county-3', '320102', ['t1', 't2', 't3']]]);
  });

  it('township + category clusters: 5 of one category in one township warn, other categories do not join', () => {
    const same = Array.from({ length: 5 }, (_, i) => arrival(i * 4, '007')); // i*4 % 4 = 0: all cat-0
    const other = [arrival(1, '007'), arrival(2, '007')]; // cat-1, cat-2
    const { warnings } = feed([...same.slice(0, 2), ...other, ...same.slice(2)]);
    const tc = warnings.filter((w) => w.ruleId === 'same-township-category-3d');
    expect(tc.map((w) => [w.key, w.caseIds])).toEqual([['320102007|cat-0', ['t0', 't4', 't8', 't12', 't16']]]);
  });

  it('the former rules keep their meaning: "same-town" groups by the county code', () => {
    const list = Array.from({ length: 20 }, (_, i) => arrival(i, String((i % 12) + 1).padStart(3, '0')));
    const { warnings } = feed(list, COUNTY_ONLY_CLUSTER_RULES);
    expect(warnings.filter((w) => w.ruleId === 'same-town-1d').map((w) => w.key)).toEqual(['320102']);
  });

  it('a township goes to its county\'s shard, and a warned township slot stays with it', () => {
    const county = arrival(1, null);
    const township = arrival(2, '009');
    const [, cShard] = shardsForArrival(county, DEFAULT_CLUSTER_RULES, 8);
    const [, tShard] = shardsForArrival(township, DEFAULT_CLUSTER_RULES, 8);
    expect(tShard).toEqual(cShard);
    const state = { arrivals: [township], lastWarned: { 'same-township-1d|320102009': township.at, 'same-township-category-3d|320102009|cat-2': township.at } };
    expect(shardSliceOf(state, DEFAULT_CLUSTER_RULES, tShard!)).toEqual(state);
  });
});
