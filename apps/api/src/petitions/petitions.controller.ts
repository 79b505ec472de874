import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '@petitions/config';
import { CaseQueries, ProjectionDeadLetters, UnitDirectory } from '@petitions/read-model';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from './actor.resolver';
import { type RegistrationBody, caseIdParam, commandSchema, registrationSchema, suggestionSchema } from './petition.schemas';
import { petitionerRefOf, respondentRefOf } from './case-key';
import { contentSketch } from './content-sketch';
import { rankSuggestions } from './related-suggestions';
import { PetitionWorkflowsService } from './petition-workflows.service';
import { assertUnitsKnown } from '../units/unit-check';
import { assertTownshipKnown } from '../units/township-check';
import { assertLeaderFits } from '../people/leader-check';
import { IdempotencyStore, REPLAYED_HEADER, readIdempotencyKey } from './idempotency.store';
import { REGISTRATION_SCOPE } from './registration-replay';

@Controller('petitions')
export class PetitionsController {
  private readonly idempotency: IdempotencyStore;
  private readonly deadLetters: ProjectionDeadLetters;

  constructor(private readonly workflows: PetitionWorkflowsService, private readonly queries: CaseQueries,
    ds: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly directory: UnitDirectory) {
    this.idempotency = new IdempotencyStore(ds, config.caseKeySecret);
    this.deadLetters = new ProjectionDeadLetters(ds);
  }

  /**
   * Registers a petition: a new case, unless the registrar files it as a repeat of a chosen case (`repeatOf`). With
   * an Idempotency-Key the same request (same actor, key and body) is answered once and replayed afterwards.
   */
  @Post()
  @HttpCode(201)
  async file(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const actor = resolveActor(req);
    const key = readIdempotencyKey(req.headers['idempotency-key']);
    const registration = parseOrThrow(registrationSchema, body, { zh: '信访登记', en: 'registration' });
    await assertTownshipKnown(this.directory, registration.regionCode);
    if (key === undefined) return this.register(actor, registration);

    const hash = this.idempotency.requestHash(REGISTRATION_SCOPE, registration);
    const claim = await this.idempotency.claim(REGISTRATION_SCOPE, actor.id, key, hash).catch((err: unknown) => {
      const retryAfter = (err as ApiError).code === 'IDEMPOTENCY_IN_PROGRESS' ? (err as ApiError).details as { retryAfterSeconds: number } : undefined;
      if (retryAfter) res.setHeader('Retry-After', String(retryAfter.retryAfterSeconds));
      throw err;
    });
    if (claim.kind === 'replay') {
      res.status(claim.response.statusCode).setHeader(REPLAYED_HEADER, 'true');
      return claim.response.body;
    }
    try {
      const answer = await this.register(actor, registration, this.idempotency.updateId(REGISTRATION_SCOPE, actor.id, key, hash));
      await this.idempotency.complete(REGISTRATION_SCOPE, actor.id, key, claim.token, { statusCode: 201, body: answer });
      return answer;
    } catch (err) {
      await this.idempotency.release(REGISTRATION_SCOPE, actor.id, key, claim.token).catch(() => undefined);
      throw err;
    }
  }

  /** The answer holds the case id, outcome and event types only: no personal data (it is stored for replays). */
  private async register(actor: Parameters<PetitionWorkflowsService['file']>[0], registration: RegistrationBody, updateId?: string) {
    const outcome = await this.workflows.file(actor, registration, { updateId });
    return { caseId: outcome.caseId, result: outcome.result, status: outcome.status, step: outcome.step,
      events: outcome.events.map((e) => ({ seq: e.seq, type: e.event.type, at: e.event.at })) };
  }

  /**
   * Cases the registrar may mean by "same matter", best first, with a score and the reasons: same petitioner, same
   * respondent and category, similar content. Compared through HMACs and a keyed sketch only; nothing is stored.
   */
  @Post('suggest-related')
  @HttpCode(200)
  async suggestRelated(@Body() body: unknown) {
    const probe = parseOrThrow(suggestionSchema, body, { zh: '关联案件建议', en: 'related-case suggestion' });
    const secret = this.config.caseKeySecret;
    const refs = {
      petitionerRef: petitionerRefOf(secret, probe.petitioner),
      respondentRef: respondentRefOf(secret, probe.respondent, probe.category),
      contentSketch: probe.summary ? contentSketch(secret, probe.summary) : null,
    };
    const candidates = await this.queries.findRelatedCandidates(refs.petitionerRef, refs.respondentRef);
    return { suggestions: rankSuggestions(refs, candidates) };
  }

  /** The case as the read model has it (PostgreSQL), with its event log and its links to other cases both ways. */
  @Get(':caseId')
  async get(@Param('caseId') caseId: string) {
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const row = await this.queries.findCase(id);
    if (!row) throw new ApiError(404, 'CASE_NOT_FOUND', '案件不存在', 'No such case');
    const events = await this.queries.listEvents(id);
    const linkedFrom = await this.queries.listLinkedFrom(id);
    return { case: row, related: { linksTo: row.relatedCases ?? [], linkedFrom }, events: events.map(({ seq, type, occurredAt, actorId, actorRole, actorUnit, reason }) =>
      ({ seq, type, at: occurredAt, actor: { id: actorId, role: actorRole, unitId: actorUnit }, reason })) };
  }

  /**
   * The live case from its workflow: state, timeline and every pending deadline with the time remaining, and
   * whether its projection to the read model is stuck (投影阻塞: the lists and reports lag behind this view). The
   * error's text stays with the auditors (GET /audit/projections/stuck); here only its code.
   */
  @Get(':caseId/live')
  async live(@Param('caseId') caseId: string) {
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const [view, stuck] = await Promise.all([this.workflows.view(id), this.deadLetters.get(id)]);
    return { ...view, projection: stuck
      ? { status: 'stuck', labelZh: '投影阻塞', labelEn: 'projection stuck', fromSeq: stuck.firstSeq, errorCode: stuck.errorCode, since: stuck.failedAt }
      : { status: 'ok' } };
  }

  /** A handler's step (Temporal Update): accepted with its events, or refused with a code and a reason. */
  @Post(':caseId/commands')
  async act(@Req() req: Request, @Param('caseId') caseId: string, @Body() body: unknown) {
    const actor = resolveActor(req);
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const command = parseOrThrow(commandSchema, body, { zh: '操作', en: 'command' });
    await assertUnitsKnown(this.directory, command as { type: string } & Record<string, unknown>);
    if (command.type === 'AssignLeader') {
      // The live case (the read model may lag a just-routed case): its lead unit now.
      const lead = (await this.workflows.view(id)).state.assignment?.leadUnitId ?? null;
      await assertLeaderFits(this.directory, command.leaderId, lead);
    }
    const outcome = await this.workflows.act(id, actor, command);
    return { caseId: outcome.caseId, status: outcome.status, step: outcome.step,
      events: outcome.events.map((e) => ({ seq: e.seq, type: e.event.type, at: e.event.at })) };
  }
}
