/** Filters and pagination shared by the supervision queries (validated at the API edge, trusted here). */
export interface CaseFilter {
  /** Lead (responsible) unit. */
  unitId?: string;
  /** Administrative division code prefix: '3201' a city, '320102' a county, '320102005' a township. */
  regionPrefix?: string;
  category?: string;
  channel?: string;
  kind?: string;
  status?: string;
  step?: string;
  /** Current handler (last handler of the lead unit who acted). */
  handlerId?: string;
  /** Period [from, to) on the registration time (on the breach time for ledger queries). */
  from?: string;
  to?: string;
}

export const MAX_PAGE = 500;

export interface Page { limit: number; cursor?: string }
export interface OffsetPage { limit: number; offset: number }
export interface PageResult<T> { items: T[]; nextCursor: string | null }

/** Collects positional parameters for one statement. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** LIKE pattern for a prefix: the prefix's own wildcards are escaped. */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A region prefix on `cases` (alias `alias`): up to 6 digits on the county code (a county's cases registered at
 * township level included), longer on the township code (township-level cases only).
 */
export const regionCondition = (prefix: string, p: Params, alias = 'c'): string =>
  `${alias ? `${alias}.` : ''}${prefix.length > 6 ? 'township_code' : 'region_code'} LIKE ${p.add(likePrefix(prefix))}`;

/** A region prefix on a table with region_code and case_id but no township code (the accountability ledger). */
export const ledgerRegionCondition = (prefix: string, p: Params, alias = 'l'): string => (prefix.length > 6
  ? `${alias}.case_id IN (SELECT case_id FROM cases WHERE township_code LIKE ${p.add(likePrefix(prefix))})`
  : `${alias}.region_code LIKE ${p.add(likePrefix(prefix))}`);

/** The same on a PetitionRegistered payload (`payload` = its jsonb expression). */
export const payloadRegionCondition = (prefix: string, p: Params, payload = 'payload'): string =>
  `${payload}->>'${prefix.length > 6 ? 'townshipCode' : 'regionCode'}' LIKE ${p.add(likePrefix(prefix))}`;

/**
 * WHERE conditions on `cases` (alias `alias`). `periodColumn` chooses the column the period applies to.
 */
export function caseConditions(f: CaseFilter, p: Params, alias = 'c', periodColumn = 'registered_at'): string[] {
  const w: string[] = [];
  if (f.unitId) w.push(`${alias}.lead_unit_id = ${p.add(f.unitId)}`);
  if (f.regionPrefix) w.push(regionCondition(f.regionPrefix, p, alias));
  if (f.category) w.push(`${alias}.category = ${p.add(f.category)}`);
  if (f.channel) w.push(`${alias}.channel = ${p.add(f.channel)}`);
  if (f.kind) w.push(`${alias}.kind = ${p.add(f.kind)}`);
  if (f.status) w.push(`${alias}.status = ${p.add(f.status)}`);
  if (f.step) w.push(`${alias}.step = ${p.add(f.step)}`);
  if (f.handlerId) w.push(`${alias}.current_handler_id = ${p.add(f.handlerId)}`);
  if (f.from) w.push(`${alias}.${periodColumn} >= ${p.add(f.from)}`);
  if (f.to) w.push(`${alias}.${periodColumn} < ${p.add(f.to)}`);
  return w;
}

export const where = (conds: string[]): string => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

/** Opaque keyset cursor: the sort key of the last item returned. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * What each position of a cursor must hold: 'instant' a UTC time as Date#toISOString writes it,
 * 'id' a case id, 'seq' a non-negative integer. A cursor is refused unless every value fits, so a crafted cursor
 * never reaches PostgreSQL as a value it would reject.
 */
export type CursorPart = 'instant' | 'id' | 'seq';

const CURSOR_ID = /^[\w.:\-]{1,128}$/;
const fits = (v: unknown, part: CursorPart): boolean => {
  switch (part) {
    // Exactly what Date#toISOString writes (so no impossible date like 02-30 survives), years 1–9999 as PostgreSQL takes them.
    case 'instant': return typeof v === 'string' && /^\d{4}-/.test(v) && !v.startsWith('0000') && Number.isFinite(Date.parse(v))
      && new Date(v).toISOString() === v;
    case 'id': return typeof v === 'string' && CURSOR_ID.test(v);
    case 'seq': return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 2_147_483_647;
  }
};

export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] | null {
  // Only the canonical base64url text of the key (what encodeCursor writes) is a cursor.
  if (cursor.length > 400 || !/^[\w-]*$/.test(cursor)) return null;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.toString('base64url') !== cursor) return null;
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    if (!Array.isArray(v) || v.length !== shape.length) return null;
    for (let i = 0; i < shape.length; i++) if (!fits(v[i], shape[i]!)) return null;
    return v as (string | number)[];
  } catch {
    return null;
  }
}

/** A query refused: invalid cursor or parameter combination. Stable code, zh-CN and English. */
export class ReadModelQueryError extends Error {
  constructor(readonly code: string, readonly messageZh: string, readonly messageEn: string) {
    super(`${code}: ${messageEn}`);
  }
}

export function requireCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  const key = decodeCursor(cursor, shape);
  if (!key) throw new ReadModelQueryError('QUERY_INVALID_CURSOR', '分页游标无效', 'Invalid pagination cursor');
  return key;
}
