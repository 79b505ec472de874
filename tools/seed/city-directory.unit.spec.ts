import { validateUnitBatch } from '../../libs/read-model/src/directory/unit.model';
import { Rng, buildWorld } from './city-model';
import { directoryUnitsOf } from './city-directory';
import { directoryPeopleOf } from './city-people';
import { validatePersonBatch } from '../../libs/read-model/src/directory/person.model';

describe('demo city directory', () => {
  it('names every unit of the world once, as a batch the directory accepts', () => {
    const world = buildWorld(new Rng(7), 1);
    const rows = directoryUnitsOf(world);
    expect(rows.map((r) => r.id).sort()).toEqual(world.units.map((u) => u.id).sort());
    expect(validateUnitBatch(rows, new Map())).toMatchObject({ ok: true });
    const town = rows.find((r) => r.id === world.cities[0]!.counties[1]!.towns[2]!.id)!;
    // Town 13 + 2 = the 15th of the city (county 1 has 13): 丰 (15 mod 14 = 1), 桥 (⌊15 / 14⌋ = 1); a district's third: 街道.
    expect(town).toMatchObject({ nameZh: '示范市临江区丰桥街道办事处', kind: 'township', parentId: world.cities[0]!.counties[1]!.gov.id });
    const names = rows.map((r) => r.nameZh);
    expect(new Set(names).size).toBe(names.length);
    expect(rows.find((r) => r.id === world.cities[0]!.counties[9]!.depts.get('housing')!.id)!.nameZh).toBe('示范市石泉县住房和城乡建设局');
    // 10 counties, 122 towns.
    expect(rows.filter((r) => r.kind === 'township')).toHaveLength(122);
    expect(rows.filter((r) => r.kind === 'government' && r.parentId)).toHaveLength(10);
  });

  it('names the people the demo acts as, in units of the directory, a batch the directory accepts', () => {
    const world = buildWorld(new Rng(7), 1);
    const units = new Set(directoryUnitsOf(world).map((u) => u.id));
    const people = directoryPeopleOf(world);
    expect(validatePersonBatch(people, units)).toMatchObject({ ok: true });
    const c1 = world.cities[0]!.counties[0]!;
    expect(people.find((p) => p.id === `leader-${c1.code}`)).toMatchObject({ unitId: c1.gov.id, roles: ['leader'] });
    expect(people.find((p) => p.id === c1.towns[0]!.handlers[0])).toMatchObject({ unitId: c1.towns[0]!.id, roles: ['handler'] });
  });
});
