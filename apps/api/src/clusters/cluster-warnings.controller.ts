import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

export const clusterWarningsQuery = z.object({
  since: z.string().datetime({ offset: true }).optional(),
  dimension: z.enum(['respondent', 'region', 'region_category']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
}).strict();

/** 类案预警 for the supervision office: newest first, each with the cases it groups. */
@Controller('supervision/cluster-warnings')
export class ClusterWarningsController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  async list(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req);
    const q = parseOrThrow(clusterWarningsQuery, query, { zh: '查询条件', en: 'query' });
    const rows = await this.ds.query(
      `SELECT warning_id AS "warningId", rule_id AS "ruleId", dimension, cluster_key AS "key", threshold,
              window_start AS "windowStart", raised_at AS "raisedAt", case_ids AS "caseIds"
         FROM cluster_warnings
        WHERE ($1::timestamptz IS NULL OR raised_at >= $1) AND ($2::text IS NULL OR dimension = $2)
        ORDER BY raised_at DESC LIMIT $3`, [q.since ?? null, q.dimension ?? null, q.limit]);
    return { warnings: rows };
  }
}
