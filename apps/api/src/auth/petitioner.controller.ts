import { Controller, Get, Param, Req } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import { petitionerQuery } from '@petitions/contracts';
import { TEMPORAL_CLIENT } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { caseIdParam } from '../petitions/petition.schemas';
import { resolveActor } from '../petitions/actor.resolver';
import { petitionerFor } from './masking';

/** The petitioner of a case, from its workflow; masked for roles that do not contact petitioners. */
@Controller('petitions')
export class PetitionerController {
  constructor(private readonly moduleRef: ModuleRef) {}

  @Get(':caseId/petitioner')
  async petitioner(@Req() req: Request, @Param('caseId') caseId: string) {
    const actor = resolveActor(req);
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const client = this.moduleRef.get<Client>(TEMPORAL_CLIENT, { strict: false });
    const details = await client.withDeadline(Date.now() + 30_000, () => client.workflow.getHandle(id).query(petitionerQuery));
    if (!details) throw new ApiError(404, 'PETITIONER_NOT_FOUND', '该案件没有信访人信息', 'This case has no petitioner details');
    return { caseId: id, petitioner: petitionerFor(actor.role, details) };
  }
}
