/** 机构改革 as directory operations (pure part): the request shapes, their checks, and the unit versions they append. */
import type { UnitInput, UnitVersion } from './unit.model';
import { isActiveOn } from './unit.model';
import { shanghaiDate } from '@petitions/domain';

export const REORGANIZATION_KINDS = ['merge', 'rename', 'move', 'close'] as const;
export type ReorganizationKind = (typeof REORGANIZATION_KINDS)[number];

export type ReorganizationRequest =
  /** The units are merged into `successorId` (an existing unit, or one created by the same request through `successor`). */
  | { kind: 'merge'; unitIds: string[]; successorId: string }
  | { kind: 'rename'; unitId: string; nameZh: string; shortName?: string | null }
  | { kind: 'move'; unitId: string; parentId: string }
  /** The unit is abolished; its open cases go to `successorId` when given. */
  | { kind: 'close'; unitId: string; successorId?: string | null };

export interface ReorganizationProblem { field: string; message: string }

/** The China calendar day of an instant, and the day before it (the last day a merged or closed unit exists). */
export const chinaDay = (at: string): string => shanghaiDate(Date.parse(at));
export const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const input = (u: UnitVersion): UnitInput => ({ id: u.id, nameZh: u.nameZh, shortName: u.shortName, kind: u.kind, parentId: u.parentId,
  regionCode: u.regionCode, supervisingBodyId: u.supervisingBodyId, validFrom: u.validFrom, validTo: u.validTo });

/** The units the request abolishes (merge, close): their open cases move to the successor. */
export function abolishedBy(r: ReorganizationRequest): string[] {
  return r.kind === 'merge' ? r.unitIds : r.kind === 'close' ? [r.unitId] : [];
}
export function successorOf(r: ReorganizationRequest): string | null {
  return r.kind === 'merge' ? r.successorId : r.kind === 'close' ? r.successorId ?? null : null;
}

/**
 * Checks a request against the directory as it stands (`units`: each unit's current version) and returns the unit
 * versions to append, effective at `effectiveFrom`: a merged or closed unit exists until the day before (validTo);
 * a renamed unit takes its new name; a moved unit its new parent. Every problem is listed.
 */
export function planReorganization(r: ReorganizationRequest, units: ReadonlyMap<string, UnitVersion>, effectiveFrom: string):
  { ok: true; changes: UnitInput[] } | { ok: false; problems: ReorganizationProblem[] } {
  const problems: ReorganizationProblem[] = [];
  const day = chinaDay(effectiveFrom);
  const lastDay = dayBefore(day);
  const existing = (field: string, id: string | null | undefined, mustBeActive: boolean): UnitVersion | null => {
    if (!id) { problems.push({ field, message: '必填 / required' }); return null; }
    const u = units.get(id);
    if (!u) { problems.push({ field, message: `单位 ${id} 不在组织机构目录中 / unit ${id} is not in the organization directory` }); return null; }
    if (mustBeActive && !isActiveOn(u, effectiveFrom)) problems.push({ field, message: `单位 ${id} 在 ${day} 已撤销或尚未设立 / unit ${id} does not exist on ${day}` });
    return u;
  };
  const changes: UnitInput[] = [];
  const abolish = (field: string, id: string) => {
    const u = existing(field, id, true);
    if (u) changes.push({ ...input(u), validTo: u.validTo && u.validTo < lastDay ? u.validTo : lastDay });
  };
  switch (r.kind) {
    case 'merge': {
      if (!Array.isArray(r.unitIds) || r.unitIds.length === 0) problems.push({ field: 'unitIds', message: '至少一个被合并单位 / at least one unit to merge' });
      const successor = existing('successorId', r.successorId, true);
      (r.unitIds ?? []).forEach((id, i) => {
        if (id === r.successorId) problems.push({ field: `unitIds.${i}`, message: '不能并入自身 / a unit cannot be merged into itself' });
        else abolish(`unitIds.${i}`, id);
      });
      if (new Set(r.unitIds).size !== (r.unitIds ?? []).length) problems.push({ field: 'unitIds', message: '重复的单位 / duplicate units' });
      void successor;
      break;
    }
    case 'close':
      abolish('unitId', r.unitId);
      if (r.successorId) {
        if (r.successorId === r.unitId) problems.push({ field: 'successorId', message: '承继单位不能是本单位 / the successor cannot be the unit itself' });
        else existing('successorId', r.successorId, true);
      }
      break;
    case 'rename': {
      const u = existing('unitId', r.unitId, true);
      const name = typeof r.nameZh === 'string' ? r.nameZh.trim() : '';
      if (!name) problems.push({ field: 'nameZh', message: '新名称必填 / the new name is required' });
      else if (name.length > 60) problems.push({ field: 'nameZh', message: '单位全称过长（至多60字） / name too long (at most 60)' });
      if (u && name) changes.push({ ...input(u), nameZh: name, shortName: r.shortName === undefined ? u.shortName : r.shortName });
      break;
    }
    case 'move': {
      const u = existing('unitId', r.unitId, true);
      const parent = existing('parentId', r.parentId, true);
      // The new parent must not sit below the unit (a loop).
      for (let at: string | null = parent?.id ?? null, hops = 0; at && hops <= units.size; hops++) {
        if (at === r.unitId) { problems.push({ field: 'parentId', message: '上级关系形成循环 / the parent chain loops back to the unit' }); break; }
        at = units.get(at)?.parentId ?? null;
      }
      if (u && parent) changes.push({ ...input(u), parentId: parent.id });
      break;
    }
    default:
      problems.push({ field: 'kind', message: `应为 ${REORGANIZATION_KINDS.join(', ')} 之一 / must be one of ${REORGANIZATION_KINDS.join(', ')}` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, changes };
}
