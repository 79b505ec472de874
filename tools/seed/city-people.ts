import type { PersonInput } from '../../libs/read-model/src/directory/person.model';
import type { World } from './city-model';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['建国', '秀英', '志强', '丽华', '伟', '敏', '海燕', '军', '静', '磊', '晓东', '红梅', '国平', '文杰', '春兰', '德明', '玉珍', '卫东', '桂芳', '永刚', '晨', '佳怡'];

/** A made-up name, fixed by the person's position in the list (the same world always gets the same names). */
const nameOf = (n: number): string => `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`;

/**
 * The demo world's people as directory rows (names made up): every unit's handlers and its head (the ids the demo
 * acts with: h-…, head-…), each county's registrar at its bureau and its leader in charge (leader-<county>, at the
 * county government, above every county unit, so AssignLeader on the county's cases passes the directory check).
 */
export function directoryPeopleOf(world: World): PersonInput[] {
  const rows: PersonInput[] = [];
  const add = (id: string, unitId: string, roles: PersonInput['roles']) => rows.push({ id, nameZh: nameOf(rows.length), unitId, roles });
  for (const u of world.units) {
    for (const h of u.handlers) add(h, u.id, ['handler']);
    add(`head-${u.id.slice(2)}`, u.id, ['unit_head']);
  }
  for (const city of world.cities) {
    for (const county of city.counties) {
      add(`reg-${county.code}`, county.bureau.id, ['registrar']);
      add(`leader-${county.code}`, county.gov.id, ['leader']);
    }
  }
  return rows;
}
