import type { DataSource } from 'typeorm';
import { type PersonInput, type PersonRole, type PersonVersion, samePerson } from './person.model';
import { type UnitMatch, closeMatches, isActiveOn, versionAsOf } from './unit.model';

const COLUMNS = `person_id AS id, version, name_zh AS "nameZh", unit_id AS "unitId", roles, valid_from::text AS "validFrom",
  valid_to::text AS "validTo", effective_from AS "effectiveFrom", changed_by AS "changedBy", changed_at AS "changedAt", reason`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string));
const normalise = (row: Record<string, unknown>): PersonVersion => ({
  ...(row as unknown as PersonVersion), version: Number(row.version), effectiveFrom: iso(row.effectiveFrom), changedAt: iso(row.changedAt),
});

/** Why a person cannot take a role on a case. */
export type PersonCheck =
  | { ok: true; person: PersonVersion | null }
  | { ok: false; code: 'PERSON_UNKNOWN'; personId: string; suggestions: UnitMatch[] }
  | { ok: false; code: 'PERSON_INACTIVE'; personId: string; suggestions: UnitMatch[] }
  | { ok: false; code: 'PERSON_WRONG_UNIT'; personId: string; person: PersonVersion; allowedUnits: string[] }
  | { ok: false; code: 'PERSON_WRONG_ROLE'; personId: string; person: PersonVersion; allowedRoles: PersonRole[] };

/**
 * The people directory (owner of org_people): handlers, unit heads, leaders, supervisors, auditors, registrars, each
 * with a unit and roles, versioned like units (who, when, why, from when); nothing is edited. An empty directory
 * checks nothing.
 */
export class PersonDirectory {
  constructor(private readonly ds: DataSource) {}

  /** Appends a version for each person that differs from the current one; returns what changed. All or nothing. */
  async import(people: PersonInput[], by: { changedBy: string; reason?: string; effectiveFrom?: string }): Promise<{ created: string[]; updated: string[]; unchanged: string[] }> {
    return this.ds.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 5))', ['org-people']);
      const current = new Map<string, PersonVersion>(
        (await tx.query(`SELECT DISTINCT ON (person_id) ${COLUMNS} FROM org_people ORDER BY person_id, version DESC`)).map((r: Record<string, unknown>) => [r.id as string, normalise(r)]));
      const out = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
      for (const p of people) {
        const before = current.get(p.id);
        if (before && samePerson(before, p)) { out.unchanged.push(p.id); continue; }
        await tx.query(
          `INSERT INTO org_people (person_id, version, name_zh, unit_id, roles, valid_from, valid_to, effective_from, changed_by, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now()), $9, $10)`,
          [p.id, (before?.version ?? 0) + 1, p.nameZh, p.unitId, p.roles, p.validFrom ?? null, p.validTo ?? null, by.effectiveFrom ?? null, by.changedBy, by.reason ?? null]);
        (before ? out.updated : out.created).push(p.id);
      }
      return out;
    });
  }

  /** The current version of every person (optionally of one unit), by id. */
  async list(filter: { unitId?: string } = {}): Promise<PersonVersion[]> {
    const all: PersonVersion[] = (await this.ds.query(`SELECT DISTINCT ON (person_id) ${COLUMNS} FROM org_people ORDER BY person_id, version DESC`)).map(normalise);
    return filter.unitId ? all.filter((p) => p.unitId === filter.unitId) : all;
  }

  /** Every version of a person, oldest first (empty when unknown). */
  async history(id: string): Promise<PersonVersion[]> {
    return (await this.ds.query(`SELECT ${COLUMNS} FROM org_people WHERE person_id = $1 ORDER BY version`, [id])).map(normalise);
  }

  /** The person as of an instant (default now); null when unknown or not yet recorded then. */
  async get(id: string, asOf?: string): Promise<PersonVersion | null> {
    return versionAsOf(await this.history(id), asOf ?? new Date().toISOString());
  }

  /**
   * Can `personId` act in one of `roles` for one of `unitIds` at `at`? ok when the directory is empty (not in use);
   * otherwise the person must be known, in post that day, of one of the units and hold one of the roles.
   */
  async check(personId: string, want: { unitIds: readonly string[]; roles: readonly PersonRole[] }, at: string = new Date().toISOString()): Promise<PersonCheck> {
    const rows: PersonVersion[] = (await this.ds.query(`SELECT ${COLUMNS} FROM org_people ORDER BY person_id, version`)).map(normalise);
    if (!rows.length) return { ok: true, person: null };
    const byId = new Map<string, PersonVersion[]>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    const people = [...byId.values()].map((vs) => versionAsOf(vs, at) ?? vs[0]!);
    // Close matches among those who could take the role: same unit and role, active.
    const fit = people.filter((p) => isActiveOn(p, at) && want.unitIds.includes(p.unitId) && p.roles.some((r) => want.roles.includes(r)));
    const matchable = fit.map((p) => ({ id: p.id, nameZh: p.nameZh, shortName: null }));
    const person = people.find((p) => p.id === personId);
    if (!person) return { ok: false, code: 'PERSON_UNKNOWN', personId, suggestions: closeMatches(personId, matchable) };
    if (!isActiveOn(person, at)) return { ok: false, code: 'PERSON_INACTIVE', personId, suggestions: closeMatches(personId, matchable.filter((m) => m.id !== personId)) };
    if (!want.unitIds.includes(person.unitId)) return { ok: false, code: 'PERSON_WRONG_UNIT', personId, person, allowedUnits: [...want.unitIds] };
    if (!person.roles.some((r) => want.roles.includes(r))) return { ok: false, code: 'PERSON_WRONG_ROLE', personId, person, allowedRoles: [...want.roles] };
    return { ok: true, person };
  }
}
