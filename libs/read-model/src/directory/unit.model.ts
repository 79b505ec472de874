/** The organization directory's pure part: unit shape, batch validation, as-of resolution, activity, close matches. */
import { shanghaiDate } from '@petitions/domain';

export const UNIT_KINDS = ['petition_bureau', 'government', 'department', 'discipline_body', 'court_procuratorate', 'township', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What an import row says about a unit (its attributes from `effectiveFrom` on). */
export interface UnitInput {
  id: string;
  nameZh: string;
  shortName?: string | null;
  kind: UnitKind;
  parentId?: string | null;
  regionCode?: string | null;
  /** The body recommendations about this unit go to (policy.accountability), when not the parent. */
  supervisingBodyId?: string | null;
  /** The unit exists from / until (ISO dates, inclusive); an absent bound is open. */
  validFrom?: string | null;
  validTo?: string | null;
}

/** One stored version of a unit. */
export interface UnitVersion extends Required<{ [K in keyof UnitInput]: Exclude<UnitInput[K], undefined> }> {
  version: number;
  /** From this instant the version's attributes apply (a rename on 2027-01-01 keeps the old name before). */
  effectiveFrom: string;
  changedBy: string;
  changedAt: string;
  reason: string | null;
}

export interface UnitProblem { row: number; id: string | null; field: string; message: string }

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** 区划代码: 6 digits (county and above), 9 (township), 12 (village). */
const REGION = /^\d{6}(?:\d{3}(?:\d{3})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ATTRIBUTES = ['nameZh', 'shortName', 'kind', 'parentId', 'regionCode', 'supervisingBodyId', 'validFrom', 'validTo'] as const;

/** The attributes of an input with absent optional fields as null (what a version stores). */
export function normaliseUnit(u: UnitInput): Omit<UnitVersion, 'version' | 'effectiveFrom' | 'changedBy' | 'changedAt' | 'reason'> {
  const s = (v: string | null | undefined) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim());
  return {
    id: u.id.trim(), nameZh: u.nameZh.trim(), shortName: s(u.shortName), kind: u.kind, parentId: s(u.parentId),
    regionCode: s(u.regionCode), supervisingBodyId: s(u.supervisingBodyId), validFrom: s(u.validFrom), validTo: s(u.validTo),
  };
}

/** True when the input would change nothing of the current version (an import repeated is no new version). */
export function sameAttributes(a: UnitInput, b: UnitInput): boolean {
  const x = normaliseUnit(a), y = normaliseUnit(b);
  return ATTRIBUTES.every((k) => x[k] === y[k]);
}

/**
 * Every problem of a batch (nothing is imported when there is one): required fields, formats, duplicates, parents and
 * supervising bodies that exist (in the directory or the batch), no unit its own ancestor. `known` are the ids already
 * in the directory with their current parent.
 */
export function validateUnitBatch(rows: unknown[], known: ReadonlyMap<string, string | null>): { ok: true; units: UnitInput[] } | { ok: false; problems: UnitProblem[] } {
  const problems: UnitProblem[] = [];
  const units: UnitInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, row) => {
    const add = (field: string, message: string, id: string | null = null) => problems.push({ row, id, field, message });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return add('', '应为对象 / must be an object');
    const r = raw as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : r[k] === undefined || r[k] === null ? '' : null);
    const id = str('id');
    const ok = typeof id === 'string' && ID.test(id);
    if (!ok) add('id', '单位编号缺失或格式不正确（字母数字及 . _ -，至多80字符） / id missing or malformed (letters, digits, . _ -, at most 80)');
    const uid = ok ? (id as string) : null;
    let duplicate = false;
    if (uid !== null) {
      duplicate = seen.has(uid);
      if (duplicate) add('id', `与第${seen.get(uid)}行重复 / duplicate of row ${seen.get(uid)}`, uid);
      else seen.set(uid, row);
    }
    for (const k of Object.keys(r)) {
      if (!['id', ...ATTRIBUTES].includes(k)) add(k, '未知字段 / unknown field', uid);
    }
    const name = str('nameZh');
    if (!name) add('nameZh', '单位全称必填 / the full Chinese name is required', uid);
    else if (name.length > 60) add('nameZh', '单位全称过长（至多60字，公文主送、抄送栏的上限） / name too long (at most 60, the limit of a letter addressee and copy line)', uid);
    const kind = str('kind');
    if (!kind || !(UNIT_KINDS as readonly string[]).includes(kind)) add('kind', `类别应为 ${UNIT_KINDS.join(', ')} 之一 / kind must be one of ${UNIT_KINDS.join(', ')}`, uid);
    for (const k of ['shortName', 'parentId', 'regionCode', 'supervisingBodyId', 'validFrom', 'validTo']) {
      if (str(k) === null) add(k, '应为字符串 / must be a string', uid);
    }
    const region = str('regionCode');
    if (region && !REGION.test(region)) add('regionCode', '行政区划代码应为6、9或12位数字 / region code must be 6, 9 or 12 digits', uid);
    const from = str('validFrom'), to = str('validTo');
    for (const [k, v] of [['validFrom', from], ['validTo', to]] as const) {
      if (v && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) add(k, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD', uid);
    }
    if (from && to && DATE.test(from) && DATE.test(to) && from > to) add('validTo', '终止日期早于起始日期 / validTo before validFrom', uid);
    if (uid && str('parentId') === uid) add('parentId', '上级单位不能是本单位 / a unit cannot be its own parent', uid);
    if (uid && !duplicate && name && kind && (UNIT_KINDS as readonly string[]).includes(kind)) {
      units.push({ id: uid, nameZh: name, shortName: str('shortName') || null, kind: kind as UnitKind, parentId: str('parentId') || null,
        regionCode: region || null, supervisingBodyId: str('supervisingBodyId') || null, validFrom: from || null, validTo: to || null });
    }
  });
  // References: to a unit of the batch or of the directory.
  const exists = (id: string) => seen.has(id) || known.has(id);
  const parents = new Map<string, string | null>(known);
  for (const u of units) parents.set(u.id, u.parentId ?? null);
  for (const u of units) {
    const row = seen.get(u.id) ?? -1;
    for (const field of ['parentId', 'supervisingBodyId'] as const) {
      const ref = u[field];
      if (ref && !exists(ref)) problems.push({ row, id: u.id, field, message: `单位 ${ref} 不在目录及本批次中 / unit ${ref} is neither in the directory nor in the batch` });
    }
    // Walk up: a cycle brings us back to the unit.
    let at = u.parentId ?? null;
    for (let hops = 0; at && hops <= parents.size; hops++) {
      if (at === u.id) { problems.push({ row, id: u.id, field: 'parentId', message: '上级关系形成循环 / the parent chain loops back to the unit' }); break; }
      at = parents.get(at) ?? null;
    }
  }
  return problems.length ? { ok: false, problems: problems.sort((a, b) => a.row - b.row) } : { ok: true, units };
}

