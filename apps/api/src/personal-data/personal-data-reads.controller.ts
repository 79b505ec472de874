import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { shanghaiMidnightText } from '@petitions/domain';
import { MAX_PAGE, PersonalDataReads } from '@petitions/read-model';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

const id = z.string().trim().min(1).max(128).regex(/^[\w.:\-]+$/, 'letters, digits, . _ : - only');
/** An instant with offset, or a date (00:00 Asia/Shanghai that day), as the supervision lists take them. */
const instantOrDate = z.string().max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 instant with offset')
  .transform((s) => (s.length === 10 ? shanghaiMidnightText(s) : s))
  .refine((s) => Number.isFinite(Date.parse(s)), 'a real date')
  .transform((s) => new Date(Date.parse(s)).toISOString());

export const personalDataReadsQuery = z.object({
  caseId: id.optional(),
  actorId: id.optional(),
  from: instantOrDate.optional(),
  to: instantOrDate.optional(),
  limit: z.string().regex(/^\d{1,6}$/, 'a whole number').transform(Number).refine((n) => n >= 1 && n <= MAX_PAGE, `between 1 and ${MAX_PAGE}`).default(50),
  cursor: z.string().max(400).regex(/^[\w-]+$/, 'opaque cursor').optional(),
}).strict().superRefine((v, ctx) => {
  if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
});

/** The log of personal-data reads (个人信息查阅记录), for auditors: newest first, filtered and keyset-paginated. */
@Controller('audit')
export class PersonalDataReadsController {
  constructor(private readonly reads: PersonalDataReads) {}

  @Get('personal-data-reads')
  async list(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req); // auditors only: ACCESS_RULES, enforced by the guard
    const q = parseOrThrow(personalDataReadsQuery, query, { zh: '查询参数', en: 'query parameters' });
    // A stale cursor (ReadModelQueryError) is answered 400 by the one error mapper (errors/error-mapping.ts).
    return this.reads.list({ caseId: q.caseId, actorId: q.actorId, from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor });
  }
}
