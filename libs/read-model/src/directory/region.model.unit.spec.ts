import { checkTownship, closeTownships, placeName, regionsOf } from './region.model';
import type { UnitVersion } from './unit.model';

const unit = (id: string, nameZh: string, kind: UnitVersion['kind'], regionCode: string, over: Partial<UnitVersion> = {}): UnitVersion => ({
  id, nameZh, shortName: null, kind, parentId: null, regionCode, supervisingBodyId: null, validFrom: null, validTo: null,
  version: 1, effectiveFrom: '2026-01-01T00:00:00Z', changedBy: 'adm', changedAt: '2026-01-01T00:00:00Z', reason: null, ...over,
});
const AT = '2026-06-01T00:00:00Z';
const UNITS = [
  unit('city-gov', '示范市人民政府', 'government', '320100'),
  unit('c1-gov', '示范市第1区人民政府', 'government', '320101'),
  unit('c1-xfj', '示范市第1区信访局', 'petition_bureau', '320101'),
  unit('t1', '示范市第1区梅园街道办事处', 'township', '320101001', { shortName: '梅园街道' }),
  unit('t2', '示范市第1区第2镇人民政府', 'township', '320101002'),
  unit('t3', '示范市第1区第3镇人民政府', 'township', '320101003', { validTo: '2026-03-31' }), // merged away before AT
  unit('t9', '示范市第2区第1镇人民政府', 'township', '320102001'),
];

describe('places from the directory (区划)', () => {
  it('names cities, counties and townships from their governments and township units', () => {
    expect(regionsOf(UNITS, AT).map((r) => [r.code, r.level, r.name])).toEqual([
      ['3201', 'city', '示范市'], ['320101', 'county', '示范市第1区'], ['320101001', 'township', '梅园街道'],
      ['320101002', 'township', '示范市第1区第2镇'], ['320102001', 'township', '示范市第2区第1镇'],
    ]);
    expect(placeName({ nameZh: '某某街道办事处', shortName: null })).toBe('某某街道');
  });

  it('accepts a listed township and refuses an unknown one with close matches', () => {
    const regions = regionsOf(UNITS, AT);
    expect(checkTownship('320101002', regions)).toEqual({ ok: true });
    // 320101004: one digit from 001 and 002 (edit distance 1), nothing else of the county is active.
    expect(checkTownship('320101004', regions)).toEqual({ ok: false, code: 'REGION_TOWNSHIP_UNKNOWN', townshipCode: '320101004',
      suggestions: [{ code: '320101001', name: '梅园街道', why: 'edit_distance' }, { code: '320101002', name: '示范市第1区第2镇', why: 'edit_distance' },
        { code: '320102001', name: '示范市第2区第1镇', why: 'edit_distance' }] });
    // An abolished township is no longer accepted.
    expect(checkTownship('320101003', regions).ok).toBe(false);
    expect(closeTownships('320101888', regions.filter((r) => r.level === 'township')).map((m) => [m.code, m.why]))
      .toEqual([['320101001', 'same_county'], ['320101002', 'same_county']]);
  });

  it('checks nothing when the directory lists no township', () => {
    expect(checkTownship('999999999', regionsOf(UNITS.filter((u) => u.kind !== 'township'), AT))).toEqual({ ok: true });
  });
});
