import { closeMatches, editDistance, isActiveOn, sameAttributes, validateUnitBatch, versionAsOf } from './unit.model';

const unit = (id: string, nameZh: string, shortName: string | null = null) => ({ id, nameZh, shortName });

describe('unit directory (pure)', () => {
  it('reads the version in effect at an instant: latest effectiveFrom not after it, the higher version on a tie', () => {
    const versions = [
      { version: 1, effectiveFrom: '2026-01-01T00:00:00.000Z', nameZh: '甲镇人民政府' },
      { version: 2, effectiveFrom: '2027-01-01T00:00:00.000Z', nameZh: '甲街道办事处' },
      { version: 3, effectiveFrom: '2027-01-01T00:00:00.000Z', nameZh: '甲街道办事处（更正）' },
    ];
    expect(versionAsOf(versions, '2025-12-31T23:59:59.999Z')).toBeNull();
    expect(versionAsOf(versions, '2026-06-30T00:00:00.000Z')?.nameZh).toBe('甲镇人民政府');
    expect(versionAsOf(versions, '2026-12-31T23:59:59.999Z')?.version).toBe(1);
    expect(versionAsOf(versions, '2027-01-01T00:00:00.000Z')?.version).toBe(3);
    // Versions out of order (a back-dated correction recorded later) still resolve by effectiveFrom.
    expect(versionAsOf([versions[1], versions[0]], '2026-03-01T00:00:00.000Z')?.version).toBe(1);
  });

  it('is active on the China calendar day between validFrom and validTo inclusive', () => {
    const v = { validFrom: '2026-01-01', validTo: '2026-12-31' };
    // 2026-12-31T16:00Z is already 2027-01-01 in Shanghai.
    expect(isActiveOn(v, '2026-12-31T15:59:59Z')).toBe(true);
    expect(isActiveOn(v, '2026-12-31T16:00:00Z')).toBe(false);
    expect(isActiveOn(v, '2025-12-31T15:59:59Z')).toBe(false);
    expect(isActiveOn({ validFrom: null, validTo: null }, '1999-01-01T00:00:00Z')).toBe(true);
  });

  it('counts edits (insert, delete, substitute)', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('u-320101012-town', 'u-320101021-town')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests close ids first, then shared prefixes, then name matches', () => {
    const units = [
      unit('u-320101012-town', '玄武区梅园新村街道办事处', '梅园街道'),
      unit('u-320101013-town', '玄武区新街口街道办事处', '新街口街道'),
      unit('u-320102000-gov', '秦淮区人民政府'),
      unit('city-housing', '市住房和城乡建设局', '市住建局'),
    ];
    // 022 is one substitution from 012, two from 013: both within 2 edits, the nearer first; 320102000 shares only 7.
    expect(closeMatches('u-320101022-town', units).map((m) => [m.id, m.why]))
      .toEqual([['u-320101012-town', 'edit_distance'], ['u-320101013-town', 'edit_distance']]);
    expect(closeMatches('u-320102', units).map((m) => [m.id, m.why])).toEqual([['u-320102000-gov', 'prefix']]);
    expect(closeMatches('住建局', units).map((m) => [m.id, m.why])).toEqual([['city-housing', 'name']]);
    expect(closeMatches('zzz-nothing-alike', units)).toEqual([]);
  });

  it('lists every problem of a batch, with its row', () => {
    const known = new Map<string, string | null>([['city-gov', null]]);
    const checked = validateUnitBatch([
      { id: 'a', nameZh: '甲', kind: 'township', parentId: 'b' },
      { id: 'b', nameZh: '乙', kind: 'government', parentId: 'a' },
      { id: 'c', nameZh: '', kind: 'bureau', regionCode: '3201', validFrom: '2027-01-01', validTo: '2026-01-01' },
      { id: 'a', nameZh: '甲2', kind: 'township', supervisingBodyId: 'nowhere', colour: 'red' },
      { id: 'bad id', nameZh: '丁', kind: 'other' },
    ], known);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    // Row 0 and 1 name each other as parent (a loop); the duplicate a (row 3) is refused and not checked further.
    expect(checked.problems.map((p) => `${p.row}:${p.field}`)).toEqual([
      '0:parentId', '1:parentId', '2:nameZh', '2:kind', '2:regionCode', '2:validTo', '3:id', '3:colour', '4:id',
    ]);
    expect(checked.problems[6].message).toContain('row 0');
  });

  it('accepts a valid batch referring to the directory and to itself; a repeated row changes nothing', () => {
    const checked = validateUnitBatch([
      { id: 'town-1', nameZh: '甲镇人民政府', kind: 'township', parentId: 'county-gov', regionCode: '320101', supervisingBodyId: 'county-jw' },
      { id: 'county-jw', nameZh: '县纪委监委', kind: 'discipline_body', parentId: 'county-gov' },
    ], new Map([['county-gov', null]]));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.units[0]).toMatchObject({ id: 'town-1', shortName: null, validFrom: null });
    expect(sameAttributes(checked.units[0], { ...checked.units[0], shortName: '' })).toBe(true);
    expect(sameAttributes(checked.units[0], { ...checked.units[0], nameZh: '甲街道办事处' })).toBe(false);
  });
});
