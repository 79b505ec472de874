import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { UNIT_SUCCESSION_WORKFLOW_TYPE, unitSuccessionProgressQuery, unitSuccessionWorkflowId } from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { type ReorganizationRequest, type Reorganizations, UnitDirectory, abolishedBy, successorOf } from '@petitions/read-model';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

const unitId = z.string().trim().min(1).max(80);
const common = {
  /** Why (the decision: 机构改革方案、编委文件号…): kept with the record, the unit versions and each moved case's event. */
  reason: z.string().trim().min(2).max(500),
  /** From when it applies (ISO date or instant; default now): a merged or closed unit exists until the day before. */
  effectiveFrom: z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO date or instant').optional(),
};
export const reorganizationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('merge'), unitIds: z.array(unitId).min(1).max(50), successorId: unitId, ...common }).strict(),
  z.object({ kind: z.literal('rename'), unitId, nameZh: z.string().trim().min(1).max(60), shortName: z.string().trim().max(30).nullable().optional(), ...common }).strict(),
  z.object({ kind: z.literal('move'), unitId, parentId: unitId, ...common }).strict(),
  z.object({ kind: z.literal('close'), unitId, successorId: unitId.nullable().optional(), ...common }).strict(),
]);

/**
 * 机构改革 as directory operations: merge, rename, move, close, each recorded with who, when and why. The open cases
 * of a merged or closed unit move to its successor (unitSuccession rollout: each case records UnitSucceeded, its
 * deadlines kept).
 */
@Controller('reorganizations')
export class ReorganizationsController {
  private readonly store: Reorganizations;
  constructor(directory: UnitDirectory, @Inject(TEMPORAL_CLIENT) private readonly client: Client, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.store = directory.reorganizations();
  }

  @Get()
  async list() {
    return { reorganizations: await this.store.list() };
  }

  /** The record and, when cases were moved, the rollout's progress (considered, moved, refused by code). */
  @Get(':reorganizationId')
  async show(@Param('reorganizationId') id: string) {
    const record = await this.store.get(parseOrThrow(unitId, id, { zh: '改革编号', en: 'reorganization id' }));
    if (!record) throw new ApiError(404, 'REORGANIZATION_NOT_FOUND', `机构改革记录 ${id} 不存在`, `No reorganization ${id}`, { reorganizationId: id });
    const progress = record.rolloutWorkflowId
      ? await this.client.workflow.getHandle(record.rolloutWorkflowId).query(unitSuccessionProgressQuery).catch(() => null)
      : null;
    return { ...record, rollout: progress };
  }

  @Post()
  @HttpCode(201)
  async record(@Req() req: Request, @Body() body: unknown) {
    const actor = resolveActor(req);
    const { reason, effectiveFrom, ...request } = parseOrThrow(reorganizationSchema, body, { zh: '机构改革', en: 'reorganization' });
    const at = effectiveFrom ? new Date(Date.parse(effectiveFrom)).toISOString() : undefined;
    const done = await this.store.record(request as ReorganizationRequest, { decidedBy: actor.id, reason, effectiveFrom: at });
    if (!done.ok) {
      throw new ApiError(422, 'REORGANIZATION_INVALID', '机构改革校验未通过，未作任何更改', 'The reorganization is invalid; nothing was changed', { problems: done.problems });
    }
    const successor = successorOf(request as ReorganizationRequest);
    let rollout: string | null = null;
    if (successor) {
      rollout = unitSuccessionWorkflowId(done.record.reorganizationId);
      await this.client.workflow.start(UNIT_SUCCESSION_WORKFLOW_TYPE, {
        workflowId: rollout, taskQueue: this.config.taskQueue,
        args: [{ reorganizationId: done.record.reorganizationId, fromUnitIds: abolishedBy(request as ReorganizationRequest), toUnitId: successor, decidedBy: actor.id, reason }],
      });
      await this.store.setRollout(done.record.reorganizationId, rollout);
    }
    return { ...done.record, rolloutWorkflowId: rollout, unitsUpdated: done.versions.updated };
  }
}
