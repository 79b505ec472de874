/** The people directory's pure part: person shape, batch validation (every problem by row), sameness. */

/** The roles a person holds (the roles the engine's commands know, minus the system). */
export const PERSON_ROLES = ['registrar', 'handler', 'unit_head', 'leader', 'supervisor', 'auditor', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** What an import row says about a person (from `effectiveFrom` on). */
export interface PersonInput {
  id: string;
  nameZh: string;
  unitId: string;
  roles: PersonRole[];
  /** In post from / until (ISO dates, inclusive); an absent bound is open. */
  validFrom?: string | null;
  validTo?: string | null;
}

/** One stored version of a person. */
export interface PersonVersion {
  id: string;
  nameZh: string;
  unitId: string;
  roles: PersonRole[];
  validFrom: string | null;
  validTo: string | null;
  version: number;
  effectiveFrom: string;
  changedBy: string;
  changedAt: string;
  reason: string | null;
}

export interface PersonProblem { row: number; id: string | null; field: string; message: string }

const ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIELDS = ['id', 'nameZh', 'unitId', 'roles', 'validFrom', 'validTo'];

/** True when the input would change nothing of the current version (an import repeated is no new version). */
export function samePerson(a: PersonInput, b: PersonInput): boolean {
  const roles = (p: PersonInput) => [...p.roles].sort().join(',');
  return a.nameZh === b.nameZh && a.unitId === b.unitId && roles(a) === roles(b)
    && (a.validFrom ?? null) === (b.validFrom ?? null) && (a.validTo ?? null) === (b.validTo ?? null);
}

/**
 * Every problem of a batch (nothing is imported when there is one): required fields, formats, known roles, duplicates,
 * and a unit that the organization directory knows (`knownUnits`). Names are at most 30 characters (a signature line).
 */
export function validatePersonBatch(rows: unknown[], knownUnits: ReadonlySet<string>): { ok: true; people: PersonInput[] } | { ok: false; problems: PersonProblem[] } {
  const problems: PersonProblem[] = [];
  const people: PersonInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, row) => {
    const add = (field: string, message: string, id: string | null = null) => problems.push({ row, id, field, message });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return add('', '应为对象 / must be an object');
    const r = raw as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : r[k] === undefined || r[k] === null ? '' : null);
    const id = str('id');
    const uid = typeof id === 'string' && ID.test(id) ? id : null;
    if (!uid) add('id', '人员编号缺失或格式不正确（字母数字及 . _ @ -，至多80字符） / id missing or malformed (letters, digits, . _ @ -, at most 80)');
    let duplicate = false;
    if (uid) {
      duplicate = seen.has(uid);
      if (duplicate) add('id', `与第${seen.get(uid)}行重复 / duplicate of row ${seen.get(uid)}`, uid);
      else seen.set(uid, row);
    }
    for (const k of Object.keys(r)) if (!FIELDS.includes(k)) add(k, '未知字段 / unknown field', uid);
    const name = str('nameZh');
    if (!name) add('nameZh', '姓名必填 / the name is required', uid);
    else if (name.length > 30) add('nameZh', '姓名过长（至多30字） / name too long (at most 30)', uid);
    const unitId = str('unitId');
    if (!unitId) add('unitId', '所在单位必填 / the unit is required', uid);
    else if (!knownUnits.has(unitId)) add('unitId', `单位 ${unitId} 不在组织机构目录中 / unit ${unitId} is not in the organization directory`, uid);
    const rolesRaw = typeof r.roles === 'string' ? (r.roles as string).split(/[;,，、|\s]+/).filter(Boolean) : r.roles;
    const roles = Array.isArray(rolesRaw) ? rolesRaw : null;
    if (!roles || roles.length === 0) add('roles', `至少一个角色：${PERSON_ROLES.join(', ')} / at least one role of ${PERSON_ROLES.join(', ')}`, uid);
    else {
      const bad = roles.filter((x) => typeof x !== 'string' || !(PERSON_ROLES as readonly string[]).includes(x));
      if (bad.length) add('roles', `未知角色 ${bad.map(String).join('、')}（可选：${PERSON_ROLES.join(', ')}） / unknown role ${bad.map(String).join(', ')}`, uid);
    }
    const from = str('validFrom'), to = str('validTo');
    for (const [k, v] of [['validFrom', from], ['validTo', to]] as const) {
      if (v === null) add(k, '应为字符串 / must be a string', uid);
      else if (v && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) add(k, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD', uid);
    }
    if (from && to && DATE.test(from) && DATE.test(to) && from > to) add('validTo', '离任日期早于到任日期 / validTo before validFrom', uid);
    if (uid && !duplicate && name && name.length <= 30 && unitId && knownUnits.has(unitId) && roles?.length
      && roles.every((x) => (PERSON_ROLES as readonly string[]).includes(x as string))) {
      people.push({ id: uid, nameZh: name, unitId, roles: [...new Set(roles as PersonRole[])], validFrom: from || null, validTo: to || null });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, people };
}
