import type { DataSource, EntityManager } from 'typeorm';
import { PersonDirectory } from './person-directory.store';
import { Reorganizations } from './reorganizations.store';
import { type UnitInput, type UnitVersion, closeMatches, isActiveOn, sameAttributes, versionAsOf } from './unit.model';
import { type RegionEntry, type TownshipCheck, checkTownship, regionsOf } from './region.model';

const COLUMNS = `unit_id AS id, version, name_zh AS "nameZh", short_name AS "shortName", kind, parent_id AS "parentId",
  region_code AS "regionCode", supervising_body_id AS "supervisingBodyId", valid_from::text AS "validFrom", valid_to::text AS "validTo",
  effective_from AS "effectiveFrom", changed_by AS "changedBy", changed_at AS "changedAt", reason`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string));
const normalise = (row: Record<string, unknown>): UnitVersion => ({
  ...(row as unknown as UnitVersion), version: Number(row.version), effectiveFrom: iso(row.effectiveFrom), changedAt: iso(row.changedAt),
});

/** Why a unit id cannot be used: not in the directory, or not existing on the day (abolished / not yet created). */
export type UnitCheck = { ok: true } | { ok: false; code: 'UNIT_UNKNOWN' | 'UNIT_INACTIVE'; unitId: string; suggestions: ReturnType<typeof closeMatches> };

/**
 * The organization directory (owner of org_units). An import appends a version per changed unit (who, when, why, from
 * when it applies); nothing is ever edited, so names are read as of a date. An empty directory checks nothing.
 */
export class UnitDirectory {
  constructor(private readonly ds: DataSource) {}

  /** The people of the directory (their own owner, PersonDirectory: org_people). */
  people(): PersonDirectory {
    return new PersonDirectory(this.ds);
  }

  /** 机构改革 (their own owner, Reorganizations: org_reorganizations). */
  reorganizations(): Reorganizations {
    return new Reorganizations(this.ds);
  }

