import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AppConfig } from '@petitions/config';
import { CaseAuditor, replayStuckProjections } from '@petitions/audit';
import { ProjectionDeadLetters } from '@petitions/read-model';
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
export const replayProjectionsBody = z.object({ caseIds: z.array(z.string().regex(/^[\w.:\-]{1,128}$/)).min(1).max(1000).optional() }).strict();

/** Auditors (审计) replay case histories and check the read model against them; nothing here changes a case. */
@Controller('audit')
export class AuditController {
  private readonly auditor: CaseAuditor;

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client, @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource) {
    this.auditor = new CaseAuditor(client, dataSource, config.payloadKeys, config.taskQueue);
  }

  /** Cases whose projection failed for good (投影阻塞), oldest first. */
  @Get('projections/stuck')
  async stuck(@Req() req: Request) {
    resolveActor(req); // auditor/admin only: ACCESS_RULES, enforced by the guard
    const deadLetters = new ProjectionDeadLetters(this.dataSource);
    return { count: await deadLetters.count(), cases: await deadLetters.list() };
  }

  /** Replays the stuck projections from the histories (after the cause is fixed); each case reports ok or its new error. */
  @Post('projections/replay')
  @HttpCode(200)
  async replayProjections(@Req() req: Request, @Body() body: unknown) {
    resolveActor(req); // admin only: ACCESS_RULES, enforced by the guard
    const parsed = parseOrThrow(replayProjectionsBody, body ?? {}, { zh: '请求体', en: 'body' });
    const results = await replayStuckProjections(this.client, this.dataSource, this.config.payloadKeys, { caseIds: parsed.caseIds });
    return { replayed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
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
