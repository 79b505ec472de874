import { Inject, Injectable } from '@nestjs/common';
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { type Actor, type BusinessCalendar, resolvePolicy } from '@petitions/domain';
import { loadBusinessCalendar } from '@petitions/config';
import { PolicyStore } from '@petitions/read-model';
import {
  type CaseCommandInput, type CaseView, type CommandOutcome, PETITION_WORKFLOW_TYPE, caseViewQuery, executeCommandUpdate,
  filePetitionUpdate, petitionWorkflowId,
} from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { deriveCaseKeys } from './case-key';
import type { CommandBody, RegistrationBody } from './petition.schemas';

/** A person waits at most this long for the case to answer; then the API says so (504) instead of hanging. */
const CALL_DEADLINE_MS = 30_000;

/** The API's side of the petition workflow: file (update-with-start), act (update), look (query). */
@Injectable()
export class PetitionWorkflowsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policies: PolicyStore,
  ) {}

  /** Built-in years plus the files in CALENDAR_DIR, read once at start-up; each case carries it in its input. */
  private readonly calendar: BusinessCalendar = loadBusinessCalendar(process.env.CALENDAR_DIR);

  /** `updateId` (from an Idempotency-Key) makes Temporal answer a repeated call with the first call's outcome. */
  async file(actor: Actor, body: RegistrationBody, opts: { updateId?: string } = {}): Promise<CommandOutcome> {
    const keys = deriveCaseKeys(this.config.caseKeySecret, body);
    const caseId = petitionWorkflowId(keys.caseKey);
    // The case runs under the most specific policy in force for its region, category, channel and kind.
    const policy = resolvePolicy(await this.policies.current(), body, new Date().toISOString());
    const startWorkflowOperation = new WithStartWorkflowOperation(PETITION_WORKFLOW_TYPE, {
      workflowId: caseId,
      taskQueue: this.config.taskQueue,
      args: [{ caseId, policy, calendar: this.calendar }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    const { summary, petitioner, ...facts } = body;
    return this.within(() => this.client.workflow.executeUpdateWithStart(filePetitionUpdate, {
      ...(opts.updateId ? { updateId: opts.updateId } : {}),
      args: [{
        actor,
        registration: {
          ...facts,
          matterRef: keys.matterRef,
          petitionerRef: keys.petitionerRef,
          nameAndAddressKnown: Boolean(petitioner.name && petitioner.address),
        },
        petitioner: { ...petitioner, summary },
      }],
      startWorkflowOperation,
    }));
  }

  act(caseId: string, actor: Actor, body: CommandBody): Promise<CommandOutcome> {
    return this.within(() => this.client.workflow.getHandle(caseId).executeUpdate(executeCommandUpdate, {
      args: [{ ...body, actor } as CaseCommandInput],
    }));
  }

  view(caseId: string): Promise<CaseView> {
    return this.within(() => this.client.workflow.getHandle(caseId).query(caseViewQuery));
  }

  private within<R>(fn: () => Promise<R>): Promise<R> {
    return this.client.withDeadline(Date.now() + CALL_DEADLINE_MS, fn);
  }
}
