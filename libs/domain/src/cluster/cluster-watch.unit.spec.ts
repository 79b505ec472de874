import { type ClusterArrival, type ClusterRule, ClusterRuleError, initialClusterState, validateClusterRules } from './cluster-watch';
import { observeArrival } from './cluster-watcher';

const rules: ClusterRule[] = [
  { id: 'resp-3-in-2d', dimension: 'respondent', threshold: 3, window: { amount: 2, unit: 'calendar_days' } },
  { id: 'town-cat-2-in-1h', dimension: 'region_category', threshold: 2, window: { amount: 1, unit: 'hours' } },
];
const arrival = (n: number, at: string, over: Partial<ClusterArrival> = {}): ClusterArrival =>
  ({ caseId: `c${n}`, at, respondentRef: 'r-A', regionCode: '330106', category: 'urban_construction', ...over });

function feed(list: ClusterArrival[]) {
  let state = initialClusterState();
  const warnings = [];
  for (const a of list) {
    const r = observeArrival(state, a, rules);
    state = r.state;
    warnings.push(...r.warnings);
  }
  return { state, warnings };
}

describe('cluster warning (类案预警)', () => {
  it('warns when the threshold is reached within the window, listing the cases', () => {
    const { warnings } = feed([
      arrival(1, '2026-03-02T01:00:00Z', { category: 'a' }),
      arrival(2, '2026-03-02T05:00:00Z', { category: 'b' }),
      arrival(3, '2026-03-03T20:00:00Z', { category: 'c' }), // 43 h after the first: inside 2 days
    ]);
    expect(warnings).toEqual([expect.objectContaining({ ruleId: 'resp-3-in-2d', key: 'r-A', caseIds: ['c1', 'c2', 'c3'], at: '2026-03-03T20:00:00Z' })]);
  });

  it('does not count arrivals that fell out of the window', () => {
    const { warnings } = feed([
      arrival(1, '2026-03-02T01:00:00Z', { category: 'a' }),
      arrival(2, '2026-03-03T05:00:00Z', { category: 'b' }),
      arrival(3, '2026-03-04T02:00:00Z', { category: 'c' }), // 49 h after c1: c1 is out, only 2 remain
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns once per group: the next warning needs a fresh group of threshold size', () => {
    const { warnings } = feed([
      arrival(1, '2026-03-02T01:00:00Z'), arrival(2, '2026-03-02T01:10:00Z'), // town+category: 2 in 1 h → warn
      arrival(3, '2026-03-02T01:20:00Z'), // a third one does not warn again
      arrival(4, '2026-03-02T01:30:00Z'), // 2 after the last warning → warn again with c3, c4
    ]);
    const town = warnings.filter((w) => w.ruleId === 'town-cat-2-in-1h');
    expect(town.map((w) => w.caseIds)).toEqual([['c1', 'c2'], ['c3', 'c4']]);
    expect(warnings.filter((w) => w.ruleId === 'resp-3-in-2d').map((w) => w.caseIds)).toEqual([['c1', 'c2', 'c3']]);
  });

  it('keeps different keys apart and ignores a case seen before', () => {
    const { warnings, state } = feed([
      arrival(1, '2026-03-02T01:00:00Z', { respondentRef: 'r-A', regionCode: '330101' }),
      arrival(2, '2026-03-02T01:01:00Z', { respondentRef: 'r-B', regionCode: '330102' }),
      arrival(2, '2026-03-02T01:02:00Z', { respondentRef: 'r-B', regionCode: '330102' }),
    ]);
    expect(warnings).toEqual([]);
    expect(state.arrivals.map((a) => a.caseId)).toEqual(['c1', 'c2']);
  });

  it('rejects invalid rules with every problem listed', () => {
    expect(() => validateClusterRules([{ id: '', dimension: 'x' as never, threshold: 1, window: { amount: 0, unit: 'hours' } }])).toThrow(ClusterRuleError);
    let caught: unknown;
    try {
      validateClusterRules([{ id: 'a', dimension: 'region', threshold: 1, window: { amount: 0, unit: 'hours' } }]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ClusterRuleError);
    expect((caught as ClusterRuleError).problems.map((p) => p.path)).toEqual(['[0].threshold', '[0].window']);
  });
});
