import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../errors/validation';
import { caseIdParam } from '../petitions/petition.schemas';
import { resolveActor } from '../petitions/actor.resolver';
import { PersonalDataAccess } from '../personal-data/personal-data.access';
import { personalDataErrors } from '../personal-data/personal-data.errors';
import { fieldsOf } from '../personal-data/personal-data.payloads';
import { clearPetitioner, maskedPetitioner } from './masking';

const ROUTE = 'GET /petitions/:caseId/petitioner';
const DEFAULT_PURPOSE = '办理信访事项 / handling the petition';

/** What is read, and why: a purpose stated here goes into the read log. */
export const purposeParam = z.string().trim().min(1).max(200);
export const petitionerViewQuery = z.object({
  /** auto: in clear when the rule allows, masked otherwise; full: in clear or 403; masked: never in clear (nothing logged). */
  view: z.enum(['auto', 'full', 'masked']).default('auto'),
  purpose: purposeParam.optional(),
}).strict();

/**
 * The petitioner of a case, from its workflow. In clear only as the personal-data rule allows (personal-data.rule.ts),
 * and only after the read is logged in personal_data_reads; otherwise masked identifiers.
 */
@Controller('petitions')
export class PetitionerController {
  constructor(private readonly access: PersonalDataAccess) {}

  @Get(':caseId/petitioner')
  async petitioner(@Req() req: Request, @Param('caseId') caseId: string, @Query() query: unknown) {
    const actor = resolveActor(req);
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const q = parseOrThrow(petitionerViewQuery, query, { zh: '查询参数', en: 'query parameters' });
    const { facts, petitioner } = await this.access.load(id);
    if (!petitioner) throw personalDataErrors.noPetitioner();
    const decision = this.access.decide(actor, facts);
    if (q.view === 'masked' || (q.view === 'auto' && !decision.allowed)) return { caseId: id, petitioner: maskedPetitioner(petitioner) };
    if (!decision.allowed) throw personalDataErrors.forbidden(id);
    const read = await this.access.record(actor, id, decision.basis, fieldsOf(petitioner), { route: ROUTE, purpose: q.purpose ?? DEFAULT_PURPOSE });
    return { caseId: id, petitioner: clearPetitioner(petitioner), read: { id: read.id, basis: read.basis, readAt: read.readAt } };
  }
}
