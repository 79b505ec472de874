import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type AdoptionOutcome, type CaseCommandInput, executeCommandUpdate } from '@petitions/contracts';

/**
 * Sends one adoption command (AdoptPolicy, AdoptCalendar) to a case and reads its answer: adopted with the number of
 * clocks re-armed (from the `eventType` event), or rejected with the case's code. The case refusing (already adopted,
 * closed meanwhile, out of scope) is an answer, not a failure to retry; anything else is thrown and retried.
 */
export async function sendAdoption(client: Client, caseId: string, command: CaseCommandInput,
  eventType: 'PolicyAdopted' | 'CalendarAdopted' | 'UnitSucceeded'): Promise<AdoptionOutcome> {
  try {
    const outcome = await client.workflow.getHandle(caseId).executeUpdate(executeCommandUpdate, { args: [command] });
    const adopted = outcome.events.find((e) => e.event.type === eventType)?.event;
    return { caseId, outcome: 'adopted', rearmed: adopted && 'rearmed' in adopted ? adopted.rearmed.length : 0 };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { caseId, outcome: 'rejected', code: err.cause.type ?? 'CASE_COMMAND_REJECTED' };
    }
    if (err instanceof WorkflowNotFoundError) return { caseId, outcome: 'rejected', code: 'CASE_NOT_RUNNING' };
    throw err;
  }
}
