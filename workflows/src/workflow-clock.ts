/* eslint-disable no-restricted-syntax -- the one sanctioned clock: inside the workflow sandbox Date is replayed
   deterministically from the history (the time of the current workflow task), so this is workflow time. */

/** Workflow time as epoch milliseconds. */
export const workflowNowMs = (): number => Date.now();

/** Workflow time as an ISO instant, the form every command carries. */
export const workflowNowIso = (): string => new Date(Date.now()).toISOString();
