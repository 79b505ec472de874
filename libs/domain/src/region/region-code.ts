/**
 * 行政区划代码 (national statistical division codes) as the engine uses them: 6 digits name a county (县市区; the
 * first 4 its city, the first 2 its province), 9 digits a township (乡镇街道: its county's 6 digits + 3). A petition
 * records where the matter arose as either; the county is always derived from the township, never typed twice.
 */
export const COUNTY_CODE = /^\d{6}$/;
export const TOWNSHIP_CODE = /^\d{9}$/;

/** Where a matter arose: the county code and, when known, the township code (which starts with it). */
export interface PlaceCode {
  regionCode: string;
  townshipCode: string | null;
}

/** A 6-digit county code or a 9-digit township code as a place; null for anything else. */
export function parsePlaceCode(code: unknown): PlaceCode | null {
  if (typeof code !== 'string') return null;
  if (COUNTY_CODE.test(code)) return { regionCode: code, townshipCode: null };
  if (TOWNSHIP_CODE.test(code)) return { regionCode: code.slice(0, 6), townshipCode: code };
  return null;
}

/** The county code of a 6- or 9-digit code. */
export const countyOf = (code: string): string => code.slice(0, 6);
/** The city code (4 digits) of a 6- or 9-digit code. */
export const cityOf = (code: string): string => code.slice(0, 4);

/** The most precise code of a place: the township when known, else the county. */
export const placeCodeOf = (p: { regionCode: string; townshipCode?: string | null }): string => p.townshipCode ?? p.regionCode;

/** A township code consistent with the county code it was given with (its first 6 digits). */
export function townshipMatchesCounty(townshipCode: string, regionCode: string): boolean {
  return TOWNSHIP_CODE.test(townshipCode) && townshipCode.slice(0, 6) === regionCode;
}
