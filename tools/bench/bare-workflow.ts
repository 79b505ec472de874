/**
 * The bare peer of `petitionCase` for tools/bench/run-bench.ts: the same shape of Temporal work with no domain logic.
 * Each accepted update is counted; the main loop then runs one activity per new update (plus one extra activity
 * after the first, like `reportArrival`), and waits for the next update with a timer (`condition` with a timeout,
 * cancelled when the update lands), as the real workflow waits for its next statutory deadline.
 * Only '@temporalio/workflow' may be imported here (it is bundled with bundleWorkflowCode).
 */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export interface BareActivities {
  /** One trivial INSERT into PostgreSQL (comparable I/O to the projection's write). */
  noopInsert(input: { workflowId: string; n: number; rep: string }): Promise<void>;
}

export interface BareInput { rep: string; workflowId: string; extraActivitiesAfterFirst: number }

export const bareStepUpdate = defineUpdate<{ seq: number }, [{ step: number }]>('BareStep');

const { noopInsert } = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

export async function bareCase(input: BareInput): Promise<number> {
  let accepted = 0;
  let done = 0;
  let extraDone = false;
  setHandler(bareStepUpdate, () => {
    accepted += 1;
    return { seq: accepted };
  });
  await condition(() => accepted > 0, '1 hour');
  for (;;) {
    while (done < accepted) {
      done += 1;
      await noopInsert({ workflowId: input.workflowId, n: done, rep: input.rep });
    }
    if (!extraDone) {
      for (let i = 0; i < input.extraActivitiesAfterFirst; i++) {
        await noopInsert({ workflowId: input.workflowId, n: 1000 + i, rep: input.rep });
      }
      extraDone = true;
    }
    if (done < accepted) continue;
    const seen = accepted;
    // Like the real case waiting for its next deadline: a timer, cancelled by the next update.
    await condition(() => accepted !== seen, '30 days');
  }
}
