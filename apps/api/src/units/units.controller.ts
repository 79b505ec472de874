import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { UnitDirectory, validateUnitBatch } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

export const importUnitsSchema = z.object({
  /** Unit rows ({ id, nameZh, shortName?, kind, parentId?, regionCode?, supervisingBodyId?, validFrom?, validTo? }); checked together. */
  units: z.array(z.unknown()).min(1).max(5000),
  /** Why (撤并、更名、初始导入…): kept with each new version. */
  reason: z.string().trim().min(2).max(500),
  /** From when the changes apply (ISO instant or date; default now): earlier letters keep the earlier names. */
  effectiveFrom: z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO date or instant').optional(),
}).strict();

const asOfQuery = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO date or instant').optional();
const unitIdParam = z.string().trim().min(1).max(80);

const notFound = (id: string) => new ApiError(404, 'UNIT_NOT_FOUND', `单位 ${id} 不在组织机构目录中`, `Unit ${id} is not in the organization directory`, { unitId: id });

/** The organization directory: units by id with their names as of a date, imported in validated batches. */
@Controller('units')
export class UnitsController {
  constructor(private readonly directory: UnitDirectory) {}

  @Get()
  async list() {
    return { units: await this.directory.list() };
  }

  /** A unit as of a date (`?asOf=2026-03-01`, default now): the name it had then. */
  @Get(':unitId')
  async show(@Param('unitId') unitId: string, @Query('asOf') asOf?: string) {
    const id = parseOrThrow(unitIdParam, unitId, { zh: '单位编号', en: 'unit id' });
    const at = parseOrThrow(asOfQuery, asOf, { zh: '查询日期', en: 'asOf' });
    const unit = await this.directory.get(id, at ? new Date(Date.parse(at)).toISOString() : undefined);
    if (!unit) {
      if ((await this.directory.history(id)).length) {
        throw new ApiError(404, 'UNIT_NOT_YET_RECORDED', `单位 ${id} 在 ${at} 尚无记录`, `Unit ${id} has no record as of ${at}`, { unitId: id, asOf: at });
      }
      throw notFound(id);
    }
    return unit;
  }

  @Get(':unitId/history')
  async history(@Param('unitId') unitId: string) {
    const id = parseOrThrow(unitIdParam, unitId, { zh: '单位编号', en: 'unit id' });
    const versions = await this.directory.history(id);
    if (!versions.length) throw notFound(id);
    return { unitId: id, versions };
  }

  /** Imports a batch: every problem is listed and nothing changes, or each changed unit gets a new version. */
  @Post()
  @HttpCode(201)
  async import(@Req() req: Request, @Body() body: unknown) {
    const actor = resolveActor(req);
    const input = parseOrThrow(importUnitsSchema, body, { zh: '单位导入请求', en: 'unit import' });
    const known = new Map((await this.directory.list()).map((u) => [u.id, u.parentId]));
    const checked = validateUnitBatch(input.units, known);
    if (!checked.ok) {
      throw new ApiError(422, 'UNITS_INVALID', '单位数据校验未通过，未作任何更改', 'The unit batch is invalid; nothing was changed', { problems: checked.problems });
    }
    const effectiveFrom = input.effectiveFrom ? new Date(Date.parse(input.effectiveFrom)).toISOString() : undefined;
    return this.directory.import(checked.units, { changedBy: actor.id, reason: input.reason, effectiveFrom });
  }
}