  /**
   * Appends a version for each unit that differs from its current one; returns what changed. All or nothing (inside
   * the caller's transaction when given: a reorganization records itself with the versions it appends).
   */
  async import(units: UnitInput[], by: { changedBy: string; reason?: string; effectiveFrom?: string }, within?: EntityManager): Promise<{ created: string[]; updated: string[]; unchanged: string[] }> {
    const run = <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> => (within ? work(within) : this.ds.transaction(work));
    return run(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 5))', ['org-units']);
      const current = new Map<string, UnitVersion>(
        (await tx.query(`SELECT DISTINCT ON (unit_id) ${COLUMNS} FROM org_units ORDER BY unit_id, version DESC`)).map((r: Record<string, unknown>) => [r.id as string, normalise(r)]));
      const out = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
      for (const u of units) {
        const before = current.get(u.id);
        if (before && sameAttributes(before, u)) { out.unchanged.push(u.id); continue; }
        await tx.query(
          `INSERT INTO org_units (unit_id, version, name_zh, short_name, kind, parent_id, region_code, supervising_body_id, valid_from, valid_to,
             effective_from, changed_by, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, COALESCE($11::timestamptz, now()), $12, $13)`,
          [u.id, (before?.version ?? 0) + 1, u.nameZh, u.shortName ?? null, u.kind, u.parentId ?? null, u.regionCode ?? null,
            u.supervisingBodyId ?? null, u.validFrom ?? null, u.validTo ?? null, by.effectiveFrom ?? null, by.changedBy, by.reason ?? null]);
        (before ? out.updated : out.created).push(u.id);
      }
      return out;
    });
  }

  /** The current version of every unit, by id. */
  async list(): Promise<UnitVersion[]> {
    return (await this.ds.query(`SELECT DISTINCT ON (unit_id) ${COLUMNS} FROM org_units ORDER BY unit_id, version DESC`)).map(normalise);
  }

  async count(): Promise<number> {
    const [row] = await this.ds.query('SELECT count(DISTINCT unit_id)::int AS n FROM org_units');
    return Number(row.n);
  }

  /** Every version of a unit, oldest first (empty when unknown). */
  async history(id: string): Promise<UnitVersion[]> {
    return (await this.ds.query(`SELECT ${COLUMNS} FROM org_units WHERE unit_id = $1 ORDER BY version`, [id])).map(normalise);
  }

  /** The unit as of an instant (default now); null when unknown or not yet recorded then. */
  async get(id: string, asOf?: string): Promise<UnitVersion | null> {
    return versionAsOf(await this.history(id), asOf ?? new Date().toISOString());
  }

  /**
   * Names as of an instant for display, falling back to the id (unknown units, an empty directory). A unit recorded
   * only after the instant is shown with its first recorded name (better than an id on a letter).
   */
  async namesAsOf(ids: readonly string[], asOf: string): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter(Boolean))];
    const names = new Map(wanted.map((id) => [id, id]));
    if (!wanted.length) return names;
    const rows: UnitVersion[] = (await this.ds.query(`SELECT ${COLUMNS} FROM org_units WHERE unit_id = ANY($1) ORDER BY unit_id, version`, [wanted])).map(normalise);
    for (const id of wanted) {
      const versions = rows.filter((r) => r.id === id);
      const v = versionAsOf(versions, asOf) ?? versions[0];
      if (v) names.set(id, v.nameZh);
    }
    return names;
  }

  /**
   * Names for records of different dates (each record's unit as of its own date, e.g. a breach as of the breach):
   * returns a lookup (unit id, instant) → name, falling back like namesAsOf. One query for all the ids.
   */
  async nameLookup(ids: readonly string[]): Promise<(id: string | null, at: string) => string | null> {
    const wanted = [...new Set(ids.filter(Boolean))];
    const rows: UnitVersion[] = wanted.length
      ? (await this.ds.query(`SELECT ${COLUMNS} FROM org_units WHERE unit_id = ANY($1) ORDER BY unit_id, version`, [wanted])).map(normalise)
      : [];
    const byId = new Map<string, UnitVersion[]>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    return (id, at) => {
      if (!id) return null;
      const versions = byId.get(id);
      if (!versions) return id;
      return (versionAsOf(versions, at) ?? versions[0]!).nameZh;
    };
  }

  /** Checks ids a command names: ok when the directory is empty (not in use), else each must exist and be active at `at`. */
  async check(ids: readonly string[], at: string = new Date().toISOString()): Promise<UnitCheck> {
    const rows: UnitVersion[] = (await this.ds.query(`SELECT ${COLUMNS} FROM org_units ORDER BY unit_id, version`)).map(normalise);
    if (!rows.length) return { ok: true };
    // Each unit as of `at` (a unit recorded only later: its first version), so suggestions carry the names of that day.
    const byId = new Map<string, UnitVersion[]>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    const units = [...byId.values()].map((vs) => versionAsOf(vs, at) ?? vs[0]!);
    const active = units.filter((x) => isActiveOn(x, at));
    for (const id of ids) {
      const v = units.find((x) => x.id === id);
      if (!v) return { ok: false, code: 'UNIT_UNKNOWN', unitId: id, suggestions: closeMatches(id, active) };
      if (!isActiveOn(v, at)) return { ok: false, code: 'UNIT_INACTIVE', unitId: id, suggestions: closeMatches(id, active.filter((x) => x.id !== id)) };
    }
    return { ok: true };
  }

  /** The places the directory names as of an instant (cities, counties, townships: region.model.ts). */
  async regions(at: string = new Date().toISOString()): Promise<RegionEntry[]> {
    const rows: UnitVersion[] = (await this.ds.query(
      `SELECT ${COLUMNS} FROM org_units WHERE kind IN ('township', 'government') ORDER BY unit_id, version`)).map(normalise);
    const byId = new Map<string, UnitVersion[]>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    const units = [...byId.values()].map((vs) => versionAsOf(vs, at)).filter((v): v is UnitVersion => v !== null);
    return regionsOf(units, at);
  }

  /** A registration's township: ok when the directory lists no township at all, else it must list this one (today). */
  async checkTownship(code: string, at: string = new Date().toISOString()): Promise<TownshipCheck> {
    return checkTownship(code, await this.regions(at));
  }
}
