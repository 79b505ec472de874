import fc from 'fast-check';
import { type ClusterArrival, type ClusterRule, type ClusterState, type ClusterWarning, clusterKey, initialClusterState, windowMs } from './cluster-watch';
import { ClusterWatcher, observeArrival } from './cluster-watcher';

/** The rule as first written: a plain filter per rule over every kept arrival, instants parsed each time. */
function reference(state: ClusterState, arrival: ClusterArrival, rules: ClusterRule[]): { state: ClusterState; warnings: ClusterWarning[] } {
  const now = Date.parse(arrival.at);
  const longest = Math.max(0, ...rules.map(windowMs));
  if (state.arrivals.some((a) => a.caseId === arrival.caseId)) return { state, warnings: [] };
  const arrivals = [...state.arrivals.filter((a) => now - Date.parse(a.at) < longest), arrival];
  const lastWarned = { ...state.lastWarned };
  const warnings: ClusterWarning[] = [];
  for (const rule of rules) {
    const key = clusterKey(rule, arrival);
    if (key === null) continue; // no township known: the township rules do not apply
    const start = now - windowMs(rule);
    const slot = `${rule.id}|${key}`;
    const after = Math.max(start, lastWarned[slot] ? Date.parse(lastWarned[slot]) : -Infinity);
    const members = arrivals.filter((a) => clusterKey(rule, a) === key && Date.parse(a.at) > after);
    if (members.length >= rule.threshold) {
      warnings.push({ type: 'ClusterWarningRaised', ruleId: rule.id, dimension: rule.dimension, key, threshold: rule.threshold,
        windowStart: new Date(start).toISOString(), at: arrival.at, caseIds: members.map((m) => m.caseId) });
      lastWarned[slot] = arrival.at;
    }
  }
  return { state: { arrivals, lastWarned }, warnings };
}

const RULES: ClusterRule[] = [
  { id: 'resp', dimension: 'respondent', threshold: 2, window: { amount: 3, unit: 'hours' } },
  { id: 'town-cat', dimension: 'region_category', threshold: 3, window: { amount: 1, unit: 'calendar_days' } },
  { id: 'town', dimension: 'region', threshold: 4, window: { amount: 90, unit: 'minutes' } },
  { id: 'township', dimension: 'township', threshold: 3, window: { amount: 2, unit: 'hours' } },
  { id: 'township-cat', dimension: 'township_category', threshold: 2, window: { amount: 1, unit: 'calendar_days' } },
  { id: 'county', dimension: 'county', threshold: 5, window: { amount: 1, unit: 'calendar_days' } },
];
const T0 = Date.parse('2026-05-01T00:00:00Z');

/** Arrivals mostly in time order, some late or repeated, instants written canonically or not (+08:00, no ms). */
const arrivalsArb = fc.array(fc.record({
  n: fc.integer({ min: 0, max: 25 }),
  minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  ms: fc.integer({ min: 0, max: 999 }),
  form: fc.constantFrom('canonical', 'offset', 'seconds'),
  respondent: fc.constantFrom('r-1', 'r-2', 'r-3'),
  region: fc.constantFrom('330106', '330108'),
  // No township (a county-level registration) or one of two townships of the county.
  township: fc.constantFrom(null, '001', '002'),
  category: fc.constantFrom('a', 'b'),
}), { maxLength: 60 }).map((xs) => xs.map((x): ClusterArrival => {
  const t = T0 + x.minutes * 60_000 + (x.form === 'seconds' ? 0 : x.ms);
  const at = x.form === 'canonical' ? new Date(t).toISOString()
    : x.form === 'seconds' ? new Date(t).toISOString().replace('.000Z', 'Z')
      : new Date(t + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
  return { caseId: `c${x.n}`, at, respondentRef: x.respondent, regionCode: x.region,
    ...(x.township ? { townshipCode: `${x.region}${x.township}` } : {}), category: x.category };
}));

describe('cluster watch: the indexed watcher equals the plain rule', () => {
  it('same warnings and same state for any sequence of arrivals, one call at a time', () => {
    fc.assert(fc.property(arrivalsArb, (list) => {
      let fast = initialClusterState();
      let slow = initialClusterState();
      for (const a of list) {
        const f = observeArrival(fast, a, RULES);
        const s = reference(slow, a, RULES);
        expect(f.warnings).toEqual(s.warnings);
        expect(f.state).toEqual(s.state);
        fast = f.state;
        slow = s.state;
      }
    }), { numRuns: 400 });
  });

  it('same warnings and state with one watcher kept across arrivals, restarted from its snapshot anywhere', () => {
    fc.assert(fc.property(arrivalsArb, fc.integer({ min: 0, max: 60 }), (list, restartAt) => {
      let watcher = new ClusterWatcher(RULES);
      let slow = initialClusterState();
      list.forEach((a, i) => {
        // A continue-as-new: the next run starts from the plain JSON snapshot.
        if (i === restartAt) watcher = new ClusterWatcher(RULES, JSON.parse(JSON.stringify(watcher.snapshot())) as ClusterState);
        const s = reference(slow, a, RULES);
        expect(watcher.observe(a)).toEqual(s.warnings);
        expect(watcher.snapshot()).toEqual(s.state);
        slow = s.state;
      });
    }), { numRuns: 400 });
  });
});
