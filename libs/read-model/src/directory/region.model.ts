import { editDistance, isActiveOn, type UnitVersion } from './unit.model';

/**
 * Places (区划) as the organization directory knows them. There is no region table: a township (乡镇街道) is the unit
 * of kind `township` whose region code has 9 digits (its township government or street office); a county or a city
 * is named after its government (kind `government`, 6-digit code; a city's code ends in 00). Names are shown without
 * the organ suffix (示范市第1区人民政府 → 示范市第1区; 第3镇人民政府 → 第3镇), or the unit's short name when it has one.
 */
export type RegionLevel = 'city' | 'county' | 'township';

export interface RegionEntry {
  code: string;
  level: RegionLevel;
  name: string;
  /** The unit the name comes from. */
  unitId: string;
}

const ORGAN_SUFFIX = /(人民政府|办事处)$/;

/** The place's display name: the unit's short name, else its full name without the organ suffix. */
export const placeName = (u: Pick<UnitVersion, 'nameZh' | 'shortName'>): string => u.shortName ?? (u.nameZh.replace(ORGAN_SUFFIX, '') || u.nameZh);

/** The places named by the directory's units (as of `at`): townships, counties and cities; the first unit wins a code. */
export function regionsOf(units: readonly UnitVersion[], at: string): RegionEntry[] {
  const out = new Map<string, RegionEntry>();
  for (const u of [...units].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!u.regionCode || !isActiveOn(u, at)) continue;
    if (u.kind === 'township' && u.regionCode.length === 9 && !out.has(u.regionCode)) {
      out.set(u.regionCode, { code: u.regionCode, level: 'township', name: placeName(u), unitId: u.id });
    }
    if (u.kind === 'government' && u.regionCode.length === 6) {
      const city = u.regionCode.endsWith('00');
      const code = city ? u.regionCode.slice(0, 4) : u.regionCode;
      if (!out.has(code)) out.set(code, { code, level: city ? 'city' : 'county', name: placeName(u), unitId: u.id });
    }
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export interface TownshipMatch { code: string; name: string; why: 'same_county' | 'edit_distance' | 'name' }

/**
 * Townships a mistyped 9-digit code probably meant, best first (at most `limit`): codes one or two digits away,
 * townships of the same county (the first 6 digits), or a township whose name contains the text.
 */
export function closeTownships(text: string, townships: readonly RegionEntry[], limit = 3): TownshipMatch[] {
  const scored: { m: TownshipMatch; score: number }[] = [];
  for (const t of townships) {
    const d = editDistance(text, t.code);
    if (d <= 2) scored.push({ m: { code: t.code, name: t.name, why: 'edit_distance' }, score: d });
    else if (/^\d{6}/.test(text) && t.code.startsWith(text.slice(0, 6))) scored.push({ m: { code: t.code, name: t.name, why: 'same_county' }, score: 10 });
    else if (text.length >= 2 && !/^\d+$/.test(text) && t.name.includes(text)) scored.push({ m: { code: t.code, name: t.name, why: 'name' }, score: 20 });
  }
  return scored.sort((a, b) => a.score - b.score || a.m.code.localeCompare(b.m.code)).slice(0, limit).map((s) => s.m);
}

/** Checks a township code: ok when the directory lists no township (not in use) or lists this one. */
export type TownshipCheck = { ok: true } | { ok: false; code: 'REGION_TOWNSHIP_UNKNOWN'; townshipCode: string; suggestions: TownshipMatch[] };

export function checkTownship(code: string, regions: readonly RegionEntry[]): TownshipCheck {
  const townships = regions.filter((r) => r.level === 'township');
  if (!townships.length || townships.some((t) => t.code === code)) return { ok: true };
  return { ok: false, code: 'REGION_TOWNSHIP_UNKNOWN', townshipCode: code, suggestions: closeTownships(code, townships) };
}
