import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AppConfig } from '@petitions/config';
import { CaseAuditor } from '@petitions/audit';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

const caseIdSchema = z.string().regex(/^[\w.:\-]{1,128}$/, 'a case id');
export const auditAsOfQuery = z.union([
  z.object({ seq: z.coerce.number().int().min(0) }).strict(),
  z.object({ at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 moment') }).strict(),
]);
export const auditPageQuery = z.object({
  after: z.string().regex(/^[\w.:\-]{1,128}$/).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
}).strict();

/** Auditors (审计) replay case histories and check the read model against them; nothing here changes a case. */
@Controller('audit')
export class AuditController {
  private readonly auditor: CaseAuditor;

  constructor(@Inject(TEMPORAL_CLIENT) client: Client, @Inject(APP_CONFIG) config: AppConfig, dataSource: DataSource) {
    this.auditor = new CaseAuditor(client, dataSource, config.payloadKeys);
  }

  @Get('cases')
  async cases(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req); // auditor/admin only: ACCESS_RULES, enforced by the guard
    const page = parseOrThrow(auditPageQuery, query, { zh: '查询条件', en: 'query' });
    return this.auditor.listCaseIds(page.after ?? null, page.limit);
  }

  @Get('cases/:caseId/replay')
  async replay(@Req() req: Request, @Param('caseId') caseId: string) {
    resolveActor(req); // auditor/admin only: ACCESS_RULES, enforced by the guard
    return this.auditor.replay(parseOrThrow(caseIdSchema, caseId, { zh: '案件编号', en: 'case id' }));
  }

  @Get('cases/:caseId/timeline')
  async timeline(@Req() req: Request, @Param('caseId') caseId: string) {
    resolveActor(req); // auditor/admin only: ACCESS_RULES, enforced by the guard
    return this.auditor.timeline(parseOrThrow(caseIdSchema, caseId, { zh: '案件编号', en: 'case id' }));
  }

  @Get('cases/:caseId/state')
  async state(@Req() req: Request, @Param('caseId') caseId: string, @Query() query: unknown) {
    resolveActor(req); // auditor/admin only: ACCESS_RULES, enforced by the guard
    const id = parseOrThrow(caseIdSchema, caseId, { zh: '案件编号', en: 'case id' });
    const asOf = parseOrThrow(auditAsOfQuery, query, { zh: '时点（seq 或 at 之一）', en: 'point in time (one of seq, at)' });
    return this.auditor.stateAsOf(id, asOf);
  }

  @Get('cases/:caseId/verify')
  async verify(@Req() req: Request, @Param('caseId') caseId: string) {
    resolveActor(req); // auditor/admin only: ACCESS_RULES, enforced by the guard
    return this.auditor.verify(parseOrThrow(caseIdSchema, caseId, { zh: '案件编号', en: 'case id' }));
  }
}
