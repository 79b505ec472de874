import { validateUnitBatch } from '../../libs/read-model/src/directory/unit.model';
import { Rng, buildWorld } from './city-model';
import { directoryUnitsOf } from './city-directory';

describe('demo city directory', () => {
  it('names every unit of the world once, as a batch the directory accepts', () => {
    const world = buildWorld(new Rng(7), 1);
    const rows = directoryUnitsOf(world);
    expect(rows.map((r) => r.id).sort()).toEqual(world.units.map((u) => u.id).sort());
    expect(validateUnitBatch(rows, new Map())).toMatchObject({ ok: true });
    const town = rows.find((r) => r.id === world.cities[0]!.counties[1]!.towns[2]!.id)!;
    expect(town).toMatchObject({ nameZh: '示范1市第2区第3镇人民政府', kind: 'township', parentId: world.cities[0]!.counties[1]!.gov.id });
  });
});
