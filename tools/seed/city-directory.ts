import type { UnitInput } from '../../libs/read-model/src/directory/unit.model';
import type { World } from './city-model';

/** Chinese names of the model's departments (DEPT values). */
const DEPT_ZH: Record<string, string> = {
  housing: '住房和城乡建设局', public_security: '公安局', natural_resources: '自然资源和规划局', agriculture: '农业农村局', hrss: '人力资源和社会保障局',
  health: '卫生健康委员会', education: '教育局', ecology: '生态环境局', transport: '交通运输局', commerce: '商务局', market: '市场监督管理局',
  civil: '民政局', finance: '财政局', org: '委组织部', discipline: '纪委监委', culture: '文化广电和旅游局', science: '科学技术局',
  emergency: '应急管理局', veterans: '退役军人事务局',
};
/** Made-up county names (区 and 县, as a prefecture-level city has) and town-name syllables: not real places. */
const COUNTIES_ZH = ['青山区', '临江区', '东湖区', '北塘区', '南溪区', '云台区', '西岭县', '丰平县', '安宁县', '石泉县'];
const TOWN_A = ['永', '丰', '新', '安', '柳', '石', '龙', '清', '平', '兴', '和', '松', '梅', '长'];
const TOWN_B = ['安', '桥', '河', '塘', '集', '岗', '庄', '湾', '口', '坪'];
/** The n-th town's name (n over all towns of the city: each name once); a district's first three are 街道. */
const townZh = (n: number, street: boolean): string => `${TOWN_A[n % TOWN_A.length]}${TOWN_B[Math.floor(n / TOWN_A.length) % TOWN_B.length]}${street ? '街道办事处' : '镇人民政府'}`;
const KIND: Record<string, UnitInput['kind']> = { bureau: 'petition_bureau', gov: 'government', dept: 'department', town: 'township' };

/**
 * The demo world's units as directory rows, with made-up place names (示范市, 青山区, 永安镇…: not real places):
 * each county's units under its government, the county government under the city's; a town's recommendations go to
 * the county's discipline body.
 */
export function directoryUnitsOf(world: World): UnitInput[] {
  const rows: UnitInput[] = [];
  world.cities.forEach((city, ci) => {
    const cityZh = ci === 0 ? '示范市' : `示范${ci + 1}市`;
    let town = 0;
    const region = `${city.code}00`;
    rows.push({ id: city.gov.id, nameZh: `${cityZh}人民政府`, kind: 'government', regionCode: region });
    rows.push({ id: city.bureau.id, nameZh: `${cityZh}信访局`, kind: KIND.bureau!, parentId: city.gov.id, regionCode: region });
    for (const [d, u] of city.depts) {
      rows.push({ id: u.id, nameZh: `${cityZh}${DEPT_ZH[d] ?? d}`, kind: d === 'discipline' ? 'discipline_body' : 'department', parentId: city.gov.id, regionCode: region });
    }
    city.counties.forEach((county, ki) => {
      const countyZh = `${cityZh}${COUNTIES_ZH[ki] ?? `第${ki + 1}区`}`;
      const jw = county.depts.get('discipline')?.id ?? null;
      rows.push({ id: county.gov.id, nameZh: `${countyZh}人民政府`, kind: 'government', parentId: city.gov.id, regionCode: county.code });
      rows.push({ id: county.bureau.id, nameZh: `${countyZh}信访局`, kind: 'petition_bureau', parentId: county.gov.id, regionCode: county.code });
      for (const [d, u] of county.depts) {
        rows.push({ id: u.id, nameZh: `${countyZh}${DEPT_ZH[d] ?? d}`, kind: d === 'discipline' ? 'discipline_body' : 'department', parentId: county.gov.id, regionCode: county.code });
      }
      county.towns.forEach((t, ti) => rows.push({ id: t.id, nameZh: `${countyZh}${townZh(town++, ti < 3 && countyZh.endsWith('区'))}`, kind: 'township', parentId: county.gov.id,
        regionCode: t.region, supervisingBodyId: jw }));
    });
  });
  return rows;
}
