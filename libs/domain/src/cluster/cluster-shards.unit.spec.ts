import fc from 'fast-check';
import { type ClusterArrival, type ClusterRule, type ClusterWarning } from './cluster-watch';
import { ClusterWatcher } from './cluster-watcher';
import { type ClusterShard, rulesOfFamily, sameShard, shardSliceOf, shardsForArrival, validateShardCount } from './cluster-shards';

const RULES: ClusterRule[] = [
  { id: 'resp', dimension: 'respondent', threshold: 2, window: { amount: 3, unit: 'hours' } },
  { id: 'town-cat', dimension: 'region_category', threshold: 3, window: { amount: 1, unit: 'calendar_days' } },
  { id: 'town', dimension: 'region', threshold: 4, window: { amount: 90, unit: 'minutes' } },
];
const T0 = Date.parse('2026-05-01T00:00:00Z');

/** Arrivals in time order, some reported twice; a case always has the same time, respondent, town and category. */
const arrivalsArb = fc.tuple(
  fc.array(fc.record({
    respondent: fc.constantFrom('r-1', 'r-2', 'r-3', 'r-4', 'r-5'),
    region: fc.constantFrom('330106', '330108', '330109', '330110'),
    category: fc.constantFrom('a', 'b', 'a|b'),
    minutes: fc.integer({ min: 0, max: 2 * 24 * 60 }),
  }), { minLength: 41, maxLength: 41 }),
  fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80 }),
).map(([cases, xs]) => xs
  .map((n): ClusterArrival => {
    const c = cases[n] as { respondent: string; region: string; category: string; minutes: number };
    return { caseId: `c${n}`, at: new Date(T0 + c.minutes * 60_000).toISOString(), respondentRef: c.respondent, regionCode: c.region, category: c.category };
  })
  .sort((a, b) => a.at.localeCompare(b.at)));

/** The sharded watch as the activities and workflows run it: one watcher per shard, each with its family's rules. */
class ShardedWatch {
  readonly shards: { shard: ClusterShard; watcher: ClusterWatcher }[] = [];
  constructor(private readonly rules: ClusterRule[], private readonly count: number) {}

  observe(a: ClusterArrival): ClusterWarning[] {
    return shardsForArrival(a, this.rules, this.count).flatMap((shard) => this.watcherOf(shard).observe(a));
  }

  watcherOf(shard: ClusterShard): ClusterWatcher {
    let found = this.shards.find((s) => sameShard(s.shard, shard));
    if (!found) {
      found = { shard, watcher: new ClusterWatcher(rulesOfFamily(this.rules, shard.family)) };
      this.shards.push(found);
    }
    return found.watcher;
  }
}

const byRule = (ws: ClusterWarning[]): ClusterWarning[] => [...ws].sort((a, b) => a.ruleId.localeCompare(b.ruleId));

describe('cluster watch shards', () => {
  it('the shards together raise exactly the warnings of one whole watch, for any shard count', () => {
    fc.assert(fc.property(arrivalsArb, fc.integer({ min: 1, max: 7 }), (list, count) => {
      const whole = new ClusterWatcher(RULES);
      const sharded = new ShardedWatch(RULES, count);
      for (const a of list) expect(byRule(sharded.observe(a))).toEqual(byRule(whole.observe(a)));
    }), { numRuns: 300 });
  });

  it('an arrival goes to one shard per family that has rules, the same shard every time', () => {
    const a: ClusterArrival = { caseId: 'c1', at: new Date(T0).toISOString(), respondentRef: 'r-9', regionCode: '330106', category: 'a' };
    const shards = shardsForArrival(a, RULES, 8);
    expect(shards.map((s) => s.family)).toEqual(['respondent', 'region']);
    expect(shardsForArrival({ ...a, caseId: 'c2', category: 'b' }, RULES, 8)).toEqual(shards);
    expect(shardsForArrival(a, RULES.filter((r) => r.dimension !== 'respondent'), 8).map((s) => s.family)).toEqual(['region']);
    // Keys spread over the shards (not all in one).
    const indexes = new Set(Array.from({ length: 200 }, (_, i) => shardsForArrival({ ...a, respondentRef: `r-${i}` }, RULES, 8)[0]!.index));
    expect(indexes.size).toBe(8);
  });

  it('refuses a shard count outside 1..256', () => {
    for (const bad of [0, -1, 1.5, 257, Number.NaN]) expect(() => validateShardCount(bad)).toThrow(/shard count/);
    expect(() => validateShardCount(16)).not.toThrow();
  });

  it('hands a whole watch over: shards built from its slices (or absorbing them) continue with the same warnings', () => {
    fc.assert(fc.property(arrivalsArb, fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (list, cut, count, absorb) => {
      const whole = new ClusterWatcher(RULES);
      list.slice(0, cut).forEach((a) => whole.observe(a));
      const state = JSON.parse(JSON.stringify(whole.snapshot())) as ReturnType<ClusterWatcher['snapshot']>;
      const sharded = new ShardedWatch(RULES, count);
      for (const family of ['respondent', 'region'] as const) {
        for (let index = 0; index < count; index++) {
          const shard = { family, index, count };
          const slice = shardSliceOf(state, RULES, shard);
          if (absorb) sharded.watcherOf(shard).absorb(slice);
          else sharded.shards.push({ shard, watcher: new ClusterWatcher(rulesOfFamily(RULES, family), slice) });
        }
      }
      // Every arrival and every last warning lands in exactly one shard of its family.
      const kept = sharded.shards.flatMap((s) => s.watcher.snapshot().arrivals.map((a) => `${s.shard.family}:${a.caseId}`));
      expect(new Set(kept).size).toBe(kept.length);
      expect(kept.length).toBe(2 * state.arrivals.length);
      const slots = sharded.shards.flatMap((s) => Object.keys(s.watcher.snapshot().lastWarned));
      expect(slots.sort()).toEqual(Object.keys(state.lastWarned).sort());
      for (const a of list.slice(cut)) expect(byRule(sharded.observe(a))).toEqual(byRule(whole.observe(a)));
    }), { numRuns: 300 });
  });
});
