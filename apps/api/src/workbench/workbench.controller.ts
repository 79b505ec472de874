import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { nationalDefaultPolicy } from '@petitions/domain';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import { caseIdParam } from '../petitions/petition.schemas';
import { PetitionWorkflowsService } from '../petitions/petition-workflows.service';
import { UNIT_ROLES } from '../auth/token';
import { availableActions } from './available-actions';
import { describeForms } from './form-descriptions';
import { WorkbenchCaseQueries } from './workbench-cases.queries';

export const caseListQuery = z.object({
  view: z.enum(['todo', 'done', 'all']).default('todo'),
  unit: z.string().trim().min(1).max(64).regex(/^[\w.:\-]+$/, 'letters, digits, . _ : - only').optional(),
  q: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
}).strict();

/** The registrar's own work: cases waiting for the bureau to route them, or to decide an objection. */
const REGISTRAR_TODO_STEPS = ['routing', 'objection'];

/**
 * What the workbench (apps/web) needs besides the endpoints every client uses: the forms of the API's commands, the
 * actions a person may take on a case now, and the to-do / done / all case lists of a unit or of the bureau.
 */
@Controller()
export class WorkbenchController {
  constructor(private readonly workflows: PetitionWorkflowsService, private readonly cases: WorkbenchCaseQueries) {}

  /** The command and registration forms, generated from the schemas POST /petitions and …/commands validate with. */
  @Get('workbench/forms')
  forms() {
    return describeForms();
  }

  /** 待办 / 已办 / all cases; unit staff name their own unit (?unit=, enforced by the guard), the registrar's 待办 is routing. */
  @Get('workbench/cases')
  async list(@Req() req: Request, @Query() query: unknown) {
    const actor = resolveActor(req);
    const q = parseOrThrow(caseListQuery, query, { zh: '查询条件', en: 'query' });
    if (actor.role === 'registrar' && q.unit) {
      throw new ApiError(400, 'VALIDATION_FAILED', '查询参数校验未通过', 'query parameters failed validation',
        { problems: [{ path: 'unit', message: 'registrars list the bureau’s cases' }] });
    }
    const asOf = new Date().toISOString();
    const items = await this.cases.list({ view: q.view, limit: q.limit, ...(q.unit ? { unitId: q.unit } : {}), ...(q.q ? { q: q.q } : {}),
      ...(actor.role === 'registrar' && q.view === 'todo' ? { steps: REGISTRAR_TODO_STEPS } : {}) });
    return { asOf, view: q.view, items: items.map((c) => ({ ...c, remainingMs: c.dueAt ? Date.parse(c.dueAt) - Date.parse(asOf) : null })) };
  }

  /** Which commands the caller may take on the case now, decided by the case's own rules on its live state. */
  @Get('petitions/:caseId/actions')
  async actions(@Req() req: Request, @Param('caseId') caseId: string) {
    const actor = resolveActor(req);
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const [view, calendar] = await Promise.all([this.workflows.view(id), this.workflows.calendarNow()]);
    const at = new Date().toISOString();
    const verdicts = availableActions(view.state, actor, describeForms().commands, { at, calendar, policy: nationalDefaultPolicy });
    return { caseId: id, asOf: at, actor: { id: actor.id, role: actor.role, unitId: actor.unitId ?? null },
      unitRole: UNIT_ROLES.includes(actor.role), actions: verdicts };
  }
}
