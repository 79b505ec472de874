import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { type ClusterWarning, ClusterWatcher } from '@petitions/domain';
import {
  type ClusterWatchActivities, type ClusterWatchInput, clusterRulesAdoptedSignal, clusterRulesQuery, clusterStateHandedOverSignal, clusterStateQuery,
  petitionArrivedSignal,
} from '@petitions/contracts';

const { recordClusterWarning } = proxyActivities<ClusterWatchActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const ARRIVALS_BEFORE_CONTINUE_AS_NEW = 1000;

/**
 * 类案预警: watches registrations and warns the supervision office when petitions about the same respondent, town or
 * town+category cluster within a window. One run per shard (by respondent, or by town: see `shardsForArrival`), so that
 * no single workflow takes every registration of the city. The rule logic is the pure ClusterWatcher, kept
 * indexed between signals so that a burst of thousands of arrivals (and their replay) stays well inside a workflow task.
 */
export async function clusterWatch(input: ClusterWatchInput): Promise<void> {
  let rules = input.rules;
  let watcher = new ClusterWatcher(rules, input.state);
  const outbox: ClusterWarning[] = [];
  let arrivals = 0;
  setHandler(petitionArrivedSignal, (arrival) => {
    outbox.push(...watcher.observe(arrival));
    arrivals++;
  });
  setHandler(clusterStateHandedOverSignal, (state) => watcher.absorb(state));
  setHandler(clusterStateQuery, () => watcher.snapshot());
  // New rules (e.g. township rules after an upgrade): the kept arrivals are regrouped under them, no warning raised.
  setHandler(clusterRulesAdoptedSignal, (next) => {
    if (JSON.stringify(next) === JSON.stringify(rules)) return;
    rules = next;
    watcher = new ClusterWatcher(rules, watcher.snapshot());
  });
  setHandler(clusterRulesQuery, () => rules);

  for (;;) {
    await condition(() => outbox.length > 0 || arrivals >= ARRIVALS_BEFORE_CONTINUE_AS_NEW || workflowInfo().continueAsNewSuggested);
    while (outbox.length > 0) {
      await recordClusterWarning(outbox[0]);
      outbox.shift();
    }
    if (arrivals >= ARRIVALS_BEFORE_CONTINUE_AS_NEW || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (outbox.length === 0) await continueAsNew<typeof clusterWatch>({ ...input, rules, state: watcher.snapshot() });
    }
  }
}