/** The version in effect at `at` (ISO instant): latest effectiveFrom ≤ at, then highest version; null before the first. */
export function versionAsOf<V extends Pick<UnitVersion, 'version' | 'effectiveFrom'>>(versions: readonly V[], at: string): V | null {
  const t = Date.parse(at);
  let best: V | null = null;
  for (const v of versions) {
    const e = Date.parse(v.effectiveFrom);
    if (e > t) continue;
    if (!best || e > Date.parse(best.effectiveFrom) || (e === Date.parse(best.effectiveFrom) && v.version > best.version)) best = v;
  }
  return best;
}

/** Whether the unit exists on the (China) calendar day of `at`: validFrom ≤ day ≤ validTo. */
export function isActiveOn(v: Pick<UnitVersion, 'validFrom' | 'validTo'>, at: string): boolean {
  const day = shanghaiDate(Date.parse(at));
  return (!v.validFrom || v.validFrom <= day) && (!v.validTo || day <= v.validTo);
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

export interface UnitMatch { id: string; nameZh: string; why: 'edit_distance' | 'prefix' | 'name' }

/**
 * Units a mistyped id probably meant, best first (at most `limit`): an id within a few edits (≤ 2, or a quarter of
 * its length for long ids), an id sharing a long prefix (≥ 8 characters, or the whole shorter id), or a unit whose
 * full or short name contains the text (or is contained in it).
 */
export function closeMatches(text: string, units: readonly Pick<UnitVersion, 'id' | 'nameZh' | 'shortName'>[], limit = 3): UnitMatch[] {
  const q = text.trim();
  const lq = q.toLowerCase();
  const scored: { m: UnitMatch; score: number }[] = [];
  for (const u of units) {
    const lid = u.id.toLowerCase();
    const d = editDistance(lq, lid);
    const maxD = Math.max(2, Math.floor(Math.max(lq.length, lid.length) / 4));
    let prefix = 0;
    while (prefix < Math.min(lq.length, lid.length) && lq[prefix] === lid[prefix]) prefix++;
    const names = [u.nameZh, u.shortName].filter((n): n is string => !!n);
    if (d <= maxD) scored.push({ m: { id: u.id, nameZh: u.nameZh, why: 'edit_distance' }, score: d });
    else if (prefix >= 8 || (prefix > 0 && prefix === Math.min(lq.length, lid.length))) scored.push({ m: { id: u.id, nameZh: u.nameZh, why: 'prefix' }, score: 100 - prefix });
    else if (q.length >= 2 && names.some((n) => n.includes(q) || q.includes(n))) scored.push({ m: { id: u.id, nameZh: u.nameZh, why: 'name' }, score: 200 });
  }
  return scored.sort((a, b) => a.score - b.score || a.m.id.localeCompare(b.m.id)).slice(0, limit).map((s) => s.m);
}
