import type { DataSource } from 'typeorm';

/** 待办 (open, nothing answered yet), 已办 (replied or closed), all. */
export type CaseListView = 'todo' | 'done' | 'all';

export interface CaseListFilter {
  view: CaseListView;
  /** A unit's cases: lead or co-unit. Absent: every case (bureau roles). */
  unitId?: string;
  /** Only cases at these steps (the registrar's 待办: routing). */
  steps?: string[];
  /** Case id (part of it), category code or region code prefix. */
  q?: string;
  limit: number;
}

export interface CaseListItem {
  caseId: string;
  status: string;
  step: string;
  kind: string | null;
  category: string | null;
  regionCode: string | null;
  leadUnitId: string | null;
  coUnitIds: string[];
  registeredAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  /** The deadline the case waits on next: the unit's own first, else the case's next (e.g. a petitioner's window). */
  dueKey: string | null;
  dueAt: string | null;
  breachCount: number;
  provisionalYears: number[];
}

const ts = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/** The workbench's case lists, from the read model (no personal data: the petitioner is never in the cases table). */
export class WorkbenchCaseQueries {
  constructor(private readonly ds: DataSource) {}

  async list(f: CaseListFilter): Promise<CaseListItem[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    const conds: string[] = [];
    if (f.view === 'todo') conds.push(`status = 'open'`, 'replied_at IS NULL');
    if (f.view === 'done') conds.push(`(status = 'closed' OR replied_at IS NOT NULL)`);
    if (f.unitId) { const u = p(f.unitId); conds.push(`(lead_unit_id = ${u} OR ${u} = ANY(co_unit_ids))`); }
    if (f.steps?.length) conds.push(`step = ANY(${p(f.steps)})`);
    if (f.q) {
      const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const prefix = p(`${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      conds.push(`(case_id ILIKE ${like} OR category = ${p(f.q)} OR region_code LIKE ${prefix} OR lead_unit_id ILIKE ${like})`);
    }
    const order = f.view === 'todo'
      ? 'COALESCE(unit_due_at, next_deadline_at) ASC NULLS LAST, case_id'
      : 'COALESCE(closed_at, replied_at, registered_at) DESC NULLS LAST, case_id';
    const rows = await this.ds.query(
      `SELECT case_id, status, step, kind, category, region_code, lead_unit_id, co_unit_ids, registered_at, replied_at, closed_at,
              COALESCE(unit_due_key, next_deadline_key) AS due_key, COALESCE(unit_due_at, next_deadline_at) AS due_at, breach_count, provisional_years
         FROM cases ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p(f.limit)}`, params) as Record<string, unknown>[];
    return rows.map((r) => ({
      caseId: r.case_id as string, status: r.status as string, step: r.step as string, kind: r.kind as string | null,
      category: r.category as string | null, regionCode: r.region_code as string | null, leadUnitId: r.lead_unit_id as string | null,
      coUnitIds: (r.co_unit_ids as string[] | null) ?? [], registeredAt: ts(r.registered_at), repliedAt: ts(r.replied_at), closedAt: ts(r.closed_at),
      dueKey: r.due_key as string | null, dueAt: ts(r.due_at), breachCount: Number(r.breach_count ?? 0),
      provisionalYears: (r.provisional_years as number[] | null) ?? [],
    }));
  }
}
