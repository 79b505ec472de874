/**
 * FOR THE REPLAY TEST ONLY (never registered on a worker): the petition workflow with one deliberately
 * incompatible change, an extra activity scheduled before anything else. Replaying the committed histories
 * against it must fail with a DeterminismViolationError; that proves the replay test catches such a change.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { PetitionWorkflowInput } from '@petitions/contracts';
import { petitionCase as currentPetitionCase } from '../petition-case.workflow';

const { fixtureAuditStart } = proxyActivities<{ fixtureAuditStart(caseId: string): Promise<void> }>({
  startToCloseTimeout: '1 minute',
});

export async function petitionCase(input: PetitionWorkflowInput): ReturnType<typeof currentPetitionCase> {
  // Scheduled first, so its command takes the place of the one the history recorded.
  const audit = fixtureAuditStart(input.caseId);
  const result = await currentPetitionCase(input);
  await audit;
  return result;
}
