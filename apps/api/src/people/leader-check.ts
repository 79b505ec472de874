import type { UnitDirectory } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';

/** The units whose leaders may take charge of a case led by `leadUnitId`: the unit and its superiors (as of today). */
export async function leaderUnitsFor(directory: UnitDirectory, leadUnitId: string): Promise<string[]> {
  const byId = new Map((await directory.list()).map((u) => [u.id, u]));
  const chain: string[] = [];
  for (let at: string | null = leadUnitId; at && !chain.includes(at) && chain.length < 20; at = byId.get(at)?.parentId ?? null) chain.push(at);
  return chain;
}

/**
 * AssignLeader (领导包案): when the people directory has entries, the leader must be a person in post today, a leader
 * or unit head of the case's lead unit or of a unit above it. 422 PERSON_UNKNOWN (with close matches: those who could
 * take charge), PERSON_INACTIVE, PERSON_WRONG_UNIT, PERSON_WRONG_ROLE. An empty people directory checks nothing.
 */
export async function assertLeaderFits(directory: UnitDirectory, leaderId: string, leadUnitId: string | null): Promise<void> {
  const people = directory.people();
  const unitIds = leadUnitId ? await leaderUnitsFor(directory, leadUnitId) : [];
  const checked = await people.check(leaderId, { unitIds, roles: ['leader', 'unit_head'] });
  if (checked.ok) return;
  if (checked.code === 'PERSON_UNKNOWN' || checked.code === 'PERSON_INACTIVE') {
    const hint = checked.suggestions.map((s) => `${s.id}（${s.nameZh}）`).join('、');
    const details = { personId: leaderId, suggestions: checked.suggestions };
    if (checked.code === 'PERSON_UNKNOWN') {
      throw new ApiError(422, 'PERSON_UNKNOWN', `人员 ${leaderId} 不在人员目录中${hint ? `，是否指：${hint}` : ''}`,
        `Person ${leaderId} is not in the people directory${hint ? `; did you mean: ${checked.suggestions.map((s) => s.id).join(', ')}` : ''}`, details);
    }
    throw new ApiError(422, 'PERSON_INACTIVE', `人员 ${leaderId} 已离任或尚未到任${hint ? `，可选：${hint}` : ''}`,
      `Person ${leaderId} is no longer or not yet in post${hint ? `; perhaps: ${checked.suggestions.map((s) => s.id).join(', ')}` : ''}`, details);
  }
  if (checked.code === 'PERSON_WRONG_UNIT') {
    throw new ApiError(422, 'PERSON_WRONG_UNIT', `${checked.person.nameZh}（${leaderId}）不属于本案承办单位或其上级单位`,
      `${leaderId} belongs to neither the case's lead unit nor a unit above it`, { personId: leaderId, unitId: checked.person.unitId, allowedUnits: checked.allowedUnits });
  }
  throw new ApiError(422, 'PERSON_WRONG_ROLE', `${checked.person.nameZh}（${leaderId}）不是领导或单位负责人，不能包案`,
    `${leaderId} is neither a leader nor a unit head and cannot take charge`, { personId: leaderId, roles: checked.person.roles, allowedRoles: checked.allowedRoles });
}
