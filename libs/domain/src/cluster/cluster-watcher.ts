import {
  type ClusterArrival, type ClusterRule, type ClusterState, type ClusterWarning, clusterKey, initialClusterState, windowMs,
} from './cluster-watch';

interface Entry { arrival: ClusterArrival; t: number }

/**
 * The cluster watch (类案预警) kept indexed between arrivals: by time (to drop arrivals older than the longest window)
 * and, per rule, by cluster key (so an arrival looks only at its own cluster). An arrival costs about the size of its
 * clusters instead of every arrival in the window, which a burst of registrations (a backlog import, a mass visit)
 * needs: the workflow replays thousands of arrivals within one workflow task.
 *
 * Same answers as `observeArrival` applied one by one (cluster-watch.equivalence.unit.spec.ts); pure and
 * deterministic; `snapshot()` is the plain JSON state carried across continue-as-new.
 */
export class ClusterWatcher {
  /** Kept arrivals by case id, in the order they were observed. */
  private readonly live = new Map<string, Entry>();
  /** Kept arrivals by time (ties in observation order); the first `head` are already dropped. */
  private byTime: Entry[] = [];
  private head = 0;
  /** Per rule: cluster key → its arrivals in observation order (dropped ones are skipped, then removed). */
  private readonly buckets: Map<string, Entry[]>[];
  private readonly lastWarned: Record<string, string>;
  private readonly longest: number;

  constructor(private readonly rules: readonly ClusterRule[], state: ClusterState = initialClusterState()) {
    this.longest = Math.max(0, ...rules.map(windowMs));
    this.buckets = rules.map(() => new Map());
    this.lastWarned = { ...state.lastWarned };
    for (const arrival of state.arrivals) this.add({ arrival, t: Date.parse(arrival.at) });
  }

  /** Records an arrival and returns the warnings it triggers (none for an arrival seen before). */
  observe(arrival: ClusterArrival): ClusterWarning[] {
    if (this.live.has(arrival.caseId)) return [];
    const now = Date.parse(arrival.at);
    this.dropUpTo(now - this.longest);
    const entry = { arrival, t: now };
    this.add(entry);
    const warnings: ClusterWarning[] = [];
    this.rules.forEach((rule, r) => {
      const key = clusterKey(rule, arrival);
      if (key === null) return;
      const slot = `${rule.id}|${key}`;
      const start = now - windowMs(rule);
      // Only arrivals after the previous warning of this cluster count again: one warning per fresh group.
      const last = this.lastWarned[slot];
      const after = Math.max(start, last ? Date.parse(last) : -Infinity);
      const members = this.cluster(r, key).filter((e) => e.t > after).map((e) => e.arrival);
      if (members.length < rule.threshold) return;
      warnings.push({ type: 'ClusterWarningRaised', ruleId: rule.id, dimension: rule.dimension, key, threshold: rule.threshold,
        windowStart: new Date(start).toISOString(), at: arrival.at, caseIds: members.map((m) => m.caseId) });
      this.lastWarned[slot] = arrival.at;
    });
    return warnings;
  }

  /**
   * Takes in another watch's state (a hand-over from the unsharded watch): its arrivals join the windows without
   * raising warnings, and for each cluster the later of the two last warnings is kept. Arrivals already seen are ignored.
   */
  absorb(state: ClusterState): void {
    for (const [slot, at] of Object.entries(state.lastWarned)) {
      const mine = this.lastWarned[slot];
      if (!mine || Date.parse(at) > Date.parse(mine)) this.lastWarned[slot] = at;
    }
    for (const arrival of state.arrivals) {
      if (!this.live.has(arrival.caseId)) this.add({ arrival, t: Date.parse(arrival.at) });
    }
  }

  /** The state as plain JSON (arrivals in observation order), e.g. for continue-as-new or a query. */
  snapshot(): ClusterState {
    return { arrivals: [...this.live.values()].map((e) => e.arrival), lastWarned: { ...this.lastWarned } };
  }

  private add(entry: Entry): void {
    this.live.set(entry.arrival.caseId, entry);
    // Arrivals come nearly in time order: the insertion point is almost always the end.
    let i = this.byTime.length;
    while (i > this.head && (this.byTime[i - 1] as Entry).t > entry.t) i--;
    this.byTime.splice(i, 0, entry);
    this.rules.forEach((rule, r) => {
      const key = clusterKey(rule, entry.arrival);
      if (key === null) return;
      const bucket = (this.buckets[r] as Map<string, Entry[]>).get(key);
      if (bucket) bucket.push(entry);
      else (this.buckets[r] as Map<string, Entry[]>).set(key, [entry]);
    });
  }

  /** Drops every kept arrival at or before `cutoff` (older than the longest window). */
  private dropUpTo(cutoff: number): void {
    while (this.head < this.byTime.length && (this.byTime[this.head] as Entry).t <= cutoff) {
      const e = this.byTime[this.head++] as Entry;
      this.live.delete(e.arrival.caseId);
      this.rules.forEach((rule, r) => {
        const map = this.buckets[r] as Map<string, Entry[]>;
        const key = clusterKey(rule, e.arrival);
        if (key === null) return;
        const bucket = map.get(key);
        if (!bucket) return;
        if (bucket[0] === e) bucket.shift(); // the usual case: the oldest of its cluster
        if (bucket.length === 0) map.delete(key);
      });
    }
    if (this.head > 1024 && this.head * 2 > this.byTime.length) {
      this.byTime = this.byTime.slice(this.head);
      this.head = 0;
    }
  }

  /** A rule's cluster, without arrivals dropped out of order (removed here, once). */
  private cluster(r: number, key: string): Entry[] {
    const map = this.buckets[r] as Map<string, Entry[]>;
    const bucket = map.get(key) ?? [];
    const kept = bucket.filter((e) => this.live.get(e.arrival.caseId) === e);
    if (kept.length !== bucket.length) map.set(key, kept);
    return kept;
  }
}

/**
 * Records an arrival and returns the warnings it triggers; arrivals older than the longest window are dropped.
 * The one-call form of ClusterWatcher (which keeps its indexes between arrivals; the workflow uses that).
 */
export function observeArrival(state: ClusterState, arrival: ClusterArrival, rules: ClusterRule[]): { state: ClusterState; warnings: ClusterWarning[] } {
  if (state.arrivals.some((a) => a.caseId === arrival.caseId)) return { state, warnings: [] };
  const watcher = new ClusterWatcher(rules, state);
  const warnings = watcher.observe(arrival);
  return { state: watcher.snapshot(), warnings };
}
