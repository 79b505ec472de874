import { Inject, Injectable } from '@nestjs/common';
import { type Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { type Actor, type BusinessCalendar, parsePlaceCode, resolvePolicy } from '@petitions/domain';
import { loadBusinessCalendar } from '@petitions/config';
import { CalendarStore, CaseQueries, type CaseRowEntity, PolicyStore } from '@petitions/read-model';
import {
  type CaseCommandInput, type CaseView, type CommandOutcome, type FilePetitionArgs, PETITION_WORKFLOW_TYPE, caseViewQuery,
  executeCommandUpdate, filePetitionUpdate, petitionWorkflowId,
} from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { toApiError } from '../errors/error-mapping';
import { newCaseKey, ownMatterRefOf, petitionerRefOf, respondentRefOf } from './case-key';
import { closedCaseError } from './closed-case';
import { contentSketch } from './content-sketch';
import type { CommandBody, RegistrationBody } from './petition.schemas';

/** A person waits at most this long for the case to answer; then the API says so (504) instead of hanging. */
const CALL_DEADLINE_MS = 30_000;
/** Other API instances see a newly published year within this long (this one at once). */
const CALENDAR_REFRESH_MS = 30_000;

const caseNotFound = () => new ApiError(404, 'CASE_NOT_FOUND', '案件不存在', 'No such case');

/** The API's side of the petition workflow: file (update-with-start), act (update), look (query). */
@Injectable()
export class PetitionWorkflowsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policies: PolicyStore,
    private readonly queries: CaseQueries,
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

  /**
   * Files a petition. Without `repeatOf` it is a new case. With `repeatOf` (the registrar's "same matter"): an open
   * case records it as a repeat; a closed case gets a new case linked to it, citing its re-review decision when it
   * ended with one (不再受理 then becomes an acceptance outcome of the new case). `updateId` (from an Idempotency-Key)
   * makes Temporal answer a repeated call with the first call's outcome and fixes the new case's id.
   */
  async file(actor: Actor, body: RegistrationBody, opts: { updateId?: string } = {}): Promise<CommandOutcome> {
    const { summary, petitioner, repeatOf, ...facts } = body;
    const secret = this.config.caseKeySecret;
    const sketch = contentSketch(secret, summary);
    // A 9-digit code is a township: the case records its county (first 6 digits) and the township.
    const place = parsePlaceCode(body.regionCode) ?? { regionCode: body.regionCode, townshipCode: null };
    const registration: FilePetitionArgs['registration'] = {
      ...facts,
      regionCode: place.regionCode,
      ...(place.townshipCode ? { townshipCode: place.townshipCode } : {}),
      matterRef: '',
      petitionerRef: petitionerRefOf(secret, petitioner),
      respondentRef: respondentRefOf(secret, body.respondent, body.category),
      ...(sketch ? { contentSketch: sketch } : {}),
      nameAndAddressKnown: Boolean(petitioner.name && petitioner.address),
    };
    const args = (r: FilePetitionArgs['registration']): FilePetitionArgs => ({ actor, registration: r, petitioner: { ...petitioner, summary } });
    const updateId = opts.updateId ? { updateId: opts.updateId } : {};

    let earlier: CaseRowEntity | null = null;
    if (repeatOf) {
      earlier = await this.queries.findCase(repeatOf);
      if (!earlier) throw caseNotFound();
      if (earlier.status !== 'closed') {
        try {
          return await this.within(() => this.client.workflow.getHandle(repeatOf).executeUpdate(filePetitionUpdate, {
            // A repeat keeps the case's own facts; only channel, persons and level of this petition are recorded.
            ...updateId, args: [args({ ...registration, matterRef: '-' })],
          }));
        } catch (err) {
          // Closed since the read model was last written: its row says so within moments.
          if (!(err instanceof WorkflowNotFoundError) && toApiError(err).code !== 'CASE_CLOSED') throw err;
          earlier = await this.queries.findCase(repeatOf);
          if (earlier?.status !== 'closed') throw closedCaseError('FilePetition', { caseId: repeatOf, closureReason: null, closedAt: null, events: [] });
        }
      }
    }

    const caseKey = newCaseKey(secret, opts.updateId);
    const caseId = petitionWorkflowId(caseKey);
    const linked = earlier ? {
      relatedCase: { caseId: earlier.caseId, closureReason: earlier.closureReason as never, matterRef: await this.matterOf(earlier.caseId) },
      ...(earlier.closureReason === 'final_decision' && earlier.closedAt
        ? { priorFinalDecision: { caseId: earlier.caseId, decidedAt: new Date(earlier.closedAt).toISOString() } } : {}),
    } : {};
    // The case runs under the most specific policy in force for its region, category, channel and kind.
    const policy = resolvePolicy(await this.policies.current(), { ...body, regionCode: place.regionCode }, new Date().toISOString());
    const startWorkflowOperation = new WithStartWorkflowOperation(PETITION_WORKFLOW_TYPE, {
      workflowId: caseId,
      taskQueue: this.config.taskQueue,
      args: [{ caseId, policy, calendar: await this.calendarNow() }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    try {
      return await this.within(() => this.client.workflow.executeUpdateWithStart(filePetitionUpdate, {
        ...updateId,
        args: [args({ ...registration, matterRef: ownMatterRefOf(secret, caseKey), ...linked })],
        startWorkflowOperation,
      }));
    } catch (err) {
      // The id comes from this very request (same actor, key and body): it was filed before and its case has
      // closed since (e.g. an import re-run after the key expired). The answer is that case, nothing new is filed.
      const row = opts.updateId && err instanceof WorkflowExecutionAlreadyStartedError ? await this.queries.findCase(caseId) : null;
      if (!row) throw err;
      return { caseId, result: 'registered', events: [], status: row.status as CommandOutcome['status'], step: row.step as CommandOutcome['step'] };
    }
  }

  /**
   * A step on a case. A closed case's workflow has completed, so Temporal answers "not found": the read model tells a
   * closed case (409 CASE_CLOSED, or CASE_WINDOW_CLOSED for a late request) from one that does not exist (404).
   */
  async act(caseId: string, actor: Actor, body: CommandBody): Promise<CommandOutcome> {
    const command = body.type === 'LinkRelatedCase' ? await this.withRelatedMatter(caseId, body) : body;
    try {
      return await this.within(() => this.client.workflow.getHandle(caseId).executeUpdate(executeCommandUpdate, {
        args: [{ ...command, actor } as CaseCommandInput],
      }));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) && toApiError(err).code !== 'CASE_CLOSED') throw err;
      const row = await this.queries.findCase(caseId);
      if (!row) throw caseNotFound();
      if (row.status !== 'closed') throw err;
      const events = await this.queries.listEvents(caseId);
      throw closedCaseError(body.type, { caseId, closureReason: row.closureReason, closedAt: row.closedAt as unknown as string | null, events });
    }
  }

  /** Linking takes the related case's matter reference (so the read model counts the repeat); it must exist. */
  private async withRelatedMatter(caseId: string, body: Extract<CommandBody, { type: 'LinkRelatedCase' }>) {
    const related = await this.queries.findCase(body.relatedCaseId);
    if (!related) {
      throw new ApiError(404, 'RELATED_CASE_NOT_FOUND', '要关联的案件不存在', 'The case to link to does not exist', { relatedCaseId: body.relatedCaseId });
    }
    return { ...body, relatedMatterRef: await this.matterOf(related.caseId) };
  }

  /** A case's matter reference; a row without one (never registered) gets the reference it would have had. */
  private async matterOf(caseId: string): Promise<string> {
    return (await this.queries.matterRefOf(caseId)) ?? ownMatterRefOf(this.config.caseKeySecret, caseId);
  }

  view(caseId: string): Promise<CaseView> {
    return this.within(() => this.client.workflow.getHandle(caseId).query(caseViewQuery));
  }

  private within<R>(fn: () => Promise<R>): Promise<R> {
    return this.client.withDeadline(Date.now() + CALL_DEADLINE_MS, fn);
  }
}
