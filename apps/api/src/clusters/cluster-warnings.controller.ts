import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CLUSTER_DIMENSIONS, type ClusterDimension } from '@petitions/domain';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

export const clusterWarningsQuery = z.object({
  since: z.string().datetime({ offset: true }).optional(),
  dimension: z.enum(CLUSTER_DIMENSIONS as [ClusterDimension, ...ClusterDimension[]]).optional(),
  /** Warnings whose cluster lies in this region (code prefix: 4 digits a city, 6 a county, 9 a township). */
  region: z.string().regex(/^\d{2,9}$/).optional(),
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
          AND ($4::text IS NULL OR (dimension <> 'respondent' AND cluster_key LIKE $4 || '%'))
        ORDER BY raised_at DESC LIMIT $3`, [q.since ?? null, q.dimension ?? null, q.limit, q.region ?? null]);
    return { warnings: rows };
  }
}
