import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CaseQueries } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from './actor.resolver';
import { caseIdParam, commandSchema, registrationSchema } from './petition.schemas';
import { PetitionWorkflowsService } from './petition-workflows.service';

@Controller('petitions')
export class PetitionsController {
  constructor(private readonly workflows: PetitionWorkflowsService, private readonly queries: CaseQueries) {}

  /** Registers a petition; the same petitioner on the same matter joins the existing case as a repeat. */
  @Post()
  @HttpCode(201)
  async file(@Req() req: Request, @Body() body: unknown) {
    const actor = resolveActor(req);
    const registration = parseOrThrow(registrationSchema, body, { zh: '信访登记', en: 'registration' });
    const outcome = await this.workflows.file(actor, registration);
    return { caseId: outcome.caseId, result: outcome.result, status: outcome.status, step: outcome.step,
      events: outcome.events.map((e) => ({ seq: e.seq, type: e.event.type, at: e.event.at })) };
  }

  /** The case as the read model has it (PostgreSQL), with its event log. */
  @Get(':caseId')
  async get(@Param('caseId') caseId: string) {
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const row = await this.queries.findCase(id);
    if (!row) throw new ApiError(404, 'CASE_NOT_FOUND', '案件不存在', 'No such case');
    const events = await this.queries.listEvents(id);
    return { case: row, events: events.map(({ seq, type, occurredAt, actorId, actorRole, actorUnit, reason }) =>
      ({ seq, type, at: occurredAt, actor: { id: actorId, role: actorRole, unitId: actorUnit }, reason })) };
  }

  /** The live case from its workflow: state, timeline and every pending deadline with the time remaining. */
  @Get(':caseId/live')
  async live(@Param('caseId') caseId: string) {
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    return this.workflows.view(id);
  }

  /** A handler's step (Temporal Update): accepted with its events, or refused with a code and a reason. */
  @Post(':caseId/commands')
  async act(@Req() req: Request, @Param('caseId') caseId: string, @Body() body: unknown) {
    const actor = resolveActor(req);
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const command = parseOrThrow(commandSchema, body, { zh: '操作', en: 'command' });
    const outcome = await this.workflows.act(id, actor, command);
    return { caseId: outcome.caseId, status: outcome.status, step: outcome.step,
      events: outcome.events.map((e) => ({ seq: e.seq, type: e.event.type, at: e.event.at })) };
  }
}
