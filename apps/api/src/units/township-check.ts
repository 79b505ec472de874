import type { UnitDirectory } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';

/**
 * Refuses a registration whose 9-digit township code the organization directory does not list (422
 * REGION_TOWNSHIP_UNKNOWN, with close matches). Six-digit (county) codes are not checked; a directory that lists no
 * township at all checks nothing (deployments without townships keep working).
 */
export async function assertTownshipKnown(directory: UnitDirectory, regionCode: string): Promise<void> {
  if (regionCode.length !== 9) return;
  const checked = await directory.checkTownship(regionCode);
  if (checked.ok) return;
  const hint = checked.suggestions.map((s) => `${s.code}（${s.name}）`).join('、');
  throw new ApiError(422, 'REGION_TOWNSHIP_UNKNOWN',
    `乡镇（街道）代码 ${regionCode} 不在组织机构目录中${hint ? `，是否指：${hint}` : ''}`,
    `Township code ${regionCode} is not in the organization directory${hint ? `; did you mean: ${checked.suggestions.map((s) => s.code).join(', ')}` : ''}`,
    { townshipCode: regionCode, suggestions: checked.suggestions });
}
