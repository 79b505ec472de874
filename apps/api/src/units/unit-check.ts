import type { UnitDirectory } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';

/** The unit ids a command names (routing: lead and co-units; review and re-review bodies). */
export function unitIdsOf(command: { type: string } & Record<string, unknown>): string[] {
  switch (command.type) {
    case 'RoutePetition':
      return [command.leadUnitId, ...((command.coUnitIds as unknown[] | undefined) ?? [])].filter((x): x is string => typeof x === 'string');
    case 'RequestReview':
      return typeof command.reviewUnitId === 'string' ? [command.reviewUnitId] : [];
    case 'RequestReReview':
      return typeof command.reReviewUnitId === 'string' ? [command.reReviewUnitId] : [];
    default:
      return [];
  }
}

/**
 * Refuses a command naming a unit the directory does not know (422 UNIT_UNKNOWN) or that does not exist today
 * (422 UNIT_INACTIVE), with close matches. An empty directory checks nothing (deployments without one keep working).
 */
export async function assertUnitsKnown(directory: UnitDirectory, command: { type: string } & Record<string, unknown>): Promise<void> {
  const ids = unitIdsOf(command);
  if (!ids.length) return;
  const checked = await directory.check(ids);
  if (checked.ok) return;
  const hint = checked.suggestions.length ? checked.suggestions.map((s) => `${s.id}（${s.nameZh}）`).join('、') : '';
  const details = { unitId: checked.unitId, suggestions: checked.suggestions };
  if (checked.code === 'UNIT_UNKNOWN') {
    throw new ApiError(422, 'UNIT_UNKNOWN', `单位 ${checked.unitId} 不在组织机构目录中${hint ? `，是否指：${hint}` : ''}`,
      `Unit ${checked.unitId} is not in the organization directory${hint ? `; did you mean: ${checked.suggestions.map((s) => s.id).join(', ')}` : ''}`, details);
  }
  throw new ApiError(422, 'UNIT_INACTIVE', `单位 ${checked.unitId} 已撤销或尚未设立${hint ? `，可选：${hint}` : ''}`,
    `Unit ${checked.unitId} is abolished or not yet created${hint ? `; perhaps: ${checked.suggestions.map((s) => s.id).join(', ')}` : ''}`, details);
}
