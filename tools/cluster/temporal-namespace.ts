import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../libs/contracts/src/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
const TYPE_OF = { Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long closed case histories stay in Temporal (the read model keeps the case record): 30 days. */
export const NAMESPACE_RETENTION_SECONDS = 30 * 24 * 3600;

/** gRPC status code of an error from the Temporal client, if it has one. */
function grpcCode(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? Number((err as { code: unknown }).code) : undefined;
}

/**
 * Registers the namespace (the server creates none but its own) and the case search attributes, idempotently: an
 * attribute present with the same type is left alone, one with another type is an error. Returns the attributes added.
 */
export async function ensureNamespace(connection: Connection, namespace: string): Promise<string[]> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    if (grpcCode(err) !== 5) throw err; // 5 = NOT_FOUND
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: msToTs(NAMESPACE_RETENTION_SECONDS * 1000).seconds } });
  }
  // A new namespace reaches the frontend's namespace registry at its next refresh (it polls the store): until then the
  // operator API answers NOT_FOUND for it.
  const deadline = Date.now() + 60_000;
  let listed: temporal.api.operatorservice.v1.IListSearchAttributesResponse;
  for (;;) {
    try { listed = await connection.operatorService.listSearchAttributes({ namespace }); break; } catch (err) {
      if (grpcCode(err) !== 5 || Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
  const existing = listed.customAttributes ?? {};
  const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS)) {
    const have = existing[name];
    if (have === undefined || have === null) missing[name] = TYPE_OF[type];
    else if (have !== TYPE_OF[type]) throw new Error(`search attribute ${name} exists as ${IndexedValueType[have]}, the engine needs ${type}`);
  }
  if (Object.keys(missing).length) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  return Object.keys(missing);
}

/** A visibility query naming every case search attribute: it parses only once the frontend maps them all. */
export function everyAttributeQuery(): string {
  return Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS)
    .map(([name, type]) => (type === 'Datetime' ? `${name} > '2000-01-01T00:00:00Z'` : `${name} = 'probe'`)).join(' AND ');
}

/**
 * Waits until the frontend accepts a query on every case search attribute (namespace registries poll the store, so
 * a newly added attribute takes a few seconds to become usable).
 */
export async function waitForSearchAttributes(connection: Connection, namespace: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query: everyAttributeQuery() });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`search attributes not usable after ${timeoutMs} ms: ${String(err)}`);
      await sleep(500);
    }
  }
}

/** Connects once the frontend answers (gRPC health check), retrying for `timeoutMs`. */
export async function connectWhenServing(address: string, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal frontend at ${address} not serving after ${timeoutMs} ms: ${String(err)}`);
      await sleep(300);
    }
  }
}

/**
 * Waits until history and matching answer through the frontend: describing a workflow that does not exist needs a
 * history shard owner (NOT_FOUND is its answer), describing a task queue needs matching.
 */
export async function waitForServices(connection: Connection, namespace: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: `cluster-probe-${Date.now()}` } })
        .catch((err) => { if (grpcCode(err) !== 5) throw err; });
      await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: 'cluster-probe' } });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`history/matching not answering after ${timeoutMs} ms: ${String(err)}`);
      await sleep(500);
    }
  }
}
