import { type NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { type CaseActivities, clusterTaskQueue } from '@petitions/contracts';

export interface ClusterArrivalWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  /** The cases' task queue; the arrival reports are polled from its cluster queue. */
  taskQueue: string;
  dataConverter: DataConverter;
  reportArrival: CaseActivities['reportArrival'];
  /** Slots for arrival reports, apart from the case activities' slots. */
  maxConcurrentReports?: number;
}

/**
 * An activity-only worker for the arrival reports of 类案预警. They run on their own task queue so that a burst of
 * registrations, or a watch that is slow to answer, holds only these slots, never those of projections and letters.
 */
export function createClusterArrivalWorker(o: ClusterArrivalWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: clusterTaskQueue(o.taskQueue),
    activities: { reportArrival: o.reportArrival },
    dataConverter: o.dataConverter,
    maxConcurrentActivityTaskExecutions: o.maxConcurrentReports ?? 20,
  });
}
