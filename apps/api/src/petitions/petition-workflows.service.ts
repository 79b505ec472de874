import { Inject, Injectable } from '@nestjs/common';
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { type Actor, type BusinessCalendar, resolvePolicy } from '@petitions/domain';
import { loadBusinessCalendar } from '@petitions/config';
import { CalendarStore, PolicyStore } from '@petitions/read-model';
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
/** Other API instances see a newly published year within this long (this one at once). */
const CALENDAR_REFRESH_MS = 30_000;

/** The API's side of the petition workflow: file (update-with-start), act (update), look (query). */
@Injectable()
export class PetitionWorkflowsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policies: PolicyStore,
    private readonly calendars: CalendarStore,
  ) {}

  /** Built-in years plus the files in CALENDAR_DIR, read once at start-up; published years (calendar_years) come on top. */
  private readonly calendar: BusinessCalendar = loadBusinessCalendar(process.env.CALENDAR_DIR);
  private cached: { at: number; calendar: Promise<BusinessCalendar> } | null = null;

  baseCalendar(): BusinessCalendar {
    return this.calendar;
  }

  /**
   * The calendar a new case starts with (it travels in the workflow input): the base years plus the published ones,
   * read from PostgreSQL at most every CALENDAR_REFRESH_MS, and at once after a publication through this instance.
   */
  calendarNow(): Promise<BusinessCalendar> {
    if (this.cached && Date.now() - this.cached.at < CALENDAR_REFRESH_MS) return this.cached.calendar;
    const calendar = this.calendars.calendar(this.calendar);
    this.cached = { at: Date.now(), calendar };
    calendar.catch(() => { this.cached = null; });
    return calendar;
  }

  forgetCalendar(): void {
    this.cached = null;
  }

  /** `updateId` (from an Idempotency-Key) makes Temporal answer a repeated call with the first call's outcome. */
  async file(actor: Actor, body: RegistrationBody, opts: { updateId?: string } = {}): Promise<CommandOutcome> {
    const keys = deriveCaseKeys(this.config.caseKeySecret, body);
    const caseId = petitionWorkflowId(keys.caseKey);
    // The case runs under the most specific policy in force for its region, category, channel and kind.
    const policy = resolvePolicy(await this.policies.current(), body, new Date().toISOString());
    const startWorkflowOperation = new WithStartWorkflowOperation(PETITION_WORKFLOW_TYPE, {
      workflowId: caseId,
      taskQueue: this.config.taskQueue,
      args: [{ caseId, policy, calendar: await this.calendarNow() }],
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
