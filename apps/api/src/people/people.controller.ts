import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { PersonDirectory, UnitDirectory, validatePersonBatch } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

export const importPeopleSchema = z.object({
  /** Person rows ({ id, nameZh, unitId, roles, validFrom?, validTo? }); checked together, against the unit directory. */
  people: z.array(z.unknown()).min(1).max(5000),
  /** Why (初始导入、人事调整…): kept with each new version. */
  reason: z.string().trim().min(2).max(500),
  /** From when the changes apply (ISO date or instant; default now). */
  effectiveFrom: z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO date or instant').optional(),
}).strict();

const asOfQuery = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO date or instant').optional();
const personIdParam = z.string().trim().min(1).max(80);
const unitFilter = z.string().trim().min(1).max(80).optional();

const notFound = (id: string) => new ApiError(404, 'PERSON_NOT_FOUND', `人员 ${id} 不在人员目录中`, `Person ${id} is not in the people directory`, { personId: id });

/** The people directory: handlers, unit heads, leaders, supervisors, auditors, registrars; versioned like units. */
@Controller('people')
export class PeopleController {
  private readonly people: PersonDirectory;
  constructor(private readonly units: UnitDirectory) {
    this.people = units.people();
  }

  /** Everyone (current version), or the people of one unit (`?unitId=`). */
  @Get()
  async list(@Query('unitId') unitId?: string) {
    const unit = parseOrThrow(unitFilter, unitId, { zh: '单位编号', en: 'unitId' });
    return { people: await this.people.list({ unitId: unit }) };
  }

  /** A person as of a date (`?asOf=`, default now), with every version (who changed what, when, why). */
  @Get(':personId')
  async show(@Param('personId') personId: string, @Query('asOf') asOf?: string) {
    const id = parseOrThrow(personIdParam, personId, { zh: '人员编号', en: 'person id' });
    const at = parseOrThrow(asOfQuery, asOf, { zh: '查询日期', en: 'asOf' });
    const versions = await this.people.history(id);
    if (!versions.length) throw notFound(id);
    const person = await this.people.get(id, at ? new Date(Date.parse(at)).toISOString() : undefined);
    if (!person) throw new ApiError(404, 'PERSON_NOT_YET_RECORDED', `人员 ${id} 在 ${at} 尚无记录`, `Person ${id} has no record as of ${at}`, { personId: id, asOf: at });
    const unitName = (await this.units.namesAsOf([person.unitId], at ? new Date(Date.parse(at)).toISOString() : new Date().toISOString())).get(person.unitId);
    return { ...person, unitName, versions };
  }

  /** Imports a batch: every problem is listed and nothing changes, or each changed person gets a new version. */
  @Post()
  @HttpCode(201)
  async import(@Req() req: Request, @Body() body: unknown) {
    const actor = resolveActor(req);
    const input = parseOrThrow(importPeopleSchema, body, { zh: '人员导入请求', en: 'people import' });
    const knownUnits = new Set((await this.units.list()).map((u) => u.id));
    const checked = validatePersonBatch(input.people, knownUnits);
    if (!checked.ok) {
      throw new ApiError(422, 'PEOPLE_INVALID', '人员数据校验未通过，未作任何更改', 'The people batch is invalid; nothing was changed', { problems: checked.problems });
    }
    const effectiveFrom = input.effectiveFrom ? new Date(Date.parse(input.effectiveFrom)).toISOString() : undefined;
    return this.people.import(checked.people, { changedBy: actor.id, reason: input.reason, effectiveFrom });
  }
}
