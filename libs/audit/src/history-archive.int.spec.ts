import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { type TestStack, eventually, startStack } from '../../../tools/test/harness';
import { archiveClosedCases } from './history-archive';
import { CaseAuditor } from './read-model.verifier';

const registrar = { 'x-actor-id': 'reg-ar', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };

describe('retention: a closed case stays replayable after the server has deleted it', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack('archive'); });
  afterAll(async () => { await stack?.stop(); });

  it('archives the closed case\'s history, and replay and timeline read the archive once the server no longer has it', async () => {
    const res = await fetch(`${stack.url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'phone', kind: 'claim', category: 'education', regionCode: '640104', level: 'city', persons: 1,
      respondent: { type: 'unit', description: `归档测试学校-${randomUUID()}` }, summary: '归档测试',
      petitioner: { name: '测试人己', idNumber: '640104199909091234' } }) });
    const { caseId } = (await res.json()) as { caseId: string };
    const running = await archiveClosedCases(stack.client, stack.db, [caseId]);
    expect(running).toEqual({ cases: 0, runs: 0 }); // still running: not archived yet
    await fetch(`${stack.url}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ type: 'WithdrawPetition', reason: '信访人撤回' }) });
    await stack.client.workflow.getHandle(caseId).result();

    expect(await archiveClosedCases(stack.client, stack.db, [caseId])).toEqual({ cases: 1, runs: 1 });
    const auditor = new CaseAuditor(stack.client, stack.db, process.env.PAYLOAD_KEYS!);
    const before = await auditor.timeline(caseId);

    // Retention: the server deletes the execution.
    const { runId } = await stack.client.workflow.getHandle(caseId).describe();
    await stack.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: caseId, runId } });
    await eventually(async () => {
      try { await stack.client.workflow.getHandle(caseId).describe(); return false; } catch (e) { return e instanceof WorkflowNotFoundError; }
    }, 60_000, 500);

    const replay = await auditor.replay(caseId);
    expect(replay).toMatchObject({ verdict: 'deterministic' });
    expect((await auditor.timeline(caseId)).timeline).toEqual(before.timeline);
    expect(before.timeline.map((t) => t.type)).toEqual(expect.arrayContaining(['PetitionRegistered', 'PetitionWithdrawn', 'CaseClosed']));
  });
});
