import type { DataSource, EntityManager } from 'typeorm';
import { type Page, type PageResult, Params, encodeCursor, requireCursor, where } from './supervision.filters';

/** Why the access rule let the actor read a case's personal data (see docs/personal-data-access.md). */
export type PersonalDataBasis = 'filing_bureau' | 'lead_unit' | 'review_body' | 'named_role';

/** One read of personal data in clear, as the API records it before answering. */
export interface PersonalDataRead {
  actorId: string;
  actorRole: string;
  actorUnit: string | null;
  caseId: string;
  /** The route that answered, as in ACCESS_RULES (`GET /petitions/:caseId/petitioner`). */
  route: string;
  /** The purpose the caller stated, or the route's own purpose. */
  purpose: string;
  basis: PersonalDataBasis;
  /** The personal-data fields given in clear (name, idNumber, phone, address, summary). */
  fields: string[];
}

export interface PersonalDataReadRow extends PersonalDataRead {
  id: string;
  readAt: string;
}

export interface PersonalDataReadFilter {
  caseId?: string;
  actorId?: string;
  /** [from, to) on read_at. */
  from?: string;
  to?: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

const toRow = (r: Record<string, unknown>): PersonalDataReadRow => ({
  id: String(r.id),
  readAt: iso(r.read_at),
  actorId: String(r.actor_id),
  actorRole: String(r.actor_role),
  actorUnit: r.actor_unit === null ? null : String(r.actor_unit),
  caseId: String(r.case_id),
  route: String(r.route),
  purpose: String(r.purpose),
  basis: r.basis as PersonalDataBasis,
  fields: r.fields as string[],
});

/**
 * The one owner of `personal_data_reads` (append-only in PostgreSQL: triggers refuse UPDATE, DELETE and TRUNCATE).
 * `record` is the only writer; the API calls it before it answers with personal data, and answers nothing when it fails.
 */
export class PersonalDataReads {
  constructor(private readonly ds: DataSource) {}

  /** Appends one read; the time is the database's (clock_timestamp at the insert). */
  async record(read: PersonalDataRead, manager: EntityManager = this.ds.manager): Promise<PersonalDataReadRow> {
    const [row] = await manager.query(
      `INSERT INTO personal_data_reads (actor_id, actor_role, actor_unit, case_id, route, purpose, basis, fields)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [read.actorId, read.actorRole, read.actorUnit, read.caseId, read.route, read.purpose, read.basis, read.fields]) as Record<string, unknown>[];
    return toRow(row!);
  }

  /** Newest first (by id: the order of the inserts), keyset-paginated with an opaque cursor. */
  async list(f: PersonalDataReadFilter, page: Page): Promise<PageResult<PersonalDataReadRow>> {
    const p = new Params();
    const conds: string[] = [];
    if (f.caseId) conds.push(`case_id = ${p.add(f.caseId)}`);
    if (f.actorId) conds.push(`actor_id = ${p.add(f.actorId)}`);
    if (f.from) conds.push(`read_at >= ${p.add(f.from)}`);
    if (f.to) conds.push(`read_at < ${p.add(f.to)}`);
    if (page.cursor) {
      const [id] = requireCursor(page.cursor, ['seq']);
      conds.push(`id < ${p.add(id)}`);
    }
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT * FROM personal_data_reads ${where(conds)} ORDER BY id DESC LIMIT ${p.add(page.limit + 1)}`, p.values);
    const items = rows.slice(0, page.limit).map(toRow);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([Number(last.id)]) : null };
  }
}
